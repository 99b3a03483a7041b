/**
 * Does a record match a query? Decided on the record's canonical bytes
 * (canonical-read.ts) and its context bytes (resource and scope), cheapest
 * test first, with no allocation for a record that fails a byte test. Pure.
 *
 * The rules (docs/VERIFY.md "Search"):
 * - time: time_unix_nano, else observed_time_unix_nano; a record with
 *   neither (0) is outside any --since/--until window;
 * - severity: severity_number >= the minimum (0, unspecified, is below all);
 * - attributes: KEY=VALUE compares the value's text form (valueText), KEY~REGEX
 *   tests it; an absent key never matches; a repeated key (which OTLP
 *   forbids) matches if any of its values does;
 * - text: every term occurs in the body, compared after lower-casing both
 *   (String.prototype.toLowerCase); a non-string body is searched in its
 *   words (valueWords).
 */
import { Tag } from '../../integrity/canonical.js';
import { bodyAt, severityAt, u32, valueEnd, valueText, valueWords } from './canonical-read.js';
import type { AttrCondition, Query } from './query.js';

const enc = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: false });

interface CompiledCondition {
  cond: AttrCondition;
  key: Uint8Array;
  /** For '=': the value's UTF-8, compared byte for byte with a string value. */
  value: Uint8Array;
}

function compile(c: AttrCondition): CompiledCondition {
  return { cond: c, key: enc.encode(c.key), value: enc.encode(c.value) };
}

function regionIs(b: Uint8Array, at: number, len: number, want: Uint8Array): boolean {
  if (len !== want.length) return false;
  for (let i = 0; i < len; i++) if (b[at + i] !== want[i]) return false;
  return true;
}

/** The value at `o` satisfies the condition. */
function valueMatches(b: Uint8Array, o: number, c: CompiledCondition): boolean {
  if (c.cond.op === '=') {
    if (b[o] === Tag.String) return regionIs(b, o + 5, u32(b, o + 1), c.value);
    return valueText(b, o) === c.cond.value;
  }
  return c.cond.regex!.test(valueText(b, o));
}

/** Some attribute of the list at `o` satisfies the condition. */
function attrsMatch(b: Uint8Array, o: number, c: CompiledCondition): boolean {
  const n = u32(b, o);
  let p = o + 4;
  for (let i = 0; i < n; i++) {
    const len = u32(b, p);
    const isKey = regionIs(b, p + 4, len, c.key);
    p += 4 + len;
    if (isKey && valueMatches(b, p, c)) return true;
    p = valueEnd(b, p);
  }
  return false;
}

/** Lower-cases ASCII A-Z. */
function fold(x: number): number {
  return x >= 0x41 && x <= 0x5a ? x | 0x20 : x;
}

/** `term` (ASCII, lower-case) occurs in b[from, to) ignoring ASCII case. */
function asciiIncludes(b: Uint8Array, from: number, to: number, term: Uint8Array): boolean {
  const n = term.length;
  const last = to - n;
  const t0 = term[0]!;
  outer: for (let i = from; i <= last; i++) {
    if (fold(b[i]!) !== t0) continue;
    for (let j = 1; j < n; j++) if (fold(b[i + j]!) !== term[j]) continue outer;
    return true;
  }
  return false;
}

function isAscii(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return false;
  return true;
}

export class RecordMatcher {
  readonly #where: CompiledCondition[];
  readonly #resource: CompiledCondition[];
  readonly #terms: string[];
  readonly #asciiTerms: Uint8Array[] | undefined;
  readonly #streams: ReadonlySet<string> | undefined;
  readonly #sinceHi: number;
  readonly #sinceLo: number;
  readonly #untilHi: number;
  readonly #untilLo: number;
  readonly #hasSince: boolean;
  readonly #hasUntil: boolean;
  readonly #seqFrom: number;
  readonly #seqTo: number;
  readonly #minSeverity: number;

