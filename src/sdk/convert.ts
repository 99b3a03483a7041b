/**
 * Between the OpenTelemetry JS SDK's log records and sealog's OTLP record
 * model (src/otlp/types.ts). Pure; only types come from the SDK packages.
 *
 * Both directions follow the rules of the SDK's own OTLP transformer
 * (@opentelemetry/otlp-transformer, toAnyValue / toLogRecord / createResource),
 * so the record sealog hashes is the record the SDK's exporter puts on the
 * wire:
 *
 *   string → string          integer number → int      other number → double
 *   boolean → bool           Uint8Array → bytes        array → array
 *   plain object → kvlist    anything else (null, undefined, bigint, ...) → empty
 *   hrTime [s, ns] → trunc(s)·10⁹ + trunc(ns)          absent severity/text/event → 0 / ''
 *   spanContext → traceId/spanId bytes, flags = traceFlags (absent → no ids, 0)
 */
import type { HrTime, SpanContext } from '@opentelemetry/api';
import type { AnyValue as SdkAnyValue, LogAttributes } from '@opentelemetry/api-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { fromHex, toHex } from '../integrity/bytes.js';
import { EMPTY_VALUE, NO_ID, type AnyValue, type InstrumentationScope, type KeyValue, type LogRecord, type Resource, type ResourceLogs } from '../otlp/types.js';

const NS_PER_S = 1_000_000_000n;

export function hrTimeToNanos(t: HrTime): bigint {
  return BigInt(Math.trunc(t[0])) * NS_PER_S + BigInt(Math.trunc(t[1]));
}

export function nanosToHrTime(ns: bigint): HrTime {
  return [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];
}

/** A JS value as the SDK's transformer encodes it. */
export function toAnyValue(v: unknown): AnyValue {
  switch (typeof v) {
    case 'string':
      return { type: 'string', value: v };
    case 'number':
      return Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
    case 'boolean':
      return { type: 'bool', value: v };
    case 'object': {
      if (v === null) return EMPTY_VALUE;
      if (v instanceof Uint8Array) return { type: 'bytes', value: v };
      if (Array.isArray(v)) return { type: 'array', value: v.map(toAnyValue) };
      return { type: 'kvlist', value: toKeyValues(v as Record<string, unknown>) };
    }
    default:
      return EMPTY_VALUE;
  }
}

