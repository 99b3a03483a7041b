/**
 * Reads the frames of one segment file in order, in large chunks, and
 * classifies damage. Shared by recovery, the readers, scan() and inspect.
 *
 * A frame is good when its length is plausible, its CRC matches and its id
 * is greater than the previous good id. At a bad frame the scanner looks for
 * the next good frame (first right after the bad frame's stated length, then
 * byte by byte) whose id is within MAX_ID_GAP of the last good id:
 *
 *   found      -> SCAN_SKIP: [skipFrom, skipTo) is a damaged region, counted
 *                 and skipped; scanning continues at skipTo
 *   not found  -> SCAN_TAIL: [tailFrom, limit) holds no frame (a torn final
 *                 write, a zero-filled tail after power loss, or garbage)
 *
 * Nothing is guessed: every frame delivered passed its CRC.
 */
import { FrameView } from './format.js';
import type { ChunkPool } from './chunk-pool.js';
import { type SpoolFileHandle } from './spool-fs.js';
export declare const SCAN_FRAME = 0;
export declare const SCAN_END = 1;
export declare const SCAN_SKIP = 2;
export declare const SCAN_TAIL = 3;
export declare const DEFAULT_CHUNK_BYTES: number;
/** A resync candidate's id must be within this distance of the last good id. */
export declare const MAX_ID_GAP: number;
export type TailReason = 'zero-filled' | 'torn' | 'corrupt';
/** Words for a log line about a tail that holds no frame. */
export declare function describeTail(reason: TailReason): string;
export declare class FrameScanner {
    #private;
    private readonly fh;
    private readonly chunkBytes;
    private readonly chunks?;
    /** Fields of the frame after SCAN_FRAME; offsets are into `buf`. */
    readonly view: FrameView;
    /**
     * The chunk holding the current frame. Without a chunk pool it is never
     * reused, so subarrays of it stay valid; with one, see ChunkPool.
     */
    buf: Uint8Array;
    /** File offset of buf[0]. */
    bufStart: number;
    /** File offset of the next frame. */
    pos: number;
    /** Id of the last good frame (the segment's first id - 1 at its start). */
    lastId: number;
    /** File offset where the data ends (file size, or a reader's visible end). */
    limit: number;
    /** File offset of the frame after SCAN_FRAME. */
    frameOffset: number;
    skipFrom: number;
    skipTo: number;
    /** Frames lost in the skipped region (from the id gap; at least 1). */
    skipFrames: number;
    tailFrom: number;
    tailReason: TailReason;
    constructor(fh: SpoolFileHandle, start: number, lastId: number, limit: number, chunkBytes?: number, chunks?: ChunkPool | undefined);
    /** Advances to the next event: SCAN_FRAME, SCAN_SKIP, SCAN_TAIL or SCAN_END. */
    next(): Promise<number>;
    /** Stops reading from the current chunk (a pooled one may be reused once its frames are released). */
    dispose(): void;
}
