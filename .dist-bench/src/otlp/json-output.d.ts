/**
 * A growable UTF-8 output buffer for writing OTLP/JSON text as bytes, with
 * the value writers the protobuf -> JSON transcoder (proto-json.ts) needs:
 * JSON string literals copied straight from UTF-8 input, 64-bit integers
 * from two 32-bit halves (no BigInt), lowercase hex and padded base64. Every
 * writer produces exactly the text of its counterpart in json-values.ts /
 * binary-text.ts.
 */
export declare class JsonOutput {
    #private;
    buf: Uint8Array;
    /** Bytes written. */
    pos: number;
    /** `keepMax`: a buffer that grew beyond this is replaced by an `initial`-sized one on reset(). */
    constructor(initial?: number, keepMax?: number);
    reset(): void;
    /** Makes room for `n` more bytes. */
    ensure(n: number): void;
    /** A copy of the bytes written so far. */
    copy(): Uint8Array;
    byte(b: number): void;
    /** Text that is known to be ASCII (keys, punctuation, numbers). */
    ascii(s: string): void;
    /**
     * A JSON string literal of the UTF-8 bytes src[start, end). Returns false
     * (with the output in an unspecified state) when the bytes are not valid
     * UTF-8. Only `"`, `\` and control characters are escaped.
     */
    utf8String(src: Uint8Array, start: number, end: number): boolean;
    /** Writes the escape of an ASCII byte; `rest` bytes of the string remain, counting this one. */
    private escape;
    /** A non-negative integer below 2^53 in decimal. */
    uint(n: number): void;
    /** A non-negative int32 of two or more digits (int32 arithmetic). */
    private smallUint;
    /** An int32 in decimal. */
    int32(n: number): void;
    /** An unsigned 64-bit integer given as two uint32 halves, in decimal. */
    uint64(lo: number, hi: number): void;
    /** A signed 64-bit integer given as two uint32 halves (two's complement), in decimal. */
    int64(lo: number, hi: number): void;
    /** Seven decimal digits, with leading zeros, of n < 1e7 (int32 arithmetic). */
    private padded7;
    /** Lowercase hex of src[start, end). */
    hex(src: Uint8Array, start: number, end: number): void;
    /** Standard padded base64 of src[start, end). */
    base64(src: Uint8Array, start: number, end: number): void;
}
/** True if src[start, end) is well-formed UTF-8, exactly as a fatal TextDecoder decides. */
export declare function isValidUtf8(src: Uint8Array, start: number, end: number): boolean;
