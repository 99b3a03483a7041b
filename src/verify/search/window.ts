/**
 * What a search window cannot show (docs/VERIFY.md "Search", "What the
 * window cannot show"). Pure.
 *
 * A record's own time is the application's clock, unsigned apart from the
 * chain, and a deleted, changed or unsealed record's time is unknown. So no
 * record time is trusted to place a problem outside the window. Without an
 * assumption about clocks, every finding of a chain the --stream filter lets
 * through belongs to the window, unless its seqs lie wholly outside --seq.
 *
 * `--max-skew D` states one assumption: a record's time is within D of when
 * the agent received it. The agent stamps records in the order it receives
 * them and signs each seal's time, so the records before a verified seal
 * were received before its time and those after it, after: windowExtent()
 * turns that into the seqs the window may hold, and a finding belongs when
 * the seqs it is about meet them. Only verified seals' signed times count.
 */
import type { Finding, SealRange, StreamReport } from '../core/index.js';
import type { ChainWindow } from './collector.js';
import type { Query } from './query.js';

export interface WindowReport {
  stream: string;
  chain: string;
  /** The seqs of the chain's records inside the time window (none: both undefined). */
  seqFrom?: number;
  seqTo?: number;
  /** Records of the chain inside the time window (any status, hits or not). */
  recordsInWindow: number;
  /** Findings that belong to the window: missing ranges, an unsealed or truncated tail, gaps, restarts, ... */
  findings: Finding[];
  /**
   * The window may reach past the newest record present (seq lastSeq): what
   * was written after it and deleted with its seals leaves no trace in the
   * input; `--max-age` (a stale last seal) bounds that.
   */
  reachesEnd: boolean;
  lastSeq: number;
}

/** Findings about a seal record that mean the records of its range are not verified. */
const SEAL_FAILURES = new Set(['forged_seal', 'invalid_seal', 'unknown_key', 'epoch_jump', 'predated_seal', 'anchor_mismatch']);
/** Findings whose signed time says when the agent noticed something (a gap, a loss, a restart): what they are about came before. */
const NOTICED = new Set(['gap', 'loss', 'chain_restart', 'spool_tail_lost']);

/**
 * The seqs whose records could lie in the window, [lo, hi] (hi Infinity: no
 * end). Without --max-skew, every seq (within --seq). With it, a verified
 * seal S signed at T rules out every seq before it when T + D < since (they
 * were received before T, so their time is at most T + D), and every seq
 * after it when T - D > until (received after T). Any verified seal will
 * do, whatever the order of the seals' times.
 */
export function windowExtent(ranges: readonly SealRange[], q: Query): { lo: number; hi: number } {
  let lo = q.seqFrom ?? 1;
  let hi = q.seqTo ?? Infinity;
  const d = q.maxSkewNs;
  if (d !== undefined) {
    for (const s of ranges) {
      if (!s.verified) continue;
      if (q.sinceNs !== undefined && s.timeNs + d < q.sinceNs && s.seq + 1 > lo) lo = s.seq + 1;
      if (q.untilNs !== undefined && s.timeNs - d > q.untilNs && s.seq < hi) hi = s.seq;
    }
  }
  return { lo, hi };
}

/** The seqs a finding is about: its own range, or for a failed seal the records it covers and itself. */
function seqsOf(f: Finding, ranges: readonly SealRange[]): [number, number] | undefined {
  if (f.seq === undefined) return undefined;
  if (SEAL_FAILURES.has(f.kind)) {
    const r = ranges.find((x) => x.seq === f.seq);
    if (r) return [Math.min(r.from, f.seq), f.seq];
  }
  return [f.seq, f.seqEnd ?? f.seq];
}

function belongs(f: Finding, ranges: readonly SealRange[], ext: { lo: number; hi: number }, q: Query): boolean {
  const seqs = seqsOf(f, ranges);
  if (seqs) return seqs[1] >= ext.lo && seqs[0] <= ext.hi;
  // No seq: noticed at a signed time (what it is about came before it), or about the whole stream.
  if (NOTICED.has(f.kind) && f.timeNs !== undefined && f.timeNs !== 0n && q.maxSkewNs !== undefined && q.sinceNs !== undefined) return f.timeNs + q.maxSkewNs >= q.sinceNs;
  return true;
}

/**
 * Per chain the query touches: the seqs in the window and the findings that
 * belong to it. An absent prefix (a note in verify: retention) that may hold
 * records of the window is a warning here: the window cannot show them.
 */
export function windowReports(windows: readonly ChainWindow[], reports: ReadonlyMap<string, StreamReport>, seals: (stream: string, chain: string) => readonly SealRange[], q: Query): WindowReport[] {
  const out: WindowReport[] = [];
  for (const w of windows) {
    const report = reports.get(`${w.stream}\u0000${w.chain}`);
    const ranges = seals(w.stream, w.chain);
    const ext = windowExtent(ranges, q);
    // Nothing signed bounds what came after the newest record: the window may reach it unless a verified seal rules it out.
    const end = ext.hi > w.lastSeq;
    const findings = (report?.findings ?? [])
      .filter((f) => (f.kind === 'stale' ? end : belongs(f, ranges, ext, q)))
      .map((f) => (f.kind === 'absent_prefix' && f.severity === 'note' ? { ...f, severity: 'warning' as const, message: `${f.message}; they could hold records of this window` } : f));
    if (w.inWindow === 0 && findings.length === 0) continue;
    out.push({
      stream: w.stream,
      chain: w.chain,
      ...(w.inMin !== undefined ? { seqFrom: w.inMin, seqTo: w.inMax! } : {}),
      recordsInWindow: w.inWindow,
      findings,
      reachesEnd: end,
      lastSeq: w.lastSeq,
    });
  }
  return out.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/** The window is complete when none of its findings is a violation or a warning. */
export function windowComplete(reports: readonly WindowReport[]): boolean {
  return reports.every((r) => r.findings.every((f) => f.severity === 'note'));
}
