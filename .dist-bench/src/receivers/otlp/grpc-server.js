/**
 * OTLP/gRPC: the unary method
 * `/opentelemetry.proto.collector.logs.v1.LogsService/Export` on
 * @grpc/grpc-js, with the receiver's own (de)serializers built on the OTLP
 * codecs (no protobufjs, no proto-loader).
 *
 * - The bearer token and the concurrency limit are checked by an interceptor
 *   when the call's metadata arrives, before any message byte is read.
 * - grpc-js enforces `grpc.max_receive_message_length` on the message as
 *   received and again after gzip/deflate decompression (RESOURCE_EXHAUSTED).
 * - Failures carry a google.rpc.Status (BadRequest or RetryInfo details) in
 *   the `grpc-status-details-bin` trailer.
 */
import * as grpc from '@grpc/grpc-js';
import { errorMessage } from '../../errors.js';
import { encodeExportResponseProto } from '../../otlp/proto.js';
import { encodeStatusProto } from '../../otlp/status.js';
import { decodeRequest, statusOf } from './codec.js';
import { formatHostPort, listenError, parseEndpoint } from './endpoint.js';
import { failures, grpcCodeName, GrpcCode } from './failures.js';
import { ingest } from './ingest.js';
import { InFlightLimiter, settlesWithin } from './limiter.js';
import { loadTls, tlsSetupError } from './tls.js';
export const EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
/** OTLP: responses stay at 4 MiB or less. */
const MAX_SEND_BYTES = 4 * 1024 * 1024;
export class OtlpGrpcServer {
    #cfg;
    #ctx;
    #metrics;
    #limiter;
    #server;
    #address;
    #closing = false;
    #stopped;
    constructor(cfg, ctx, metrics) {
        this.#cfg = cfg;
        this.#ctx = ctx;
        this.#metrics = metrics;
        this.#limiter = new InFlightLimiter(cfg.maxConcurrentStreams, (n) => metrics.inFlight.set(n));
    }
    address() {
        return this.#address;
    }
    async start() {
        if (this.#server || this.#closing)
            return;
        const where = `receivers.${this.#ctx.id}.protocols.grpc`;
        const listen = parseEndpoint(this.#cfg.endpoint, where);
        const tls = this.#cfg.tls ? await loadTls(this.#cfg.tls, where) : undefined;
        let creds;
        try {
            creds = tls
                ? grpc.ServerCredentials.createSsl(tls.clientCa ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], tls.clientCa !== undefined)
                : grpc.ServerCredentials.createInsecure();
        }
        catch (err) {
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
        const handler = (call, callback) => {
            void this.#export(call.request, callback);
        };
        const serializeResponse = (response) => Buffer.from(encodeExportResponseProto(response));
        const deserializeRequest = (message) => ({
            decoded: decodeRequest('proto', message, maxDepth),
            bytes: message.length,
        });
        server.register(EXPORT_PATH, handler, serializeResponse, deserializeRequest, 'unary');
        const port = await new Promise((resolve, reject) => {
            server.bindAsync(formatHostPort(listen), creds, (err, boundPort) => {
                if (err)
                    reject(listenError(where, this.#cfg.endpoint, err.message, err));
                else
                    resolve(boundPort);
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
    shutdown(graceMs) {
        this.#stopped ??= this.#stop(graceMs);
        return this.#stopped;
    }
    async #stop(graceMs) {
        this.#closing = true;
        const server = this.#server;
        if (!server)
            return;
        const graceful = new Promise((resolve) => server.tryShutdown(() => resolve()));
        if (!(await settlesWithin(graceful, graceMs))) {
            this.#ctx.logger.warn('OTLP/gRPC shutdown: cancelling calls still in flight', { inFlight: this.#limiter.count });
            server.forceShutdown();
        }
    }
    async #export(request, callback) {
        this.#metrics.bytesReceived.inc(request.bytes);
        if (!request.decoded.ok) {
            callback(toServiceError(request.decoded.failure));
            return;
        }
        try {
            const result = await ingest(request.decoded.data, this.#ctx.consumer, this.#metrics, this.#ctx.logger);
            if (result.ok)
                callback(null, result.response);
            else
                callback(toServiceError(result.failure));
        }
        catch (err) {
            this.#ctx.logger.error('unexpected failure handling an OTLP/gRPC call', { error: errorMessage(err) });
            callback(toServiceError(failures.pipelineFailed('internal error')));
        }
    }
    /**
     * Runs when a call's metadata arrives: refuses calls without the bearer
     * token, calls above the concurrency limit and calls during shutdown
     * before their message is read; counts every status the receiver sends.
     */
    #gate() {
        return (_method, call) => {
            let holding = false;
            let answered = false;
            const release = () => {
                if (holding) {
                    holding = false;
                    this.#limiter.release();
                }
            };
            const refuse = (failure) => {
                answered = true;
                this.#ctx.logger.debug('OTLP/gRPC call refused', { code: grpcCodeName(failure.grpcCode), reason: failure.message });
                this.#metrics.request(grpcCodeName(failure.grpcCode));
                call.sendStatus(toServiceError(failure));
            };
            return new grpc.ServerInterceptingCall(call, {
                start: (next) => {
                    next({
                        onReceiveMetadata: (metadata, nextMetadata) => {
                            if (this.#closing)
                                return refuse(failures.shuttingDown());
                            const auth = this.#ctx.auth;
                            if (auth && !auth.check(firstString(metadata.get('authorization')))) {
                                return refuse(failures.unauthenticated());
                            }
                            if (!this.#limiter.tryAcquire())
                                return refuse(failures.busy(this.#limiter.limit));
                            holding = true;
                            nextMetadata(metadata);
                        },
                        onCancel: () => {
                            // Ended by the transport (size limit, bad compression, deadline) or by the client.
                            if (holding && !answered)
                                this.#metrics.request('transport');
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
function firstString(values) {
    const v = values[0];
    if (v === undefined)
        return undefined;
    return typeof v === 'string' ? v : v.toString('utf8');
}
function toServiceError(failure) {
    const metadata = new grpc.Metadata();
    metadata.set('grpc-status-details-bin', Buffer.from(encodeStatusProto(statusOf(failure))));
    return { code: failure.grpcCode, details: failure.message, metadata };
}
//# sourceMappingURL=grpc-server.js.map