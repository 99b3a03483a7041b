/**
 * The lines of a File (or any Blob) as the checker reads them, in the
 * browser: streamed with Blob.stream(), gunzipped by DecompressionStream
 * when the content is gzip (magic bytes, not the name), never held whole.
 * The same rules as src/verify/read-lines.ts: lines as bytes with their
 * 1-based number, a final line without a newline too, a trailing `\r`
 * dropped, empty lines skipped.
 *
 * A yielded line is a view valid only until the next one is requested: a
 * line inside one chunk is a view of that chunk; a line spanning chunks is
 * assembled in one growable buffer that is reused.
 */

export interface BlobLine {
  bytes: Uint8Array;
  line: number;
}

export async function isGzipBlob(blob: Blob): Promise<boolean> {
  const b = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return b.length === 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The blob's content, gunzipped when it is gzip; `onBytes` counts the bytes read from the blob itself. */
export async function blobContent(blob: Blob, onBytes?: (n: number) => void): Promise<ReadableStream<Uint8Array>> {
  const gz = await isGzipBlob(blob);
  let s = blob.stream() as ReadableStream<Uint8Array>;
  if (onBytes) {
    s = s.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          onBytes(chunk.byteLength);
          ctl.enqueue(chunk);
        },
      }),
    );
  }
  return gz ? s.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : s;
}

/** Bytes carried from one chunk to the next: a line that spans chunks. */
class Carry {
  buf = new Uint8Array(1 << 16);
  length = 0;

  append(src: Uint8Array, start: number, end: number): void {
    const need = this.length + (end - start);
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(src.subarray(start, end), this.length);
    this.length = need;
  }
}

export async function* blobLines(blob: Blob, onBytes?: (n: number) => void): AsyncGenerator<BlobLine> {
  const reader = (await blobContent(blob, onBytes)).getReader();
  const carry = new Carry();
  const out: BlobLine = { bytes: carry.buf, line: 0 };
  let lineNo = 0;
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        lineNo++;
        let bytes: Uint8Array;
        if (carry.length > 0) {
          carry.append(chunk, start, nl);
          bytes = carry.buf.subarray(0, withoutCr(carry.buf, 0, carry.length));
          carry.length = 0;
        } else {
          bytes = chunk.subarray(start, withoutCr(chunk, start, nl));
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
  } finally {
    // Also when the consumer stops early (a filter scan superseded): the rest is not read.
    await reader.cancel().catch(() => undefined);
  }
}

/** `end` minus a trailing carriage return. */
function withoutCr(buf: Uint8Array, start: number, end: number): number {
  return end > start && buf[end - 1] === 13 ? end - 1 : end;
}
