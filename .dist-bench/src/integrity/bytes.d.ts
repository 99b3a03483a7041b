export declare class ByteWriter {
    #private;
    buf: Uint8Array;
    view: DataView;
    pos: number;
    constructor(initial?: number);
    reset(): void;
    ensure(n: number): void;
    u8(v: number): void;
    u32(v: number): void;
    /** Unsigned 64-bit big-endian from a non-negative safe integer. */
    u64n(v: number): void;
    /** 64-bit big-endian two's complement from a bigint (u64 or i64 range). */
    u64(v: bigint): void;
    f64(v: number): void;
    bytes(b: Uint8Array): void;
    /** u32 length prefix, then the bytes. */
    lenBytes(b: Uint8Array): void;
    /** u32 byte length, then UTF-8 (short ASCII strings copied inline, longer ones by the native encoder). */
    str(s: string): void;
    /** A copy of what was written. */
    toBytes(): Uint8Array;
    /** A view of what was written (valid until the next write or reset; do not keep it). */
    view_(): Uint8Array;
}
export declare function toHex(b: Uint8Array): string;
/** Parses lowercase or uppercase hex; returns undefined if malformed. */
export declare function fromHex(s: string): Uint8Array | undefined;
/** Parses exactly `out.length` bytes of hex from `s` into `out`; false (out unspecified) if malformed. */
export declare function hexInto(s: string, out: Uint8Array): boolean;
export declare function bytesEqual(a: Uint8Array, b: Uint8Array): boolean;
export declare function compareBytes(a: Uint8Array, b: Uint8Array): number;
/**
 * Compares two strings in the order of their UTF-8 bytes (= Unicode code
 * point order), without encoding them. UTF-16 code unit order differs only
 * where a surrogate meets U+E000..U+FFFF, which this fixes up.
 */
export declare function compareUtf8(a: string, b: string): number;
