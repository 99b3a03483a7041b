/**
 * A few reusable byte buffers for data that is large but short-lived, such
 * as an export request body that is needed only until it is compressed.
 * Allocating a new multi-hundred-KB buffer for each request and freeing it
 * shortly after makes the C heap grow in steps it never gives back (glibc
 * serves such sizes from the heap once one has been freed); reusing a few
 * keeps the process's memory flat.
 */
export declare class BufferPool {
    #private;
    private readonly maxBuffers;
    private readonly maxBytes;
    /** Keeps at most `maxBuffers` free buffers, none larger than `maxBytes`. */
    constructor(maxBuffers: number, maxBytes: number);
    /** Whether a buffer of `size` bytes would be kept once given back (larger ones are for one use). */
    fits(size: number): boolean;
    /** A buffer of at least `size` bytes (its contents are garbage); give() it back when done. */
    take(size: number): Uint8Array;
    /**
     * Keeps `b` for reuse. A full pool keeps its largest buffers: sizes vary
     * from request to request, and a pool of small buffers would miss on
     * every large one.
     */
    give(b: Uint8Array): void;
    get freeBuffers(): number;
}
