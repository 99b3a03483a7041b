/**
 * Structural, order-sensitive equality of OTLP values and whole LogsData.
 * Doubles compare with Object.is (NaN equals NaN, 0 differs from -0), so two
 * values are equal exactly when both codecs would encode them identically.
 */
import type { AnyValue, InstrumentationScope, KeyValue, LogRecord, LogsData, Resource, ResourceLogs } from './types.js';
export declare function bytesEqual(a: Uint8Array, b: Uint8Array): boolean;
export declare function anyValueEqual(a: AnyValue, b: AnyValue): boolean;
export declare function keyValueEqual(a: KeyValue, b: KeyValue): boolean;
export declare function resourceEqual(a: Resource, b: Resource): boolean;
export declare function scopeEqual(a: InstrumentationScope, b: InstrumentationScope): boolean;
export declare function logRecordEqual(a: LogRecord, b: LogRecord): boolean;
export declare function resourceLogsEqual(a: ResourceLogs, b: ResourceLogs): boolean;
export declare function logsDataEqual(a: LogsData, b: LogsData): boolean;
