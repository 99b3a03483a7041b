/**
 * OTLP JSON lines out of a byte stream, as the checker reads them, chunk by
 * chunk (portable: `sealog verify` feeds it file chunks in read-lines.ts, the
 * browser page Blob.stream() chunks in browser/blob-lines.ts). Lines come as
 * bytes with their 1-based number; a final line without a newline too (the
 * checker treats a torn last line as unreadable); a trailing `\r` is dropped
 * and empty lines are skipped.
 *
 * A line is a view valid only until the next one is taken: a line inside one
 * chunk is a view of that chunk, a line spanning chunks is assembled in one
 * growable buffer that is reused (each byte is copied at most once, and no
 * buffer is allocated per line).
 */

export interface LineBytes {
  /** The line's bytes, without the newline (valid until the next line is taken). */
  bytes: Uint8Array;
  line: number;
}

/** Bytes carried over from one chunk to the next: a line that spans chunks. */
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

/** `end` minus a trailing carriage return. */
function withoutCr(buf: Uint8Array, start: number, end: number): number {
  return end > start && buf[end - 1] === 13 ? end - 1 : end;
}

export class LineSplitter {
  readonly #carry = new Carry();
  readonly #out: LineBytes = { bytes: this.#carry.buf, line: 0 };
  #lineNo = 0;

  /** The lines `chunk` completes (a Node Buffer's own indexOf does the search when it is one). */
  *push(chunk: Uint8Array): Generator<LineBytes> {
    const carry = this.#carry;
    const out = this.#out;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.#lineNo++;
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
      out.line = this.#lineNo;
      yield out;
    }
    if (start < chunk.length) carry.append(chunk, start, chunk.length);
  }

  /** At the end of the input: its last line when it has no newline. */
  *end(): Generator<LineBytes> {
    const carry = this.#carry;
    if (carry.length === 0) return;
    this.#lineNo++;
    this.#out.bytes = carry.buf.subarray(0, carry.length);
    this.#out.line = this.#lineNo;
    carry.length = 0;
    yield this.#out;
  }
}
