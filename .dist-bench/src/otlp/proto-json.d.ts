/**
 * Protobuf -> OTLP/JSON without the object model: reads an encoded
 * ResourceLogs message and writes its OTLP/JSON text as UTF-8 bytes, byte for
 * byte what encodeLogsJson(decodeResourceLogsProto(...)) writes for it.
 *
 * The fast path accepts only the canonical form our encoder writes
 * (proto-encode.ts): fields in field-number order, each singular field at most
 * once, repeated fields contiguous, no unknown or profiles-only fields, one
 * member per AnyValue, one-byte tags. In that form streaming the fields in
 * order is the JSON (LogRecord's observedTimeUnixNano, which JSON puts second,
 * is found by a scan before the record is written). Anything else, including
 * malformed input, makes the fast path give up on that message; the general
 * path (decode, then encode) then writes it or throws its DecodeError, so the
 * result never depends on which path ran.
 */
import { type DecodeOptions } from './decode-error.js';
import { JsonOutput } from './json-output.js';
/**
 * Builds one OTLP/JSON document `{"resourceLogs":[...]}` from encoded
 * ResourceLogs messages, as UTF-8 bytes. Reusable: begin() starts a new
 * document in the same buffer. Not re-entrant (synchronous use only).
 */
export declare class LogsJsonWriter {
    readonly out: JsonOutput;
    /** Messages written by the general path (not in canonical form) since construction. */
    fallbacks: number;
    private readonly fast;
    private maxDepth;
    private opts;
    private count;
    constructor(out?: JsonOutput);
    /** Starts a new document; `opts` are the decoding options (AnyValue depth limit) for its messages. */
    begin(opts?: DecodeOptions): void;
    /** Appends the ResourceLogs message `payload`; returns its log record count. Throws DecodeError for malformed input. */
    add(payload: Uint8Array): number;
    /** Decode, then encode: any valid encoding, or the decoder's DecodeError. */
    private general;
    /** Closes the document (`{}` when no message was added), appends `trailer` (ASCII) and returns a copy of it. */
    end(trailer?: string): Uint8Array;
}
/** The OTLP/JSON text of one encoded ResourceLogs message, as encodeLogsJson writes it inside `{"resourceLogs":[...]}`. */
export declare function resourceLogsProtoToJson(payload: Uint8Array, opts?: DecodeOptions): string;
/** `{"resourceLogs":[...]}` of encoded ResourceLogs messages as UTF-8 bytes, plus `trailer`, and the log records in it. */
export declare function resourceLogsProtoToJsonDocument(payloads: readonly Uint8Array[], trailer?: string, opts?: DecodeOptions): {
    json: Uint8Array;
    records: number;
};
