/**
 * Key identities and the checker's trust store (protocol v1, PROTOCOL.md §8).
 *
 * key id  = hex(SHA-256(raw public key)[0..8])
 * Trust   = the epoch-0 public keys the user passes (anchors), plus keys
 *           announced by a verified seal of the previous epoch, plus keyring
 *           entries whose certificate verifies under a trusted previous key.
 */
import { toHex } from './bytes.js';
import { keyCertStatement } from './control.js';
import type { CryptoProvider, HashProvider } from './crypto.js';

export function keyIdOf(crypto: HashProvider, publicKey: Uint8Array): string {
  return toHex(crypto.sha256(publicKey).subarray(0, 8));
}

export interface TrustedKey {
  /** key id of the epoch-0 key this key descends from. */
  anchorId: string;
  epoch: number;
  keyId: string;
  publicKey: Uint8Array;
  /** How it became trusted: 'anchor', 'seal <stream> seq N', or 'keyring'. */
  via: string;
}

export interface KeyringEntry {
  anchorId?: string;
  epoch: number;
  publicKey: Uint8Array;
  /** Signature by the previous epoch's key over keyCertStatement(anchorId, epoch, publicKey). */
  cert?: Uint8Array;
}

export class TrustStore {
  readonly #byId = new Map<string, TrustedKey>();
  constructor(private readonly crypto: CryptoProvider) {}

  get size(): number {
    return this.#byId.size;
  }

  get(keyId: string): TrustedKey | undefined {
    return this.#byId.get(keyId);
  }

  keys(): TrustedKey[] {
    return [...this.#byId.values()];
  }

  addAnchor(publicKey: Uint8Array): TrustedKey {
    const keyId = keyIdOf(this.crypto, publicKey);
    const k: TrustedKey = { anchorId: keyId, epoch: 0, keyId, publicKey, via: 'anchor' };
    if (!this.#byId.has(keyId)) this.#byId.set(keyId, k);
    return this.#byId.get(keyId)!;
  }

  /** Trusts `next` as epoch signer.epoch+1 because a verified seal signed by `signer` announced it. */
  announce(signer: TrustedKey, nextKey: Uint8Array, via: string): TrustedKey {
    const keyId = keyIdOf(this.crypto, nextKey);
    const existing = this.#byId.get(keyId);
    if (existing) return existing;
    const k: TrustedKey = { anchorId: signer.anchorId, epoch: signer.epoch + 1, keyId, publicKey: nextKey, via };
    this.#byId.set(keyId, k);
    return k;
  }

  /**
   * Adds keyring entries: epoch-0 entries are anchors only if `trustAnchors`
   * (the user named the file with --key); later epochs need a certificate that
   * verifies under an already trusted key of the previous epoch. Returns the
   * entries that could not be trusted, with the reason.
   */
  addKeyring(entries: KeyringEntry[], trustAnchors: boolean): string[] {
    const problems: string[] = [];
    const pending = [...entries].sort((a, b) => a.epoch - b.epoch);
    for (const e of pending) {
      if (e.epoch === 0) {
        if (trustAnchors) this.addAnchor(e.publicKey);
        continue;
      }
      if (!e.cert) {
        problems.push(`epoch ${e.epoch} key ${keyIdOf(this.crypto, e.publicKey)} has no certificate`);
        continue;
      }
      const candidates = [...this.#byId.values()].filter(
        (k) => k.epoch === e.epoch - 1 && (e.anchorId === undefined || k.anchorId === e.anchorId),
      );
      const signer = candidates.find((k) =>
        this.crypto.verifyEd25519(k.publicKey, keyCertStatement(k.anchorId, e.epoch, e.publicKey), e.cert!),
      );
      if (!signer) {
        problems.push(`epoch ${e.epoch} key ${keyIdOf(this.crypto, e.publicKey)}: certificate does not verify under any trusted epoch ${e.epoch - 1} key`);
        continue;
      }
      const keyId = keyIdOf(this.crypto, e.publicKey);
      if (!this.#byId.has(keyId)) {
        this.#byId.set(keyId, { anchorId: signer.anchorId, epoch: e.epoch, keyId, publicKey: e.publicKey, via: 'keyring' });
      }
    }
    return problems;
  }
}
