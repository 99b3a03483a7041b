/**
 * Which key may sign the next control record of one chain (docs/PROTOCOL.md
 * §8.1): epoch continuity, followed per chain and never shared between
 * chains, so a verdict does not depend on which stream was read first.
 *
 *   start of what is present ─► any key the auditor trusts (anchor, or a
 *                               keyring entry whose certificate chain verifies),
 *                               under the stream's bound anchor if it has one
 *   then, epoch e            ─► the same key, or the key of epoch e+1 that a
 *                               verified seal of epoch e in this chain announced
 *                               in its next_key; anything else is a finding
 *
 * A key is never used before it came into force: a v2 keyring certificate's
 * time, or the time of the seal that announced it.
 *
 * A later chain of the same stream (a restart) may also start under a key
 * that a verified chain of that stream used or announced (`learned`, §8.1):
 * the certificate chain from the anchor runs through that chain's seals.
 */
import { keyIdOf, type TrustedKey, type TrustStore } from './keys.js';
import type { HashProvider } from './crypto.js';

export type KeyFindingKind = 'unknown_key' | 'epoch_jump' | 'predated_seal' | 'anchor_mismatch';

export type KeyCheck = { ok: true; key: TrustedKey } | { ok: false; kind: KeyFindingKind; message: string };

/** Streams whose name matches `pattern` must verify under one of `anchorIds` (`--key-for GLOB=PUB`). */
export interface AnchorBinding {
  pattern: string;
  anchorIds: ReadonlySet<string>;
}

/** `*` matches any run of characters, `/` included; every other character stands for itself. */
export function globMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const p = parts[i]!;
    const found = name.indexOf(p, at);
    if (found < 0 || found + p.length > end) return false;
    at = found + p.length;
  }
  return true;
}

/** The first binding whose pattern matches the stream (bindings apply in the order given). */
export function bindingFor(bindings: readonly AnchorBinding[] | undefined, stream: string): AnchorBinding | undefined {
  return bindings?.find((b) => globMatches(b.pattern, stream));
}

const NO_EPOCHS: ReadonlySet<number> = new Set();

export class ChainKeys {
  /** The key of the last verified control record; undefined at the start of what is present. */
  #current: TrustedKey | undefined;
  /** The next epoch's key, as the newest verified seal of the current epoch announced it. */
  #announced: TrustedKey | undefined;
  /** The epochs of the keys that signed its verified control records (made at the first one). */
  #epochs: Set<number> | undefined;
  get epochs(): ReadonlySet<number> {
    return this.#epochs ?? NO_EPOCHS;
  }
  /** Every key this chain verified a control record under or had announced by a verified seal, by key id. */
  #vouchedMap: Map<string, TrustedKey> | undefined;
  get #vouched(): Map<string, TrustedKey> {
    return (this.#vouchedMap ??= new Map());
  }

  constructor(
    private readonly trust: TrustStore,
    private readonly crypto: HashProvider,
    readonly binding: AnchorBinding | undefined,
    /** Keys other chains of the same stream vouched for (vouched()); consulted at the start of what is present only. */
    private readonly learned?: ReadonlyMap<string, TrustedKey>,
  ) {}

  /** True until a control record verified. */
  get atStart(): boolean {
    return this.#current === undefined;
  }

