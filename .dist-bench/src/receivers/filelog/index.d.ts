/**
 * The filelog receiver's public entry point. See docs/FILELOG.md for what it
 * guarantees and receiver.ts for how.
 */
import type { FilelogReceiverConfig } from '../../config/types.js';
import type { Component, FilePosition, LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { MetricsRegistry } from '../../telemetry/metrics.js';
export { SCOPE_NAME } from './receiver.js';
export { ATTR_FILE_NAME, ATTR_FILE_PATH, ATTR_FINGERPRINT, ATTR_LENGTH, ATTR_OFFSET, ATTR_SPLIT, ATTR_TRUNCATED, } from './records.js';
export interface FilelogDeps {
    consumer: LogsConsumer;
    logger: Logger;
    /** sealog_filelog_* series, labelled receiver=<id>. */
    metrics?: MetricsRegistry;
    /** Positions committed in the spool before a restart, for this receiver only. When present for a file key, reading resumes there, whatever start_at says. */
    recovered: FilePosition[];
    /** ns clock for observed time (tests). */
    now?: () => bigint;
}
/** Builds a receiver; throws AgentError CONFIG_INVALID for bad globs, regexes or parser settings. */
export declare function createFilelogReceiver(cfg: FilelogReceiverConfig, deps: FilelogDeps): Component & {
    openFiles(): number;
};
