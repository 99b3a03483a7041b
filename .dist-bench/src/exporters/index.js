import { FileExporter } from './file/exporter.js';
import { OtlpHttpExporter } from './otlphttp/exporter.js';
export { dlqDirFor, listDeadLetters } from './dlq.js';
export { OtlpHttpExporter } from './otlphttp/exporter.js';
export { FileExporter } from './file/exporter.js';
/** Builds an exporter (validating its config; throws AgentError CONFIG_INVALID). Call start() to run it. */
export function createExporter(cfg, deps) {
    switch (cfg.type) {
        case 'otlphttp':
            return new OtlpHttpExporter(cfg, deps);
        case 'file':
            return new FileExporter(cfg, deps);
    }
}
//# sourceMappingURL=index.js.map