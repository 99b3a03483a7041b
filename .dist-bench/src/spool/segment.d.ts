export interface Segment {
    firstId: number;
    /** Records appended to the spool before this segment's first frame. */
    firstRecordIndex: number;
    name: string;
    path: string;
    /** Bytes on disk (completed writes). */
    size: number;
    /** Bytes once the writes queued for it are done; what size limits are checked against. */
    logicalSize: number;
    /** End of the bytes readers may see; 0 until the file exists. */
    visibleEnd: number;
    /** Id of the last visible frame (firstId - 1 while empty). */
    lastId: number;
    /** Record index just past the last visible frame. */
    recordsEnd: number;
    /** Visible data frames (checkpoint frames excluded). */
    frames: number;
    /** Wall-clock ms of the segment's first frame; 0 if unknown. */
    startedAtMs: number;
    /** No more appends go here (a newer segment was started, or it predates this process). */
    sealed: boolean;
    deleted: boolean;
    /** When every reader had acknowledged all of it; 0 = not yet. */
    ackedAtMs: number;
}
export declare function newSegment(dir: string, firstId: number, firstRecordIndex: number): Segment;
export declare class SegmentList {
    /** Live segments, oldest first (deleted ones are removed). */
    readonly items: Segment[];
    get last(): Segment | undefined;
    get first(): Segment | undefined;
    push(seg: Segment): void;
    remove(seg: Segment): void;
    /** The oldest live segment that readers can see whose first id is greater than `id`. */
    visibleAfterId(id: number): Segment | undefined;
    /** The live segment that holds (or would hold) frame id `id`: the newest one starting at or before it. */
    holding(id: number): Segment | undefined;
    /** Bytes of every live segment, counting queued writes. */
    logicalBytes(): number;
    /** Bytes of every live segment on disk. */
    diskBytes(): number;
}
