/**
 * A reusable region that encoders write into instead of allocating a new
 * array per message. Views handed out stay valid until reset(): when the
 * region is too small a new one is started and the old one lives on for as
 * long as views of it do, so nothing is copied. The owner resets it once the
 * views have been consumed (e.g. copied into a spool write batch).
 */
export declare class ByteArena {
    #private;
    buf: Uint8Array;
    used: number;
    /** `keepMax`: a region that grew larger than this is replaced by a fresh `initial`-sized one on reset. */
    constructor(initial?: number, keepMax?: number);
    /** Makes room for `n` bytes and returns the offset to write them at. */
    reserve(n: number): number;
    /** Every view handed out so far is dead to the caller: the region is written again from its start. */
    reset(): void;
}
