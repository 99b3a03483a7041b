import type { Logger } from '../telemetry/logger.js';
import { type CursorState } from './cursor-file.js';
import type { SegmentList } from './segment.js';
import { type SpoolFs } from './spool-fs.js';
export type CursorOrigin = 'stored' | 'missing' | 'corrupt' | 'stale' | 'past-end' | 'relocated';
export interface ResolvedCursor {
    state: CursorState;
    origin: CursorOrigin;
}
export interface CursorContext {
    fs: SpoolFs;
    dir: string;
    segments: SegmentList;
    /** Id of the last frame on disk. */
    lastId: number;
    /** Record index after the last frame on disk. */
    recordsEnd: number;
    logger: Logger;
    chunkBytes: number;
    note: (msg: string) => void;
}
/** Reads a reader's cursor (newest intact of .cur and .cur.tmp). */
export declare function readCursorFile(fs: SpoolFs, dir: string, reader: string): Promise<{
    state?: CursorState;
    present: boolean;
    problem?: string;
}>;
/**
 * Saves a cursor atomically (temp file, fdatasync, rename, directory fsync).
 * On a full disk (no room for the temp file) the cursor is overwritten in
 * place instead: it fits in one sector and carries a CRC, so a torn write
 * reads as a damaged cursor (delivery restarts at the oldest frame) rather
 * than a wrong one. Without this, a full disk could never be relieved by
 * acknowledgements.
 */
export declare function writeCursorFile(fs: SpoolFs, dir: string, reader: string, state: CursorState, logger?: Logger): Promise<void>;
/** Removes cursor files of readers no longer configured. */
export declare function removeUnknownCursors(ctx: CursorContext, files: string[], readers: ReadonlySet<string>): Promise<void>;
export declare function resolveCursor(ctx: CursorContext, reader: string): Promise<ResolvedCursor>;
