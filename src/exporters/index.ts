/**
 * Exporters: each reads the spool through its own cursor and delivers to one
 * destination. `createExporter` dispatches on the config's type.
 */
import type { ExporterConfig } from '../config/types.js';
import { FileExporter } from './file/exporter.js';
import { OtlpHttpExporter } from './otlphttp/exporter.js';
import type { Exporter, ExporterDeps } from './types.js';

export type { Exporter, ExporterDeps } from './types.js';
export { dlqDirFor, listDeadLetters, type DeadLetterMeta, type DeadLetterEntry } from './dlq.js';
export { OtlpHttpExporter } from './otlphttp/exporter.js';
export { FileExporter } from './file/exporter.js';

/** Builds an exporter (validating its config; throws AgentError CONFIG_INVALID). Call start() to run it. */
export function createExporter(cfg: ExporterConfig, deps: ExporterDeps): Exporter {
  switch (cfg.type) {
    case 'otlphttp':
      return new OtlpHttpExporter(cfg, deps);
    case 'file':
      return new FileExporter(cfg, deps);
  }
}
