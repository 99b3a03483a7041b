/**
 * node:crypto implementation of the integrity core's crypto: one-shot
 * `crypto.hash` for SHA-256 (the fastest option measured, see PROTOCOL.md §11)
 * and Ed25519 through KeyObjects built from raw keys (cached per key), many
 * signatures at once in libuv's thread pool.
 */
import { createPrivateKey, createPublicKey, hash, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoProvider, Ed25519Check, Signer } from '../crypto.js';
import { keyIdOf } from '../keys.js';

// DER prefixes that wrap a raw Ed25519 key (RFC 8410).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const publicKeys = new Map<string, KeyObject>();

export function publicKeyObject(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('hex');
  let k = publicKeys.get(id);
  if (!k) {
    k = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    if (publicKeys.size > 1024) publicKeys.clear();
    publicKeys.set(id, k);
  }
  return k;
}

export function rawPublicKeyFromObject(k: KeyObject): Uint8Array {
  const der = k.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export const nodeCrypto: CryptoProvider = {
  sha256(data: Uint8Array): Uint8Array {
    return hash('sha256', data, 'buffer');
  },
  sha256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
    // A latin1 ('binary') string of the digest: no Buffer (and no ArrayBuffer) is made.
    const s = hash('sha256', data, 'binary');
    for (let i = 0; i < 32; i++) out[offset + i] = s.charCodeAt(i);
  },
  sha256Hex(data: Uint8Array): string {
    return hash('sha256', data, 'hex');
  },
  hex(bytes: Uint8Array): string {
    return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('hex');
  },
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  },
  verifyEd25519Many(checks: readonly Ed25519Check[]): Promise<boolean[]> {
    return Promise.all(
      checks.map(
        (c) =>
          new Promise<boolean>((res) => {
            if (c.publicKey.length !== 32 || c.signature.length !== 64) return res(false);
            try {
              // With a callback, node:crypto verifies in libuv's thread pool.
              verify(null, c.message, publicKeyObject(c.publicKey), c.signature, (err, ok) => res(!err && ok));
            } catch {
              res(false);
            }
          }),
      ),
    );
  },
};

/** A Signer from a raw 32-byte Ed25519 seed. */
export function signerFromSeed(seed: Uint8Array, epoch: number): Signer {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = rawPublicKeyFromObject(createPublicKey(priv));
  return {
    epoch,
    publicKey,
    keyId: keyIdOf(nodeCrypto, publicKey),
    sign: (message: Uint8Array) => new Uint8Array(sign(null, message, priv)),
  };
}
