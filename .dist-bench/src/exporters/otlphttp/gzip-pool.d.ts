/**
 * The most bytes one gzip member of `n` input bytes can take: zlib's
 * deflateBound() for the default window and memory levels, plus the gzip
 * header and trailer.
 */
export declare function gzipBound(n: number): number;
export declare class GzipPool {
    #private;
    private readonly max;
    private readonly level;
    private readonly chunkSize;
    /**
     * At most `max` compressors; `keepBuffers` output buffers of up to
     * `maxBufferBytes` are kept for reuse (one per request that may be in
     * flight, and one being filled).
     */
    constructor(max: number, level: number, chunkSize: number, keepBuffers?: number, maxBufferBytes?: number);
    /**
     * One gzip member holding `body`, in a pooled buffer: hand it to recycle()
     * once nothing reads it any more (or drop it, and the GC frees it).
     */
    gzip(body: Uint8Array): Promise<Uint8Array>;
    /** Takes back the buffer behind a gzip() result for reuse; the bytes must not be read after. */
    recycle(gzipped: Uint8Array): void;
    /** Frees the idle compressors (one still in use is freed when it comes back, as the pool is closed). */
    close(): void;
}
