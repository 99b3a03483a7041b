/**
 * Read chunks for one spool reader, reused once nothing points into them.
 * Frames handed to an exporter are views into the chunk they were read
 * from; the exporter gives them back with SpoolReader.release() once it has
 * copied what it needs (into a request body). A chunk returns to the pool
 * when the scanner has moved past it and every frame read from it has been
 * released. Frames never released (an exporter that does not call release,
 * a rewind) simply leave their chunk to the garbage collector.
 *
 * Why: a new buffer per read, freed soon after, grows the C heap in steps
 * that glibc does not give back (it serves such sizes from the heap once one
 * has been freed), which showed as tens of MB of peak RSS at high rates.
 */
interface Chunk {
  buf: Uint8Array;
  /** Frames handed out and not yet released. */
  refs: number;
  /** The scanner no longer reads from it. */
  retired: boolean;
}

export class ChunkPool {
  readonly #free: Uint8Array[] = [];
  /** Weak: a chunk whose frames are never released (nor retired) is not kept alive by the pool. */
  readonly #chunks = new WeakMap<ArrayBufferLike, Chunk>();
  readonly #released = new WeakSet<Uint8Array>();

  /**
   * Chunks of `chunkBytes` are pooled (larger reads get a buffer of their
   * own); at most `keep` are kept free: enough for an exporter's largest
   * batch (4 MiB by default, several chunks, released together) and the
   * chunk being read.
   */
  constructor(
    private readonly chunkBytes: number,
    private readonly keep = 8,
  ) {}

  /** A buffer of at least `size` bytes to read into. */
  take(size: number): Uint8Array {
    if (size > this.chunkBytes) return Buffer.allocUnsafe(size);
    // allocUnsafeSlow: a buffer of its own (not a slice of Node's shared pool), so buf.buffer identifies the chunk.
    const buf = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.chunkBytes);
    this.#chunks.set(buf.buffer, { buf, refs: 0, retired: false });
    return buf;
  }

  /** The scanner stopped reading from `buf`. */
  retire(buf: Uint8Array): void {
    const c = this.#chunks.get(buf.buffer);
    if (!c) return;
    c.retired = true;
    if (c.refs === 0) this.#recycle(c);
  }

  /** A frame payload (a view into a pooled chunk) was handed out. */
  hold(payload: Uint8Array): void {
    const c = this.#chunks.get(payload.buffer);
    if (c) c.refs++;
  }

  /** A frame payload handed out by hold() is no longer used; releasing one twice is ignored. */
  release(payload: Uint8Array): void {
    const c = this.#chunks.get(payload.buffer);
    if (!c || this.#released.has(payload)) return;
    this.#released.add(payload);
    c.refs--;
    if (c.refs === 0 && c.retired) this.#recycle(c);
  }

  get freeChunks(): number {
    return this.#free.length;
  }

  #recycle(c: Chunk): void {
    this.#chunks.delete(c.buf.buffer);
    if (this.#free.length < this.keep) this.#free.push(c.buf);
  }
}
