import { errorMessage } from '../errors.js';
import { sleep } from './retry.js';
const ACK_RETRY_MS = 1000;
export class CursorAcker {
    reader;
    logger;
    onAcked;
    #target = 0;
    #acked = 0;
    #running;
    #closed = new AbortController();
    constructor(reader, logger, onAcked) {
        this.reader = reader;
        this.logger = logger;
        this.onAcked = onAcked;
    }
    /** Asks for the cursor to move to frame id (ignored if it is not beyond what was asked before). */
    request(id) {
        if (id <= this.#target)
            return;
        this.#target = id;
        if (!this.#running)
            this.#running = this.#pump();
    }
    /** The highest frame id persisted so far. */
    get acked() {
        return this.#acked;
    }
    /** True when every requested ack is persisted. */
    get idle() {
        return this.#acked >= this.#target;
    }
    /** Waits for the pending ack (if any) to finish; after close(), a failing ack is not retried. */
    async settle() {
        while (this.#running)
            await this.#running;
    }
    /** Stops retrying failed acks; a pending ack still completes. */
    close() {
        this.#closed.abort();
    }
    async #pump() {
        try {
            while (this.#acked < this.#target) {
                const id = this.#target;
                try {
                    await this.reader.ack(id);
                    this.#acked = id;
                    this.onAcked(id);
                }
                catch (err) {
                    this.logger.error('could not persist the exporter cursor; will retry (data stays in the spool)', {
                        frame: id,
                        error: errorMessage(err),
                    });
                    if (this.#closed.signal.aborted)
                        return;
                    await sleep(ACK_RETRY_MS, this.#closed.signal);
                    if (this.#closed.signal.aborted)
                        return;
                }
            }
        }
        finally {
            this.#running = undefined;
        }
    }
}
/** A level-triggered "something changed" signal: waiters wake on the next notify() or at their deadline. */
export class Progress {
    #waiters = [];
    notify() {
        const w = this.#waiters;
        this.#waiters = [];
        for (const f of w)
            f();
    }
    /** Resolves on the next notify() or after ms. */
    wait(ms) {
        return new Promise((resolve) => {
            const onNotify = () => {
                clearTimeout(timer);
                resolve();
            };
            const timer = setTimeout(() => {
                const i = this.#waiters.indexOf(onNotify);
                if (i >= 0)
                    this.#waiters.splice(i, 1);
                resolve();
            }, Math.max(0, ms));
            this.#waiters.push(onNotify);
        });
    }
}
//# sourceMappingURL=acker.js.map