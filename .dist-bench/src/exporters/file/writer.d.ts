import type { Logger } from '../../telemetry/logger.js';
export interface RotationOptions {
    maxBytes: number;
    /** Keep at most this many rotated files (0 = keep all). */
    maxBackups: number;
    compress: boolean;
}
export interface FileWriterOptions {
    path: string;
    rotation?: RotationOptions;
    logger: Logger;
    now?: () => Date;
    /** Called after each rotation with the rotated file's path (before compression). */
    onRotate?: (backup: string) => void;
}
export declare class JsonlFileWriter {
    #private;
    readonly path: string;
    constructor(opts: FileWriterOptions);
    /** Bytes buffered and not yet written. */
    get pendingBytes(): number;
    /** Size of the live file on disk (written bytes, excluding the buffer). */
    get size(): number;
    /** The highest tag whose line, and all before it, has been written to the file. */
    get flushedTag(): number;
    open(): Promise<void>;
    /**
     * Buffers one line (which must end in '\n'), or only advances the tag when
     * line is undefined. May rotate (flushing and fsyncing) first.
     */
    write(line: Buffer | undefined, tag: number): Promise<void>;
    /** Writes the buffer to the file; returns the bytes written. On error the unwritten rest stays buffered. */
    flush(): Promise<number>;
    /** fsync of the live file. */
    sync(): Promise<void>;
    /** Flushes, fsyncs and renames the live file to a timestamped backup, then opens a fresh one. */
    rotate(): Promise<string>;
    /** Waits for background compression and pruning. */
    settled(): Promise<void>;
    /** Flushes, fsyncs and closes; waits for background work. Throws if the final flush fails (data stays unacknowledged). */
    close(): Promise<void>;
}
