/**
 * Processors run on every batch before it is chained and sealed, so what
 * they change is what gets sealed. Each changes the LogsData in place.
 */
import type { ProcessorConfig } from '../config/types.js';
import type { Processor } from '../pipeline/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import { AttributesProcessor } from './attributes.js';
import { FilterProcessor } from './filter.js';
import { RedactProcessor } from './redact.js';
import { ResourceProcessor } from './resource.js';
export interface ProcessorDeps {
    logger: Logger;
    metrics?: MetricsRegistry;
}
export declare function createProcessor(cfg: ProcessorConfig, deps: ProcessorDeps): Processor;
export { AttributesProcessor, FilterProcessor, RedactProcessor, ResourceProcessor };
export { NAMED_PATTERNS, luhnValid, ibanValid } from './redact-patterns.js';
export { valueString } from './value-string.js';
