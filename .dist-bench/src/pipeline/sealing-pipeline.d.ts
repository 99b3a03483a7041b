import type { Sealer } from '../integrity/sealer.js';
import { type ResourceLogs } from '../otlp/types.js';
import type { Spool } from '../spool/spool.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { KeyManager } from './key-manager.js';
import type { FilePosition, LogBatch, LogsConsumer, Processor } from './types.js';
export interface SealingOptions {
    name: string;
    spool: Spool;
    sealer: Sealer;
    keys: KeyManager;
    processors: Processor[];
    sealIntervalMs: number;
    heartbeatMs: number;
    rotateMs: number;
    whenFull: 'block' | 'drop_newest';
    /** Processors change records that arrived sealed upstream too (default: those pass unchanged). */
    processSealed?: boolean;
    /** Committed file positions recovered from the spool (written into every checkpoint). */
    positions: Map<string, Map<string, FilePosition>>;
    logger: Logger;
    metrics: MetricsRegistry;
    nowMs?: () => number;
}
export declare class SealingPipeline implements LogsConsumer {
    #private;
    constructor(o: SealingOptions);
    get name(): string;
    get lastSeq(): number;
    /** Records (of any kind) chained since the last seal. */
    get unsealed(): number;
    get lastSealAtMs(): number;
    get keyEpoch(): number;
    get stream(): string;
    setProcessors(p: Processor[]): void;
    setTiming(t: {
        sealEveryRecords: number;
        sealIntervalMs: number;
        heartbeatMs: number;
        rotateMs: number;
    }): void;
    /** Writes the checkpoint for a new spool segment: every committed position. */
    checkpointMeta(): Uint8Array;
    /** Writes the genesis record of a new chain, finishes a rotation interrupted by a crash, starts timers. */
    start(genesis?: ResourceLogs): Promise<void>;
    consume(batch: LogBatch): Promise<void>;
    setProcessSealed(on: boolean): void;
    waitForSpace(signal?: AbortSignal): Promise<void>;
    /**
     * Writes a signed loss record: `count` records that will not reach a
     * destination by policy (e.g. a batch a backend rejected as permanently
     * invalid and that went to the dead-letter area). `range` is when they
     * were dropped (default: now).
     */
    declareLoss(count: number, reason: string, range?: {
        sinceNs: bigint;
        untilNs: bigint;
    }): Promise<void>;
    /** Seals what is unsealed now (used at shutdown and by tests). */
    sealNow(): Promise<void>;
    /** Stops timers, seals what is unsealed, and waits for the queue to empty. Idempotent. */
    close(): Promise<void>;
}
