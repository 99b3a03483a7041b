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
export type AnyValue = {
    readonly type: 'empty';
} | {
    readonly type: 'string';
    readonly value: string;
} | {
    readonly type: 'bool';
    readonly value: boolean;
} | {
    readonly type: 'int';
    readonly value: bigint;
} | {
    readonly type: 'double';
    readonly value: number;
} | {
    readonly type: 'bytes';
    readonly value: Uint8Array;
} | {
    readonly type: 'array';
    readonly value: AnyValue[];
} | {
    readonly type: 'kvlist';
    readonly value: KeyValue[];
};
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
export declare const EMPTY_VALUE: AnyValue;
export declare const NO_ID: Uint8Array;
export declare function newResource(attributes?: KeyValue[]): Resource;
export declare function newScope(name?: string, version?: string): InstrumentationScope;
export declare function newLogRecord(): LogRecord;
export declare const str: (value: string) => AnyValue;
export declare const int: (value: bigint | number) => AnyValue;
export declare const bool: (value: boolean) => AnyValue;
export declare const dbl: (value: number) => AnyValue;
export declare const kvlist: (value: KeyValue[]) => AnyValue;
export declare const kv: (key: string, value: AnyValue) => KeyValue;
/** Returns the first attribute with this key, or undefined. */
export declare function getAttr(attrs: readonly KeyValue[], key: string): AnyValue | undefined;
/** Sets (replacing the first match, or appending) an attribute in place. */
export declare function setAttr(attrs: KeyValue[], key: string, value: AnyValue): void;
export declare function countRecords(data: LogsData): number;
