/**
 * The integrity core's crypto without node:crypto (browsers, edge runtimes):
 * @noble/hashes SHA-256 and @noble/curves Ed25519 (strict RFC 8032
 * verification, as node:crypto/OpenSSL does, not ZIP-215).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CryptoProvider, Signer } from './crypto.js';
import { keyIdOf } from './keys.js';

export const portableCrypto: CryptoProvider = {
  sha256(data: Uint8Array): Uint8Array {
    return sha256(data);
  },
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};

export function portableSignerFromSeed(seed: Uint8Array, epoch: number): Signer {
  const publicKey = ed25519.getPublicKey(seed);
  return {
    epoch,
    publicKey,
    keyId: keyIdOf(portableCrypto, publicKey),
    sign: (message: Uint8Array) => ed25519.sign(message, seed),
  };
}
