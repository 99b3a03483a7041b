/**
 * Exporters: each reads the spool through its own cursor and delivers to one
 * destination. `createExporter` dispatches on the config's type.
 */
import type { ExporterConfig } from '../config/types.js';
import type { Exporter, ExporterDeps } from './types.js';
export type { Exporter, ExporterDeps } from './types.js';
export { dlqDirFor, listDeadLetters, type DeadLetterMeta, type DeadLetterEntry } from './dlq.js';
export { OtlpHttpExporter } from './otlphttp/exporter.js';
export { FileExporter } from './file/exporter.js';
/** Builds an exporter (validating its config; throws AgentError CONFIG_INVALID). Call start() to run it. */
export declare function createExporter(cfg: ExporterConfig, deps: ExporterDeps): Exporter;
