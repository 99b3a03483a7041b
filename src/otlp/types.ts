/**
 * The OTLP logs data model, as one in-memory shape shared by every receiver,
 * processor, the integrity core and every exporter.
 *
 * Conventions (see ../../docs/ARCHITECTURE.md):
 * - 64-bit integers (timestamps, AnyValue ints) are `bigint`, so nanosecond
 *   timestamps never lose precision. 0n means "unknown".
 * - Strings default to '' and counts to 0; an absent body is `EMPTY_VALUE`.
 * - Trace and span ids are raw bytes; a zero-length array means "no id".
 * - This module is pure: no `node:` imports.
 */

export type AnyValue =
  | { readonly type: 'empty' }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'array'; readonly value: AnyValue[] }
  | { readonly type: 'kvlist'; readonly value: KeyValue[] };

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface EntityRef {
  schemaUrl: string;
  type: string;
  idKeys: string[];
  descriptionKeys: string[];
}

export interface Resource {
  attributes: KeyValue[];
  droppedAttributesCount: number;
  entityRefs: EntityRef[];
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
}

export interface LogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  /** SeverityNumber enum value, 0..24 (other values are kept as received). */
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  /** fixed32; bits 0-7 are W3C trace flags. */
  flags: number;
  /** 16 bytes, or empty for "no trace". */
  traceId: Uint8Array;
  /** 8 bytes, or empty for "no span". */
  spanId: Uint8Array;
  eventName: string;
}

export interface ScopeLogs {
  scope: InstrumentationScope;
  logRecords: LogRecord[];
  schemaUrl: string;
}

export interface ResourceLogs {
  resource: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl: string;
}

/** ExportLogsServiceRequest and LogsData have the same shape. */
export interface LogsData {
  resourceLogs: ResourceLogs[];
}

export interface ExportLogsPartialSuccess {
  rejectedLogRecords: bigint;
  errorMessage: string;
}

export interface ExportLogsServiceResponse {
  /** Undefined means full success with the field left out. */
  partialSuccess?: ExportLogsPartialSuccess;
}

export const EMPTY_VALUE: AnyValue = Object.freeze({ type: 'empty' }) as AnyValue;
export const NO_ID: Uint8Array = new Uint8Array(0);

export function newResource(attributes: KeyValue[] = []): Resource {
  return { attributes, droppedAttributesCount: 0, entityRefs: [] };
}

export function newScope(name = '', version = ''): InstrumentationScope {
  return { name, version, attributes: [], droppedAttributesCount: 0 };
}

export function newLogRecord(): LogRecord {
  return {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: EMPTY_VALUE,
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: NO_ID,
    spanId: NO_ID,
    eventName: '',
  };
}

export const str = (value: string): AnyValue => ({ type: 'string', value });
export const int = (value: bigint | number): AnyValue => ({ type: 'int', value: BigInt(value) });
export const bool = (value: boolean): AnyValue => ({ type: 'bool', value });
export const dbl = (value: number): AnyValue => ({ type: 'double', value });
export const kvlist = (value: KeyValue[]): AnyValue => ({ type: 'kvlist', value });
export const kv = (key: string, value: AnyValue): KeyValue => ({ key, value });

/** Returns the first attribute with this key, or undefined. */
export function getAttr(attrs: readonly KeyValue[], key: string): AnyValue | undefined {
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.key === key) return a.value;
  }
  return undefined;
}

/** Sets (replacing the first match, or appending) an attribute in place. */
export function setAttr(attrs: KeyValue[], key: string, value: AnyValue): void {
  for (let i = 0; i < attrs.length; i++) {
    if (attrs[i]!.key === key) {
      attrs[i] = { key, value };
      return;
    }
  }
  attrs.push({ key, value });
}

export function countRecords(data: LogsData): number {
  let n = 0;
  for (const rl of data.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}
