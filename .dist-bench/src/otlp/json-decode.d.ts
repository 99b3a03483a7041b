/**
 * OTLP/JSON reader (shared/OTLP.md §2): lowerCamelCase or snake_case keys,
 * unknown keys ignored, null means the default, 64-bit integers as strings or
 * numbers (exact, see json-scan.ts), enums as integers or names, ids as hex in
 * any case ("" or all zero = none), bytes as standard or URL-safe base64 with
 * or without padding. Lone UTF-16 surrogates in strings become U+FFFD, as in
 * the protobuf encoding, so both encodings of a decoded record agree.
 */
import { type DecodeOptions } from './decode-error.js';
import { type AnyValue, type ExportLogsServiceResponse, type LogRecord, type LogsData } from './types.js';
/** Decodes OTLP/JSON ExportLogsServiceRequest / LogsData text (or its UTF-8 bytes). */
export declare function decodeLogsJson(input: string | Uint8Array, opts?: DecodeOptions): LogsData;
/**
 * Decodes an already-parsed OTLP/JSON object. 64-bit integers must be strings
 * or safe-integer numbers here, since JSON.parse has already rounded larger
 * numbers (a DecodeError says so).
 */
export declare function decodeLogsJsonValue(value: unknown, opts?: DecodeOptions): LogsData;
/** Decodes one OTLP/JSON LogRecord object (text or its UTF-8 bytes), as it appears inside a request. */
export declare function decodeLogRecordJson(input: string | Uint8Array, opts?: DecodeOptions): LogRecord;
/** An AnyValue from its OTLP/JSON shape (`{"stringValue":"x"}`, ...). */
export declare function anyValueFromJson(v: unknown, opts?: DecodeOptions): AnyValue;
export declare function decodeExportResponseJson(input: string | Uint8Array): ExportLogsServiceResponse;
