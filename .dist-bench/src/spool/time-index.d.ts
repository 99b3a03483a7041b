export declare class TimeIndex {
    #private;
    /** Records that frames from `firstId` on were appended at `ms` (ids must not decrease). */
    add(firstId: number, ms: number): void;
    /** Append time of frame `id` (to the second), or undefined if it predates every entry. */
    timeOf(id: number): number | undefined;
    /** Forgets entries no longer needed to date frames with ids >= `id`. */
    trimBefore(id: number): void;
}
