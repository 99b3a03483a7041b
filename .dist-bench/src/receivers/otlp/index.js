import { BearerAuth } from './auth.js';
import { OtlpHttpServer } from './http-server.js';
import { registryOrPrivate, TransportMetrics } from './metrics.js';
const DEFAULT_DRAIN_MS = 10_000;
export function createOtlpReceiver(cfg, deps) {
    const registry = registryOrPrivate(deps.metrics);
    const ctx = {
        id: cfg.id,
        consumer: deps.consumer,
        logger: deps.logger.child({ component: `receiver/${cfg.id}` }),
        auth: cfg.auth.bearerToken !== undefined && cfg.auth.bearerToken !== '' ? new BearerAuth(cfg.auth.bearerToken) : undefined,
        maxNestingDepth: cfg.maxNestingDepth,
    };
    const http = cfg.http ? new OtlpHttpServer(cfg.http, ctx, new TransportMetrics(registry, cfg.id, 'http')) : undefined;
    // gRPC's library (~10 MB of resident memory once loaded) is loaded only when gRPC is on, at start.
    const grpcMetrics = cfg.grpc ? new TransportMetrics(registry, cfg.id, 'grpc') : undefined;
    let grpc;
    const drainMs = deps.drainTimeoutMs ?? DEFAULT_DRAIN_MS;
    let stopping;
    const stopAll = () => {
        stopping ??= Promise.all([http?.shutdown(drainMs), grpc?.shutdown(drainMs)]).then(() => {
            ctx.logger.info('OTLP receiver stopped');
        });
        return stopping;
    };
    return {
        async start() {
            try {
                await http?.start();
                if (cfg.grpc && grpcMetrics && !grpc) {
                    const { OtlpGrpcServer } = await import('./grpc-server.js');
                    grpc = new OtlpGrpcServer(cfg.grpc, ctx, grpcMetrics);
                }
                await grpc?.start();
            }
            catch (err) {
                await Promise.all([http?.shutdown(0), grpc?.shutdown(0)]);
                throw err;
            }
        },
        shutdown: stopAll,
        httpAddress: () => http?.address(),
        grpcAddress: () => grpc?.address(),
    };
}
//# sourceMappingURL=index.js.map