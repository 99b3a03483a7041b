/**
 * Counts requests in flight, refuses new ones above a limit (rather than
 * queueing them without bound), and lets shutdown wait until none are left.
 */
export class InFlightLimiter {
    limit;
    onChange;
    #count = 0;
    #idleWaiters = [];
    constructor(limit, onChange) {
        this.limit = limit;
        this.onChange = onChange;
    }
    get count() {
        return this.#count;
    }
    /** Takes a slot; false when `limit` requests are already in flight. */
    tryAcquire() {
        if (this.#count >= this.limit)
            return false;
        this.#count++;
        this.onChange?.(this.#count);
        return true;
    }
    release() {
        if (this.#count === 0)
            return;
        this.#count--;
        this.onChange?.(this.#count);
        if (this.#count === 0 && this.#idleWaiters.length > 0) {
            const waiters = this.#idleWaiters;
            this.#idleWaiters = [];
            for (const w of waiters)
                w();
        }
    }
    /** Resolves once no request is in flight (immediately if none is). */
    idle() {
        if (this.#count === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.#idleWaiters.push(resolve));
    }
}
/** Whether `p` settles within `ms` (the timer is cleared either way): how shutdown bounds its grace period. */
export async function settlesWithin(p, ms) {
    let timer;
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
    });
    try {
        return await Promise.race([p.then(() => true), timedOut]);
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=limiter.js.map