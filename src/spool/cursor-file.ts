/**
 * Cursor files: one per reader, `cursor-<encoded name>.cur`, replaced
 * atomically (temp file, fdatasync, rename, directory fsync) on every ack.
 *
 * DO NOT REORDER, RESIZE OR RETYPE ANY FIELD (format versions 1 and 2, big-endian):
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
 *   56+N u32 CRC-32C of bytes [0, 56+N)                      (version 1 ends here)
 *
 * Version 2 (written when the reader's owner gave the acknowledged frame an
 * ack tag, see SpoolOptions.ackTag) has the same bytes up to the name, then:
 *
 *   56+N     u16 tag length T (1..1024)
 *   58+N     T   tag: opaque to the spool (the pipeline stores the chain id, seq
 *                and hash of the acknowledged frame, docs/SPOOL.md)
 *   58+N+T   u32 CRC-32C of bytes [0, 58+N+T)
 *
 * Version 1 files stay readable; a cursor without a tag is still written as version 1.
 */
import { crc32c } from './crc32c.js';
import { readU16, readU32, readU64, writeU16, writeU32, writeU64 } from './format.js';

export const CURSOR_MAGIC = 'SEALOGCU';
export const CURSOR_VERSION = 1;
/** The version that carries an ack tag. */
export const CURSOR_VERSION_TAGGED = 2;
export const MAX_CURSOR_TAG = 1024;
export const CURSOR_PREFIX = 'cursor-';
export const CURSOR_SUFFIX = '.cur';
const FIXED = 56;
const MAX_ENCODED_NAME = 200;

export interface CursorState {
  ackedId: number;
  segmentFirstId: number;
  offset: number;
  recordsEnd: number;
  writtenAtMs: number;
  /** The acknowledged frame's ack tag (SpoolOptions.ackTag), when its owner gives one. */
  tag?: Uint8Array;
}

const SAFE = /^[A-Za-z0-9_.-]$/;

/** File name of a reader's cursor: unsafe characters (e.g. the '/' of 'otlphttp/backup') become %XX. */
export function cursorFileName(reader: string): string {
  if (reader.length === 0) throw new RangeError('a spool reader needs a non-empty name');
  let enc = '';
  for (const ch of reader) {
    if (SAFE.test(ch)) enc += ch;
    else for (const b of Buffer.from(ch, 'utf8')) enc += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  if (enc.length > MAX_ENCODED_NAME) throw new RangeError(`spool reader name too long for a file name: ${reader}`);
  return CURSOR_PREFIX + enc + CURSOR_SUFFIX;
}

/** Reader name of a cursor file name, or undefined if the name is not a cursor file's. */
export function parseCursorFileName(file: string): string | undefined {
  if (!file.startsWith(CURSOR_PREFIX) || !file.endsWith(CURSOR_SUFFIX)) return undefined;
  const enc = file.slice(CURSOR_PREFIX.length, file.length - CURSOR_SUFFIX.length);
  if (enc.length === 0) return undefined;
  try {
    return decodeURIComponent(enc);
  } catch {
    return undefined;
  }
}

export function encodeCursor(reader: string, s: CursorState): Uint8Array {
  const name = Buffer.from(reader, 'utf8');
  const tag = s.tag !== undefined && s.tag.length > 0 ? s.tag : undefined;
  if (tag && tag.length > MAX_CURSOR_TAG) throw new RangeError(`cursor tag of ${tag.length} bytes is longer than ${MAX_CURSOR_TAG}`);
  const body = FIXED + name.length + (tag ? 2 + tag.length : 0);
  const out = new Uint8Array(body + 4);
  for (let i = 0; i < 8; i++) out[i] = CURSOR_MAGIC.charCodeAt(i);
  writeU16(out, 8, tag ? CURSOR_VERSION_TAGGED : CURSOR_VERSION);
  writeU16(out, 10, name.length);
  writeU32(out, 12, 0);
  writeU64(out, 16, s.ackedId);
  writeU64(out, 24, s.segmentFirstId);
  writeU64(out, 32, s.offset);
  writeU64(out, 40, s.recordsEnd);
  writeU64(out, 48, s.writtenAtMs);
  out.set(name, FIXED);
  if (tag) {
    writeU16(out, FIXED + name.length, tag.length);
    out.set(tag, FIXED + name.length + 2);
  }
  writeU32(out, body, crc32c(out, 0, body));
  return out;
}

export type CursorDecodeResult = { ok: true; reader: string; state: CursorState } | { ok: false; reason: string };

export function decodeCursor(buf: Uint8Array): CursorDecodeResult {
  if (buf.length < FIXED + 4) return { ok: false, reason: `${buf.length} bytes, shorter than a cursor (${FIXED + 4})` };
  for (let i = 0; i < 8; i++) {
    if (buf[i] !== CURSOR_MAGIC.charCodeAt(i)) return { ok: false, reason: 'bad magic' };
  }
  const version = readU16(buf, 8);
  if (version !== CURSOR_VERSION && version !== CURSOR_VERSION_TAGGED) return { ok: false, reason: `unsupported cursor version ${version}` };
  const nameLength = readU16(buf, 10);
  let body = FIXED + nameLength;
  let tagLength = 0;
  if (version === CURSOR_VERSION_TAGGED) {
    if (buf.length < body + 2 + 4) return { ok: false, reason: `length ${buf.length} is too short for name length ${nameLength} and a tag` };
    tagLength = readU16(buf, body);
    if (tagLength === 0 || tagLength > MAX_CURSOR_TAG) return { ok: false, reason: `tag length ${tagLength} out of range` };
    body += 2 + tagLength;
  }
  if (buf.length !== body + 4) return { ok: false, reason: `length ${buf.length} does not match name length ${nameLength}${tagLength ? ` and tag length ${tagLength}` : ''}` };
  if (readU32(buf, body) !== crc32c(buf, 0, body)) return { ok: false, reason: 'CRC mismatch' };
  const state: CursorState = {
    ackedId: readU64(buf, 16),
    segmentFirstId: readU64(buf, 24),
    offset: readU64(buf, 32),
    recordsEnd: readU64(buf, 40),
    writtenAtMs: readU64(buf, 48),
  };
  if (tagLength > 0) state.tag = buf.slice(FIXED + nameLength + 2, body);
  return { ok: true, reader: Buffer.from(buf.buffer, buf.byteOffset + FIXED, nameLength).toString('utf8'), state };
}
