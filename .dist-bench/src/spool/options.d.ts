import type { Logger } from '../telemetry/logger.js';
import type { Labels, MetricsRegistry } from '../telemetry/metrics.js';
import type { SpoolFs } from './spool-fs.js';
export interface SpoolOptions {
    /** Created if missing (0700). */
    dir: string;
    /** Bound on the data segments' total size. */
    maxSizeBytes: number;
    /** Roll to a new segment past this size (default 64 MiB in config; tests use small values). */
    segmentSizeBytes: number;
    sync: 'always' | 'interval' | 'none';
    syncIntervalMs: number;
    /** Keep fully-acknowledged segments this long (0 = delete at once). Yields to space pressure. */
    retainMs: number;
    /** Names of the cursors in use; cursor files of other names are removed with a log line. */
    readers: string[];
    /**
     * Called when a new segment starts, just before its first write and after
     * every earlier append has resolved: its bytes are written as that
     * segment's first frame (a checkpoint frame, type 2, no records).
     */
    checkpoint: () => Uint8Array;
    logger: Logger;
    /** Registers the sealog_spool_* metrics. */
    metrics?: MetricsRegistry;
    /** Labels added to every sealog_spool_* series (for several spools in one registry). */
    metricLabels?: Labels;
    /** I/O seam (default: node:fs/promises) for fault-injection tests. */
    fs?: SpoolFs;
    now?: () => number;
    /** Read chunk size for readers and recovery (default 1 MiB). */
    readChunkBytes?: number;
    /** First retry delay after ENOSPC/EIO (default 200 ms), doubled up to diskRetryMaxMs (default 5 s). */
    diskRetryInitialMs?: number;
    diskRetryMaxMs?: number;
}
/** Throws AgentError 'CONFIG_INVALID' naming the first impossible option. */
export declare function checkOptions(o: SpoolOptions): void;
