/**
 * `filter` processor: drops log records that match a rule. A rule matches
 * when all of its conditions hold; a record is dropped by the first rule that
 * matches, and counted under that rule's name in
 * `sealog_processor_filtered_records_total{processor,rule}`.
 *
 * Conditions: severity below `min_severity` (records with severity 0,
 * "unspecified", are never below), string body matching `body_regex`,
 * attribute `key` whose string form equals `value` or matches `regex`.
 */
import type { FilterProcessorConfig } from '../config/types.js';
import type { LogsData } from '../otlp/types.js';
import type { Processor } from '../pipeline/types.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
export declare class FilterProcessor implements Processor {
    #private;
    readonly id: string;
    constructor(cfg: FilterProcessorConfig, metrics?: MetricsRegistry);
    process(data: LogsData): void;
}
