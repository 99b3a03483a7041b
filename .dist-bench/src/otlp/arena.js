/**
 * A reusable region that encoders write into instead of allocating a new
 * array per message. Views handed out stay valid until reset(): when the
 * region is too small a new one is started and the old one lives on for as
 * long as views of it do, so nothing is copied. The owner resets it once the
 * views have been consumed (e.g. copied into a spool write batch).
 */
export class ByteArena {
    buf;
    used = 0;
    #initial;
    #keepMax;
    /** `keepMax`: a region that grew larger than this is replaced by a fresh `initial`-sized one on reset. */
    constructor(initial = 1 << 20, keepMax = 16 << 20) {
        this.#initial = initial;
        this.#keepMax = keepMax;
        this.buf = new Uint8Array(initial);
    }
    /** Makes room for `n` bytes and returns the offset to write them at. */
    reserve(n) {
        if (this.used + n > this.buf.length) {
            this.buf = new Uint8Array(Math.max(this.buf.length * 2, n));
            this.used = 0;
        }
        const at = this.used;
        this.used += n;
        return at;
    }
    /** Every view handed out so far is dead to the caller: the region is written again from its start. */
    reset() {
        this.used = 0;
        if (this.buf.length > this.#keepMax)
            this.buf = new Uint8Array(this.#initial);
    }
}
//# sourceMappingURL=arena.js.map