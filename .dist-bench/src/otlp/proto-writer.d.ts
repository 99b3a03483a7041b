/**
 * What the size pass learns, consumed in the same order by the write pass:
 * the length of every length-delimited item. Reusable: reset() before each
 * encode call (encoding is synchronous, so one plan can serve every call).
 */
export declare class SizePlan {
    /** Backing store; replaced by a larger one as it fills, so read it only after the size pass. */
    slots: Uint32Array;
    private used;
    constructor(capacity?: number);
    reset(): void;
    /** Reserves a slot to be filled with set() once the item's content is measured; returns its index. */
    reserve(): number;
    set(slot: number, length: number): void;
    push(length: number): void;
    /** Records a string's UTF-8 length (one slot) and returns it. */
    string(s: string): number;
    private grow;
}
/** Bytes a varint takes for a non-negative integer up to 2^53. */
export declare function varintSize(n: number): number;
/** Bytes of a length-delimited payload of `len` bytes: its length prefix plus the payload. */
export declare function lenFieldSize(len: number): number;
/** Bytes of an int32 / enum varint (negative values take 10 bytes). */
export declare function int32Size(n: number): number;
/** Bytes of an int64 varint (negative values take 10 bytes); values are taken modulo 2^64, as int64() writes them. */
export declare function int64Size(v: bigint): number;
export declare class ProtoWriter {
    readonly buf: Uint8Array;
    pos: number;
    private readonly slots;
    private k;
    private view;
    /** Writes into `buf` (a new one of `size` bytes when not given) from `pos`. */
    constructor(size: number, plan: SizePlan, buf?: Uint8Array, pos?: number);
    /** The next length recorded by the size pass. */
    next(): number;
    byte(b: number): void;
    /** Non-negative integer up to 2^53. */
    varint(n: number): void;
    /** int32 / enum: negative values are sign-extended to 64 bits (10 bytes). */
    int32(n: number): void;
    int64(v: bigint): void;
    /** Varint from two unsigned 32-bit halves. */
    private varint64;
    fixed32(n: number): void;
    /**
     * Unsigned 64-bit value (wrapped modulo 2^64), little-endian. DataView's
     * setBigUint64 is exact and, measured on Node 20, about four times as fast
     * as splitting the bigint into two uint32 halves.
     */
    fixed64(v: bigint): void;
    double(x: number): void;
    private dataView;
    /** Tag, length, raw bytes. */
    bytesField(tag: number, b: Uint8Array): void;
    /** Tag, length and UTF-8 bytes of a string measured by SizePlan.string(). */
    stringField(tag: number, s: string): void;
}
