import type { OtlpHttpServerConfig } from '../../config/types.js';
import type { ReceiverContext } from './context.js';
import { type ListenAddress } from './endpoint.js';
import type { TransportMetrics } from './metrics.js';
export declare class OtlpHttpServer {
    #private;
    constructor(cfg: OtlpHttpServerConfig, ctx: ReceiverContext, metrics: TransportMetrics);
    /** The bound address once started (the real port when the endpoint asked for port 0). */
    address(): ListenAddress | undefined;
    start(): Promise<void>;
    /**
     * Stops accepting connections, closes idle keep-alive sockets, lets
     * requests in flight finish for at most `graceMs`, then closes the rest.
     * Idempotent; safe before start.
     */
    shutdown(graceMs: number): Promise<void>;
}
