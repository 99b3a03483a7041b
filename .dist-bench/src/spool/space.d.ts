import type { Logger } from '../telemetry/logger.js';
import type { SpoolMetrics } from './spool-metrics.js';
export interface SpaceGateOptions {
    maxBytes: number;
    segmentBytes: number;
    /** Bytes of the segments, counting queued writes. */
    usedBytes: () => number;
    /** Deletes fully acknowledged segments kept only by `retain`; resolves true if it freed any. */
    releaseRetained: () => Promise<boolean>;
    /** Free bytes on the spool's filesystem. */
    freeBytes: () => Promise<number>;
    logger: Logger;
    metrics: SpoolMetrics;
    retryInitialMs: number;
    retryMaxMs: number;
}
export declare class SpaceGate {
    #private;
    private readonly o;
    constructor(o: SpaceGateOptions);
    /** Largest total the segments may reach: max_size, or max_size plus one segment for forced appends. */
    maxBytesFor(force: boolean): number;
    /** Throws AgentError 'SPOOL_FULL' if `bytes` more would not fit (nothing is written then). */
    admit(bytes: number, force: boolean): void;
    isFull(): boolean;
    /** Resolves when an append of the size last refused would fit (at once if not full); also on abort or close. */
    waitForSpace(signal?: AbortSignal): Promise<void>;
    /** Segments were deleted (or the disk probe succeeded): wake waiters if there is room now. */
    spaceFreed(): void;
    /** A write or fsync failed with a disk-full-like error while `bytes` were being written. */
    diskFailed(err: unknown, bytes: number): void;
    /** A write succeeded: the disk works, reset the backoff. */
    diskOk(): void;
    close(): void;
}
