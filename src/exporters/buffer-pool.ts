/**
 * A few reusable byte buffers for data that is large but short-lived, such
 * as an export request body that is needed only until it is compressed.
 * Allocating a new multi-hundred-KB buffer for each request and freeing it
 * shortly after makes the C heap grow in steps it never gives back (glibc
 * serves such sizes from the heap once one has been freed); reusing a few
 * keeps the process's memory flat.
 */
export class BufferPool {
  readonly #free: Uint8Array[] = [];

  /** Keeps at most `maxBuffers` free buffers, none larger than `maxBytes`. */
  constructor(
    private readonly maxBuffers: number,
    private readonly maxBytes: number,
  ) {}

  /** A buffer of at least `size` bytes (its contents are garbage); give() it back when done. */
  take(size: number): Uint8Array {
    const free = this.#free;
    for (let i = free.length - 1; i >= 0; i--) {
      const b = free[i]!;
      if (b.length >= size) {
        free[i] = free[free.length - 1]!;
        free.pop();
        return b;
      }
    }
    // Round up so that slightly larger requests later still fit.
    return new Uint8Array(Math.ceil(size * 1.25));
  }

  give(b: Uint8Array): void {
    if (this.#free.length < this.maxBuffers && b.length <= this.maxBytes) this.#free.push(b);
  }

  get freeBuffers(): number {
    return this.#free.length;
  }
}
