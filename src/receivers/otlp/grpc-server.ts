/**
 * OTLP/gRPC: the unary method
 * `/opentelemetry.proto.collector.logs.v1.LogsService/Export` on
 * @grpc/grpc-js, with the receiver's own (de)serializers built on the OTLP
 * codecs (no protobufjs, no proto-loader).
 *
 * - The bearer token and the per-client limit are checked by an interceptor
 *   when the call's metadata arrives, before any message byte is read; the
 *   server-wide concurrency slot and the memory budget when the message
 *   arrives, which must happen within message_timeout.
 * - grpc-js enforces `grpc.max_receive_message_length` on the message as
 *   received and again after gzip/deflate decompression (RESOURCE_EXHAUSTED).
 * - Failures carry a google.rpc.Status (BadRequest or RetryInfo details) in
 *   the `grpc-status-details-bin` trailer.
 */
import * as grpc from '@grpc/grpc-js';
import { errorMessage } from '../../errors.js';
import type { OtlpGrpcServerConfig } from '../../config/types.js';
import { encodeExportResponseProto } from '../../otlp/proto.js';
import { encodeStatusProto } from '../../otlp/status.js';
import type { ExportLogsServiceResponse } from '../../otlp/types.js';
import { decodeRequest, statusOf, type DecodeResult } from './codec.js';
import type { ReceiverContext } from './context.js';
import { formatHostPort, listenError, parseEndpoint, type ListenAddress } from './endpoint.js';
import { failures, grpcCodeName, GrpcCode, type Failure } from './failures.js';
import { ingest } from './ingest.js';
import { InFlightLimiter, settlesWithin } from './limiter.js';
import type { TransportMetrics } from './metrics.js';
import { PerClientLimiter, peerAddress } from './admission.js';
import { loadTls, tlsSetupError } from './tls.js';

export const EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
/** OTLP: responses stay at 4 MiB or less. */
const MAX_SEND_BYTES = 4 * 1024 * 1024;

/**
 * What the request deserializer hands on: the message bytes (after gRPC
 * decompression), decoded only once the call holds its slot and its bytes
 * in the memory budget (decoded records take several times the bytes).
 */
interface ExportRequest {
  message: Buffer;
  /** Message size after gRPC decompression. */
  bytes: number;
}

export class OtlpGrpcServer {
  readonly #cfg: OtlpGrpcServerConfig;
  readonly #ctx: ReceiverContext;
  readonly #metrics: TransportMetrics;
  readonly #limiter: InFlightLimiter;
  readonly #perClient: PerClientLimiter;
  #server: grpc.Server | undefined;
  #address: ListenAddress | undefined;
  #closing = false;
  #stopped: Promise<void> | undefined;

  constructor(cfg: OtlpGrpcServerConfig, ctx: ReceiverContext, metrics: TransportMetrics) {
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#metrics = metrics;
    this.#limiter = new InFlightLimiter(cfg.maxConcurrentStreams, (n) => metrics.inFlight.set(n));
    this.#perClient = new PerClientLimiter(cfg.maxConcurrentStreamsPerClient);
  }

  address(): ListenAddress | undefined {
    return this.#address;
  }

