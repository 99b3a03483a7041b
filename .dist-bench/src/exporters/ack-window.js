/**
 * Tracks batches in dispatch order and tells which frame id the cursor may
 * move to: only past batches that are done AND whose predecessors are all
 * done (batches complete out of order when several requests are in flight).
 * Pure, no I/O.
 */
export class AckWindow {
    /** lastId of each open slot, oldest first, starting at slot number #base. */
    #lastIds = [];
    #done = [];
    #head = 0; // index into the arrays of the oldest open slot
    #base = 0; // slot number of #lastIds[0]
    #next = 0;
    /** Opens a slot for a batch that ends at frame id lastId; returns its slot number. */
    push(lastId) {
        this.#lastIds.push(lastId);
        this.#done.push(false);
        return this.#next++;
    }
    /**
     * Marks a slot done. Returns the frame id the cursor may now be acknowledged
     * to, or undefined if the oldest open slot is still pending.
     */
    complete(slot) {
        const i = slot - this.#base;
        if (i < this.#head || i >= this.#lastIds.length)
            throw new RangeError(`ack window: slot ${slot} is not open`);
        this.#done[i] = true;
        let ackTo;
        while (this.#head < this.#lastIds.length && this.#done[this.#head]) {
            ackTo = this.#lastIds[this.#head];
            this.#head++;
        }
        if (this.#head > 1024 && this.#head * 2 > this.#lastIds.length)
            this.#compact();
        return ackTo;
    }
    /** Number of slots not yet released to the cursor (pending, or done behind a pending one). */
    get open() {
        return this.#lastIds.length - this.#head;
    }
    #compact() {
        this.#lastIds = this.#lastIds.slice(this.#head);
        this.#done = this.#done.slice(this.#head);
        this.#base += this.#head;
        this.#head = 0;
    }
}
//# sourceMappingURL=ack-window.js.map