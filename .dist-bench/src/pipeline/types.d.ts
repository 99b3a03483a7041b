/**
 * Contracts between receivers, processors and the sealing pipeline.
 *
 *   receiver --LogBatch--> consumer.consume() --> processors --> chain+seal --> spool.append()
 *                          (resolves when durable per spool.sync)
 */
import type { LogsData } from '../otlp/types.js';
/** Lifecycle of every component: start, then shutdown (idempotent, safe before start). */
export interface Component {
    start(): Promise<void>;
    shutdown(): Promise<void>;
}
/**
 * Where a file receiver has read up to. `key` identifies the file across
 * renames: `${fingerprintHex}:${dev}:${ino}`. `offset` is the byte offset just
 * past the last line included in the batch (in the file's raw bytes, i.e.
 * compressed bytes are never used: gzip files are tracked by decompressed
 * offset under the key of their compressed fingerprint).
 */
export interface FilePosition {
    key: string;
    path: string;
    offset: number;
    /** The receiver id that owns this position (e.g. 'filelog/app'). */
    receiver: string;
}
export interface LogBatch {
    data: LogsData;
    /** File read positions that become committed once this batch is durable. */
    positions?: FilePosition[];
}
export interface LogsConsumer {
    /**
     * Hands a batch to the pipeline. Resolves once it is durable in the spool
     * (per the spool's sync policy). Rejects with AgentError code 'SPOOL_FULL'
     * when the spool is full and when_full is `block` (nothing was taken; retry
     * after `waitForSpace()`), or with another AgentError on shutdown.
     */
    consume(batch: LogBatch): Promise<void>;
    /** Resolves when the spool has room again (immediately if it has). */
    waitForSpace(signal?: AbortSignal): Promise<void>;
}
/** A processor transforms a batch in place before sealing; it may remove records. */
export interface Processor {
    readonly id: string;
    process(data: LogsData): void;
}
