/**
 * `redact` processor: masks matches of regexes in string bodies, string
 * values nested in kvlist/array bodies and attribute values (nested too), so
 * personal data is gone before the record is sealed. Keys in `allow_keys`
 * and every `sealog.*` key are left alone. Values are replaced copy-on-write:
 * a record that has nothing to mask is not touched and costs no allocation.
 */
import type { RedactProcessorConfig } from '../config/types.js';
import type { LogsData } from '../otlp/types.js';
import type { Processor } from '../pipeline/types.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
export declare const REDACTION_COUNT_ATTRIBUTE = "redaction.count";
export declare class RedactProcessor implements Processor {
    #private;
    readonly id: string;
    constructor(cfg: RedactProcessorConfig, metrics?: MetricsRegistry);
    /** The string with every pattern masked; the same string when nothing matched. */
    redactString(s: string): string;
    process(data: LogsData): void;
}
