/**
 * The page's table of records: a row per record of a decoded line, its
 * badge from the finished check, and the filter. Pure (no DOM, no worker):
 * the worker runs it over the input again whenever the filter changes, and
 * keeps only the first MAX_ROWS matches.
 *
 * A record's badge is its status by the rules `sealog search` gives a hit
 * (src/verify/search/status.ts: verified, unsealed, modified, conflicting,
 * unverifiable, and for records a search never returns, inserted and
 * foreign), from the core's report and seal ranges (Verifier.sealRanges).
 */
import { ATTR_CHAIN, ATTR_SEQ, ATTR_STREAM } from '../../integrity/canonical.js';
import { controlType, parseGap, parseGenesis, parseLoss, parseSeal } from '../../integrity/control.js';
import type { AnyValue, KeyValue, LogRecord, LogsData } from '../../otlp/types.js';
import { getAttr } from '../../otlp/types.js';
import { valueString } from '../../processors/value-string.js';
import type { SealRange, StreamReport } from '../core/index.js';
import { ChainStatuses, FOREIGN, type RecordStatus, type Status } from '../search/status.js';
import type { RecordFilter, RecordRow } from './protocol.js';

/** Characters of a body the table shows. */
const BODY_CHARS = 400;

const chainKey = (stream: string, chain: string): string => `${stream}\u0000${chain}`;

/** A record of a chain the report does not hold. */
const UNCHECKED: Status<RecordStatus> = { status: 'unverifiable', reason: 'the check holds no report of its chain' };

/** Every chain's statuses, after the check. */
export class StatusIndex {
  readonly #chains = new Map<string, ChainStatuses>();

  /** One chain: its report and its seal ranges (`verifier.sealRanges(report.stream, report.chain)`). */
  add(report: StreamReport, ranges: readonly SealRange[]): void {
    this.#chains.set(chainKey(report.stream, report.chain), new ChainStatuses(report, ranges));
  }

  /** A record's status; `seq` is -1 when it has no valid sealog.seq. */
  status(stream: string | undefined, chain: string | undefined, seq: number): Status<RecordStatus> {
    if (stream === undefined || chain === undefined) return FOREIGN;
    return this.#chains.get(chainKey(stream, chain))?.ofRecord(seq) ?? UNCHECKED;
  }
}

/** A record of a decoded line, before its badge is known. */
export interface RecordView {
  stream: string | undefined;
  chain: string | undefined;
  seq: number;
  record: LogRecord;
}

/** Every record of a decoded line, in order. */
export function* recordsOf(data: LogsData): Generator<RecordView> {
  for (const rl of data.resourceLogs) {
    const s = getAttr(rl.resource.attributes, ATTR_STREAM);
    const c = getAttr(rl.resource.attributes, ATTR_CHAIN);
    const stream = s?.type === 'string' ? s.value : undefined;
    const chain = c?.type === 'string' ? c.value : undefined;
    for (const sl of rl.scopeLogs) {
      for (const record of sl.logRecords) {
        const v = getAttr(record.attributes, ATTR_SEQ);
        const seq = v?.type === 'int' && v.value >= 1n && v.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.value) : -1;
        yield { stream, chain, seq, record };
      }
    }
  }
}

/** What a control record says, in a line (its signed body in full when it cannot be read). */
function controlText(rec: LogRecord, type: string): string | undefined {
  if (type === 'seal') {
    const p = parseSeal(rec);
    return p.ok ? `seal of records ${p.value.from}..${p.value.to}, key ${p.value.keyId} (epoch ${p.value.epoch})${p.value.nextKey ? ', announces the next key' : ''}` : undefined;
  }
  if (type === 'genesis') {
    const p = parseGenesis(rec);
    return p.ok ? `genesis of the chain (${p.value.reason}), key ${p.value.keyId} (epoch ${p.value.epoch})` : undefined;
  }
  if (type === 'loss') {
    const p = parseLoss(rec);
    return p.ok ? `loss: ${p.value.count} record(s) dropped (${p.value.reason})` : undefined;
  }
  if (type === 'gap') {
    const p = parseGap(rec);
    return p.ok ? `gap: ${p.value.receiver} could not read bytes ${p.value.from}..${p.value.to ?? ''} of ${p.value.path} (${p.value.reason})` : undefined;
  }
  return undefined;
}

