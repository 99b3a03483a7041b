import type { SealogConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import type { StatusSnapshot } from '../telemetry/status.js';
import { PipelineInstance } from './pipeline-instance.js';
export interface AgentOptions {
    logger: Logger;
    version: string;
    /** Called when a key was generated on first start (the quickstart prints it). */
    onKeyGenerated?: (info: {
        keyFile: string;
        pubFile: string;
        keyId: string;
        publicKeyHex: string;
    }) => void;
}
export declare class Agent {
    #private;
    constructor(cfg: SealogConfig, o: AgentOptions);
    get metrics(): MetricsRegistry;
    get telemetryAddress(): {
        host: string;
        port: number;
    } | undefined;
    pipeline(name: string): PipelineInstance | undefined;
    start(): Promise<void>;
    get publicKeyHex(): string;
    get keyId(): string;
    /** SIGHUP: apply a new, already validated configuration without breaking any chain. */
    reload(next: SealogConfig): Promise<void>;
    status(): StatusSnapshot;
    /** SIGTERM/SIGINT: stop inputs, seal, flush, drain exporters up to shutdown_timeout. Idempotent. */
    shutdown(): Promise<void>;
}
