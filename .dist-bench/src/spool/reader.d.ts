import type { Logger } from '../telemetry/logger.js';
import type { CursorState } from './cursor-file.js';
import type { Segment, SegmentList } from './segment.js';
import type { SpoolMetrics } from './spool-metrics.js';
import { type SpoolFs } from './spool-fs.js';
import type { TimeIndex } from './time-index.js';
import type { ReadOptions, SpoolFrame, SpoolReader } from './types.js';
/** What a reader needs from its spool. */
export interface ReaderHost {
    readonly segments: SegmentList;
    readonly fs: SpoolFs;
    readonly logger: Logger;
    readonly metrics: SpoolMetrics;
    readonly chunkBytes: number;
    readonly timeIndex: TimeIndex;
    now(): number;
    closed(): boolean;
    /** Resolves at the next commit, on abort, or when the spool closes. */
    waitForCommit(signal?: AbortSignal): Promise<void>;
    /** Record index after the last frame readers can see. */
    visibleRecordsEnd(): number;
    persistCursor(reader: string, state: CursorState): Promise<void>;
    /** A cursor became durable: segments may be deletable. */
    cursorDurable(): void;
    /** The file of `seg` is gone: drop it from the spool (logs and counts once). */
    segmentMissing(seg: Segment, reader: string): void;
}
export declare class Reader implements SpoolReader {
    #private;
    readonly name: string;
    constructor(name: string, host: ReaderHost, start: CursorState);
    /** The acknowledged frame id that is durable on disk (what retention goes by). */
    get durableAckedId(): number;
    get ackedId(): number;
    release(frames: readonly SpoolFrame[]): void;
    next(opts: ReadOptions): Promise<SpoolFrame[]>;
    ack(id: number): Promise<void>;
    rewind(): void;
    lag(): {
        records: number;
        bytes: number;
        oldestMs: number | undefined;
    };
    refreshGauges(): void;
    /** Waits for a cursor write in flight and closes the open segment file. */
    close(): Promise<void>;
}
