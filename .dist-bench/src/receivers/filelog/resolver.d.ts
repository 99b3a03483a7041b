/**
 * Where does a file start being read? The identity rules (docs/FILELOG.md,
 * "Identity and rotation"), in this order:
 *  1. a position recovered from the spool for its device:inode whose
 *     fingerprint still matches (same inode, other content: from 0);
 *  2. a donor: the position of a file that is gone or was truncated, whose
 *     content this file starts with (a copy, a compressed copy);
 *  3. a live file it starts like: perhaps a copy still being made; wait;
 *  4. start_at for files found at start, else 0.
 * Also: truncation handling and the donor/twin bookkeeping.
 */
import type { FileHandle } from 'node:fs/promises';
import type { FilelogReceiverConfig } from '../../config/types.js';
import type { FilePosition } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { FilelogMetrics } from './metrics.js';
import type { TrackedFile } from './tracked.js';
export interface ResolverDeps {
    cfg: FilelogReceiverConfig;
    fingerprintSize: number;
    /** How long a look-alike of a live file must stay unchanged before it is decided on. */
    copySettleMs: number;
    log: Logger;
    metrics: FilelogMetrics;
    /** The file's handle (opened within the descriptor budget), or null. */
    open(t: TrackedFile): Promise<FileHandle | null>;
    release(t: TrackedFile): void;
    readError(t: TrackedFile, what: string, err: unknown): void;
    stopped(): boolean;
    /** Deferred files should look again (a donor appeared). */
    donorAdded(): void;
}
export declare function readHead(fh: FileHandle, n: number): Promise<Buffer>;
export declare class IdentityResolver {
    #private;
    constructor(deps: ResolverDeps, recovered: readonly FilePosition[]);
    hasRecovered(id: string): boolean;
    /**
     * At start, before anything is read: does a position recovered for this
     * device:inode still describe the file? Sets t.resumeAt when it decides.
     */
    matchRecovered(t: TrackedFile): Promise<void>;
    /** After start: recovered positions of files not found become donors (their content may live on in copies). */
    donateRecoveredPositions(): void;
    activate(t: TrackedFile, head: Buffer, start: number, tail: Buffer | null): void;
    /** The fingerprint grew with the file. */
    grewFingerprint(t: TrackedFile, head: Buffer): void;
    /** A file's content is gone (deleted, moved away, truncated): its position may continue in a copy. */
    retire(t: TrackedFile): void;
    forget(t: TrackedFile): void;
    /** Restarts a file truncated or rewritten in place at 0; the old content's position stays for a copy. */
    truncated(t: TrackedFile, fh: FileHandle, size: number): Promise<void>;
    /** Decides where a newly seen plain file starts; leaves it unresolved or deferred when it cannot yet. */
    resolve(t: TrackedFile): Promise<void>;
    /** Compressed files: identity by the compressed bytes, continuation by the decompressed ones. */
    resolveGz(t: TrackedFile): Promise<void>;
}
