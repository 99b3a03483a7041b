import type { Context } from '@opentelemetry/api';
import type { LogRecordExporter, LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { RetryConfig } from '../config/types.js';
import { type Logger } from '../telemetry/logger.js';
export interface SealingProcessorOptions {
    /** Where sealed records go: any LogRecordExporter of the SDK (e.g. OTLPLogExporter). */
    exporter: LogRecordExporter;
    /** A key file made by `sealog keygen` (mode 0600). */
    key: string;
    /** The chain's stream id; default `<service.name>/<host.name>` of the first record's resource. */
    stream?: string;
    seal?: {
        everyRecords?: number;
        intervalMs?: number;
        heartbeatMs?: number;
    };
    /** Key rotation period (ms or a duration such as '24h'); 0 = never (the default). */
    rotate?: number | string;
    /**
     * A directory for sealog's spool: records are durable there before
     * export, a crash loses nothing forceFlush() acknowledged, and the chain
     * resumes on restart. Without it the processor uses a private temporary
     * spool that is removed at shutdown.
     */
    spoolDir?: string;
    /** Records waiting to be chained; when full, new records are dropped, counted and sealed as a loss record. */
    maxQueue?: number;
    /** Records per chaining batch and per export call. */
    batchRecords?: number;
    /** Longest time a record waits in the queue before it is chained. */
    scheduledDelayMs?: number;
    /** Bound on the spool's size (when full, records are dropped and sealed as a loss record). */
    maxSpoolBytes?: number;
    /** Retry of failed exports. Without spoolDir, a batch undelivered after retry.maxElapsedMs is sealed as loss. */
    retry?: Partial<RetryConfig>;
    /** One export call's time limit. */
    exportTimeoutMs?: number;
    /** How long shutdown() waits for the exporter to catch up. */
    shutdownTimeoutMs?: number;
    /** Where the processor's own messages go (default: JSON lines on stderr, warnings and errors). */
    logger?: Logger;
}
export declare class SealingLogRecordProcessor implements LogRecordProcessor {
    #private;
    constructor(options: SealingProcessorOptions);
    /** The chain's stream id, once the processor has started (at the first record). */
    get stream(): string | undefined;
    /** The emit path: a push, or a count when the queue is full. Chaining happens in batches, later. */
    onEmit(logRecord: ReadWriteLogRecord, _context?: Context): void;
    /**
     * Chains what is queued and resolves once it is durable in the spool
     * (with spoolDir: a crash from now on loses none of it). Does not wait
     * for export.
     */
    persist(): Promise<void>;
    /** Chains what is queued, seals it, and waits until the exporter has delivered everything sealed so far. */
    forceFlush(): Promise<void>;
    /** Chains what is queued, writes a final seal, drains the exporter (up to shutdownTimeoutMs) and stops. */
    shutdown(): Promise<void>;
}
