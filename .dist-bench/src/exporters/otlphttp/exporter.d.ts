import type { OtlpHttpExporterConfig } from '../../config/types.js';
import type { Exporter, ExporterDeps } from '../types.js';
/** Validates user headers once; names are lower-cased. Values are never logged. */
export declare function buildHeaders(cfg: OtlpHttpExporterConfig): Record<string, string>;
export declare class OtlpHttpExporter implements Exporter {
    #private;
    readonly id: string;
    constructor(cfg: OtlpHttpExporterConfig, deps: ExporterDeps);
    start(): Promise<void>;
    drain(timeoutMs: number): Promise<boolean>;
    shutdown(): Promise<void>;
}
