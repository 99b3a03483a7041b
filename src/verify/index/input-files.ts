/**
 * The index's inputs: which files a run reads, how each is recognised on
 * the next run (device and inode, and a hash of its first bytes), and its
 * lines from the byte offset already consumed. Only whole lines are
 * consumed: a last line without its newline may still be being written, so
 * it is read on a later run (a gzip file, read whole, has no such tail).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Bytes of a file's beginning that identify it (with its device and inode). */
export const HEAD_BYTES = 4096;

export interface FileIdentity {
  path: string;
  dev: string;
  ino: string;
  size: number;
  gzip: boolean;
}

export async function identify(path: string): Promise<FileIdentity> {
  const st = await stat(path, { bigint: true });
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return { path, dev: st.dev.toString(), ino: st.ino.toString(), size: Number(st.size), gzip: bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b };
  } finally {
    await fh.close();
  }
}

/** SHA-256 (hex) of the file's first `len` bytes, or undefined when it holds fewer. */
export async function headHash(path: string, len: number): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(len);
    const { bytesRead } = await fh.read(b, 0, len, 0);
    if (bytesRead < len) return undefined;
    return createHash('sha256').update(b).digest('hex');
  } finally {
    await fh.close();
  }
}

/** SHA-256 (hex) of the last up to HEAD_BYTES bytes before `end` (what a run consumed last), or undefined when the file is shorter. */
export async function tailHash(path: string, end: number): Promise<string | undefined> {
  const len = Math.min(HEAD_BYTES, end);
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(len);
    const { bytesRead } = await fh.read(b, 0, len, end - len);
    if (bytesRead < len) return undefined;
    return createHash('sha256').update(b).digest('hex');
  } finally {
    await fh.close();
  }
}

export interface OffsetLine {
  bytes: Uint8Array;
  /** 1-based, counted from the file's start (`firstLine` is the number before the first line read). */
  line: number;
  /** Byte offset just past this line's newline (plain files), for the consumed position. */
  end: number;
}

/**
 * The lines of `path` from byte `start` up to byte `end` (plain files) or
 * whole (gzip), as views valid until the next line. A plain file's last line
 * without a newline before `end` is not yielded.
 */
export async function* linesFrom(path: string, gzip: boolean, start: number, firstLine: number, end = Infinity): AsyncGenerator<OffsetLine> {
  if (!gzip && end <= start) return;
  const raw = createReadStream(path, gzip ? { highWaterMark: 1 << 20 } : { highWaterMark: 1 << 20, start, ...(end !== Infinity ? { end: end - 1 } : {}) });
  const stream: Readable = gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  let carry = Buffer.alloc(0);
  let carryLen = 0;
  let offset = gzip ? 0 : start;
  let lineNo = firstLine;
  const out: OffsetLine = { bytes: carry, line: 0, end: 0 };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) break;
      lineNo++;
      let bytes: Uint8Array;
      if (carryLen > 0) {
        const need = carryLen + nl - from;
        if (carry.length < need) {
          const next = Buffer.allocUnsafe(Math.max(need, carry.length * 2));
          carry.copy(next, 0, 0, carryLen);
          carry = next;
        }
        chunk.copy(carry, carryLen, from, nl);
        bytes = carry.subarray(0, need);
        carryLen = 0;
      } else {
        bytes = chunk.subarray(from, nl);
      }
      offset += bytes.length + 1;
      from = nl + 1;
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length === 0) continue;
      out.bytes = bytes;
      out.line = lineNo;
      out.end = offset;
      yield out;
    }
    if (from < chunk.length) {
      const need = carryLen + chunk.length - from;
      if (carry.length < need) {
        const next = Buffer.allocUnsafe(Math.max(need, carry.length * 2, 1 << 16));
        carry.copy(next, 0, 0, carryLen);
        carry = next;
      }
      chunk.copy(carry, carryLen, from, chunk.length);
      carryLen = need;
    }
  }
  if (gzip && carryLen > 0) {
    out.bytes = carry.subarray(0, carryLen);
    out.line = lineNo + 1;
    out.end = offset + carryLen;
    yield out;
  }
}
