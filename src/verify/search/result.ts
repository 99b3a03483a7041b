/**
 * A search's answer from one checker pass: the hits with their statuses,
 * each chain's window with what it cannot show, and the verdict. Pure.
 */
import type { StreamReport, VerifyReport } from '../core/index.js';
import type { HitRef, RawHit, SearchCollector } from './collector.js';
import type { Query } from './query.js';
import { toHit, type Hit } from './hits.js';
import { statusesOf, type HitStatus, type Status, type StatusSource } from './status.js';
import { windowComplete, windowReports, type WindowReport } from './window.js';

export interface SearchResult {
  query: Query;
  /** The hits kept (at most the limit), in input order. */
  hits: Hit[];
  /** Every hit matched, kept or not. */
  hitCount: number;
  byStatus: Partial<Record<HitStatus, number>>;
  /** Every hit matched (kept or beyond the limit) is `verified`. */
  allVerified: boolean;
  windows: WindowReport[];
  windowComplete: boolean;
  /** allVerified and windowComplete: exit 0. */
  ok: boolean;
  /** Violations the checker found outside the windows (not part of the verdict). */
  outsideViolations: number;
  /** The checker's whole report (search over files or a spool; an index answers without one). */
  report?: VerifyReport;
}

export function searchResult(c: SearchCollector, seals: StatusSource, report: VerifyReport): SearchResult {
  const reports = new Map<string, StreamReport>();
  for (const s of report.streams) reports.set(`${s.stream}\u0000${s.chain}`, s);
  // Statuses per chain (each chain's findings and seals are looked up once), for kept hits and those beyond the limit.
  const byChain = new Map<string, HitRef[]>();
  for (const list of [c.hits, c.overflow]) {
    for (const h of list) {
      const k = `${h.stream}\u0000${h.chain}`;
      let l = byChain.get(k);
      if (!l) byChain.set(k, (l = []));
      l.push(h);
    }
  }
  const statusOf = new Map<HitRef, Status>();
  for (const [k, list] of byChain) {
    const first = list[0]!;
    const statuses = statusesOf(list, reports.get(k), seals.sealRanges(first.stream, first.chain));
    list.forEach((h, i) => statusOf.set(h, statuses[i]!));
  }
  const hits = c.hits.map((h: RawHit) => toHit(h, statusOf.get(h)!));
  const byStatus: Partial<Record<HitStatus, number>> = {};
  let allVerified = true;
  for (const s of statusOf.values()) {
    byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    if (s.status !== 'verified') allVerified = false;
  }
  const windows = windowReports(c.windows(), reports, (stream, chain) => seals.sealRanges(stream, chain), c.query);
  let inside = 0;
  for (const w of windows) for (const f of w.findings) if (f.severity === 'violation') inside++;
  const complete = windowComplete(windows);
  return {
    query: c.query,
    hits,
    hitCount: hits.length + c.overflow.length,
    byStatus,
    allVerified,
    windows,
    windowComplete: complete,
    ok: allVerified && complete,
    outsideViolations: Math.max(0, report.violations - inside),
    report,
  };
}

/** Results over disjoint inputs (the pipelines of one spool) as one. */
export function mergeResults(query: Query, results: readonly SearchResult[]): SearchResult {
  const byStatus: Partial<Record<HitStatus, number>> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.byStatus) as Array<[HitStatus, number]>) byStatus[k] = (byStatus[k] ?? 0) + n;
  const reports = results.flatMap((r) => (r.report ? [r.report] : []));
  const allVerified = results.every((r) => r.allVerified);
  const complete = results.every((r) => r.windowComplete);
  return {
    query,
    hits: results.flatMap((r) => r.hits),
    hitCount: results.reduce((n, r) => n + r.hitCount, 0),
    byStatus,
    allVerified,
    windows: results.flatMap((r) => r.windows),
    windowComplete: complete,
    ok: allVerified && complete,
    outsideViolations: results.reduce((n, r) => n + r.outsideViolations, 0),
    report: {
      intact: reports.every((r) => r.intact),
      violations: reports.reduce((n, r) => n + r.violations, 0),
      warnings: reports.reduce((n, r) => n + r.warnings, 0),
      streams: reports.flatMap((r) => r.streams),
      findings: reports.flatMap((r) => r.findings),
    },
  };
}
