import type { OtlpGrpcServerConfig } from '../../config/types.js';
import type { ReceiverContext } from './context.js';
import { type ListenAddress } from './endpoint.js';
import type { TransportMetrics } from './metrics.js';
export declare const EXPORT_PATH = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
export declare class OtlpGrpcServer {
    #private;
    constructor(cfg: OtlpGrpcServerConfig, ctx: ReceiverContext, metrics: TransportMetrics);
    address(): ListenAddress | undefined;
    start(): Promise<void>;
    /** Stops taking calls, lets calls in flight finish for at most `graceMs`, then cuts the rest. Idempotent. */
    shutdown(graceMs: number): Promise<void>;
}
