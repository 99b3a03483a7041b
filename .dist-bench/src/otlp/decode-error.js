/**
 * DecodeError: malformed OTLP input (protobuf or JSON). Every decoder in
 * src/otlp/ throws only this for bad input: never a RangeError, never a stack
 * overflow.
 */
import { AgentError } from '../errors.js';
export const DEFAULT_MAX_DEPTH = 32;
/** The largest maxDepth accepted, so that decoding can never exhaust the call stack. */
export const MAX_MAX_DEPTH = 1000;
/**
 * `detail` says what is wrong; `path` says where: the field path such as
 * `resourceLogs[0].scopeLogs[1].logRecords[3].traceId`, and for protobuf
 * input the byte offset (`at byte 123`), either or both.
 */
export class DecodeError extends AgentError {
    detail;
    /** Byte offset into the protobuf input where the problem was found, if known. */
    byteOffset;
    fieldPathValue;
    constructor(detail, fieldPath = '', byteOffset, options) {
        super('DECODE_ERROR', detail, options);
        this.name = 'DecodeError';
        this.detail = detail;
        this.byteOffset = byteOffset;
        this.fieldPathValue = fieldPath;
        this.message = this.composeMessage();
    }
    /** The dotted field path only (no byte offset). */
    get fieldPath() {
        return this.fieldPathValue;
    }
    /** Field path and byte offset, e.g. `resourceLogs[0].scopeLogs[0].logRecords[2].body, at byte 345`. */
    get path() {
        const at = this.byteOffset === undefined ? '' : `at byte ${this.byteOffset}`;
        if (this.fieldPathValue === '')
            return at;
        return at === '' ? this.fieldPathValue : `${this.fieldPathValue}, ${at}`;
    }
    /**
     * Prefixes the field path with an enclosing segment (`logRecords[3]`) as the
     * error travels up through the decoder. Mutates and returns this error, so
     * the decoders pay nothing for paths until something fails.
     */
    within(segment) {
        const p = this.fieldPathValue;
        this.fieldPathValue = p === '' ? segment : p.charCodeAt(0) === 0x5b /* [ */ ? segment + p : `${segment}.${p}`;
        this.message = this.composeMessage();
        return this;
    }
    composeMessage() {
        const path = this.path;
        return path === '' ? this.detail : `${this.detail} (${path})`;
    }
}
/** Rethrows `err` with `segment` prepended to its path if it is a DecodeError; other errors pass unchanged. */
export function rethrowWithin(err, segment) {
    if (err instanceof DecodeError)
        throw err.within(segment);
    throw err;
}
export function resolveMaxDepth(opts) {
    const d = opts?.maxDepth;
    if (d === undefined)
        return DEFAULT_MAX_DEPTH;
    if (!Number.isInteger(d) || d < 1 || d > MAX_MAX_DEPTH) {
        throw new DecodeError(`decode option maxDepth must be an integer from 1 to ${MAX_MAX_DEPTH}, got ${String(d)}`);
    }
    return d;
}
//# sourceMappingURL=decode-error.js.map