import type { FilelogReceiverConfig } from '../../config/types.js';
import type { Component, FilePosition, LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { FilelogMetrics } from './metrics.js';
export declare const SCOPE_NAME = "sealog/filelog";
export interface ReceiverDeps {
    consumer: LogsConsumer;
    logger: Logger;
    metrics: FilelogMetrics;
    recovered: FilePosition[];
    now: () => bigint;
}
declare function defaultNow(): bigint;
export { defaultNow };
export declare class FilelogReceiver implements Component {
    #private;
    constructor(cfg: FilelogReceiverConfig, deps: ReceiverDeps);
    /** Descriptors currently held (open files plus ones being opened). */
    openFiles(): number;
    start(): Promise<void>;
    shutdown(): Promise<void>;
}
