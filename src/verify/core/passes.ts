/**
 * A whole check in one to three passes (docs/PROTOCOL.md §9.3): the second
 * and third pass run only when the input holds two different records with
 * one seq, so which copy the chain continues from does not depend on the
 * order they were read in.
 */
import { Verifier } from './verifier.js';
import type { VerifyOptions } from './types.js';

/** Seqs n-1, n and n+1 of every conflicted n: the copies the choice of n needs. */
function around(conflicts: ReadonlyMap<string, ReadonlySet<number>>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [k, seqs] of conflicts) {
    const s = new Set<number>();
    for (const n of seqs) for (const m of [n - 1, n, n + 1]) if (m >= 1) s.add(m);
    out.set(k, s);
  }
  return out;
}

/**
 * A whole check, fed by `feed` (which gives the verifier the whole input and
 * may be called up to three times). When the input holds two different
 * records with one seq, which copy the chain continues from must not depend
 * on which was read first (PROTOCOL.md §9.3): a second pass keeps the copies
 * of those seqs and their neighbours, the copy is chosen from them, and a
 * third pass checks with that choice. Input without such conflicts is read
 * once. Returns the finished verifier (report(), addFinding()).
 */
export async function verifyPasses(opts: VerifyOptions, feed: (v: Verifier, pass: number) => Promise<void>): Promise<Verifier> {
  const first = new Verifier(opts);
  await feed(first, 1);
  first.finish();
  const conflicts = first.conflicts();
  if (conflicts.size === 0) return first;
  const collector = new Verifier({ ...opts, collect: around(conflicts) });
  await feed(collector, 2);
  const final = new Verifier({ ...opts, prefer: collector.chooseCopies(conflicts) });
  await feed(final, 3);
  final.finish();
  return final;
}

/** verifyPasses for input held in memory. */
export function verifyPassesSync(opts: VerifyOptions, feed: (v: Verifier, pass: number) => void): Verifier {
  const first = new Verifier(opts);
  feed(first, 1);
  first.finish();
  const conflicts = first.conflicts();
  if (conflicts.size === 0) return first;
  const collector = new Verifier({ ...opts, collect: around(conflicts) });
  feed(collector, 2);
  const final = new Verifier({ ...opts, prefer: collector.chooseCopies(conflicts) });
  feed(final, 3);
  final.finish();
  return final;
}
