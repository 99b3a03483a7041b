import type { CursorState } from './cursor-file.js';
import { type SpoolLock } from './lock.js';
import { type SpoolOptions } from './options.js';
import { type RecoveryReport } from './recovery.js';
import { type ScannedFrame } from './scan.js';
import type { SegmentList } from './segment.js';
import { type SpoolFs } from './spool-fs.js';
import { SpoolMetrics } from './spool-metrics.js';
import type { SpoolEntry, SpoolReader, SpoolStats } from './types.js';
export type { SpoolOptions } from './options.js';
export type { ScannedFrame } from './scan.js';
interface SpoolInit {
    opts: SpoolOptions;
    fs: SpoolFs;
    lock: SpoolLock;
    segments: SegmentList;
    nextId: number;
    nextRecordIndex: number;
    metas: Uint8Array[];
    report: RecoveryReport;
    cursors: Map<string, CursorState>;
    metrics: SpoolMetrics;
    chunkBytes: number;
}
/** Opens (creating if needed) the spool in opts.dir: takes the lock, recovers, loads cursors. */
export declare function openSpool(opts: SpoolOptions): Promise<Spool>;
export declare class Spool {
    #private;
    readonly recovery: RecoveryReport;
    /** Use openSpool(). */
    constructor(init: SpoolInit);
    /**
     * Appends entries as data frames in one write (concurrent calls are coalesced); resolves when durable per the sync policy.
     * The entries' bytes are copied before append() returns, so the caller may reuse their buffers at once.
     */
    append(entries: SpoolEntry[], opts?: {
        force?: boolean;
    }): Promise<{
        firstId: number;
        lastId: number;
    }>;
    /** Meta of the newest checkpoint frame and of every data frame after it, as recovered at open (checkpoint first). */
    recoveryMeta(): Uint8Array[];
    /** The reader (and cursor) of one exporter; the same object for the same name. */
    reader(name: string): SpoolReader;
    isFull(): boolean;
    /** Resolves when a small append would succeed again (at once if not full; also on abort or close). */
    waitForSpace(signal?: AbortSignal): Promise<void>;
    stats(): SpoolStats;
    /** fdatasync now (after appends queued so far are written). */
    sync(): Promise<void>;
    /** Every frame still on disk with its meta, in order (checkpoint frames have records = 0). Damaged frames are left out. */
    scan(): AsyncIterable<ScannedFrame>;
    /** Flushes, fdatasyncs, waits for cursor writes, releases the lock; idempotent. */
    close(): Promise<void>;
    /** Deletes segments every reader has acknowledged (and retain allows). Used at open and after acks. */
    collectGarbage(): Promise<void>;
}
