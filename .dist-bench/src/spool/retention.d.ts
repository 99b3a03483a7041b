import type { Logger } from '../telemetry/logger.js';
import type { Segment, SegmentList } from './segment.js';
import type { SpoolMetrics } from './spool-metrics.js';
import { type SpoolFs } from './spool-fs.js';
export interface RetentionOptions {
    segments: SegmentList;
    fs: SpoolFs;
    dir: string;
    retainMs: number;
    now: () => number;
    logger: Logger;
    metrics: SpoolMetrics;
    /** Smallest durable acknowledged frame id over all readers; undefined when there are no readers. */
    minDurableAcked: () => number | undefined;
    /** Makes the newest visible segment durable (fdatasync if it has unsynced bytes). */
    syncNewest: (seg: Segment) => Promise<void>;
    /** Called after segments were deleted. */
    freed: () => void;
}
export declare class Retention {
    #private;
    private readonly o;
    constructor(o: RetentionOptions);
    /** Deletes what may go; `pressure` ignores retain (the spool is full). Resolves true if it deleted any. */
    collect(pressure: boolean): Promise<boolean>;
    /** Stops the retain timer and waits for a run in progress. */
    close(): Promise<void>;
}