/** What the tables show of a record, whatever its status. */
export function recordFields(r: RecordView): Omit<RecordRow, 'where' | 'status' | 'reason'> {
  const rec = r.record;
  const control = controlType(rec);
  const body = control ? (controlText(rec, control) ?? `${control} record: ${valueString(rec.body)}`) : valueString(rec.body);
  return {
    stream: r.stream ?? '',
    chain: r.chain ?? '',
    seq: r.seq,
    timeNs: (rec.timeUnixNano || rec.observedTimeUnixNano).toString(),
    severityNumber: rec.severityNumber,
    severityText: rec.severityText,
    body: body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body,
    control: control ?? '',
  };
}

export function toRow(r: RecordView, status: Status<RecordStatus>, where: string): RecordRow {
  return { ...recordFields(r), where, status: status.status, reason: status.reason };
}

/** ASCII letters folded to lower case, nothing else (so that a byte search over the raw line finds the same). */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * A filter, ready to apply. Text is matched against string and integer
 * values (the body, nested ones too, and attributes: keys and values), the
 * severity text and the stream; an ASCII search text ignores the case of
 * ASCII letters only, any other text the case of every letter.
 */
export class FilterMatch {
  readonly #needle: string;
  readonly #ascii: boolean;
  readonly #from: bigint | undefined;
  readonly #to: bigint | undefined;
  /** The needle's bytes when a line without them cannot hold a match (lineMayMatch). */
  readonly #lineNeedle: Uint8Array | undefined;

  constructor(readonly filter: RecordFilter) {
    const t = filter.text.trim();
    this.#ascii = /^[\x20-\x7e]*$/.test(t);
    this.#needle = this.#ascii ? foldAscii(t) : t.toLowerCase();
    this.#from = filter.fromNs ? BigInt(filter.fromNs) : undefined;
    this.#to = filter.toNs ? BigInt(filter.toNs) : undefined;
    // Letters and digits with a few separators appear byte for byte in a line whose strings hold no escape;
    // a letter keeps numbers written with an exponent (decoded to other digits) from mattering.
    this.#lineNeedle = /^[A-Za-z0-9 _.:@-]+$/.test(t) && /[A-Za-z]/.test(t) ? new TextEncoder().encode(this.#needle) : undefined;
  }

  get empty(): boolean {
    const f = this.filter;
    return this.#needle === '' && !f.fromNs && !f.toNs && f.minSeverity === 0 && f.status === '';
  }

  /** False only when no record of this raw line can match the text (a cheap test before decoding it). */
  lineMayMatch(line: Uint8Array): boolean {
    const n = this.#lineNeedle;
    if (!n) return true;
    if (line.indexOf(0x5c) >= 0) return true; // an escape: the decoded text may differ from the bytes
    const first = n[0]!;
    const upper = first >= 0x61 && first <= 0x7a ? first - 0x20 : first;
    const last = line.length - n.length;
    for (let i = 0; i <= last; i++) {
      const c = line[i]!;
      if (c !== first && c !== upper) continue;
      let k = 1;
      while (k < n.length) {
        let b = line[i + k]!;
        if (b >= 0x41 && b <= 0x5a) b += 0x20;
        if (b !== n[k]) break;
        k++;
      }
      if (k === n.length) return true;
    }
    return false;
  }

  matches(r: RecordView, status: RecordStatus): boolean {
    const f = this.filter;
    const rec = r.record;
    if (f.status !== '' && status !== f.status) return false;
    if (rec.severityNumber < f.minSeverity) return false;
    if (this.#from !== undefined || this.#to !== undefined) {
      const t = rec.timeUnixNano || rec.observedTimeUnixNano;
      if (t === 0n) return false;
      if (this.#from !== undefined && t < this.#from) return false;
      if (this.#to !== undefined && t > this.#to) return false;
    }
    if (this.#needle === '') return true;
    return this.#text(rec.severityText) || this.#text(r.stream ?? '') || this.#value(rec.body) || this.#attrs(rec.attributes);
  }

  #text(s: string): boolean {
    return (this.#ascii ? foldAscii(s) : s.toLowerCase()).includes(this.#needle);
  }

  #value(v: AnyValue): boolean {
    switch (v.type) {
      case 'string':
        return this.#text(v.value);
      case 'int':
        return this.#text(v.value.toString());
      case 'array':
        return v.value.some((x) => this.#value(x));
      case 'kvlist':
        return this.#attrs(v.value);
      default:
        return false;
    }
  }

  #attrs(kvs: readonly KeyValue[]): boolean {
    return kvs.some((kv) => this.#text(kv.key) || this.#value(kv.value));
  }
}
