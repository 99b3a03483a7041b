/**
 * gzip for request bodies with long-lived compressors. `zlib.gzip()` makes a
 * new compressor per call: about 270 KB of zlib state plus a fresh output
 * buffer, allocated and freed for every request, which at hundreds of
 * requests a second grows the C heap in steps it does not give back. Here a
 * compressor is reset (deflateReset) and reused, and at most `max` exist:
 * one per request that may be compressed at the same time.
 *
 * Each gzip() call gives one complete gzip member (header, deflate stream,
 * CRC-32 and length trailer), what a one-shot gzip gives.
 */
import { constants, createGzip, type Gzip } from 'node:zlib';

/** Node's zlib streams have reset() (deflateReset); its type declarations omit it. */
type ResettableGzip = Gzip & { reset(): void };

class Compressor {
  readonly #gz: ResettableGzip;
  #chunks: Buffer[] = [];
  #size = 0;
  #error: Error | undefined;

  constructor(level: number, chunkSize: number) {
    this.#gz = createGzip({ level, chunkSize }) as ResettableGzip;
    this.#gz.on('data', (c: Buffer) => {
      this.#chunks.push(c);
      this.#size += c.length;
    });
    this.#gz.on('error', (err: Error) => {
      this.#error = err;
    });
  }

  /** False once zlib reported an error: the compressor is dropped. */
  get healthy(): boolean {
    return this.#error === undefined;
  }

  compress(body: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const gz = this.#gz;
      gz.write(body);
      // Z_FINISH ends the member (trailer included) without ending the stream; reset() starts the next one.
      gz.flush(constants.Z_FINISH, () => {
        const chunks = this.#chunks;
        const size = this.#size;
        this.#chunks = [];
        this.#size = 0;
        if (this.#error) return reject(this.#error);
        gz.reset();
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      });
    });
  }

  close(): void {
    this.#gz.close();
  }
}

export class GzipPool {
  readonly #free: Compressor[] = [];
  readonly #waiters: Array<(c: Compressor) => void> = [];
  #live = 0;

  constructor(
    private readonly max: number,
    private readonly level: number,
    private readonly chunkSize: number,
  ) {}

  /** One gzip member holding `body`. */
  async gzip(body: Uint8Array): Promise<Buffer> {
    const c = await this.#take();
    try {
      return await c.compress(body);
    } finally {
      this.#give(c);
    }
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
      return Promise.resolve(new Compressor(this.level, this.chunkSize));
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #give(c: Compressor): void {
    const w = this.#waiters.shift();
    if (!c.healthy) {
      c.close();
      if (w) w(new Compressor(this.level, this.chunkSize));
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
