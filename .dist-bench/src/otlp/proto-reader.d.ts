export declare const WIRE_VARINT = 0;
export declare const WIRE_I64 = 1;
export declare const WIRE_LEN = 2;
export declare const WIRE_SGROUP = 3;
export declare const WIRE_EGROUP = 4;
export declare const WIRE_I32 = 5;
export declare class ProtoReader {
    readonly buf: Uint8Array;
    pos: number;
    limit: number;
    private view;
    constructor(buf: Uint8Array, start?: number, end?: number);
    fail(detail: string, at?: number): never;
    /** Reads a varint of up to 10 bytes as an unsigned number (exact up to 2^53; larger values saturate). */
    varint(): number;
    /** Reads a varint as a 64-bit two's-complement integer (int64 semantics). */
    varintInt64(): bigint;
    /** Reads a varint and keeps its low 32 bits as a signed int32 (proto int32/enum semantics). */
    varintInt32(): number;
    /** Reads a varint and keeps its low 32 bits as an unsigned uint32. */
    varintUint32(): number;
    fixed32(): number;
    /**
     * fixed64 as an unsigned bigint. DataView.getBigUint64 is exact and, measured
     * on Node 20, about twice as fast as combining two uint32 halves.
     */
    fixed64(): bigint;
    double(): number;
    private dataView;
    /** Reads a length prefix and checks that the payload fits in the current message. */
    length(): number;
    /** Narrows the limit to a length-delimited payload; returns the previous limit for leave(). */
    enter(): number;
    /** Restores the limit saved by enter(); the payload must have been consumed exactly. */
    leave(saved: number): void;
    /** Copies a length-delimited bytes field. */
    bytes(): Uint8Array;
    /**
     * A copy of buf[start, end), never a view: decoded values must outlive
     * (and not change with) the buffer, which the caller may reuse.
     * `Buffer#slice` makes a view, so slice() cannot be used here.
     */
    copy(start: number, end: number): Uint8Array;
    string(): string;
    /** Skips a field of an unknown number by its wire type. */
    skip(wireType: number, tagAt: number): void;
    /** Reads a tag; a field number of 0 is invalid. Returns the raw tag (field << 3 | wire type). */
    tag(): number;
    /** Fails with a wrong-wire-type error for a known field. */
    wrongWireType(field: string, wireType: number, expected: number, tagAt: number): never;
}
