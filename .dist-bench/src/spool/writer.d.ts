import type { Logger } from '../telemetry/logger.js';
import { type Segment, type SegmentList } from './segment.js';
import type { SpaceGate } from './space.js';
import type { SpoolMetrics } from './spool-metrics.js';
import { type SpoolFs } from './spool-fs.js';
import type { SpoolEntry } from './types.js';
export type SyncPolicy = 'always' | 'interval' | 'none';
export interface AppendResult {
    firstId: number;
    lastId: number;
}
export interface WriterOptions {
    dir: string;
    fs: SpoolFs;
    segments: SegmentList;
    segmentSizeBytes: number;
    sync: SyncPolicy;
    syncIntervalMs: number;
    checkpoint: () => Uint8Array;
    logger: Logger;
    metrics: SpoolMetrics;
    space: SpaceGate;
    now: () => number;
    nextId: number;
    nextRecordIndex: number;
    /** Called after a batch is durable per the sync policy, before its appends resolve. */
    onCommit: (firstId: number, atMs: number) => void;
}
export declare class SegmentWriter {
    #private;
    private readonly o;
    constructor(o: WriterOptions);
    get nextId(): number;
    append(entries: readonly SpoolEntry[], force: boolean): Promise<AppendResult>;
    /** Resolves once every append made so far has been written (or failed). */
    flushed(): Promise<void>;
    /** fdatasync of the segment being written, after queued appends are written. */
    sync(): Promise<void>;
    /** fdatasync of `seg` if it is the segment being written and has unsynced bytes (older ones were synced when left). */
    syncSegment(seg: Segment): Promise<void>;
    /** Flushes, fdatasyncs and closes the open segment; appends are refused afterwards. */
    close(): Promise<void>;
}
