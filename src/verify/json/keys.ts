/**
 * The fast path's key tables: the OTLP JSON field names it knows, in both
 * spellings (camelCase and snake_case), each to a code (F: a bit per field,
 * so a key given twice is seen; V: the AnyValue kinds), and the sealog.*
 * attribute names it looks for. Codes are const enums: they compile to
 * literals in the scanner's switches.
 */
import { ascii, type JsonBytes } from './json-bytes.js';

/** Field names → bit codes (0 = unknown key), both spellings. */
export class Keys {
  readonly #byLength: Array<Array<[Uint8Array, number]>> = [];
  constructor(entries: Array<[string, number]>) {
    for (const [name, code] of entries) {
      (this.#byLength[name.length] ??= []).push([ascii(name), code]);
    }
  }
  code(j: JsonBytes, len: number): number {
    const list = this.#byLength[len];
    if (list === undefined) return 0;
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      if (j.keyIs(len, e[0])) return e[1];
    }
    return 0;
  }
}

/** Field codes of the OTLP JSON objects, one bit each (an object's `seen` mask finds a key given twice). */
export const enum F {
  TIME = 1,
  OBSERVED = 2,
  SEVERITY = 4,
  SEVERITY_TEXT = 8,
  BODY = 16,
  ATTRIBUTES = 32,
  DROPPED = 64,
  FLAGS = 128,
  TRACE = 256,
  SPAN = 512,
  EVENT = 1024,
  NAME = 2048,
  VERSION = 4096,
  RESOURCE = 8192,
  SCOPE_LOGS = 16384,
  SCHEMA = 32768,
  SCOPE = 65536,
  LOG_RECORDS = 131072,
  ENTITY_REFS = 262144,
  RESOURCE_LOGS = 524288,
  KEY = 1 << 20,
  VALUE = 1 << 21,
  VALUES = 1 << 22,
}

export const RECORD_KEYS = new Keys([
  ['timeUnixNano', F.TIME],
  ['time_unix_nano', F.TIME],
  ['observedTimeUnixNano', F.OBSERVED],
  ['observed_time_unix_nano', F.OBSERVED],
  ['severityNumber', F.SEVERITY],
  ['severity_number', F.SEVERITY],
  ['severityText', F.SEVERITY_TEXT],
  ['severity_text', F.SEVERITY_TEXT],
  ['body', F.BODY],
  ['attributes', F.ATTRIBUTES],
  ['droppedAttributesCount', F.DROPPED],
  ['dropped_attributes_count', F.DROPPED],
  ['flags', F.FLAGS],
  ['traceId', F.TRACE],
  ['trace_id', F.TRACE],
  ['spanId', F.SPAN],
  ['span_id', F.SPAN],
  ['eventName', F.EVENT],
  ['event_name', F.EVENT],
]);
export const SCOPE_KEYS = new Keys([
  ['name', F.NAME],
  ['version', F.VERSION],
  ['attributes', F.ATTRIBUTES],
  ['droppedAttributesCount', F.DROPPED],
  ['dropped_attributes_count', F.DROPPED],
]);
export const RESOURCE_KEYS = new Keys([
  ['attributes', F.ATTRIBUTES],
  ['droppedAttributesCount', F.DROPPED],
  ['dropped_attributes_count', F.DROPPED],
  ['entityRefs', F.ENTITY_REFS],
  ['entity_refs', F.ENTITY_REFS],
]);
export const RESOURCE_LOGS_KEYS = new Keys([
  ['resource', F.RESOURCE],
  ['scopeLogs', F.SCOPE_LOGS],
  ['scope_logs', F.SCOPE_LOGS],
  ['schemaUrl', F.SCHEMA],
  ['schema_url', F.SCHEMA],
]);
export const SCOPE_LOGS_KEYS = new Keys([
  ['scope', F.SCOPE],
  ['logRecords', F.LOG_RECORDS],
  ['log_records', F.LOG_RECORDS],
  ['schemaUrl', F.SCHEMA],
  ['schema_url', F.SCHEMA],
]);
export const TOP_KEYS = new Keys([
  ['resourceLogs', F.RESOURCE_LOGS],
  ['resource_logs', F.RESOURCE_LOGS],
]);
export const KEY_VALUE_KEYS = new Keys([
  ['key', F.KEY],
  ['value', F.VALUE],
]);
export const LIST_KEYS = new Keys([['values', F.VALUES]]);

/** AnyValue kinds (the key of its one member). */
export const enum V {
  STRING = 1,
  BOOL = 2,
  INT = 3,
  DOUBLE = 4,
  BYTES = 5,
  ARRAY = 6,
  KVLIST = 7,
}
export const VALUE_KEYS = new Keys([
  ['stringValue', V.STRING],
  ['string_value', V.STRING],
  ['boolValue', V.BOOL],
  ['bool_value', V.BOOL],
  ['intValue', V.INT],
  ['int_value', V.INT],
  ['doubleValue', V.DOUBLE],
  ['double_value', V.DOUBLE],
  ['bytesValue', V.BYTES],
  ['bytes_value', V.BYTES],
  ['arrayValue', V.ARRAY],
  ['array_value', V.ARRAY],
  ['kvlistValue', V.KVLIST],
  ['kvlist_value', V.KVLIST],
]);

export const SEALOG_SEQ = ascii('sealog.seq');
export const SEALOG_HASH = ascii('sealog.hash');
export const SEALOG_TYPE = ascii('sealog.type');
export const SEALOG_STREAM = ascii('sealog.stream');
export const SEALOG_CHAIN = ascii('sealog.chain');
