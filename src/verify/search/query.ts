/**
 * What an auditor asks `sealog search` (and the index) for: the query model
 * and its parsing from command-line words. Pure: no I/O, no clock (the
 * caller passes "now" for relative times).
 *
 * Every filter narrows the result (they are ANDed). docs/VERIFY.md
 * "Search" states each rule; query-match.test.ts holds them as examples.
 */
import { AgentError } from '../../errors.js';

/** An attribute condition: `KEY=VALUE` (the value's text form equals) or `KEY~REGEX` (it matches). */
export interface AttrCondition {
  key: string;
  op: '=' | '~';
  /** The text after the operator, as given. */
  value: string;
  /** For '~': the compiled expression (unanchored, Unicode). */
  regex?: RegExp;
}

export interface Query {
  /** Records whose time (time_unix_nano, else observed_time_unix_nano) is >= sinceNs ... */
  sinceNs?: bigint;
  /** ... and <= untilNs. */
  untilNs?: bigint;
  /** Exact stream names (any of them). */
  streams: string[];
  /** Conditions on resource attributes (all of them). */
  resource: AttrCondition[];
  /** Conditions on record attributes (all of them). */
  where: AttrCondition[];
  /** Minimum severity_number (1..24). */
  minSeverity?: number;
  /** Words and phrases that must all occur in the body, lower-cased (String.prototype.toLowerCase). */
  text: string[];
  /** Inclusive seq range. */
  seqFrom?: number;
  seqTo?: number;
}

/** The command-line words a query is made of (as `sealog search` takes them). */
export interface QueryFlags {
  since?: string;
  until?: string;
  stream?: string[];
  resource?: string[];
  where?: string[];
  severity?: string;
  text?: string;
  seq?: string;
}

/** OTLP severity names and the first severity_number of each (SeverityNumber in the OTLP logs data model). */
const SEVERITY_NAMES: ReadonlyMap<string, number> = new Map([
  ['TRACE', 1],
  ['DEBUG', 5],
  ['INFO', 9],
  ['WARN', 13],
  ['WARNING', 13],
  ['ERROR', 17],
  ['FATAL', 21],
]);

const SEVERITY_LABELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** "INFO", "ERROR3", ... for a severity_number; "" for 0 (unspecified). */
export function severityLabel(n: number): string {
  if (n < 1 || n > 24) return n === 0 ? '' : String(n);
  const base = SEVERITY_LABELS[Math.floor((n - 1) / 4)]!;
  const sub = ((n - 1) % 4) + 1;
  return sub === 1 ? base : `${base}${sub}`;
}

function usage(message: string): AgentError {
  return new AgentError('USAGE', message);
}

const UNIT_NS: Record<string, bigint> = { s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n, w: 604_800_000_000_000n };

/**
 * A point in time: RFC 3339 (2026-12-01T02:00:00Z), unix seconds, or a
 * duration back from now ("90m", "2h", "1d", "1h30m").
 */
export function parseTimeArg(s: string, flag: string, nowNs: bigint): bigint {
  const t = s.trim();
  if (/^\d+$/.test(t)) return BigInt(t) * 1_000_000_000n;
  if (/^(\d+[smhdw])+$/.test(t)) return nowNs - parseDurationArg(t, flag);
  // RFC 3339 needs a date and, with a time, an offset; Date.parse alone takes local-time forms too.
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) || /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (!Number.isNaN(ms)) {
      const frac = /\.(\d+)/.exec(t)?.[1];
      // Keep sub-millisecond digits: records carry nanoseconds.
      const subMs = frac && frac.length > 3 ? BigInt(frac.slice(3, 9).padEnd(6, '0')) : 0n;
      return BigInt(ms) * 1_000_000n + subMs;
    }
  }
  throw usage(`${flag}: "${s}" is not a time (use RFC 3339 like 2026-12-01T02:00:00Z, unix seconds, or a duration back from now like 2h or 90m)`);
}

/** A severity by name (INFO, warn, ERROR2) or number (1..24). */
export function parseSeverity(s: string): number {
  const t = s.trim().toUpperCase();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n >= 1 && n <= 24) return n;
  } else {
    const m = /^([A-Z]+)([1-4])?$/.exec(t);
    const base = m ? SEVERITY_NAMES.get(m[1]!) : undefined;
    if (base !== undefined) return base + (m![2] ? Number(m![2]) - 1 : 0);
  }
  throw usage(`--severity: "${s}" is not a severity (use TRACE, DEBUG, INFO, WARN, ERROR, FATAL, optionally with 2-4 like ERROR2, or a number 1..24)`);
}

