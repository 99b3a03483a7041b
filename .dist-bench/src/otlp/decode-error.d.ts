/**
 * DecodeError: malformed OTLP input (protobuf or JSON). Every decoder in
 * src/otlp/ throws only this for bad input: never a RangeError, never a stack
 * overflow.
 */
import { AgentError } from '../errors.js';
export interface DecodeOptions {
    /** AnyValue nesting limit (arrays and kvlists inside values); default 32. */
    maxDepth?: number;
}
export declare const DEFAULT_MAX_DEPTH = 32;
/** The largest maxDepth accepted, so that decoding can never exhaust the call stack. */
export declare const MAX_MAX_DEPTH = 1000;
/**
 * `detail` says what is wrong; `path` says where: the field path such as
 * `resourceLogs[0].scopeLogs[1].logRecords[3].traceId`, and for protobuf
 * input the byte offset (`at byte 123`), either or both.
 */
export declare class DecodeError extends AgentError {
    readonly detail: string;
    /** Byte offset into the protobuf input where the problem was found, if known. */
    readonly byteOffset: number | undefined;
    private fieldPathValue;
    constructor(detail: string, fieldPath?: string, byteOffset?: number, options?: {
        cause?: unknown;
    });
    /** The dotted field path only (no byte offset). */
    get fieldPath(): string;
    /** Field path and byte offset, e.g. `resourceLogs[0].scopeLogs[0].logRecords[2].body, at byte 345`. */
    get path(): string;
    /**
     * Prefixes the field path with an enclosing segment (`logRecords[3]`) as the
     * error travels up through the decoder. Mutates and returns this error, so
     * the decoders pay nothing for paths until something fails.
     */
    within(segment: string): this;
    private composeMessage;
}
/** Rethrows `err` with `segment` prepended to its path if it is a DecodeError; other errors pass unchanged. */
export declare function rethrowWithin(err: unknown, segment: string): never;
export declare function resolveMaxDepth(opts: DecodeOptions | undefined): number;
