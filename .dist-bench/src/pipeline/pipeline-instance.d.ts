import type { SealogConfig } from '../config/types.js';
import { type Spool } from '../spool/spool.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { KeyManager } from './key-manager.js';
import { SealingPipeline } from './sealing-pipeline.js';
export interface PipelineDeps {
    keys: KeyManager;
    logger: Logger;
    metrics: MetricsRegistry;
}
/** A file-system-safe name for a pipeline ('logs/audit' → 'logs_audit'). */
export declare function safeName(name: string): string;
export declare class PipelineInstance {
    #private;
    readonly name: string;
    readonly stream: string;
    readonly spoolDir: string;
    constructor(cfg: SealogConfig, name: string, deps: PipelineDeps);
    get spool(): Spool;
    get sealing(): SealingPipeline;
    get exporterIds(): string[];
    get receiverIds(): string[];
    start(): Promise<void>;
    /** Applies a new configuration: only changed components restart; the chain goes on. */
    reload(next: SealogConfig): Promise<void>;
    shutdown(timeoutMs: number): Promise<void>;
}
