/**
 * Cursor files: one per reader, `cursor-<encoded name>.cur`, replaced
 * atomically (temp file, fdatasync, rename, directory fsync) on every ack.
 *
 * DO NOT REORDER, RESIZE OR RETYPE ANY FIELD (format version 1, big-endian):
 *
 *   0    8  magic "SEALOGCU"
 *   8    u16 version (1)
 *   10   u16 name length N
 *   12   u32 reserved (0)
 *   16   u64 acknowledged frame id (0 = nothing acknowledged yet)
 *   24   u64 first frame id of the segment holding that frame (0 = none)
 *   32   u64 offset just past that frame in its segment
 *   40   u64 record index just past that frame (records appended to the spool before it, plus its own)
 *   48   u64 written at (ms since the Unix epoch)
 *   56   N   reader name (UTF-8)
 *   56+N u32 CRC-32C of bytes [0, 56+N)
 */
import { crc32c } from './crc32c.js';
import { readU16, readU32, readU64, writeU16, writeU32, writeU64 } from './format.js';
export const CURSOR_MAGIC = 'SEALOGCU';
export const CURSOR_VERSION = 1;
export const CURSOR_PREFIX = 'cursor-';
export const CURSOR_SUFFIX = '.cur';
const FIXED = 56;
const MAX_ENCODED_NAME = 200;
const SAFE = /^[A-Za-z0-9_.-]$/;
/** File name of a reader's cursor: unsafe characters (e.g. the '/' of 'otlphttp/backup') become %XX. */
export function cursorFileName(reader) {
    if (reader.length === 0)
        throw new RangeError('a spool reader needs a non-empty name');
    let enc = '';
    for (const ch of reader) {
        if (SAFE.test(ch))
            enc += ch;
        else
            for (const b of Buffer.from(ch, 'utf8'))
                enc += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    if (enc.length > MAX_ENCODED_NAME)
        throw new RangeError(`spool reader name too long for a file name: ${reader}`);
    return CURSOR_PREFIX + enc + CURSOR_SUFFIX;
}
/** Reader name of a cursor file name, or undefined if the name is not a cursor file's. */
export function parseCursorFileName(file) {
    if (!file.startsWith(CURSOR_PREFIX) || !file.endsWith(CURSOR_SUFFIX))
        return undefined;
    const enc = file.slice(CURSOR_PREFIX.length, file.length - CURSOR_SUFFIX.length);
    if (enc.length === 0)
        return undefined;
    try {
        return decodeURIComponent(enc);
    }
    catch {
        return undefined;
    }
}
export function encodeCursor(reader, s) {
    const name = Buffer.from(reader, 'utf8');
    const out = new Uint8Array(FIXED + name.length + 4);
    for (let i = 0; i < 8; i++)
        out[i] = CURSOR_MAGIC.charCodeAt(i);
    writeU16(out, 8, CURSOR_VERSION);
    writeU16(out, 10, name.length);
    writeU32(out, 12, 0);
    writeU64(out, 16, s.ackedId);
    writeU64(out, 24, s.segmentFirstId);
    writeU64(out, 32, s.offset);
    writeU64(out, 40, s.recordsEnd);
    writeU64(out, 48, s.writtenAtMs);
    out.set(name, FIXED);
    writeU32(out, FIXED + name.length, crc32c(out, 0, FIXED + name.length));
    return out;
}
export function decodeCursor(buf) {
    if (buf.length < FIXED + 4)
        return { ok: false, reason: `${buf.length} bytes, shorter than a cursor (${FIXED + 4})` };
    for (let i = 0; i < 8; i++) {
        if (buf[i] !== CURSOR_MAGIC.charCodeAt(i))
            return { ok: false, reason: 'bad magic' };
    }
    const version = readU16(buf, 8);
    if (version !== CURSOR_VERSION)
        return { ok: false, reason: `unsupported cursor version ${version}` };
    const nameLength = readU16(buf, 10);
    if (buf.length !== FIXED + nameLength + 4)
        return { ok: false, reason: `length ${buf.length} does not match name length ${nameLength}` };
    if (readU32(buf, FIXED + nameLength) !== crc32c(buf, 0, FIXED + nameLength))
        return { ok: false, reason: 'CRC mismatch' };
    return {
        ok: true,
        reader: Buffer.from(buf.buffer, buf.byteOffset + FIXED, nameLength).toString('utf8'),
        state: {
            ackedId: readU64(buf, 16),
            segmentFirstId: readU64(buf, 24),
            offset: readU64(buf, 32),
            recordsEnd: readU64(buf, 40),
            writtenAtMs: readU64(buf, 48),
        },
    };
}
//# sourceMappingURL=cursor-file.js.map