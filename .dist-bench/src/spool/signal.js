/** A one-shot broadcast: wait() resolves at the next notify(), or when the signal aborts. */
export class Signal {
    #waiters = new Set();
    wait(signal) {
        if (signal?.aborted)
            return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                this.#waiters.delete(done);
                signal?.removeEventListener('abort', done);
                resolve();
            };
            this.#waiters.add(done);
            signal?.addEventListener('abort', done, { once: true });
        });
    }
    notify() {
        if (this.#waiters.size === 0)
            return;
        for (const w of [...this.#waiters])
            w();
    }
}
//# sourceMappingURL=signal.js.map