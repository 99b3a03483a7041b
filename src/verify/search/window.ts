/**
 * What a search window cannot show (docs/VERIFY.md "Search", completeness).
 * Pure.
 *
 * Records that are gone have no time, so the window is turned into a seq
 * extent per (stream, chain) and every finding of the checker that touches
 * that extent, or whose time lies in the window, is reported:
 *
 *   lo = smallest seq in the window, or one past the last seq before it,
 *        whichever is smaller (1 if no record precedes the window);
 *   hi = largest seq in the window, or one before the first seq after it,
 *        whichever is larger (no end if no record follows the window);
 *   both then clipped to --seq.
 *
 * So a range deleted at the window's edge, or a window whose records were
 * all deleted (no record in it, but a missing range between the records
 * around it), is reported. A finding without a seq or a time (an unbound
 * stream) always belongs to the window.
 */
import type { Finding, StreamReport } from '../core/index.js';
import type { ChainWindow } from './collector.js';
import type { Query } from './query.js';

export interface WindowReport {
  stream: string;
  chain: string;
  /** The seq extent the window covers in this chain (hi undefined: to the end). */
  seqFrom: number;
  seqTo?: number;
  /** Records of the chain inside the time window (any status, hits or not). */
  recordsInWindow: number;
  /** Findings that touch the extent: missing ranges, an unsealed or truncated tail, gaps, restarts, ... */
  findings: Finding[];
}

/** The seq extent of the window in one chain, or undefined when it holds no seq at all. */
export function extentOf(w: ChainWindow, q: Query): { lo: number; hi: number } | undefined {
  let lo = w.beforeMax !== undefined ? w.beforeMax + 1 : 1;
  if (w.inMin !== undefined && w.inMin < lo) lo = w.inMin;
  let hi = w.afterMin !== undefined ? w.afterMin - 1 : Infinity;
  if (w.inMax !== undefined && w.inMax > hi) hi = w.inMax;
  if (q.seqFrom !== undefined && q.seqFrom > lo) lo = q.seqFrom;
  if (q.seqTo !== undefined && q.seqTo < hi) hi = q.seqTo;
  return lo <= hi ? { lo, hi } : undefined;
}

function touches(f: Finding, lo: number, hi: number, q: Query): boolean {
  if (f.seq !== undefined) {
    const end = f.seqEnd ?? f.seq;
    if (end >= lo && f.seq <= hi) return true;
  }
  if (f.timeNs !== undefined && f.timeNs !== 0n) {
    const inTime = (q.sinceNs === undefined || f.timeNs >= q.sinceNs) && (q.untilNs === undefined || f.timeNs <= q.untilNs);
    // A time alone places a finding only when it has no seq (a seq outside the extent is not in the window).
    if (inTime && f.seq === undefined) return true;
  }
  return f.seq === undefined && (f.timeNs === undefined || f.timeNs === 0n);
}

/** Per chain the query touches: its extent and the findings in it. */
export function windowReports(windows: readonly ChainWindow[], reports: ReadonlyMap<string, StreamReport>, q: Query): WindowReport[] {
  const out: WindowReport[] = [];
  for (const w of windows) {
    const ext = extentOf(w, q);
    if (!ext) continue;
    const report = reports.get(`${w.stream}\u0000${w.chain}`);
    const findings = (report?.findings ?? []).filter((f) => touches(f, ext.lo, ext.hi, q));
    out.push({
      stream: w.stream,
      chain: w.chain,
      seqFrom: ext.lo,
      ...(ext.hi !== Infinity ? { seqTo: ext.hi } : {}),
      recordsInWindow: w.inWindow,
      findings,
    });
  }
  return out.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/** The window is complete when none of its findings is a violation or a warning (notes, like retention, are shown only). */
export function windowComplete(reports: readonly WindowReport[]): boolean {
  return reports.every((r) => r.findings.every((f) => f.severity === 'note'));
}
