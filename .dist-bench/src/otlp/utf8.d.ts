/** UTF-8 byte length of `s`, natively for long strings where available. */
export declare function utf8ByteLength(s: string): number;
/**
 * Writes `s` as UTF-8 at `pos` (the caller made room for `s.length * 3`
 * bytes, or for utf8ByteLength(s)); returns the position after it. Allocates
 * nothing where Buffer exists. `byteLength`, when the caller knows it, saves
 * measuring a short string again.
 */
export declare function writeUtf8At(buf: Uint8Array, pos: number, s: string, byteLength?: number): number;
/** Number of bytes `s` takes in UTF-8. */
export declare function utf8Length(s: string): number;
/**
 * Writes `s` as UTF-8 at `pos`; `byteLength` is utf8Length(s), computed by the
 * caller's size pass. Returns the position after the string.
 */
export declare function writeUtf8(buf: Uint8Array, pos: number, s: string, byteLength: number): number;
/**
 * Decodes bytes [start, end) of `buf` as strict UTF-8.
 * Invalid UTF-8 throws DecodeError (the caller adds the field path).
 */
export declare function decodeUtf8(buf: Uint8Array, start: number, end: number): string;
/** Decodes a whole UTF-8 document (JSON input given as bytes); invalid UTF-8 throws DecodeError. */
export declare function decodeUtf8Document(bytes: Uint8Array, what: string): string;
