/** Search in ascending arrays of numbers. Pure. */
/** The last index i in [from, sorted.length) with sorted[i] <= x, or -1 if there is none. */
export declare function lastAtOrBefore(sorted: readonly number[], from: number, x: number): number;
