/**
 * A record's integrity status, from the checker's pass over the same input
 * (docs/VERIFY.md "Search", and the badges of "Verify in a browser"): the
 * one rule set both `sealog search` (a hit's status) and the verifier page
 * (a record's badge) apply. Pure.
 *
 *   modified      a `modified` finding at its seq: its bytes do not hash to what the chain carries
 *   conflicting   two different records carry its seq; this copy is the one the chain continues from, or not
 *   verified      its seal range is complete, its Merkle root matches, and the seal is signed by a trusted key
 *                 in force (which also means its hash links into the signed root); a seal record: that seal
 *   unsealed      after the last seal of its chain: nothing signed covers it yet
 *   unverifiable  anything else: its seal is absent, forged, or signed by an unknown key, or records of its
 *                 range are missing so the root cannot be recomputed, or it came too far out of order
 *
 * Two more for any record the page lists (a search hit always has a stream,
 * a chain and a seq, and is never a control record):
 *
 *   inserted      no valid sealog.seq in a sealed stream, or an `inserted` finding at its seq (a genesis record
 *                 out of place)
 *   foreign       no sealog.stream and sealog.chain: not sealed by a sealog agent
 */
import type { Finding, SealRange, StreamReport } from '../core/index.js';
import type { HitRef } from './collector.js';

export type HitStatus = 'verified' | 'unsealed' | 'modified' | 'conflicting' | 'unverifiable';

/** A status of any record of the input (the page's badges). */
export type RecordStatus = HitStatus | 'inserted' | 'foreign';

export interface StatusSource {
  /** After the check: the seals of (stream, chain), in seq order. */
  sealRanges(stream: string, chain: string): readonly SealRange[];
}

export interface Status<S extends RecordStatus = HitStatus> {
  status: S;
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

/** One chain's statuses, prepared once from its report and seals (then O(log seals) a record). */
export class ChainStatuses {
  /** The finding that decides a seq's status (modified outranks the others). */
  readonly #bySeq = new Map<number, Finding>();
  readonly #inserted = new Map<number, Finding>();
  readonly #seals = new Map<number, SealRange>();
  readonly #lastSeal: number;

  constructor(
    report: StreamReport | undefined,
    readonly ranges: readonly SealRange[],
  ) {
    for (const f of report?.findings ?? []) {
      if (f.seq === undefined) continue;
      if (f.kind === 'modified' || f.kind === 'conflicting_duplicate' || f.kind === 'out_of_window') {
        // A modification outranks a conflict (the copy shown is the changed one, or the chain is).
        const prev = this.#bySeq.get(f.seq);
        if (!prev || prev.kind !== 'modified') this.#bySeq.set(f.seq, f);
      } else if (f.kind === 'inserted' && !this.#inserted.has(f.seq)) this.#inserted.set(f.seq, f);
    }
    for (const r of ranges) this.#seals.set(r.seq, r);
    this.#lastSeal = report?.lastSealSeq ?? 0;
  }

  /** The status of the record at `seq` of this chain (a hit, or any record with a valid seq). */
  of(seq: number): Status {
    const f = this.#bySeq.get(seq);
    if (f?.kind === 'modified') return { status: 'modified', reason: f.message };
    if (f?.kind === 'conflicting_duplicate') return { status: 'conflicting', reason: f.message };
    if (f?.kind === 'out_of_window') return { status: 'unverifiable', reason: f.message };
    const r = rangeOf(this.ranges, seq);
    if (r?.verified) return { status: 'verified', reason: `sealed by seal ${r.seq} (records ${r.from}..${r.to})` };
    if (r) return { status: 'unverifiable', reason: `seal ${r.seq} does not verify its range ${r.from}..${r.to}: ${r.reason ?? 'unknown reason'}` };
    const seal = this.#seals.get(seq);
    if (seal?.verified) return { status: 'verified', reason: `a seal whose signature and range (records ${seal.from}..${seal.to}) verified` };
    if (seal) return { status: 'unverifiable', reason: `this seal does not verify: ${seal.reason ?? 'unknown reason'}` };
    if (seq > this.#lastSeal) return { status: 'unsealed', reason: this.#lastSeal ? `after the last seal (${this.#lastSeal}): nothing signed covers it yet` : 'its chain has no seal yet' };
    return { status: 'unverifiable', reason: 'no seal covering it is present' };
  }

  /** The status of any record of this chain: `seq` is -1 when it has no valid sealog.seq. */
  ofRecord(seq: number): Status<RecordStatus> {
    if (seq < 0) return { status: 'inserted', reason: 'a record without a valid sealog.seq in a sealed stream' };
    const ins = this.#inserted.get(seq);
    const s = this.of(seq);
    // A changed or duplicated record says more than where it sits.
    if (ins && s.status !== 'modified' && s.status !== 'conflicting') return { status: 'inserted', reason: ins.message };
    return s;
  }
}

/** The status of a record without sealog.stream or sealog.chain. */
export const FOREIGN: Status<RecordStatus> = { status: 'foreign', reason: 'it carries no sealog.stream and sealog.chain: not sealed by a sealog agent' };

/** Statuses for the hits of one (stream, chain), given its report and seals. */
export function statusesOf(hits: readonly HitRef[], report: StreamReport | undefined, ranges: readonly SealRange[]): Status[] {
  const chain = new ChainStatuses(report, ranges);
  return hits.map((h) => chain.of(h.seq));
}