  /** The keys this chain vouches for to later chains of its stream (used, or announced by a verified seal). */
  vouched(): TrustedKey[] {
    return [...this.#vouched.values()];
  }

  /** The anchor (epoch-0 key id) the chain verified under, once a control record verified. */
  get anchor(): TrustedKey | undefined {
    if (!this.#current) return undefined;
    return this.trust.get(this.#current.anchorId) ?? this.#current;
  }

  /**
   * May key `keyId`, claimed to be of `epoch`, sign `what` (e.g. "seal 12")
   * dated `timeNs` (undefined: the record carries no signed time)? Changes
   * nothing: call accept() once its signature verified.
   */
  check(keyId: string, epoch: number, timeNs: bigint | undefined, what: string): KeyCheck {
    const cur = this.#current;
    const ann = this.#announced?.keyId === keyId ? this.#announced : undefined;
    const known = ann ?? (cur?.keyId === keyId ? cur : (this.trust.get(keyId) ?? (cur ? undefined : this.learned?.get(keyId))));
    if (!known) return { ok: false, kind: 'unknown_key', message: `${what} is signed by unknown key ${keyId} (epoch ${epoch})` };
    if (known.epoch !== epoch) {
      return { ok: false, kind: 'unknown_key', message: `${what} claims epoch ${epoch} but key ${keyId} is the key of epoch ${known.epoch}` };
    }
    const bound = this.binding;
    if (bound && !bound.anchorIds.has(known.anchorId)) {
      return { ok: false, kind: 'anchor_mismatch', message: `${what} is signed under anchor ${known.anchorId}, but streams matching "${bound.pattern}" are bound to ${[...bound.anchorIds].join(', ')}` };
    }
    if (cur && known.anchorId !== cur.anchorId) {
      return { ok: false, kind: 'anchor_mismatch', message: `${what} is signed under anchor ${known.anchorId}, but this chain verified under anchor ${cur.anchorId}` };
    }
    if (cur && known !== ann && keyId !== cur.keyId) {
      if (epoch < cur.epoch) return { ok: false, kind: 'epoch_jump', message: `${what} is of epoch ${epoch}, after a seal of epoch ${cur.epoch}: epochs never decrease within a chain` };
      if (epoch === cur.epoch + 1) {
        return { ok: false, kind: 'epoch_jump', message: `${what} is of epoch ${epoch}, but no seal of epoch ${cur.epoch} in this chain announced key ${keyId}` };
      }
      return { ok: false, kind: 'epoch_jump', message: `${what} jumps from epoch ${cur.epoch} to epoch ${epoch}` };
    }
    if (timeNs !== undefined) {
      const since = latest(known.sinceNs, known === ann ? this.trust.get(keyId)?.sinceNs : undefined);
      if (since !== undefined && timeNs < since) {
        return { ok: false, kind: 'predated_seal', message: `${what} is dated ${timeNs} ns, before key ${keyId} (epoch ${epoch}) came into force at ${since} ns` };
      }
    }
    return { ok: true, key: known };
  }

  /** A control record signed by `key` verified: the chain is now at its epoch. */
  accept(key: TrustedKey): void {
    if (this.#current?.keyId !== key.keyId) {
      this.#current = key;
      this.#announced = undefined;
    }
    (this.#epochs ??= new Set()).add(key.epoch);
    if (!this.#vouched.has(key.keyId)) this.#vouched.set(key.keyId, key);
  }

  /** A verified seal of the current epoch announced the next key, at `timeNs`. */
  announce(nextKey: Uint8Array, timeNs: bigint, via: string): void {
    const cur = this.#current;
    if (!cur) return;
    this.#announced = { anchorId: cur.anchorId, epoch: cur.epoch + 1, keyId: keyIdOf(this.crypto, nextKey), publicKey: nextKey, via, sinceNs: timeNs };
    // The first announcement is when the key came into force for later chains too.
    if (!this.#vouched.has(this.#announced.keyId)) this.#vouched.set(this.#announced.keyId, this.#announced);
  }
}

function latest(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * Merges the keys several chains of one stream vouched for into one map,
 * whatever order they come in: for one key id, the lowest epoch, then the
 * earliest in-force time, then the smallest anchor id wins.
 */
export function mergeVouched(into: Map<string, TrustedKey>, keys: readonly TrustedKey[]): void {
  for (const k of keys) {
    const have = into.get(k.keyId);
    if (!have || rank(k, have) < 0) into.set(k.keyId, k);
  }
}

function rank(a: TrustedKey, b: TrustedKey): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  const sa = a.sinceNs ?? -1n;
  const sb = b.sinceNs ?? -1n;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.anchorId < b.anchorId ? -1 : a.anchorId > b.anchorId ? 1 : 0;
}
