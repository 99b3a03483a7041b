/**
 * Which copy of a seq two different records carry the chain continues from
 * (PROTOCOL.md §9.3), chosen from the copies pass 2 of verifyPasses kept.
 * Pure: a function of the set of copies, whatever order they came in.
 */
import { toHex } from '../../integrity/bytes.js';
import type { ChainHasher } from '../../integrity/chain.js';
import type { StreamId } from '../../integrity/control.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import { claimedCopy, claimedIs, linkInPlace } from './record-bytes.js';
import type { Pending } from './types.js';

/**
 * Which copy of each conflicted seq the chain continues from, from the
 * `copies` (by seq, then by copyDigest) kept of seqs n-1, n and n+1: first
 * one whose hash a copy of the next record links to, then one that links to
 * the previous hash, then the smallest claimed hash, then the smallest
 * digest. `id` names the chain (its anchor is hash_0).
 */
export function chooseCopies(
  crypto: CryptoProvider,
  hasher: ChainHasher,
  id: StreamId,
  copies: ReadonlyMap<number, ReadonlyMap<string, Pending>> | undefined,
  conflicted: ReadonlySet<number>,
): Map<number, string> {
  const chosen = new Map<number, string>();
  const chosenHash = new Map<number, Uint8Array | undefined>();
  for (const n of [...conflicted].sort((a, b) => a - b)) {
    let prev: Uint8Array | undefined;
    if (n === 1) prev = hasher.anchor(id.stream, id.chain);
    else if (chosenHash.has(n - 1)) prev = chosenHash.get(n - 1);
    else {
      const before = [...(copies?.get(n - 1)?.values() ?? [])];
      if (before.length === 1 && before[0]!.claimedAt >= 0) prev = claimedCopy(before[0]!);
    }
    const next = [...(copies?.get(n + 1)?.values() ?? [])];
    const scored = [...(copies?.get(n)?.entries() ?? [])].map(([digest, c]) => {
      const computed = prev ? linkInPlace(crypto, c, n, prev) : undefined;
      const links = computed !== undefined && claimedIs(c, computed);
      const eff = c.claimedAt >= 0 ? claimedCopy(c) : computed;
      const linked = eff !== undefined && next.some((m) => claimedIs(m, linkInPlace(crypto, m, n + 1, eff)));
      return { digest, eff, links, linked, claimed: c.claimedAt >= 0 ? toHex(claimedCopy(c)) : '~' };
    });
    scored.sort((a, b) => Number(b.linked) - Number(a.linked) || Number(b.links) - Number(a.links) || cmp(a.claimed, b.claimed) || cmp(a.digest, b.digest));
    const best = scored[0];
    if (!best) continue;
    chosen.set(n, best.digest);
    chosenHash.set(n, best.eff);
  }
  return chosen;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
