/**
 * Chain hashes by seq, in 1 MiB chunks of 32-byte slots (no object per
 * record), so the checker can recognise duplicates after the records
 * themselves are gone. Only the newest `windowRecords` seqs are kept (older
 * chunks are dropped), so memory does not grow with the input.
 */
const SLOTS_PER_CHUNK = 32768;
const HASH = 32;
export class HashStore {
    #chunks = new Map();
    #count = 0;
    #maxChunk = -1;
    #windowChunks;
    constructor(windowRecords = 1 << 19) {
        this.#windowChunks = Math.max(2, Math.ceil(windowRecords / SLOTS_PER_CHUNK));
    }
    get count() {
        return this.#count;
    }
    set(seq, hash) {
        const c = Math.floor(seq / SLOTS_PER_CHUNK);
        let chunk = this.#chunks.get(c);
        if (!chunk) {
            if (c <= this.#maxChunk - this.#windowChunks)
                return; // older than the window
            chunk = { data: new Uint8Array(SLOTS_PER_CHUNK * HASH), present: new Uint8Array(SLOTS_PER_CHUNK) };
            this.#chunks.set(c, chunk);
            if (c > this.#maxChunk) {
                this.#maxChunk = c;
                for (const k of this.#chunks.keys())
                    if (k <= c - this.#windowChunks)
                        this.#chunks.delete(k);
            }
        }
        const i = seq - c * SLOTS_PER_CHUNK;
        if (!chunk.present[i])
            this.#count++;
        chunk.present[i] = 1;
        chunk.data.set(hash, i * HASH);
    }
    /** A view of the stored hash (valid while the store lives), or undefined. */
    get(seq) {
        const c = Math.floor(seq / SLOTS_PER_CHUNK);
        const chunk = this.#chunks.get(c);
        if (!chunk)
            return undefined;
        const i = seq - c * SLOTS_PER_CHUNK;
        if (!chunk.present[i])
            return undefined;
        return chunk.data.subarray(i * HASH, i * HASH + HASH);
    }
    has(seq) {
        return this.get(seq) !== undefined;
    }
}
//# sourceMappingURL=hash-store.js.map