export function toKeyValues(o: Record<string, unknown>): KeyValue[] {
  const keys = Object.keys(o);
  const out = new Array<KeyValue>(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = { key: keys[i]!, value: toAnyValue(o[keys[i]!]) };
  return out;
}

/** The JS value the SDK's transformer turns back into `v` (inverse of toAnyValue on its image). */
export function fromAnyValue(v: AnyValue): SdkAnyValue {
  switch (v.type) {
    case 'string':
    case 'bool':
    case 'double':
    case 'bytes':
      return v.value;
    case 'int':
      return Number(v.value);
    case 'array':
      return v.value.map(fromAnyValue);
    case 'kvlist':
      return fromKeyValues(v.value) as SdkAnyValue;
    default:
      return undefined;
  }
}

export function fromKeyValues(kvs: readonly KeyValue[]): LogAttributes {
  const o: LogAttributes = {};
  for (const e of kvs) o[e.key] = fromAnyValue(e.value);
  return o;
}

export function toResource(attributes: LogAttributes): Resource {
  return { attributes: toKeyValues(attributes), droppedAttributesCount: 0, entityRefs: [] };
}

export function toScope(s: ReadableLogRecord['instrumentationScope']): InstrumentationScope {
  return {
    name: s.name,
    version: s.version ?? '',
    attributes: s.attributes && Object.keys(s.attributes).length > 0 ? toKeyValues(s.attributes) : [],
    droppedAttributesCount: s.attributes && Object.keys(s.attributes).length > 0 ? (s.droppedAttributesCount ?? 0) : 0,
  };
}

/** One SDK record in sealog's model. */
export function toLogRecord(r: ReadableLogRecord): LogRecord {
  const sc = r.spanContext;
  const t = r.hrTime;
  const o = r.hrTimeObserved;
  const time = hrTimeToNanos(t);
  return {
    timeUnixNano: time,
    // The SDK often stamps both times from one clock read: one conversion then.
    observedTimeUnixNano: o === t || (o[0] === t[0] && o[1] === t[1]) ? time : hrTimeToNanos(o),
    severityNumber: r.severityNumber ?? 0,
    severityText: r.severityText ?? '',
    body: toAnyValue(r.body),
    attributes: toKeyValues(r.attributes),
    droppedAttributesCount: r.droppedAttributesCount,
    flags: sc ? sc.traceFlags : 0,
    traceId: sc ? (fromHex(sc.traceId) ?? NO_ID) : NO_ID,
    spanId: sc ? (fromHex(sc.spanId) ?? NO_ID) : NO_ID,
    eventName: r.eventName ?? '',
  };
}

/** What ReadableLogRecord.resource must offer the SDK's transformer. */
export interface ExportResource {
  readonly attributes: LogAttributes;
  readonly schemaUrl?: string;
}

/**
 * A sealed record in the shape the SDK's exporters take. `resource` and
 * `scope` objects must be shared by records of one group (the transformer
 * groups by object identity).
 */
export function toReadable(r: LogRecord, resource: ExportResource, scope: ReadableLogRecord['instrumentationScope']): ReadableLogRecord {
  const sc: SpanContext | undefined = r.traceId.length > 0 || r.spanId.length > 0 ? { traceId: toHex(r.traceId), spanId: toHex(r.spanId), traceFlags: r.flags } : undefined;
  const hrTime = nanosToHrTime(r.timeUnixNano);
  // One object shape for every record (no spreads): the SDK's transformers
  // (protobuf and JSON) treat an undefined field exactly as an absent one.
  return {
    hrTime,
    hrTimeObserved: r.observedTimeUnixNano === r.timeUnixNano ? hrTime : nanosToHrTime(r.observedTimeUnixNano),
    spanContext: sc,
    severityText: r.severityText !== '' ? r.severityText : undefined,
    severityNumber: r.severityNumber !== 0 ? r.severityNumber : undefined,
    body: r.body.type !== 'empty' ? fromAnyValue(r.body) : undefined,
    eventName: r.eventName !== '' ? r.eventName : undefined,
    resource: resource as ReadableLogRecord['resource'],
    instrumentationScope: scope,
    attributes: fromKeyValues(r.attributes),
    droppedAttributesCount: r.droppedAttributesCount,
  } as ReadableLogRecord;
}

export function toExportScope(s: InstrumentationScope, schemaUrl: string): ReadableLogRecord['instrumentationScope'] {
  return {
    name: s.name,
    ...(s.version !== '' ? { version: s.version } : {}),
    ...(schemaUrl !== '' ? { schemaUrl } : {}),
    ...(s.attributes.length > 0 ? { attributes: fromKeyValues(s.attributes), droppedAttributesCount: s.droppedAttributesCount } : {}),
  };
}

/** Sealed frames as the SDK's exporters take them (one resource and scope object per group, shared by its records). */
export function toReadables(frames: readonly ResourceLogs[]): ReadableLogRecord[] {
  const records: ReadableLogRecord[] = [];
  for (const rl of frames) {
    const resource: ExportResource = { attributes: fromKeyValues(rl.resource.attributes), ...(rl.schemaUrl !== '' ? { schemaUrl: rl.schemaUrl } : {}) };
    for (const sl of rl.scopeLogs) {
      const scope = toExportScope(sl.scope, sl.schemaUrl);
      for (const lr of sl.logRecords) records.push(toReadable(lr, resource, scope));
    }
  }
  return records;
}
