/**
 * The OTLP receiver: OTLP/HTTP and OTLP/gRPC servers that decode
 * ExportLogsServiceRequests, validate them and hand them to the pipeline,
 * answering success only once the records are durable in the spool.
 * See docs/OTLP-RECEIVER.md.
 */
import { ByteBudget } from './admission.js';
import type { OtlpReceiverConfig } from '../../config/types.js';
import type { Component, LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { MetricsRegistry } from '../../telemetry/metrics.js';
import { BearerAuth } from './auth.js';
import type { ReceiverContext } from './context.js';
import type { OtlpGrpcServer } from './grpc-server.js';
import { OtlpHttpServer } from './http-server.js';
import { registryOrPrivate, TransportMetrics } from './metrics.js';

export interface OtlpReceiverDeps {
  consumer: LogsConsumer;
  logger: Logger;
  metrics?: MetricsRegistry;
  /** How long shutdown lets requests in flight finish before cutting them (default 10 s). */
  drainTimeoutMs?: number;
}

export interface OtlpReceiver extends Component {
  /** Where OTLP/HTTP listens once started; undefined when HTTP is off or not started. */
  httpAddress(): { host: string; port: number } | undefined;
  /** Where OTLP/gRPC listens once started; undefined when gRPC is off or not started. */
  grpcAddress(): { host: string; port: number } | undefined;
}

const DEFAULT_DRAIN_MS = 10_000;

export function createOtlpReceiver(cfg: OtlpReceiverConfig, deps: OtlpReceiverDeps): OtlpReceiver {
  const registry = registryOrPrivate(deps.metrics);
  const inFlightBytes = registry
    .gauge('sealog_receiver_in_flight_bytes', 'Request bytes (as sent) a receiver holds now, both transports (bounded by max_in_flight_bytes).')
    .labels({ receiver: cfg.id });
  const ctx: ReceiverContext = {
    id: cfg.id,
    consumer: deps.consumer,
    logger: deps.logger.child({ component: `receiver/${cfg.id}` }),
    auth: cfg.auth.bearerToken !== undefined && cfg.auth.bearerToken !== '' ? new BearerAuth(cfg.auth.bearerToken) : undefined,
    maxNestingDepth: cfg.maxNestingDepth,
    memory: new ByteBudget(cfg.maxInFlightBytes, (n) => inFlightBytes.set(n)),
  };
  const http = cfg.http ? new OtlpHttpServer(cfg.http, ctx, new TransportMetrics(registry, cfg.id, 'http')) : undefined;
  // gRPC's library (~10 MB of resident memory once loaded) is loaded only when gRPC is on, at start.
  const grpcMetrics = cfg.grpc ? new TransportMetrics(registry, cfg.id, 'grpc') : undefined;
  let grpc: OtlpGrpcServer | undefined;
  const drainMs = deps.drainTimeoutMs ?? DEFAULT_DRAIN_MS;
  let stopping: Promise<void> | undefined;

  const stopAll = (): Promise<void> => {
    stopping ??= Promise.all([http?.shutdown(drainMs), grpc?.shutdown(drainMs)]).then(() => {
      ctx.logger.info('OTLP receiver stopped');
    });
    return stopping;
  };

  return {
    async start(): Promise<void> {
      try {
        await http?.start();
        if (cfg.grpc && grpcMetrics && !grpc) {
          const { OtlpGrpcServer } = await import('./grpc-server.js');
          grpc = new OtlpGrpcServer(cfg.grpc, ctx, grpcMetrics);
        }
        await grpc?.start();
      } catch (err) {
        await Promise.all([http?.shutdown(0), grpc?.shutdown(0)]);
        throw err;
      }
    },
    shutdown: stopAll,
    httpAddress: () => http?.address(),
    grpcAddress: () => grpc?.address(),
  };
}
