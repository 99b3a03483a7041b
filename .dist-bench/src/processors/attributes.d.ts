/**
 * `attributes` processor: insert, update, upsert, delete and hash log record
 * attributes.
 */
import type { AttributesProcessorConfig } from '../config/types.js';
import type { LogsData } from '../otlp/types.js';
import type { Processor } from '../pipeline/types.js';
export declare class AttributesProcessor implements Processor {
    #private;
    readonly id: string;
    constructor(cfg: AttributesProcessorConfig);
    process(data: LogsData): void;
}
