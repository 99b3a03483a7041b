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
import { crc32c } from './crc32c.js';
export const SEGMENT_MAGIC = 'SEALOGSG';
export const FORMAT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 40;
export const SEGMENT_SUFFIX = '.seg';
export const FRAME_HEADER_BYTES = 8;
export const FRAME_BODY_FIXED_BYTES = 28;
export const FRAME_OVERHEAD_BYTES = FRAME_HEADER_BYTES + FRAME_BODY_FIXED_BYTES;
/** Largest body accepted; anything larger is treated as a damaged length field. */
export const MAX_FRAME_BODY_BYTES = 512 * 1024 * 1024;
export const FRAME_TYPE_DATA = 1;
export const FRAME_TYPE_CHECKPOINT = 2;
const TWO_32 = 4294967296;
export function writeU64(buf, off, value) {
    writeU32(buf, off, Math.floor(value / TWO_32));
    writeU32(buf, off + 4, value >>> 0);
}
export function readU64(buf, off) {
    return readU32(buf, off) * TWO_32 + readU32(buf, off + 4);
}
export function writeU32(buf, off, value) {
    buf[off] = value >>> 24;
    buf[off + 1] = value >>> 16;
    buf[off + 2] = value >>> 8;
    buf[off + 3] = value;
}
export function readU32(buf, off) {
    return ((buf[off] << 24) | (buf[off + 1] << 16) | (buf[off + 2] << 8) | buf[off + 3]) >>> 0;
}
export function writeU16(buf, off, value) {
    buf[off] = value >>> 8;
    buf[off + 1] = value;
}
export function readU16(buf, off) {
    return (buf[off] << 8) | buf[off + 1];
}
// ------------------------------------------------------------ segment header
export function segmentFileName(firstId) {
    return String(firstId).padStart(20, '0') + SEGMENT_SUFFIX;
}
/** First frame id encoded in a segment file name, or undefined if the name is not a segment's. */
export function parseSegmentFileName(name) {
    if (name.length !== 20 + SEGMENT_SUFFIX.length || !name.endsWith(SEGMENT_SUFFIX))
        return undefined;
    const digits = name.slice(0, 20);
    if (!/^\d{20}$/.test(digits))
        return undefined;
    const id = Number(digits);
    return Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}
