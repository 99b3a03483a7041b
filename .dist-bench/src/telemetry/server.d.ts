import type { Logger } from './logger.js';
import type { MetricsRegistry } from './metrics.js';
import type { StatusSnapshot } from './status.js';
export interface TelemetryServerOptions {
    /** `host:port` (`[::1]:port` for IPv6, `:port` for all interfaces); port 0 picks a free one. */
    endpoint: string;
    registry: MetricsRegistry;
    status: () => StatusSnapshot;
    ready: () => boolean;
    logger: Logger;
}
export interface TelemetryServer {
    address: {
        host: string;
        port: number;
    };
    close(): Promise<void>;
}
export declare const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
export declare function startTelemetryServer(opts: TelemetryServerOptions): Promise<TelemetryServer>;
