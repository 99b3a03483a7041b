/**
 * Bytes as text for OTLP/JSON, without Buffer: lowercase hex for trace and
 * span ids, base64 for bytesValue. The decoders return null on malformed text
 * and leave the error (with its field path) to the caller.
 */
/** Value of a hex digit by character code / byte, -1 for anything else (codes 0-255; see hexDigit()). */
export declare const HEX_VALUE: Int8Array<ArrayBuffer>;
/** Value of the hex digit with character code `c`, or -1. */
export declare function hexDigit(c: number): number;
/** True if every byte is zero (also for an empty array). An all-zero trace or span id means "no id". */
export declare function isZeroId(id: Uint8Array): boolean;
export declare function bytesToHex(b: Uint8Array): string;
/** Case-insensitive hex to bytes; null if `s` has an odd length or a non-hex character. */
export declare function hexToBytes(s: string): Uint8Array | null;
/** Standard base64 with '=' padding (what proto3 JSON and the Collector write). */
export declare function bytesToBase64(b: Uint8Array): string;
/**
 * Base64 to bytes. Accepts the standard and the URL-safe alphabet, with or
 * without '=' padding. Returns null for any other character, misplaced
 * padding, or an impossible length (4k+1 characters).
 */
export declare function base64ToBytes(s: string): Uint8Array | null;
