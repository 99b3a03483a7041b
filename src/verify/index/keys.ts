/**
 * Which key may have signed a seal, for a hit read from the index
 * (PROTOCOL.md §8): a key the auditor trusts (an anchor, or a keyring entry
 * whose certificate chain the trust store verified), or a key announced in
 * the `next_key` of a seal of the same stream that itself verifies, back to
 * a trusted key (the certificate chain from epoch 0 runs through those
 * seals). A key is in force from its certificate's `since` or its
 * announcing seal's signed time. Announcing seals come from the index and
 * are checked like any seal, so the index cannot make a key trusted.
 */
import type { CryptoProvider } from '../../integrity/crypto.js';
import { keyIdOf, type TrustedKey, type TrustStore } from '../../integrity/keys.js';
import { checkedSeal, type KeyLookup, type SealEvidence } from './reprove.js';

/** Seals of one stream that announce a next key, as the index holds them. */
export type Announcements = ReadonlyMap<string, readonly SealEvidence[]>;

export class SealKeys {
  readonly #byStream = new Map<string, KeyLookup>();

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly trust: TrustStore,
    /** By key id of the announced key: the seals (any stream) whose next_key it is. */
    private readonly announced: Announcements,
  ) {}

  /** The key lookup for seals of `stream`. */
  forStream(stream: string): KeyLookup {
    let f = this.#byStream.get(stream);
    if (!f) {
      const resolving = new Set<string>();
      f = (keyId, epoch, timeNs) => {
        const t = this.trust.get(keyId);
        let key: TrustedKey | undefined = t;
        if (!key) {
          if (resolving.has(keyId)) return `key ${keyId} is announced only by seals it signed itself`;
          resolving.add(keyId);
          try {
            key = this.#announced(stream, keyId, epoch, f!);
          } finally {
            resolving.delete(keyId);
          }
        }
        if (!key) return `key ${keyId} (epoch ${epoch}) is neither a trusted key nor announced by a verified seal of ${stream} (give its keyring with --key)`;
        if (key.epoch !== epoch) return `key ${keyId} is of epoch ${key.epoch}, the seal claims epoch ${epoch}`;
        if (key.sinceNs !== undefined && timeNs < key.sinceNs) return `the seal is dated before key ${keyId} came into force (predated seal)`;
        return key;
      };
      this.#byStream.set(stream, f);
    }
    return f;
  }

  /** A key of `epoch` announced by a verified seal of epoch - 1 of the same stream. */
  #announced(stream: string, keyId: string, epoch: number, lookup: KeyLookup): TrustedKey | undefined {
    if (epoch < 1) return undefined;
    for (const s of this.announced.get(keyId) ?? []) {
      if (s.stream !== stream) continue;
      const c = checkedSeal(this.crypto, s, lookup);
      if (!c.ok || !c.fields.nextKey || c.fields.epoch !== epoch - 1) continue;
      if (keyIdOf(this.crypto, c.fields.nextKey) !== keyId) continue;
      return { anchorId: c.key.anchorId, epoch, keyId, publicKey: c.fields.nextKey, via: `seal ${stream} seq ${s.seq}`, sinceNs: c.fields.timeNs };
    }
    return undefined;
  }
}
