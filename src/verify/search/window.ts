/**
 * What a search window cannot show (docs/VERIFY.md "Search", "What the
 * window cannot show"). Pure.
 *
 * A record's own time is the application's clock: records of one chain need
 * not come in time order (the agent gives a batch's seqs resource by
 * resource; apps send late and early records), and a deleted, changed or
 * unsealed record's time is unknown or untrusted. So no record time can
 * place a problem outside the window: every finding of a chain that the
 * --stream filter lets through belongs to the window, unless the seqs it is
 * about lie wholly outside --seq. (--resource decides hits only: a deleted
 * record's resource is unknown too.) An auditor narrows a window with --seq,
 * whose bounds are signed: the report gives the seqs of the window's records.
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

/** The seqs a finding is about: its own range, or for a failed seal the records it covers and itself. */
function seqsOf(f: Finding, ranges: readonly SealRange[]): [number, number] | undefined {
  if (f.seq === undefined) return undefined;
  if (SEAL_FAILURES.has(f.kind)) {
    const r = ranges.find((x) => x.seq === f.seq);
    if (r) return [Math.min(r.from, f.seq), f.seq];
  }
  return [f.seq, f.seqEnd ?? f.seq];
}

/** The finding is about seqs --seq lets through (one without a seq is about the whole stream). */
export function belongs(f: Finding, ranges: readonly SealRange[], q: Query): boolean {
  const seqs = seqsOf(f, ranges);
  if (!seqs) return true;
  return (q.seqFrom === undefined || seqs[1] >= q.seqFrom) && (q.seqTo === undefined || seqs[0] <= q.seqTo);
}

/**
 * Per chain the query touches: the seqs in the window and the findings that
 * belong to it. An absent prefix (a note in verify: retention) is a warning
 * here: it could hold records of the window.
 */
export function windowReports(windows: readonly ChainWindow[], reports: ReadonlyMap<string, StreamReport>, seals: (stream: string, chain: string) => readonly SealRange[], q: Query): WindowReport[] {
  const out: WindowReport[] = [];
  for (const w of windows) {
    const report = reports.get(`${w.stream}\u0000${w.chain}`);
    const ranges = seals(w.stream, w.chain);
    const end = q.seqTo === undefined || q.seqTo > w.lastSeq;
    const findings = (report?.findings ?? [])
      .filter((f) => (f.kind === 'stale' ? end : belongs(f, ranges, q)))
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
