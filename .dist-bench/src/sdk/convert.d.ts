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
import type { HrTime } from '@opentelemetry/api';
import type { AnyValue as SdkAnyValue, LogAttributes } from '@opentelemetry/api-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { type AnyValue, type InstrumentationScope, type KeyValue, type LogRecord, type Resource } from '../otlp/types.js';
export declare function hrTimeToNanos(t: HrTime): bigint;
export declare function nanosToHrTime(ns: bigint): HrTime;
/** A JS value as the SDK's transformer encodes it. */
export declare function toAnyValue(v: unknown): AnyValue;
export declare function toKeyValues(o: Record<string, unknown>): KeyValue[];
/** The JS value the SDK's transformer turns back into `v` (inverse of toAnyValue on its image). */
export declare function fromAnyValue(v: AnyValue): SdkAnyValue;
export declare function fromKeyValues(kvs: readonly KeyValue[]): LogAttributes;
export declare function toResource(attributes: LogAttributes): Resource;
export declare function toScope(s: ReadableLogRecord['instrumentationScope']): InstrumentationScope;
/** One SDK record in sealog's model. */
export declare function toLogRecord(r: ReadableLogRecord): LogRecord;
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
export declare function toReadable(r: LogRecord, resource: ExportResource, scope: ReadableLogRecord['instrumentationScope']): ReadableLogRecord;
export declare function toExportScope(s: InstrumentationScope, schemaUrl: string): ReadableLogRecord['instrumentationScope'];
