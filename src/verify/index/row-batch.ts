/**
 * The rows one `sealog index` run reads, in batches of bytes: the checker's
 * thread reads and scans the input once (row-tap.ts writes what it scanned
 * here) and the thread that writes the index reads them back (build.ts), so
 * no line is scanned twice. A batch is one ArrayBuffer, moved between the
 * threads, not copied. Entries, in input order:
 *
 *   FILE      u32 file          the input file (index in the pass's list) the next entries come from
 *   SCOPE     str stream, str chain, bytes context    the stream, chain and context of the next records
 *   RECORD    f64 seq, u32 line, u8 type, u8 claimed, [32 bytes], bytes record   (canonical bytes)
 *   UNPLACED  u32 n             records that could not be placed in a chain
 *   FILE_END  f64 end, f64 line the offset after the file's last whole line read, and that line's number
 *
 * str and bytes are a u32 length and the bytes (str in UTF-8).
 */
const FILE = 1;
const SCOPE = 2;
const RECORD = 3;
const UNPLACED = 4;
const FILE_END = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes entries; take() hands over the batch so far. */
export class RowBatchWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(readonly size = 1 << 20) {
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
  }

  get length(): number {
    return this.#pos;
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  #u8(v: number): void {
    this.#buf[this.#pos++] = v;
  }

  #u32(v: number): void {
    this.#view.setUint32(this.#pos, v);
    this.#pos += 4;
  }

  #f64(v: number): void {
    this.#view.setFloat64(this.#pos, v);
    this.#pos += 8;
  }

  #bytes(b: Uint8Array): void {
    this.#ensure(4 + b.length);
    this.#u32(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  file(index: number): void {
    this.#ensure(5);
    this.#u8(FILE);
    this.#u32(index);
  }

  scope(stream: string, chain: string, context: Uint8Array): void {
    this.#ensure(1);
    this.#u8(SCOPE);
    this.#bytes(encoder.encode(stream));
    this.#bytes(encoder.encode(chain));
    this.#bytes(context);
  }

  /** A record: its canonical bytes buf[start, end), its claimed hash at claimedBuf[claimedAt] (or claimedAt -1). */
  record(seq: number, line: number, type: number, claimedBuf: Uint8Array, claimedAt: number, buf: Uint8Array, start: number, end: number): void {
    this.#ensure(1 + 8 + 4 + 2 + 32 + 4 + (end - start));
    this.#u8(RECORD);
    this.#f64(seq);
    this.#u32(line);
    this.#u8(type);
    if (claimedAt >= 0) {
      this.#u8(1);
      this.#buf.set(claimedBuf.subarray(claimedAt, claimedAt + 32), this.#pos);
      this.#pos += 32;
    } else this.#u8(0);
    this.#u32(end - start);
    this.#buf.set(buf.subarray(start, end), this.#pos);
    this.#pos += end - start;
  }

  unplaced(n: number): void {
    this.#ensure(5);
    this.#u8(UNPLACED);
    this.#u32(n);
  }

  fileEnd(end: number, line: number): void {
    this.#ensure(17);
    this.#u8(FILE_END);
    this.#f64(end);
    this.#f64(line);
  }

  /** The batch so far (its own buffer, to be moved to another thread), or undefined when empty. */
  take(): Uint8Array | undefined {
    if (this.#pos === 0) return undefined;
    const out = this.#buf.slice(0, this.#pos);
    this.#pos = 0;
    return out;
  }
}

/** What reads a batch back. A record's bytes are `buf[start, end)` of the batch, its claimed hash at `claimedAt` (or -1). */
export interface RowBatchVisitor {
  file(index: number): void;
  scope(stream: string, chain: string, context: Uint8Array): void;
  record(seq: number, line: number, type: number, buf: Uint8Array, claimedAt: number, start: number, end: number): void;
  unplaced(n: number): void;
  fileEnd(end: number, line: number): void;
}

/** Reads one batch, entry by entry, into `v`. */
export function readRowBatch(b: Uint8Array, v: RowBatchVisitor): void {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let o = 0;
  const bytes = (): Uint8Array => {
    const n = view.getUint32(o);
    o += 4 + n;
    return b.subarray(o - n, o);
  };
  while (o < b.length) {
    const tag = b[o++];
    if (tag === RECORD) {
      const seq = view.getFloat64(o);
      const line = view.getUint32(o + 8);
      const type = b[o + 12]!;
      const claimed = b[o + 13] === 1;
      o += 14;
      const claimedAt = claimed ? o : -1;
      if (claimed) o += 32;
      const n = view.getUint32(o);
      o += 4;
      v.record(seq, line, type, b, claimedAt, o, o + n);
      o += n;
    } else if (tag === SCOPE) {
      const stream = decoder.decode(bytes());
      const chain = decoder.decode(bytes());
      v.scope(stream, chain, bytes());
    } else if (tag === FILE) {
      v.file(view.getUint32(o));
      o += 4;
    } else if (tag === UNPLACED) {
      v.unplaced(view.getUint32(o));
      o += 4;
    } else if (tag === FILE_END) {
      v.fileEnd(view.getFloat64(o), view.getFloat64(o + 8));
      o += 16;
    } else throw new Error(`row batch: unknown entry ${tag} at ${o - 1}`);
  }
}
