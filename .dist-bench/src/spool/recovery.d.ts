import type { Logger } from '../telemetry/logger.js';
import { SegmentList } from './segment.js';
import { type SpoolFs } from './spool-fs.js';
export interface RecoveryReport {
    cutBytes: number;
    skippedFrames: number;
    segments: number;
    durationMs: number;
    messages: string[];
}
export interface RecoveredSegments {
    segments: SegmentList;
    /**
     * Highest frame id that may ever have been used: the last frame on disk, or
     * the id before the first frame of a newest segment removed as empty (0 if none).
     */
    lastId: number;
    /** Record index after the last frame on disk. */
    recordsEnd: number;
    /** Meta of the newest checkpoint frame and of every data frame after it. */
    metas: Uint8Array[];
    /** Names in the directory, for the cursor loader. */
    files: string[];
    report: RecoveryReport;
}
export declare function recoverSegments(fs: SpoolFs, dir: string, logger: Logger, chunkBytes: number): Promise<RecoveredSegments>;