/** `alice "login failed" root` -> ["alice", "login failed", "root"], lower-cased. */
export function parseTextTerms(s: string): string[] {
  const terms: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let quotes = 0;
  for (const ch of s) if (ch === '"') quotes++;
  if (quotes % 2 !== 0) throw usage(`--text: unbalanced quote in ${JSON.stringify(s)} (a phrase goes in double quotes: --text 'alice "login failed"')`);
  for (const m of s.matchAll(re)) {
    const term = (m[1] ?? m[2]!).toLowerCase();
    if (term.trim() !== '') terms.push(term);
  }
  if (terms.length === 0) throw usage('--text: no words given');
  return terms;
}

/** `KEY=VALUE` or `KEY~REGEX` (for --where and --resource). */
export function parseCondition(s: string, flag: string): AttrCondition {
  const eq = s.indexOf('=');
  const re = s.indexOf('~');
  const at = eq < 0 ? re : re < 0 ? eq : Math.min(eq, re);
  if (at <= 0) throw usage(`${flag}: "${s}" is not KEY=VALUE or KEY~REGEX`);
  const key = s.slice(0, at);
  const op = s[at] as '=' | '~';
  const value = s.slice(at + 1);
  if (op === '=') return { key, op, value };
  try {
    return { key, op, value, regex: new RegExp(value, 'u') };
  } catch (err) {
    throw usage(`${flag}: "${value}" is not a valid regular expression (${(err as Error).message})`);
  }
}

/** `N`, `A..B`, `A..` or `..B`. */
export function parseSeqRange(s: string): { from?: number; to?: number } {
  const m = /^(\d*)(?:(\.\.)(\d*))?$/.exec(s.trim());
  const num = (x: string | undefined): number | undefined => {
    if (x === undefined || x === '') return undefined;
    const n = Number(x);
    if (!Number.isSafeInteger(n) || n < 1) throw usage(`--seq: ${x} is not a seq (an integer from 1)`);
    return n;
  };
  if (!m || (m[2] === undefined && m[1] === '') || (m[1] === '' && (m[3] ?? '') === '')) throw usage(`--seq: "${s}" is not N or A..B`);
  const from = num(m[1]);
  const to = m[2] === undefined ? from : num(m[3]);
  if (from !== undefined && to !== undefined && to < from) throw usage(`--seq: ${s} ends before it starts`);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** A duration: 30s, 5m, 1h30m, 2d (or 0). */
export function parseDurationArg(s: string, flag: string): bigint {
  const t = s.trim();
  if (t === '0') return 0n;
  if (!/^(\d+[smhdw])+$/.test(t)) throw usage(`${flag}: "${s}" is not a duration (use 30s, 5m, 1h30m, 2d)`);
  let ns = 0n;
  for (const m of t.matchAll(/(\d+)([smhdw])/g)) ns += BigInt(m[1]!) * UNIT_NS[m[2]!]!;
  return ns;
}

export function parseQuery(f: QueryFlags, nowNs: bigint): Query {
  const q: Query = { streams: [...(f.stream ?? [])], resource: [], where: [], text: [] };
  if (f.since !== undefined) q.sinceNs = parseTimeArg(f.since, '--since', nowNs);
  if (f.until !== undefined) q.untilNs = parseTimeArg(f.until, '--until', nowNs);
  if (q.sinceNs !== undefined && q.untilNs !== undefined && q.untilNs < q.sinceNs) throw usage('--until is before --since: the window is empty');
  for (const c of f.resource ?? []) q.resource.push(parseCondition(c, '--resource'));
  for (const c of f.where ?? []) q.where.push(parseCondition(c, '--where'));
  if (f.severity !== undefined) q.minSeverity = parseSeverity(f.severity);
  if (f.text !== undefined) q.text = parseTextTerms(f.text);
  if (f.seq !== undefined) {
    const r = parseSeqRange(f.seq);
    if (r.from !== undefined) q.seqFrom = r.from;
    if (r.to !== undefined) q.seqTo = r.to;
  }
  return q;
}

/** The query as plain JSON (bundle manifests, --json headers): times as RFC 3339 with nanoseconds as strings. */
export function queryJson(q: Query): Record<string, unknown> {
  const cond = (c: AttrCondition): string => `${c.key}${c.op}${c.value}`;
  return {
    ...(q.sinceNs !== undefined ? { since_unix_nano: q.sinceNs.toString() } : {}),
    ...(q.untilNs !== undefined ? { until_unix_nano: q.untilNs.toString() } : {}),
    ...(q.streams.length ? { streams: q.streams } : {}),
    ...(q.resource.length ? { resource: q.resource.map(cond) } : {}),
    ...(q.where.length ? { where: q.where.map(cond) } : {}),
    ...(q.minSeverity !== undefined ? { min_severity: q.minSeverity } : {}),
    ...(q.text.length ? { text: q.text } : {}),
    ...(q.seqFrom !== undefined ? { seq_from: q.seqFrom } : {}),
    ...(q.seqTo !== undefined ? { seq_to: q.seqTo } : {}),
  };
}
