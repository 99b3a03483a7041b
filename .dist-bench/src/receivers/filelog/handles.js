export class HandlePool {
    onEvictOrphan;
    #max;
    #gauge;
    /** Open files, least recently used first. */
    #lru = new Map();
    #closing = new Set();
    #count = 0;
    /** `onEvictOrphan` is told when a not yet drained orphan had to be closed. */
    constructor(max, gauge, onEvictOrphan) {
        this.onEvictOrphan = onEvictOrphan;
        this.#max = Math.max(1, max);
        this.#gauge = gauge;
    }
    /** Handles open or reserved. */
    get count() {
        return this.#count;
    }
    /** Takes a slot for a handle about to be opened, closing an idle file first if needed. */
    reserve() {
        if (this.#count >= this.#max) {
            const victim = this.#pick((t) => !t.busy && !t.orphan) ?? this.#pick((t) => !t.busy);
            if (victim) {
                this.release(victim);
                if (victim.orphan)
                    this.onEvictOrphan(victim);
            }
        }
        this.#count++;
    }
    /** Gives back a reserved slot whose open failed. */
    cancel() {
        this.#count--;
        this.#gauge.set(this.#count);
    }
    /** Records an opened handle (in a reserved slot) as the file's. */
    attach(t, fh) {
        t.fh = fh;
        this.#lru.set(t.id, t);
        this.#gauge.set(this.#count);
    }
    /** Marks the file's handle as just used. */
    touch(t) {
        this.#lru.delete(t.id);
        this.#lru.set(t.id, t);
    }
    /** Closes the file's handle (in the background) and frees its slot. */
    release(t) {
        const fh = t.fh;
        if (!fh)
            return;
        t.fh = null;
        this.#lru.delete(t.id);
        this.cancel();
        const c = fh.close().catch(() => undefined);
        this.#closing.add(c);
        void c.finally(() => this.#closing.delete(c));
    }
    /** Resolves once every close started so far has finished. */
    async settled() {
        while (this.#closing.size > 0)
            await Promise.allSettled([...this.#closing]);
    }
    #pick(ok) {
        for (const t of this.#lru.values())
            if (ok(t))
                return t;
        return undefined;
    }
}
//# sourceMappingURL=handles.js.map