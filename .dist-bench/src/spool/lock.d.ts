import type { Logger } from '../telemetry/logger.js';
import { type SpoolFs } from './spool-fs.js';
export declare const LOCK_FILE = "sealog.lock";
export interface LockInfo {
    pid: number;
    host: string;
    /** Start time of the holder in clock ticks since boot (Linux /proc/PID/stat field 22), if known. */
    startTicks?: string;
    nonce: string;
    createdAt: string;
}
/** Start time of a process in clock ticks since boot, from /proc (undefined off Linux or if it is gone). */
export declare function processStartTicks(pid: number): string | undefined;
export declare function parseLockInfo(text: string): LockInfo | undefined;
export type HolderState = 'alive' | 'dead' | 'foreign-host';
/** Whether the process named in a lock file still runs (on this host). */
export declare function holderState(info: LockInfo, dir: string): HolderState;
export declare class SpoolLock {
    #private;
    private readonly fs;
    readonly dir: string;
    readonly info: LockInfo;
    constructor(fs: SpoolFs, dir: string, info: LockInfo);
    /** Removes the lock file if it is still ours; idempotent. */
    release(): Promise<void>;
}
/** Takes the lock of `dir` or throws AgentError 'SPOOL_LOCKED' naming the holder. */
export declare function acquireLock(fs: SpoolFs, dir: string, logger: Logger): Promise<SpoolLock>;
