/**
 * `sealog search` output: a table for people, JSON lines for programs
 * (docs/VERIFY.md "Search" lists every field), OTLP JSON lines for
 * `sealog verify`. Pure: each function returns text.
 */
import { AgentError } from '../../errors.js';
import { encodeLogsJson } from '../../otlp/json.js';
import { rangeText, type Finding } from '../core/index.js';
import { hitLogsData, type Hit } from './hits.js';
import { severityLabel } from './query.js';
import type { SearchResult } from './result.js';
import type { WindowReport } from './window.js';

export const SEARCH_FORMAT = 'sealog-search-v1';

/** RFC 3339 with all nine digits of nanoseconds (UTC); "" for 0 (unknown). */
export function rfc3339Nano(ns: bigint): string {
  if (ns === 0n) return '';
  const d = new Date(Number(ns / 1_000_000_000n) * 1000);
  if (Number.isNaN(d.getTime())) return `${ns}ns`;
  const base = d.toISOString().slice(0, 19);
  return `${base}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}Z`;
}

const bigintAsString = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

export function hitJson(h: Hit): Record<string, unknown> {
  return {
    type: 'hit',
    stream: h.stream,
    chain: h.chain,
    seq: h.seq,
    time: rfc3339Nano(h.timeNs) || null,
    time_unix_nano: h.timeNs.toString(),
    observed_time: rfc3339Nano(h.observedNs) || null,
    observed_time_unix_nano: h.observedNs.toString(),
    severity: h.severity,
    severity_text: h.severityText || severityLabel(h.severity),
    body: h.body,
    attributes: h.attributes,
    resource: h.resource,
    status: h.status,
    reason: h.reason,
    source: h.source,
  };
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    kind: f.kind,
    severity: f.severity,
    ...(f.seq !== undefined ? { seq: f.seq } : {}),
    ...(f.seqEnd !== undefined ? { seq_end: f.seqEnd } : {}),
    message: f.message,
    ...(f.where !== undefined ? { where: f.where } : {}),
  };
}

export function windowJson(w: WindowReport): Record<string, unknown> {
  return {
    stream: w.stream,
    chain: w.chain,
    seq_from: w.seqFrom ?? null,
    seq_to: w.seqTo ?? null,
    records_in_window: w.recordsInWindow,
    reaches_end: w.reachesEnd,
    last_seq: w.lastSeq,
    complete: w.findings.every((f) => f.severity === 'note'),
    findings: w.findings.map(findingJson),
  };
}

/** The summary object: counts, the verdict, and each chain's window (the completeness report). */
export function summaryJson(r: SearchResult): Record<string, unknown> {
  return {
    type: 'summary',
    format: SEARCH_FORMAT,
    hits: r.hitCount,
    shown: r.hits.length,
    by_status: r.byStatus,
    all_verified: r.allVerified,
    window_complete: r.windowComplete,
    ok: r.ok,
    outside_window: { violations: r.outsideViolations },
    windows: r.windows.map(windowJson),
  };
}

/** --json: one object per hit, then one summary object; each on its own line. */
export function* jsonLines(r: SearchResult): Generator<string> {
  for (const h of r.hits) yield JSON.stringify(hitJson(h), bigintAsString) + '\n';
  yield JSON.stringify(summaryJson(r), bigintAsString) + '\n';
}

/** --otlp: each hit as one OTLP JSON line that `sealog verify` reads. */
export function* otlpLines(r: SearchResult): Generator<string> {
  for (const h of r.hits) {
    if (!h.raw) throw new AgentError('USAGE', '--otlp needs the records as read: search the files (or the spool), not the index');
    yield encodeLogsJson(hitLogsData(h.raw)) + '\n';
  }
}

function oneLine(v: unknown, max: number): string {
  const s = (typeof v === 'string' ? v : JSON.stringify(v, bigintAsString) ?? '').replace(/[\r\n\t]+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function findingLine(f: Finding): string {
  const seq = f.seq !== undefined ? ` seq ${f.seqEnd !== undefined ? rangeText(f.seq, f.seqEnd) : f.seq}` : '';
  return `    ${f.severity.toUpperCase().padEnd(9)} ${f.kind}${seq}: ${f.message}${f.where ? ` (${f.where})` : ''}`;
}

/** The table, then the window report and the verdict, a piece at a time. */
export function* tableChunks(r: SearchResult, opts: { bodyWidth?: number } = {}): Generator<string> {
  const width = opts.bodyWidth ?? 80;
  if (r.hits.length > 0) {
    const streamW = Math.min(24, Math.max(6, ...r.hits.map((h) => h.stream.length)));
    yield `${'STATUS'.padEnd(12)} ${'TIME'.padEnd(30)} ${'STREAM'.padEnd(streamW)} ${'SEQ'.padStart(8)} ${'SEVERITY'.padEnd(8)} BODY\n`;
    let out = '';
    for (const h of r.hits) {
      out += `${h.status.padEnd(12)} ${(rfc3339Nano(h.timeNs || h.observedNs) || '-').padEnd(30)} ${oneLine(h.stream, streamW).padEnd(streamW)} ${String(h.seq).padStart(8)} ${(h.severityText || severityLabel(h.severity) || '-').padEnd(8)} ${oneLine(h.body, width)}\n`;
      if (out.length > 65536) {
        yield out;
        out = '';
      }
    }
    yield out;
  }
  const counts = Object.entries(r.byStatus).map(([k, n]) => `${n} ${k}`).join(', ');
  yield `\n${r.hitCount} hit(s)${counts ? `: ${counts}` : ''}${r.hitCount > r.hits.length ? ` (first ${r.hits.length} shown: --limit)` : ''}\n`;
  let w = '';
  for (const win of r.windows) {
    const complete = win.findings.every((f) => f.severity === 'note');
    const seqs = win.seqFrom !== undefined ? `seqs ${rangeText(win.seqFrom, win.seqTo!)}` : 'no record present';
    w += `window of stream ${win.stream} (chain ${win.chain}): ${seqs}, ${win.recordsInWindow} record(s) in the time window: ${complete ? 'COMPLETE' : 'INCOMPLETE'}\n`;
    for (const f of win.findings) w += findingLine(f) + '\n';
    if (win.reachesEnd && !win.findings.some((f) => f.kind === 'stale')) {
      w += `    note      the window reaches past the newest record present (seq ${win.lastSeq}): records deleted after it, with their seals, leave no trace here; --max-age bounds that\n`;
    }
  }
  if (r.windows.length === 0) w += 'no stream holds records for this query\n';
  if (r.outsideViolations > 0) w += `note: the input has ${r.outsideViolations} integrity violation(s) outside this window (run sealog verify for all)\n`;
  w += r.ok
    ? 'OK: every hit verified, the window is complete\n'
    : `FAILED: ${r.allVerified ? '' : 'not every hit is verified'}${!r.allVerified && !r.windowComplete ? '; ' : ''}${r.windowComplete ? '' : 'the window is incomplete'}\n`;
  yield w;
}
