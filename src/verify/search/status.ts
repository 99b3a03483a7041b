/**
 * A hit's integrity status, from the checker's pass over the same input
 * (docs/VERIFY.md "Search"). Pure.
 *
 *   modified      a `modified` finding at its seq: its bytes do not hash to what the chain carries
 *   conflicting   two different records carry its seq; this copy is the one the chain continues from, or not
 *   verified      its seal range is complete, its Merkle root matches, and the seal is signed by a trusted key
 *                 in force (which also means its hash links into the signed root)
 *   unsealed      after the last seal of its chain: nothing signed covers it yet
 *   unverifiable  anything else: its seal is absent, forged, or signed by an unknown key, or records of its
 *                 range are missing so the root cannot be recomputed, or it came too far out of order
 */
import type { Finding, SealRange, StreamReport } from '../core/index.js';
import type { HitRef } from './collector.js';

export type HitStatus = 'verified' | 'unsealed' | 'modified' | 'conflicting' | 'unverifiable';

export interface StatusSource {
  /** After the check: the seals of (stream, chain), in seq order. */
  sealRanges(stream: string, chain: string): readonly SealRange[];
}

export interface Status {
  status: HitStatus;
  /** What the status rests on (the finding's message, or the seal that covers it). */
  reason: string;
}

/** The seal range holding `seq` (ranges in seq order, not overlapping), by binary search. */
function rangeOf(ranges: readonly SealRange[], seq: number): SealRange | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (seq < r.from) hi = mid - 1;
    else if (seq > r.to) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** Statuses for the hits of one (stream, chain), given its report and seals. */
export function statusesOf(hits: readonly HitRef[], report: StreamReport | undefined, ranges: readonly SealRange[]): Status[] {
  const bySeq = new Map<number, Finding>();
  for (const f of report?.findings ?? []) {
    if (f.seq === undefined) continue;
    if (f.kind === 'modified' || f.kind === 'conflicting_duplicate' || f.kind === 'out_of_window') {
      // A modification outranks a conflict (the copy shown is the changed one, or the chain is).
      const prev = bySeq.get(f.seq);
      if (!prev || prev.kind !== 'modified') bySeq.set(f.seq, f);
    }
  }
  const lastSeal = report?.lastSealSeq ?? 0;
  return hits.map((h): Status => {
    const f = bySeq.get(h.seq);
    if (f?.kind === 'modified') return { status: 'modified', reason: f.message };
    if (f?.kind === 'conflicting_duplicate') return { status: 'conflicting', reason: f.message };
    if (f?.kind === 'out_of_window') return { status: 'unverifiable', reason: f.message };
    const r = rangeOf(ranges, h.seq);
    if (r?.verified) return { status: 'verified', reason: `sealed by seal ${r.seq} (records ${r.from}..${r.to})` };
    if (r) return { status: 'unverifiable', reason: `seal ${r.seq} does not verify its range ${r.from}..${r.to}: ${r.reason ?? 'unknown reason'}` };
    if (h.seq > lastSeal) return { status: 'unsealed', reason: lastSeal ? `after the last seal (${lastSeal}): nothing signed covers it yet` : 'its chain has no seal yet' };
    return { status: 'unverifiable', reason: 'no seal covering it is present' };
  });
}
