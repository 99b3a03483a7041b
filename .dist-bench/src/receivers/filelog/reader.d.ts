/**
 * One reading turn over one file: read large chunks into a reused buffer,
 * frame records, and hand batches over in order. The next chunk is read while
 * the previous chunk's batches are being made durable (at most one chunk in
 * flight per file). A file's read position (t.readFrom) is the start of the
 * bytes not yet framed; its committed position (t.offset) moves only when
 * the pipeline confirms a batch.
 */
import type { FileHandle } from 'node:fs/promises';
import type { BatchBuilder, PendingBatch } from './records.js';
import type { RecordScanner } from './scanner.js';
import type { TrackedFile } from './tracked.js';
/** Chunks one turn may read before the file goes to the back of the queue (fairness). */
export declare const MAX_CHUNKS_PER_TURN = 64;
/**
 * Bytes asked of one read (the buffer itself is larger: it must hold the
 * longest record). Records framed from one read stay in memory until they
 * are durable, so this bounds their lifetime: with 256 KiB (about 1,300
 * typical lines) they die young, in V8's cheap young-generation collection,
 * instead of being promoted and collected by full mark-compacts. Measured
 * on scenario 1 of the bench: reading up to 1 MiB at a time cost 20 % more
 * CPU per record and 60 MB more peak RSS; 128 KiB saved another 35 MB of
 * peak RSS for 9 % more CPU (per-batch costs).
 */
export declare const READ_BYTES: number;
export interface ReaderContext {
    readonly scanner: RecordScanner;
    newBuilder(): BatchBuilder;
    /** Observed time (read time) in ns. */
    now(): bigint;
    stopped(): boolean;
    /** Delivers batches in order and commits positions; false if the receiver stopped. */
    deliver(t: TrackedFile, batches: PendingBatch[]): Promise<boolean>;
    readonly forceFlushPeriodMs: number;
    scheduleFlush(t: TrackedFile, ms: number): void;
    clearFlush(t: TrackedFile): void;
}
/**
 * Reads a plain file from t.readFrom to its end (or the turn's budget). A
 * partial record left at the end is emitted once force_flush_period passed
 * without the file growing.
 */
export declare function readAvailable(ctx: ReaderContext, t: TrackedFile, fh: FileHandle, buf: Buffer): Promise<void>;
/**
 * Reads a gzip file's decompressed content from `start` (a decompressed
 * offset) to its end; the final unterminated line is emitted at once, since
 * the file is complete. When `tail` is given, the decompressed bytes just
 * before `start` must equal it, else the result is 'mismatch' (the file does
 * not continue the one it looked like). Throws on corrupt or truncated data.
 */
export declare function readDecompressed(ctx: ReaderContext, t: TrackedFile, fh: FileHandle, buf: Buffer, start: number, tail: Buffer | null): Promise<'ok' | 'mismatch' | 'stopped'>;
