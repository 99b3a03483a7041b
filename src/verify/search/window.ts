/**
 * What a search window cannot show (docs/VERIFY.md "Search", completeness).
 * Pure.
 *
 * A finding of the checker belongs to the window when:
 * - it is about records that are absent (`missing`, `absent_prefix`): the
 *   records on either side of the hole do not rule it out, i.e. the record
 *   before it is not after the window and the record after it is not before
 *   the window (an unknown side, or a control record there, rules nothing
 *   out), and the hole meets --seq. Records that are gone have no time; their
 *   neighbours' times are what brackets them. So a range deleted at the
 *   window's edge, or a window whose records were all deleted, is reported.
 * - it is about present records (modified, conflicting, unsealed tail, a
 *   seal that fails, ...): its seq range meets the seqs of the records in the
 *   window, or its time (a gap's, a loss's, a restart's signed time) lies in
 *   the window;
 * - it is about the end of the chain (`stale`: nothing newer may be shown)
 *   and the window reaches past the chain's last record;
 * - it has neither seq nor time (an unbound stream): always.
 */
import type { Finding, StreamReport } from '../core/index.js';
import { edgeTime, type ChainWindow } from './collector.js';
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
   * The window reaches past the newest record present (seq lastSeq): what
   * was written after it and deleted with its seals leaves no trace in the
   * input; `--max-age` (a stale last seal) or a witness bounds that.
   */
  reachesEnd: boolean;
  lastSeq: number;
}

function inTime(t: bigint, q: Query): boolean {
  return (q.sinceNs === undefined || t >= q.sinceNs) && (q.untilNs === undefined || t <= q.untilNs);
}

function meetsSeq(from: number, to: number, q: Query): boolean {
  return (q.seqFrom === undefined || to >= q.seqFrom) && (q.seqTo === undefined || from <= q.seqTo);
}

/** Could records from..to, now absent, have been in the window? */
function holeInWindow(w: ChainWindow, from: number, to: number, q: Query): boolean {
  if (!meetsSeq(from, to, q)) return false;
  const before = from > 1 ? edgeTime(w, from - 1) : undefined;
  const after = edgeTime(w, to + 1);
  if (before != null && q.untilNs !== undefined && before > q.untilNs) return false;
  if (after != null && q.sinceNs !== undefined && after < q.sinceNs) return false;
  return true;
}

function reachesEnd(w: ChainWindow, q: Query): boolean {
  if (q.seqTo !== undefined && q.seqTo < w.lastSeq) return false;
  const last = edgeTime(w, w.lastSeq);
  return q.untilNs === undefined || last == null || last <= q.untilNs;
}

export function belongs(f: Finding, w: ChainWindow, q: Query): boolean {
  const end = f.seqEnd ?? f.seq;
  if (f.kind === 'missing' || f.kind === 'absent_prefix') return f.seq === undefined || holeInWindow(w, f.seq, end!, q);
  if (f.kind === 'stale') return reachesEnd(w, q);
  if (f.seq !== undefined && w.inMin !== undefined && end! >= w.inMin && f.seq <= w.inMax! && meetsSeq(f.seq, end!, q)) return true;
  if (f.timeNs !== undefined && f.timeNs !== 0n) return inTime(f.timeNs, q) && (f.seq === undefined || meetsSeq(f.seq, end!, q));
  return f.seq === undefined;
}

/** Per chain the query touches: the seqs in the window and the findings that belong to it. */
export function windowReports(windows: readonly ChainWindow[], reports: ReadonlyMap<string, StreamReport>, q: Query): WindowReport[] {
  const out: WindowReport[] = [];
  for (const w of windows) {
    const report = reports.get(`${w.stream}\u0000${w.chain}`);
    const findings = (report?.findings ?? []).filter((f) => belongs(f, w, q));
    if (w.inWindow === 0 && findings.length === 0) continue;
    out.push({
      stream: w.stream,
      chain: w.chain,
      ...(w.inMin !== undefined ? { seqFrom: w.inMin, seqTo: w.inMax! } : {}),
      recordsInWindow: w.inWindow,
      findings,
      reachesEnd: reachesEnd(w, q),
      lastSeq: w.lastSeq,
    });
  }
  return out.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/** The window is complete when none of its findings is a violation or a warning (notes, like retention, are shown only). */
export function windowComplete(reports: readonly WindowReport[]): boolean {
  return reports.every((r) => r.findings.every((f) => f.severity === 'note'));
}
