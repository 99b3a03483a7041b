/**
 * The spool's on-disk format, version 1 (docs/SPOOL.md is the spec).
 *
 * DO NOT REORDER, RESIZE OR RETYPE ANY FIELD BELOW. Spools written by one
 * version of sealog are read by the next; a change here needs a new format
 * version and a migration. All integers are big-endian and unsigned; 64-bit
 * fields hold values below 2^53.
 *
 * Segment file `<first frame id, 20 decimal digits>.seg`:
 *
 *   +--------------------+  offset 0
 *   | segment header 40B |  magic "SEALOGSG", version, header length,
 *   +--------------------+  first frame id, first record index, CRC-32C
 *   | frame (checkpoint) |  type 2: pipeline state when the segment began
 *   +--------------------+
 *   | frame (data)       |  type 1: one SpoolEntry
 *   | ...                |
 *   +--------------------+
 *
 * Frame:
 *
 *   0  u32  body length L (bytes after the CRC field)
 *   4  u32  CRC-32C of the L body bytes
 *   8  u64  frame id           ┐
 *   16 u8   type (1 data, 2 checkpoint)
 *   17 u8   flags              │ body (L bytes)
 *   18 u16  reserved, 0        │
 *   20 u32  records            │
 *   24 u64  appended at (ms since the Unix epoch)
 *   32 u32  meta length M      │
 *   36 M    meta               │
 *   36+M    payload            ┘
 */
export declare const SEGMENT_MAGIC = "SEALOGSG";
export declare const FORMAT_VERSION = 1;
export declare const SEGMENT_HEADER_BYTES = 40;
export declare const SEGMENT_SUFFIX = ".seg";
export declare const FRAME_HEADER_BYTES = 8;
export declare const FRAME_BODY_FIXED_BYTES = 28;
export declare const FRAME_OVERHEAD_BYTES: number;
/** Largest body accepted; anything larger is treated as a damaged length field. */
export declare const MAX_FRAME_BODY_BYTES: number;
export declare const FRAME_TYPE_DATA = 1;
export declare const FRAME_TYPE_CHECKPOINT = 2;
export declare function writeU64(buf: Uint8Array, off: number, value: number): void;
export declare function readU64(buf: Uint8Array, off: number): number;
export declare function writeU32(buf: Uint8Array, off: number, value: number): void;
export declare function readU32(buf: Uint8Array, off: number): number;
export declare function writeU16(buf: Uint8Array, off: number, value: number): void;
export declare function readU16(buf: Uint8Array, off: number): number;
export declare function segmentFileName(firstId: number): string;
/** First frame id encoded in a segment file name, or undefined if the name is not a segment's. */
export declare function parseSegmentFileName(name: string): number | undefined;
export interface SegmentHeader {
    version: number;
    firstId: number;
    firstRecordIndex: number;
}
export declare function encodeSegmentHeader(out: Uint8Array, off: number, firstId: number, firstRecordIndex: number): void;
export type SegmentHeaderResult = {
    ok: true;
    header: SegmentHeader;
} | {
    ok: false;
    reason: 'short' | 'zero' | 'magic' | 'crc' | 'version';
    version?: number;
};
export declare function decodeSegmentHeader(buf: Uint8Array, length: number): SegmentHeaderResult;
export declare function frameSize(metaLength: number, payloadLength: number): number;
/** Writes one frame at out[off] and returns its size. `out` must have room for frameSize(meta, payload). */
export declare function encodeFrame(out: Uint8Array, off: number, id: number, type: number, flags: number, records: number, appendedAtMs: number, meta: Uint8Array, payload: Uint8Array): number;
/** Outcome codes of parseFrame (numbers, so the read loop allocates nothing per frame). */
export declare const PARSE_OK = 0;
/** The buffer ends before the frame does; `view.need` bytes from `pos` are needed. */
export declare const PARSE_PARTIAL = 1;
/** The length or meta-length field is impossible. */
export declare const PARSE_BAD_LENGTH = 2;
/** The frame is complete but its CRC does not match. */
export declare const PARSE_BAD_CRC = 3;
/** Fields of the last frame parsed; offsets are into the buffer that was parsed. */
export declare class FrameView {
    id: number;
    type: number;
    flags: number;
    records: number;
    appendedAtMs: number;
    metaStart: number;
    metaEnd: number;
    payloadStart: number;
    payloadEnd: number;
    /** Total bytes of the frame (header and body). */
    size: number;
    /** For PARSE_PARTIAL: bytes needed from the frame's start. */
    need: number;
}
/**
 * Parses the frame at buf[pos] using bytes up to buf[end). Fills `view` and
 * returns a PARSE_* code. Pure: checks length plausibility and the CRC only;
 * id ordering is the caller's business.
 */
export declare function parseFrame(buf: Uint8Array, pos: number, end: number, view: FrameView): number;
/** Frame id stored at buf[pos] (no checks); used to screen resync candidates cheaply. */
export declare function peekFrameId(buf: Uint8Array, pos: number): number;
/** Body length stored at buf[pos] (no checks). */
export declare function peekBodyLength(buf: Uint8Array, pos: number): number;
