/**
 * Streams the lines of OTLP JSON lines files (plain or gzip, detected by the
 * magic bytes, not the name) without holding a file in memory. Lines are
 * yielded as bytes with their 1-based line number; a final line without a
 * newline is yielded too (the checker treats a torn last line as unreadable,
 * which the Collector's writer can leave for a moment). A trailing `\r` is
 * dropped and empty lines are skipped.
 *
 * A yielded line is a view that is valid only until the consumer asks for
 * the next one: a line inside one read chunk is a view of that chunk, a line
 * spanning chunks is assembled in one growable buffer that is reused (each
 * byte is copied at most once, and no buffer is allocated per line).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { lineText } from './line-feed.js';

export { lineText };

export interface LineBytes {
  /** The line's bytes, without the newline (valid until the next line is requested). */
  bytes: Uint8Array;
  line: number;
}

export interface Line {
  text: string;
  line: number;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Bytes carried over from one chunk to the next: a line that spans chunks. */
class Carry {
  buf: Buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  append(src: Buffer, start: number, end: number): void {
    const need = this.length + (end - start);
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = Buffer.allocUnsafe(size);
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    src.copy(this.buf, this.length, start, end);
    this.length = need;
  }
}

/** `bytes` minus a trailing carriage return. */
function trimCr(buf: Buffer, start: number, end: number): number {
  return end > start && buf[end - 1] === 13 ? end - 1 : end;
}

export async function* readLineBytes(path: string, onBytes?: (n: number) => void): AsyncGenerator<LineBytes> {
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (c: Buffer | string) => onBytes(c.length));
  const stream: Readable = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gz) raw.on('error', (err) => stream.destroy(err));
  const carry = new Carry();
  const out: LineBytes = { bytes: carry.buf, line: 0 };
  let lineNo = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      lineNo++;
      let bytes: Uint8Array;
      if (carry.length > 0) {
        carry.append(chunk, start, nl);
        const end = trimCr(carry.buf, 0, carry.length);
        carry.length = 0;
        bytes = carry.buf.subarray(0, end);
      } else {
        bytes = chunk.subarray(start, trimCr(chunk, start, nl));
      }
      start = nl + 1;
      if (bytes.length === 0) continue;
      out.bytes = bytes;
      out.line = lineNo;
      yield out;
    }
    if (start < chunk.length) carry.append(chunk, start, chunk.length);
  }
  if (carry.length > 0) {
    lineNo++;
    out.bytes = carry.buf.subarray(0, carry.length);
    out.line = lineNo;
    carry.length = 0;
    yield out;
  }
}

/** The same lines as text (decoded leniently: an invalid UTF-8 sequence becomes U+FFFD). */
export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  for await (const { bytes, line } of readLineBytes(path, onBytes)) {
    yield { text: lineText(bytes), line };
  }
}

