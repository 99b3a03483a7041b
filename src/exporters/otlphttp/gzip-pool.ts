/**
 * gzip for request bodies with long-lived compressors and reused output
 * buffers. `zlib.gzip()` makes a new compressor per call: about 270 KB of
 * zlib state plus a fresh output buffer, allocated and freed for every
 * request, which at hundreds of requests a second grows the C heap in steps
 * it does not give back. Here a compressor is reset (deflateReset) and
 * reused, and at most `max` exist: one per request that may be compressed at
 * the same time.
 *
 * The compressed bytes are copied, as zlib hands them over, into a buffer
 * from a pool: a request body lives until its response arrives, long enough
 * for V8 to promote it, and a promoted ArrayBuffer is freed only by a full
 * GC. New buffers per request piled up to ~60 MB of dead bodies between
 * full GCs; pooled ones keep that flat.
 *
 * zlib's stream writes into an output chunk of `chunkSize` bytes and
 * allocates a new one whenever the last is used up. Its chunk is made large
 * enough for a whole request (a bound of the compressed size of the largest
 * body) and, since every byte is copied out as soon as it arrives, rewound to
 * its start after each copy: one chunk per compressor, reused for good, and
 * one callback per request. Only the untouched part of the chunk is never
 * resident. The rewind sets the stream's `_outOffset`; on a Node.js whose
 * stream lacks it the output is the same, and zlib allocates chunks again.
 *
 * Each gzip() call gives one complete gzip member (header, deflate stream,
 * CRC-32 and length trailer), what a one-shot gzip gives.
 */
import { constants, createGzip, type Gzip } from 'node:zlib';
import { BufferPool } from '../../otlp/buffer-pool.js';

/** Node's zlib streams have reset() (deflateReset); its type declarations omit it. */
type ResettableGzip = Gzip & { reset(): void };

/** The stream's position in its output chunk (see above); not in Node's type declarations. */
interface OutputCursor {
  _outOffset?: unknown;
}

/**
 * zlib's memory level: 9 (its largest) instead of the default 8 compresses
 * the exporter's protobuf batches at level 1 about 10 % faster to the same
 * size (measured on the bench's requests: 160-167 against 145-152 MB/s of
 * input, both 25.0 %), for 128 KiB more per compressor.
 */
const MEM_LEVEL = 9;

/**
 * The most bytes one gzip member of `n` input bytes can take at MEM_LEVEL 9:
 * zlib's deflateBound() for non-default parameters at a level above 0 (the
 * bound of fixed-Huffman blocks, about 13 % over the input; the default
 * level's tighter bound does not hold here: a 64 KiB random body came out
 * 20 bytes over it), plus the gzip header and trailer.
 */
export function gzipBound(n: number): number {
  return n + (n >>> 3) + (n >>> 8) + (n >>> 9) + 4 + 18;
}

/** What a pool has allocated since it was made: the figures that show whether reuse works. */
export interface GzipPoolStats {
  /** Output chunks zlib has written into, over all compressors: one per compressor while the rewind works. */
  zlibChunks: number;
  /** Output buffers the pool had to allocate because none free was large enough. */
  outputBuffers: number;
}

/** First guess of the compressed size, as a share of the input (log text gzips to well under half). */
const FIRST_GUESS_RATIO = 0.5;

class Compressor {
  readonly #gz: ResettableGzip;
  readonly #cursor: OutputCursor;
  readonly #rewind: boolean;
  readonly #buffers: BufferPool;
  #out: Uint8Array = EMPTY;
  #size = 0;
  #error: Error | undefined;
  /** The ArrayBuffer behind zlib's current output chunk: a new one means zlib allocated a chunk. */
  #chunk: ArrayBufferLike | undefined;