export function encodeSegmentHeader(out, off, firstId, firstRecordIndex) {
    for (let i = 0; i < 8; i++)
        out[off + i] = SEGMENT_MAGIC.charCodeAt(i);
    writeU16(out, off + 8, FORMAT_VERSION);
    writeU16(out, off + 10, SEGMENT_HEADER_BYTES);
    writeU32(out, off + 12, 0);
    writeU64(out, off + 16, firstId);
    writeU64(out, off + 24, firstRecordIndex);
    writeU32(out, off + 32, 0);
    writeU32(out, off + 36, crc32c(out, off, off + 36));
}
export function decodeSegmentHeader(buf, length) {
    if (length < SEGMENT_HEADER_BYTES)
        return { ok: false, reason: 'short' };
    let zero = true;
    for (let i = 0; i < SEGMENT_HEADER_BYTES; i++) {
        if (buf[i] !== 0) {
            zero = false;
            break;
        }
    }
    if (zero)
        return { ok: false, reason: 'zero' };
    for (let i = 0; i < 8; i++)
        if (buf[i] !== SEGMENT_MAGIC.charCodeAt(i))
            return { ok: false, reason: 'magic' };
    if (readU32(buf, 36) !== crc32c(buf, 0, 36))
        return { ok: false, reason: 'crc' };
    const version = readU16(buf, 8);
    if (version !== FORMAT_VERSION || readU16(buf, 10) !== SEGMENT_HEADER_BYTES)
        return { ok: false, reason: 'version', version };
    return { ok: true, header: { version, firstId: readU64(buf, 16), firstRecordIndex: readU64(buf, 24) } };
}
// ---------------------------------------------------------------------- frames
export function frameSize(metaLength, payloadLength) {
    return FRAME_OVERHEAD_BYTES + metaLength + payloadLength;
}
/** Writes one frame at out[off] and returns its size. `out` must have room for frameSize(meta, payload). */
export function encodeFrame(out, off, id, type, flags, records, appendedAtMs, meta, payload) {
    const bodyLength = FRAME_BODY_FIXED_BYTES + meta.length + payload.length;
    writeU32(out, off, bodyLength);
    writeU64(out, off + 8, id);
    out[off + 16] = type;
    out[off + 17] = flags;
    out[off + 18] = 0;
    out[off + 19] = 0;
    writeU32(out, off + 20, records);
    writeU64(out, off + 24, appendedAtMs);
    writeU32(out, off + 32, meta.length);
    out.set(meta, off + 36);
    out.set(payload, off + 36 + meta.length);
    const end = off + FRAME_HEADER_BYTES + bodyLength;
    writeU32(out, off + 4, crc32c(out, off + FRAME_HEADER_BYTES, end));
    return end - off;
}
/** Outcome codes of parseFrame (numbers, so the read loop allocates nothing per frame). */
export const PARSE_OK = 0;
/** The buffer ends before the frame does; `view.need` bytes from `pos` are needed. */
export const PARSE_PARTIAL = 1;
/** The length or meta-length field is impossible. */
export const PARSE_BAD_LENGTH = 2;
/** The frame is complete but its CRC does not match. */
export const PARSE_BAD_CRC = 3;
/** Fields of the last frame parsed; offsets are into the buffer that was parsed. */
export class FrameView {
    id = 0;
    type = 0;
    flags = 0;
    records = 0;
    appendedAtMs = 0;
    metaStart = 0;
    metaEnd = 0;
    payloadStart = 0;
    payloadEnd = 0;
    /** Total bytes of the frame (header and body). */
    size = 0;
    /** For PARSE_PARTIAL: bytes needed from the frame's start. */
    need = 0;
}
/**
 * Parses the frame at buf[pos] using bytes up to buf[end). Fills `view` and
 * returns a PARSE_* code. Pure: checks length plausibility and the CRC only;
 * id ordering is the caller's business.
 */
export function parseFrame(buf, pos, end, view) {
    if (end - pos < FRAME_HEADER_BYTES) {
        view.need = FRAME_HEADER_BYTES;
        return PARSE_PARTIAL;
    }
    const bodyLength = readU32(buf, pos);
    if (bodyLength < FRAME_BODY_FIXED_BYTES || bodyLength > MAX_FRAME_BODY_BYTES)
        return PARSE_BAD_LENGTH;
    const size = FRAME_HEADER_BYTES + bodyLength;
    view.size = size;
    if (end - pos < size) {
        view.need = size;
        return PARSE_PARTIAL;
    }
    const metaLength = readU32(buf, pos + 32);
    if (metaLength > bodyLength - FRAME_BODY_FIXED_BYTES)
        return PARSE_BAD_LENGTH;
    if (readU32(buf, pos + 4) !== crc32c(buf, pos + FRAME_HEADER_BYTES, pos + size))
        return PARSE_BAD_CRC;
    view.id = readU64(buf, pos + 8);
    view.type = buf[pos + 16];
    view.flags = buf[pos + 17];
    view.records = readU32(buf, pos + 20);
    view.appendedAtMs = readU64(buf, pos + 24);
    view.metaStart = pos + 36;
    view.metaEnd = view.metaStart + metaLength;
    view.payloadStart = view.metaEnd;
    view.payloadEnd = pos + size;
    return PARSE_OK;
}
/** Frame id stored at buf[pos] (no checks); used to screen resync candidates cheaply. */
export function peekFrameId(buf, pos) {
    return readU64(buf, pos + 8);
}
/** Body length stored at buf[pos] (no checks). */
export function peekBodyLength(buf, pos) {
    return readU32(buf, pos);
}
//# sourceMappingURL=format.js.map