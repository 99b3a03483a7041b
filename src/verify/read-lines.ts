/**
 * Streams the lines of OTLP JSON lines files (plain or gzip, detected by the
 * magic bytes, not the name) without holding a file in memory, split as
 * line-split.ts says: bytes with their 1-based line number, a final line
 * without a newline too (the checker treats a torn last line as unreadable,
 * which the Collector's writer can leave for a moment), each valid only until
 * the consumer asks for the next one.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { lineText } from './json/index.js';
import { LineSplitter, type LineBytes } from './line-split.js';

export { lineText, type LineBytes };

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

export async function* readLineBytes(path: string, onBytes?: (n: number) => void): AsyncGenerator<LineBytes> {
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on('data', (c: Buffer | string) => onBytes(c.length));
  const stream: Readable = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gz) raw.on('error', (err) => stream.destroy(err));
  const lines = new LineSplitter();
  for await (const chunk of stream as AsyncIterable<Buffer>) for (const l of lines.push(chunk)) yield l;
  for (const l of lines.end()) yield l;
}

/** The same lines as text (decoded leniently: an invalid UTF-8 sequence becomes U+FFFD). */
export async function* readLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<Line> {
  for await (const { bytes, line } of readLineBytes(path, onBytes)) {
    yield { text: lineText(bytes), line };
  }
}

