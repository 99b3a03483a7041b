/**
 * Hands one batch to the pipeline until it is durable: on SPOOL_FULL it waits
 * for space and sends the same batch again (nothing was taken); on any other
 * failure it logs and retries with capped exponential backoff. Only stopping
 * the receiver ends the loop without delivery.
 */
import type { LogBatch, LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { Series } from '../../telemetry/metrics.js';
export declare class Sender {
    #private;
    constructor(consumer: LogsConsumer, logger: Logger, signal: AbortSignal, backpressureWaits: Series);
    /** Resolves true once the batch is durable, false if the receiver stopped first. */
    deliver(batch: LogBatch, path: string): Promise<boolean>;
}
