/**
 * Deletes segments that every reader has acknowledged, once `retain` has
 * passed (at once under space pressure). Runs are serialised; a request made
 * during a run causes one more run.
 *
 * Never deleted: the newest segment readers can see (it holds the newest
 * checkpoint and the id high-water mark), a segment still being written, or
 * anything while there are no readers. Before deleting, the newest segment
 * is fdatasynced, so a power cut cannot leave a spool with neither the old
 * segments nor a durable new one.
 */
import { errorMessage } from '../errors.js';
import { errnoCode } from './spool-fs.js';
export class Retention {
    o;
    #running;
    #again = false;
    #timer;
    #closed = false;
    constructor(o) {
        this.o = o;
    }
    /** Deletes what may go; `pressure` ignores retain (the spool is full). Resolves true if it deleted any. */
    collect(pressure) {
        if (this.#closed)
            return Promise.resolve(false);
        if (this.#running) {
            this.#again = true;
            return this.#running;
        }
        const run = async () => {
            let freed = false;
            do {
                this.#again = false;
                if (await this.#once(pressure))
                    freed = true;
            } while (this.#again && !this.#closed);
            return freed;
        };
        this.#running = run().finally(() => {
            this.#running = undefined;
        });
        return this.#running;
    }
    /** Stops the retain timer and waits for a run in progress. */
    async close() {
        this.#closed = true;
        if (this.#timer)
            clearTimeout(this.#timer);
        this.#timer = undefined;
        await this.#running?.catch(() => undefined);
    }
    async #once(pressure) {
        const minAcked = this.o.minDurableAcked();
        if (minAcked === undefined)
            return false;
        const now = this.o.now();
        const items = this.o.segments.items;
        let newest = items.length - 1;
        while (newest >= 0 && items[newest].visibleEnd === 0)
            newest--;
        const doomed = [];
        let nextExpiry = Infinity;
        for (let i = 0; i < newest; i++) {
            const seg = items[i];
            if (!seg.sealed || seg.lastId > minAcked)
                break;
            if (seg.ackedAtMs === 0)
                seg.ackedAtMs = now;
            const keepUntil = seg.ackedAtMs + this.o.retainMs;
            if (pressure || now >= keepUntil)
                doomed.push(seg);
            else
                nextExpiry = Math.min(nextExpiry, keepUntil);
        }
        if (nextExpiry < Infinity)
            this.#schedule(nextExpiry - now);
        if (doomed.length === 0)
            return false;
        try {
            await this.o.syncNewest(items[newest]);
        }
        catch (err) {
            this.o.logger.warn('not deleting acknowledged segments: fdatasync of the newest segment failed', { error: errorMessage(err) });
            return false;
        }
        for (const seg of doomed) {
            seg.deleted = true;
            this.o.segments.remove(seg);
            try {
                await this.o.fs.unlink(seg.path);
            }
            catch (err) {
                if (errnoCode(err) !== 'ENOENT')
                    this.o.logger.error('could not delete an acknowledged spool segment', { segment: seg.name, error: errorMessage(err) });
            }
            this.o.metrics.segmentsDeleted.inc();
        }
        try {
            await this.o.fs.syncDir(this.o.dir);
        }
        catch (err) {
            this.o.logger.warn('fsync of the spool directory failed after deleting segments', { error: errorMessage(err) });
        }
        this.o.logger.debug('deleted acknowledged spool segments', { segments: doomed.map((s) => s.name), pressure });
        this.o.freed();
        return true;
    }
    #schedule(ms) {
        if (this.#timer || this.#closed)
            return;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.collect(false);
        }, ms);
        this.#timer.unref();
    }
}
//# sourceMappingURL=retention.js.map