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
  #allocated = 0;

  /** Keeps at most `maxBuffers` free buffers, none larger than `maxBytes`. */
  constructor(
    private readonly maxBuffers: number,
    private readonly maxBytes: number,
  ) {}

  /** Whether a buffer of `size` bytes would be kept once given back (larger ones are for one use). */
  fits(size: number): boolean {
    return size <= this.maxBytes;
  }

  /** A buffer of at least `size` bytes (its contents are garbage); give() it back when done. */
  take(size: number): Uint8Array {
    // The smallest that fits, so that the large ones stay for large requests.
    const free = this.#free;
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      const n = free[i]!.length;
      if (n >= size && (best < 0 || n < free[best]!.length)) best = i;
    }
    if (best >= 0) {
      const b = free[best]!;
      free[best] = free[free.length - 1]!;
      free.pop();
      return b;
    }
    // Round up so that slightly larger requests later still fit, but never past what give() keeps:
    // a body just under maxBytes would otherwise be allocated at 1.25x and thrown away after each use.
    this.#allocated++;
    const rounded = Math.ceil(size * 1.25);
    return new Uint8Array(size <= this.maxBytes ? Math.max(size, Math.min(rounded, this.maxBytes)) : rounded);
  }

  /**
   * Keeps `b` for reuse. A full pool keeps its largest buffers: sizes vary
   * from request to request, and a pool of small buffers would miss on
   * every large one.
   */
  give(b: Uint8Array): void {
    if (b.length > this.maxBytes) return;
    const free = this.#free;
    if (free.length < this.maxBuffers) {
      free.push(b);
      return;
    }
    let smallest = 0;
    for (let i = 1; i < free.length; i++) if (free[i]!.length < free[smallest]!.length) smallest = i;
    if (free.length > 0 && free[smallest]!.length < b.length) free[smallest] = b;
  }

  /** How many buffers take() has had to allocate (a miss of the pool), since it was made. */
  get allocated(): number {
    return this.#allocated;
  }

  get freeBuffers(): number {
    return this.#free.length;
  }

  /** Bytes held by the free buffers. */
  get freeBytes(): number {
    let n = 0;
    for (const b of this.#free) n += b.length;
    return n;
  }

  /** Lets every free buffer go (after a burst, so that memory returns to its idle level). */
  shrink(): void {
    this.#free.length = 0;
  }
}
