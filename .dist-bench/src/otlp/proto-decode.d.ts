/**
 * OTLP logs protobuf reader. Accepts any valid encoding: fields in any order,
 * unknown fields skipped by wire type, a non-repeated message field that
 * appears twice is merged, the last member of a oneof wins. Rejects with
 * DecodeError: truncation, a wrong wire type for a known field, a length past
 * the end of its message, a varint over 10 bytes, group wire types, AnyValue
 * nesting deeper than maxDepth, a trace id that is not 16 bytes or a span id
 * that is not 8 bytes (when non-empty), invalid UTF-8. Ids that are all zero
 * decode as "no id".
 */
import { type DecodeOptions } from './decode-error.js';
import { type ExportLogsServiceResponse, type LogsData, type ResourceLogs } from './types.js';
/** Decodes ExportLogsServiceRequest / LogsData bytes. */
export declare function decodeLogsProto(buf: Uint8Array, opts?: DecodeOptions): LogsData;
/** Decodes the bytes of one ResourceLogs message (as produced by encodeResourceLogsProto). */
export declare function decodeResourceLogsProto(buf: Uint8Array, opts?: DecodeOptions): ResourceLogs;
/** Decodes ExportLogsServiceResponse bytes; an absent partial_success field stays undefined. */
export declare function decodeExportResponseProto(buf: Uint8Array): ExportLogsServiceResponse;
