/**
 * Decides whether an append fits, and tells waiting inputs when there is
 * room again. Two causes of "full":
 *
 *   size  the segments would exceed max_size (max_size + one segment for
 *         forced appends). Clears when acknowledged segments are deleted.
 *   disk  a write or fsync failed with ENOSPC/EDQUOT/EIO/EFBIG. Appends are
 *         refused at once (nothing is written) and a probe retries with
 *         backoff (statfs shows room -> clear, the next write is the real
 *         test). The spool never crashes or loops hot on a full disk.
 */
import { AgentError, errorMessage } from '../errors.js';
import { Signal } from './signal.js';
import { errnoCode } from './spool-fs.js';
/** Below this much free space (or twice the failed write) the disk probe keeps waiting. */
const MIN_FREE_BYTES = 64 * 1024;
export class SpaceGate {
    o;
    #needBytes = 0;
    #sizeFull = false;
    #diskBlocked = false;
    #diskCause = '';
    #lastFailedBytes = 0;
    #retryMs;
    #timer;
    #room = new Signal();
    #closed = false;
    constructor(o) {
        this.o = o;
        this.#retryMs = o.retryInitialMs;
    }
    /** Largest total the segments may reach: max_size, or max_size plus one segment for forced appends. */
    maxBytesFor(force) {
        return force ? this.o.maxBytes + this.o.segmentBytes : this.o.maxBytes;
    }
    /** Throws AgentError 'SPOOL_FULL' if `bytes` more would not fit (nothing is written then). */
    admit(bytes, force) {
        if (this.#diskBlocked && !force) {
            throw new AgentError('SPOOL_FULL', `spool disk is full or failing (${this.#diskCause}); appends resume by themselves when it has room again`);
        }
        const used = this.o.usedBytes();
        const limit = this.maxBytesFor(force);
        if (used + bytes <= limit)
            return;
        if (!force)
            this.#needBytes = Math.min(bytes, this.o.maxBytes);
        if (!this.#sizeFull) {
            this.#sizeFull = true;
            this.o.metrics.fullSize.inc();
            this.o.logger.warn('spool is full (max_size reached): inputs wait until exporters acknowledge data', {
                usedBytes: used,
                maxBytes: this.o.maxBytes,
                appendBytes: bytes,
            });
        }
        void this.o.releaseRetained().then((freed) => freed && this.spaceFreed(), () => undefined);
        throw new AgentError('SPOOL_FULL', `spool is full: ${used} bytes used, ${bytes} more would exceed ${force ? 'max_size plus one segment' : 'max_size'} (${limit} bytes); waiting for exporters to acknowledge`);
    }
    isFull() {
        return this.#diskBlocked || this.#sizeFullNow();
    }
    #sizeFullNow() {
        const used = this.o.usedBytes();
        return used >= this.o.maxBytes || (this.#needBytes > 0 && used + this.#needBytes > this.o.maxBytes);
    }
    /** Resolves when an append of the size last refused would fit (at once if not full); also on abort or close. */
    waitForSpace(signal) {
        if (!this.isFull() || this.#closed)
            return Promise.resolve();
        return this.#room.wait(signal);
    }
    /** Segments were deleted (or the disk probe succeeded): wake waiters if there is room now. */
    spaceFreed() {
        if (this.#diskBlocked)
            this.#schedule(0);
        if (!this.#sizeFullNow()) {
            this.#needBytes = 0;
            if (this.#sizeFull) {
                this.#sizeFull = false;
                this.o.logger.info('spool has room again', { usedBytes: this.o.usedBytes(), maxBytes: this.o.maxBytes });
            }
        }
        if (!this.isFull())
            this.#wake();
    }
    /** A write or fsync failed with a disk-full-like error while `bytes` were being written. */
    diskFailed(err, bytes) {
        this.o.metrics.diskErrors.inc();
        this.#lastFailedBytes = Math.max(this.#lastFailedBytes, bytes);
        this.#diskCause = `${errnoCode(err) ?? 'error'}: ${errorMessage(err)}`;
        if (!this.#diskBlocked) {
            this.#diskBlocked = true;
            this.o.metrics.fullDisk.inc();
            this.o.logger.error('spool disk refused a write: treating the spool as full, retrying with backoff', {
                error: this.#diskCause,
                retryMs: this.#retryMs,
            });
        }
        this.#schedule(this.#retryMs);
        this.#retryMs = Math.min(this.#retryMs * 2, this.o.retryMaxMs);
    }
    /** A write succeeded: the disk works, reset the backoff. */
    diskOk() {
        this.#retryMs = this.o.retryInitialMs;
        this.#lastFailedBytes = 0;
    }
    close() {
        this.#closed = true;
        if (this.#timer)
            clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#wake();
    }
    #wake() {
        this.#room.notify();
    }
    #schedule(ms) {
        if (this.#closed)
            return;
        if (this.#timer)
            clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            void this.#probe();
        }, ms);
    }
    async #probe() {
        if (!this.#diskBlocked || this.#closed)
            return;
        let free = Infinity;
        try {
            free = await this.o.freeBytes();
        }
        catch {
            // statfs unavailable: let the next write be the test.
        }
        if (free < Math.max(MIN_FREE_BYTES, 2 * this.#lastFailedBytes)) {
            this.#schedule(this.#retryMs);
            this.#retryMs = Math.min(this.#retryMs * 2, this.o.retryMaxMs);
            return;
        }
        this.#diskBlocked = false;
        this.o.logger.info('spool disk has room again: accepting appends', { freeBytes: free });
        if (!this.isFull())
            this.#wake();
    }
}
//# sourceMappingURL=space.js.map