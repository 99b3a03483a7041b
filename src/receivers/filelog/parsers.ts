/**
 * The receiver's parser chain (pure): json, regex, timestamp and severity,
 * applied in the configured order to each record after it is read. A parser
 * that cannot handle a record leaves it as it is and reports the failure, so
 * a malformed line is still forwarded, unchanged.
 */
import type { FilelogParser } from '../../config/types.js';
import type { AnyValue, KeyValue, LogRecord } from '../../otlp/types.js';
import { EMPTY_VALUE } from '../../otlp/types.js';
import { AgentError } from '../../errors.js';
import { SeverityMapper } from './severity.js';
import { compileTimestampLayout } from './timestamp.js';

/** Applies one parser; returns false when the record did not fit it. */
type ParseStep = (rec: LogRecord) => boolean;

export interface ParserChain {
  /** Names of the parsers, in order (for metric labels). */
  readonly names: readonly string[];
  /** Runs every parser; calls onError(index) for each that failed. */
  apply(rec: LogRecord, onError: (index: number) => void): void;
}

/** A JSON value as an OTLP AnyValue (integers as int, other numbers as double, null as empty). */
export function jsonToAnyValue(v: unknown, depth = 0): AnyValue {
  if (v === null || v === undefined) return EMPTY_VALUE;
  switch (typeof v) {
    case 'string':
      return { type: 'string', value: v };
    case 'boolean':
      return { type: 'bool', value: v };
    case 'number':
      return Number.isSafeInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
    case 'object':
      if (depth > 64) return { type: 'string', value: JSON.stringify(v) };
      if (Array.isArray(v)) return { type: 'array', value: v.map((x) => jsonToAnyValue(x, depth + 1)) };
      return { type: 'kvlist', value: objectToKeyValues(v as Record<string, unknown>, depth + 1) };
    default:
      return { type: 'string', value: String(v) };
  }
}

function objectToKeyValues(o: Record<string, unknown>, depth: number): KeyValue[] {
  const out: KeyValue[] = [];
  for (const k of Object.keys(o)) out.push({ key: k, value: jsonToAnyValue(o[k], depth) });
  return out;
}

/** Upserts into a record's attributes. */
function putAttr(attrs: KeyValue[], key: string, value: AnyValue): void {
  for (let i = 0; i < attrs.length; i++) {
    if (attrs[i]!.key === key) {
      attrs[i] = { key, value };
      return;
    }
  }
  attrs.push({ key, value });
}

/** Reads `body`, `attributes.<key>` or `<key>` from a record as text. */
function readField(rec: LogRecord, field: string): string | undefined {
  let v: AnyValue | undefined;
  if (field === 'body') v = rec.body;
  else {
    const key = field.startsWith('attributes.') ? field.slice('attributes.'.length) : field;
    for (const a of rec.attributes) if (a.key === key) v = a.value;
    if (v === undefined && rec.body.type === 'kvlist') {
      for (const a of rec.body.value) if (a.key === key) v = a.value;
    }
  }
  if (v === undefined) return undefined;
  switch (v.type) {
    case 'string':
      return v.value;
    case 'int':
      return v.value.toString();
    case 'double':
      return String(v.value);
    case 'bool':
      return String(v.value);
    default:
      return undefined;
  }
}

function jsonStep(target: 'attributes' | 'body', bodyField: string | undefined): ParseStep {
  return (rec) => {
    if (rec.body.type !== 'string') return false;
    const text = rec.body.value;
    if (text.length === 0 || text.charCodeAt(0) !== 0x7b /* { */) {
      const t = text.trimStart();
      if (!t.startsWith('{')) return false;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
    const obj = parsed as Record<string, unknown>;
    if (target === 'body') {
      rec.body = { type: 'kvlist', value: objectToKeyValues(obj, 1) };
      return true;
    }
    let body: AnyValue | undefined;
    for (const k of Object.keys(obj)) {
      const value = jsonToAnyValue(obj[k], 1);
      if (bodyField !== undefined && k === bodyField) body = value;
      else putAttr(rec.attributes, k, value);
    }
    if (body !== undefined) rec.body = body;
    return true;
  };
}

function regexStep(source: string): ParseStep {
  let re: RegExp;
  try {
    re = new RegExp(source);
  } catch (err) {
    throw new AgentError('CONFIG_INVALID', `regex parser: invalid regex ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
  const names = Object.keys(new RegExp(source + '|').exec('')?.groups ?? {});
  if (names.length === 0) throw new AgentError('CONFIG_INVALID', `regex parser: ${JSON.stringify(source)} has no named groups like (?<name>...)`);
  return (rec) => {
    if (rec.body.type !== 'string') return false;
    const m = re.exec(rec.body.value);
    if (!m || !m.groups) return false;
    for (const name of names) {
      const v = m.groups[name];
      if (v !== undefined) putAttr(rec.attributes, name, { type: 'string', value: v });
    }
    return true;
  };
}

/** Where a timestamp parser keeps the text it could not turn into a representable time. */
export const ATTR_ORIGINAL_TIME = 'log.record.original_time';

function timestampStep(parseFrom: string, layout: string): ParseStep {
  const parse = compileTimestampLayout(layout);
  return (rec) => {
    const text = readField(rec, parseFrom);
    if (text === undefined) return false;
    const ns = parse(text);
    if (ns === undefined) {
      // Not a valid date, or outside 1970..2554: the event time stays unset (0, "unknown" in OTLP),
      // the observed time stays, and the text is kept, so nothing is wrapped or invented.
      rec.timeUnixNano = 0n;
      putAttr(rec.attributes, ATTR_ORIGINAL_TIME, { type: 'string', value: text });
      return false;
    }
    rec.timeUnixNano = ns;
    return true;
  };
}

function severityStep(parseFrom: string, mapping: Record<string, string[]> | undefined): ParseStep {
  const mapper = new SeverityMapper(mapping);
  return (rec) => {
    const text = readField(rec, parseFrom);
    if (text === undefined) return false;
    rec.severityText = text;
    rec.severityNumber = mapper.map(text);
    return true;
  };
}

export function compileParsers(parsers: readonly FilelogParser[]): ParserChain | null {
  if (parsers.length === 0) return null;
  const steps: ParseStep[] = [];
  const names: string[] = [];
  for (const p of parsers) {
    switch (p.type) {
      case 'json':
        steps.push(jsonStep(p.target ?? 'attributes', p.bodyField));
        break;
      case 'regex':
        steps.push(regexStep(p.regex));
        break;
      case 'timestamp':
        steps.push(timestampStep(p.parseFrom, p.layout));
        break;
      case 'severity':
        steps.push(severityStep(p.parseFrom, p.mapping));
        break;
      default:
        throw new AgentError('CONFIG_INVALID', `filelog parser type "${(p as { type: string }).type}" is unknown; use json, regex, timestamp or severity`);
    }
    names.push(p.type);
  }
  return {
    names,
    apply(rec, onError) {
      for (let i = 0; i < steps.length; i++) if (!steps[i]!(rec)) onError(i);
    },
  };
}
