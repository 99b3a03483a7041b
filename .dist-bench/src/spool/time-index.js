/**
 * When frames were appended, at one-second resolution: (first frame id,
 * wall-clock ms) pairs, one per second of appends at most. Answers "how old
 * is the oldest unacknowledged frame" without reading the disk. Frames that
 * predate this process are dated by their segment's first frame.
 */
import { lastAtOrBefore } from './sorted.js';
const RESOLUTION_MS = 1000;
export class TimeIndex {
    #ids = [];
    #ms = [];
    #head = 0;
    /** Records that frames from `firstId` on were appended at `ms` (ids must not decrease). */
    add(firstId, ms) {
        const n = this.#ids.length;
        if (n > this.#head && ms - this.#ms[n - 1] < RESOLUTION_MS)
            return;
        if (n > this.#head && firstId <= this.#ids[n - 1])
            return;
        this.#ids.push(firstId);
        this.#ms.push(ms);
    }
    /** Append time of frame `id` (to the second), or undefined if it predates every entry. */
    timeOf(id) {
        const found = lastAtOrBefore(this.#ids, this.#head, id);
        return found < 0 ? undefined : this.#ms[found];
    }
    /** Forgets entries no longer needed to date frames with ids >= `id`. */
    trimBefore(id) {
        while (this.#head + 1 < this.#ids.length && this.#ids[this.#head + 1] <= id)
            this.#head++;
        if (this.#head > 1024 && this.#head * 2 > this.#ids.length) {
            this.#ids = this.#ids.slice(this.#head);
            this.#ms = this.#ms.slice(this.#head);
            this.#head = 0;
        }
    }
}
//# sourceMappingURL=time-index.js.map