  constructor(readonly query: Query) {
    this.#where = query.where.map(compile);
    this.#resource = query.resource.map(compile);
    this.#terms = query.text;
    const ascii = query.text.every((t) => /^[\x00-\x7f]+$/.test(t));
    this.#asciiTerms = ascii ? query.text.map((t) => enc.encode(t)) : undefined;
    this.#streams = query.streams.length ? new Set(query.streams) : undefined;
    this.#hasSince = query.sinceNs !== undefined;
    this.#hasUntil = query.untilNs !== undefined;
    const since = query.sinceNs ?? 0n;
    const until = query.untilNs ?? 0n;
    this.#sinceHi = Number(since >> 32n);
    this.#sinceLo = Number(since & 0xffffffffn);
    this.#untilHi = Number(until >> 32n);
    this.#untilLo = Number(until & 0xffffffffn);
    this.#seqFrom = query.seqFrom ?? 1;
    this.#seqTo = query.seqTo ?? Number.MAX_SAFE_INTEGER;
    this.#minSeverity = query.minSeverity ?? 0;
  }

  /** The stream passes --stream. */
  streamMatches(stream: string): boolean {
    return this.#streams === undefined || this.#streams.has(stream);
  }

  /** A context (resource attributes first, docs/PROTOCOL.md §3) passes --resource. */
  contextMatches(b: Uint8Array, start: number): boolean {
    for (const c of this.#resource) if (!attrsMatch(b, start, c)) return false;
    return true;
  }

  /** The seq passes --seq. */
  seqMatches(seq: number): boolean {
    return seq >= this.#seqFrom && seq <= this.#seqTo;
  }

  /**
   * Where the record at `start` lies against the time window: -1 before it
   * (or no time at all when the window has a start), 0 in it, 1 after it.
   */
  timePlace(b: Uint8Array, start: number): -1 | 0 | 1 {
    let hi = u32(b, start);
    let lo = u32(b, start + 4);
    if (hi === 0 && lo === 0) {
      hi = u32(b, start + 8);
      lo = u32(b, start + 12);
    }
    if (this.#hasSince && (hi < this.#sinceHi || (hi === this.#sinceHi && lo < this.#sinceLo))) return -1;
    if (this.#hasUntil && (hi > this.#untilHi || (hi === this.#untilHi && lo > this.#untilLo))) return 1;
    if ((this.#hasSince || this.#hasUntil) && hi === 0 && lo === 0) return -1;
    return 0;
  }

  /** The record's own fields (severity, attributes, body) pass; time, seq, stream and context are checked apart. */
  fieldsMatch(b: Uint8Array, start: number): boolean {
    if (this.#minSeverity > 0 && severityAt(b, start) < this.#minSeverity) return false;
    if (this.#where.length === 0 && this.#terms.length === 0) return true;
    const body = bodyAt(b, start);
    if (this.#where.length > 0) {
      const attrs = valueEnd(b, body);
      for (const c of this.#where) if (!attrsMatch(b, attrs, c)) return false;
    }
    return this.#terms.length === 0 || this.#textMatches(b, body);
  }

  #textMatches(b: Uint8Array, body: number): boolean {
    if (b[body] === Tag.String) {
      const from = body + 5;
      const to = from + u32(b, body + 1);
      const ascii = this.#asciiTerms;
      // For ASCII text, folding ASCII letters is exactly toLowerCase; anything else takes the general way.
      if (ascii !== undefined && isAscii(b, from, to)) {
        for (const t of ascii) if (!asciiIncludes(b, from, to, t)) return false;
        return true;
      }
      return this.#termsIn(utf8.decode(b.subarray(from, to)));
    }
    return this.#termsIn(valueWords(b, body).join(' '));
  }

  #termsIn(text: string): boolean {
    const lower = text.toLowerCase();
    for (const t of this.#terms) if (!lower.includes(t)) return false;
    return true;
  }

  /** Everything about one record: seq, time, fields (stream and context are decided per resource and scope). */
  recordMatches(b: Uint8Array, start: number, seq: number): boolean {
    return this.seqMatches(seq) && this.timePlace(b, start) === 0 && this.fieldsMatch(b, start);
  }
}
