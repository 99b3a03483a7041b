export declare class ChunkPool {
    #private;
    private readonly chunkBytes;
    private readonly keep;
    /**
     * Chunks of `chunkBytes` are pooled (larger reads get a buffer of their
     * own); at most `keep` are kept free: enough for an exporter's largest
     * batch (4 MiB by default, several chunks, released together) and the
     * chunk being read.
     */
    constructor(chunkBytes: number, keep?: number);
    /** A buffer of at least `size` bytes to read into. */
    take(size: number): Uint8Array;
    /** The scanner stopped reading from `buf`. */
    retire(buf: Uint8Array): void;
    /** A frame payload (a view into a pooled chunk) was handed out. */
    hold(payload: Uint8Array): void;
    /** A frame payload handed out by hold() is no longer used; releasing one twice is ignored. */
    release(payload: Uint8Array): void;
    get freeChunks(): number;
}
