/**
 * Tracks batches in dispatch order and tells which frame id the cursor may
 * move to: only past batches that are done AND whose predecessors are all
 * done (batches complete out of order when several requests are in flight).
 * Pure, no I/O.
 */
export declare class AckWindow {
    #private;
    /** Opens a slot for a batch that ends at frame id lastId; returns its slot number. */
    push(lastId: number): number;
    /**
     * Marks a slot done. Returns the frame id the cursor may now be acknowledged
     * to, or undefined if the oldest open slot is still pending.
     */
    complete(slot: number): number | undefined;
    /** Number of slots not yet released to the cursor (pending, or done behind a pending one). */
    get open(): number;
}
