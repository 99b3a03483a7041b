/**
 * Streams the lines of OTLP JSON lines files (plain or gzip, detected by the
 * magic bytes, not the name) without holding a file in memory. Lines are
 * yielded as strings with their 1-based line number; a final line without a
 * newline is yielded too (the checker treats a torn last line as unreadable,
 * which the Collector's writer can leave for a moment).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

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

export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (c: Buffer | string) => onBytes(c.length));
  const stream: Readable = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (err) => stream.destroy(err));
  let carry: Buffer | undefined;
  let lineNo = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      lineNo++;
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      if (end > start) yield { text: buf.toString('utf8', start, end), line: lineNo };
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    buf = Buffer.alloc(0);
  }
  if (carry && carry.length > 0) {
    lineNo++;
    yield { text: carry.toString('utf8'), line: lineNo };
  }
}
