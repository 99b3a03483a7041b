import type { ResourceProcessorConfig } from '../config/types.js';
import type { KeyValue, LogsData } from '../otlp/types.js';
import type { Processor } from '../pipeline/types.js';
/** OpenTelemetry `os.type` for a Node.js platform name. */
export declare function osType(platform: string): string;
/** What `detect` adds: host.name, os.type and the default service.name `sealog`. */
export declare function detectedAttributes(): KeyValue[];
export declare class ResourceProcessor implements Processor {
    #private;
    readonly id: string;
    constructor(cfg: ResourceProcessorConfig);
    process(data: LogsData): void;
}
