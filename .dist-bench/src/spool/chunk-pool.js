export class ChunkPool {
    chunkBytes;
    keep;
    #free = [];
    /** Weak: a chunk whose frames are never released (nor retired) is not kept alive by the pool. */
    #chunks = new WeakMap();
    #released = new WeakSet();
    /**
     * Chunks of `chunkBytes` are pooled (larger reads get a buffer of their
     * own); at most `keep` are kept free: enough for an exporter's largest
     * batch (4 MiB by default, several chunks, released together) and the
     * chunk being read.
     */
    constructor(chunkBytes, keep = 8) {
        this.chunkBytes = chunkBytes;
        this.keep = keep;
    }
    /** A buffer of at least `size` bytes to read into. */
    take(size) {
        if (size > this.chunkBytes)
            return Buffer.allocUnsafe(size);
        // allocUnsafeSlow: a buffer of its own (not a slice of Node's shared pool), so buf.buffer identifies the chunk.
        const buf = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.chunkBytes);
        this.#chunks.set(buf.buffer, { buf, refs: 0, retired: false });
        return buf;
    }
    /** The scanner stopped reading from `buf`. */
    retire(buf) {
        const c = this.#chunks.get(buf.buffer);
        if (!c)
            return;
        c.retired = true;
        if (c.refs === 0)
            this.#recycle(c);
    }
    /** A frame payload (a view into a pooled chunk) was handed out. */
    hold(payload) {
        const c = this.#chunks.get(payload.buffer);
        if (c)
            c.refs++;
    }
    /** A frame payload handed out by hold() is no longer used; releasing one twice is ignored. */
    release(payload) {
        const c = this.#chunks.get(payload.buffer);
        if (!c || this.#released.has(payload))
            return;
        this.#released.add(payload);
        c.refs--;
        if (c.refs === 0 && c.retired)
            this.#recycle(c);
    }
    get freeChunks() {
        return this.#free.length;
    }
    #recycle(c) {
        this.#chunks.delete(c.buf.buffer);
        if (this.#free.length < this.keep)
            this.#free.push(c.buf);
    }
}
//# sourceMappingURL=chunk-pool.js.map