  async start(): Promise<void> {
    if (this.#server || this.#closing) return;
    const where = `receivers.${this.#ctx.id}.protocols.grpc`;
    const listen = parseEndpoint(this.#cfg.endpoint, where);
    const tls = this.#cfg.tls ? await loadTls(this.#cfg.tls, where) : undefined;
    let creds: grpc.ServerCredentials;
    try {
      creds = tls
        ? grpc.ServerCredentials.createSsl(
            tls.clientCa ?? null,
            [{ private_key: tls.key, cert_chain: tls.cert }],
            tls.clientCa !== undefined,
          )
        : grpc.ServerCredentials.createInsecure();
    } catch (err) {
      throw tlsSetupError(where, err);
    }
    const server = new grpc.Server({
      'grpc.max_receive_message_length': this.#cfg.maxRecvMessageBytes,
      'grpc.max_send_message_length': MAX_SEND_BYTES,
      'grpc.max_concurrent_streams': this.#cfg.maxConcurrentStreams,
      // Channelz stays on: with it off, grpc-js 1.14 does not track sessions and forceShutdown() leaves them open.
      interceptors: [this.#gate()],
    });
    const maxDepth = this.#ctx.maxNestingDepth;
    const handler: grpc.handleUnaryCall<ExportRequest, ExportLogsServiceResponse> = (call, callback) => {
      void this.#export(call.request, maxDepth, callback);
    };
    const serializeResponse = (response: ExportLogsServiceResponse): Buffer =>
      Buffer.from(encodeExportResponseProto(response));
    const deserializeRequest = (message: Buffer): ExportRequest => ({ message, bytes: message.length });
    server.register(EXPORT_PATH, handler, serializeResponse, deserializeRequest, 'unary');
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(formatHostPort(listen), creds, (err, boundPort) => {
        if (err) reject(listenError(where, this.#cfg.endpoint, err.message, err));
        else resolve(boundPort);
      });
    });
    this.#server = server;
    this.#address = { host: listen.host, port };
    this.#ctx.logger.info('OTLP/gRPC receiver listening', {
      endpoint: formatHostPort(this.#address),
      tls: tls !== undefined,
      mtls: tls?.clientCa !== undefined,
    });
  }

  /** Stops taking calls, lets calls in flight finish for at most `graceMs`, then cuts the rest. Idempotent. */
  shutdown(graceMs: number): Promise<void> {
    this.#stopped ??= this.#stop(graceMs);
    return this.#stopped;
  }

  async #stop(graceMs: number): Promise<void> {
    this.#closing = true;
    const server = this.#server;
    if (!server) return;
    const graceful = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    if (!(await settlesWithin(graceful, graceMs))) {
      this.#ctx.logger.warn('OTLP/gRPC shutdown: cancelling calls still in flight', { inFlight: this.#limiter.count });
      server.forceShutdown();
    }
  }

  async #export(request: ExportRequest, maxDepth: number, callback: grpc.sendUnaryData<ExportLogsServiceResponse>): Promise<void> {
    this.#metrics.bytesReceived.inc(request.bytes);
    const decoded: DecodeResult = decodeRequest('proto', request.message, maxDepth, this.#metrics.countUnrepresentableTime);
    if (!decoded.ok) {
      callback(toServiceError(decoded.failure));
      return;
    }
    try {
      const result = await ingest(decoded.data, this.#ctx.consumer, this.#metrics, this.#ctx.logger);
      if (result.ok) callback(null, result.response);
      else callback(toServiceError(result.failure));
    } catch (err) {
      this.#ctx.logger.error('unexpected failure handling an OTLP/gRPC call', { error: errorMessage(err) });
      callback(toServiceError(failures.pipelineFailed('internal error')));
    }
  }

  /**
   * Runs when a call's metadata arrives: refuses calls without the bearer
   * token, calls above the concurrency limit and calls during shutdown
   * before their message is read; counts every status the receiver sends.
   */
  #gate(): grpc.ServerInterceptor {
    return (_method, call) => {
      let started = false;
      let client: string | undefined;
      let holding = false;
      let reserved = 0;
      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      const release = (): void => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (holding) {
          holding = false;
          this.#limiter.release();
        }
        if (reserved > 0) this.#ctx.memory.release(reserved);
        reserved = 0;
        if (client !== undefined) this.#perClient.release(client);
        client = undefined;
      };
      const refuse = (failure: Failure): void => {
        if (answered) return;
        answered = true;
        this.#ctx.logger.debug('OTLP/gRPC call refused', { code: grpcCodeName(failure.grpcCode), reason: failure.message });
        this.#metrics.request(grpcCodeName(failure.grpcCode));
        call.sendStatus(toServiceError(failure));
      };
      return new grpc.ServerInterceptingCall(call, {
        start: (next) => {
          next({
            onReceiveMetadata: (metadata, nextMetadata) => {
              if (this.#closing) return refuse(failures.shuttingDown());
              const auth = this.#ctx.auth;
              if (auth && !auth.check(firstString(metadata.get('authorization')))) {
                return refuse(failures.unauthenticated());
              }
              // Over the memory budget already: refused before any message byte is read (grpc-js
              // buffers a message whole, up to max_recv_msg_size, before the handler sees it).
              if (this.#ctx.memory.used >= this.#ctx.memory.limit) return refuse(failures.memoryLimited(this.#ctx.memory.limit));
              const peer = peerAddress(call.getPeer());
              if (!this.#perClient.tryAcquire(peer)) return refuse(failures.clientBusy(this.#perClient.limit));
              client = peer;
              started = true;
              // A call that never sends its message holds only its HTTP/2 stream and its client's
              // count, and only until message_timeout: the server-wide slot is taken when it arrives.
              timer = setTimeout(() => {
                timer = undefined;
                refuse(failures.messageTimeout(this.#cfg.messageTimeoutMs));
              }, this.#cfg.messageTimeoutMs);
              nextMetadata(metadata);
            },
            onReceiveMessage: (message: ExportRequest, nextMessage) => {
              if (timer) clearTimeout(timer);
              timer = undefined;
              if (answered) return;
              if (!this.#limiter.tryAcquire()) return refuse(failures.busy(this.#limiter.limit));
              holding = true;
              if (!this.#ctx.memory.tryReserve(message.bytes)) return refuse(failures.memoryLimited(this.#ctx.memory.limit));
              reserved = message.bytes;
              nextMessage(message);
            },
            onCancel: () => {
              // Ended by the transport (size limit, bad compression, deadline) or by the client.
              if (started && !answered) this.#metrics.request('transport');
              release();
            },
          });
        },
        sendStatus: (status, next) => {
          answered = true;
          if (status.code !== GrpcCode.OK) {
            const code = grpcCodeName(status.code ?? GrpcCode.UNKNOWN);
            this.#ctx.logger.debug('OTLP/gRPC call refused', { code, reason: status.details });
          }
          this.#metrics.request(grpcCodeName(status.code ?? GrpcCode.UNKNOWN));
          release();
          next(status);
        },
      });
    };
  }
}

function firstString(values: grpc.MetadataValue[]): string | undefined {
  const v = values[0];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.toString('utf8');
}

function toServiceError(failure: Failure): grpc.StatusObject {
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(encodeStatusProto(statusOf(failure))));
  return { code: failure.grpcCode, details: failure.message, metadata };
}