  constructor(level: number, chunkSize: number, buffers: BufferPool, stats: GzipPoolStats) {
    this.#buffers = buffers;
    this.#gz = createGzip({ level, chunkSize, memLevel: MEM_LEVEL }) as ResettableGzip;
    this.#cursor = this.#gz as unknown as OutputCursor;
    this.#rewind = this.#cursor._outOffset === 0;
    this.#gz.on('data', (c: Buffer) => {
      if (c.buffer !== this.#chunk) {
        this.#chunk = c.buffer;
        stats.zlibChunks++;
      }
      const need = this.#size + c.length;
      if (need > this.#out.length) {
        const bigger = this.#buffers.take(need * 2);
        bigger.set(this.#out.subarray(0, this.#size));
        this.#buffers.give(this.#out);
        this.#out = bigger;
      }
      this.#out.set(c, this.#size);
      this.#size = need;
      // Copied: zlib may write the next output over it.
      if (this.#rewind) this.#cursor._outOffset = 0;
    });
    this.#gz.on('error', (err: Error) => {
      this.#error = err;
    });
  }

  /** False once zlib reported an error: the compressor is dropped. */
  get healthy(): boolean {
    return this.#error === undefined;
  }

  compress(body: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const gz = this.#gz;
      this.#out = this.#buffers.take(Math.max(1024, Math.ceil(body.length * FIRST_GUESS_RATIO)));
      this.#size = 0;
      gz.write(body);
      // Z_FINISH ends the member (trailer included) without ending the stream; reset() starts the next one.
      gz.flush(constants.Z_FINISH, () => {
        const out = this.#out.subarray(0, this.#size);
        this.#out = EMPTY;
        this.#size = 0;
        if (this.#error) return reject(this.#error);
        gz.reset();
        resolve(out);
      });
    });
  }

  close(): void {
    this.#gz.close();
  }
}

const EMPTY = new Uint8Array(0);

export class GzipPool {
  readonly #free: Compressor[] = [];
  readonly #waiters: Array<(c: Compressor) => void> = [];
  readonly #buffers: BufferPool;
  readonly #stats: GzipPoolStats = { zlibChunks: 0, outputBuffers: 0 };
  #live = 0;

  /**
   * At most `max` compressors; `keepBuffers` output buffers of up to
   * `maxBufferBytes` are kept for reuse (one per request that may be in
   * flight, and one being filled).
   */
  constructor(
    private readonly max: number,
    private readonly level: number,
    private readonly chunkSize: number,
    keepBuffers = max + 1,
    maxBufferBytes = 16 * 1024 * 1024,
  ) {
    this.#buffers = new BufferPool(keepBuffers, maxBufferBytes);
  }

  /**
   * One gzip member holding `body`, in a pooled buffer: hand it to recycle()
   * once nothing reads it any more (or drop it, and the GC frees it).
   */
  async gzip(body: Uint8Array): Promise<Uint8Array> {
    const c = await this.#take();
    try {
      return await c.compress(body);
    } finally {
      this.#give(c);
    }
  }

  /** Counts of what the pool and its compressors have allocated so far (a snapshot). */
  stats(): GzipPoolStats {
    return { zlibChunks: this.#stats.zlibChunks, outputBuffers: this.#buffers.allocated };
  }

  /** Takes back the buffer behind a gzip() result for reuse; the bytes must not be read after. */
  recycle(gzipped: Uint8Array): void {
    if (gzipped.byteOffset === 0) this.#buffers.give(new Uint8Array(gzipped.buffer, 0, gzipped.buffer.byteLength));
  }

  /** Frees the idle compressors (one still in use is freed when it comes back, as the pool is closed). */
  close(): void {
    this.#closed = true;
    for (const c of this.#free.splice(0)) c.close();
  }

  #closed = false;

  #take(): Promise<Compressor> {
    const c = this.#free.pop();
    if (c) return Promise.resolve(c);
    if (this.#live < this.max) {
      this.#live++;
      return Promise.resolve(new Compressor(this.level, this.chunkSize, this.#buffers, this.#stats));
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #give(c: Compressor): void {
    const w = this.#waiters.shift();
    if (!c.healthy) {
      c.close();
      if (w) w(new Compressor(this.level, this.chunkSize, this.#buffers, this.#stats));
      else this.#live--;
      return;
    }
    if (w) w(c);
    else if (this.#closed) {
      c.close();
      this.#live--;
    } else this.#free.push(c);
  }
}
