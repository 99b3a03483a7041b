/**
 * OTLP/HTTP: POST /v1/logs with protobuf or JSON bodies, over node:http or
 * node:https (optionally verifying client certificates).
 *
 * Order of checks, cheapest first and before any body byte is buffered:
 * path (404), method (405), shutting down (503), bearer token (401),
 * Content-Type (415), Content-Encoding (400), Content-Length over the limit
 * (413), concurrency limit (503 + Retry-After). Then the body is read under
 * the limit (413), decompressed under the limit (413 / 400), decoded (400),
 * validated and handed to the pipeline (200 once durable, 503 when the spool
 * is full).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gzip } from 'node:zlib';
import { errorMessage } from '../../errors.js';
import { BufferPool } from '../../otlp/buffer-pool.js';
import type { OtlpHttpServerConfig } from '../../config/types.js';
import { readBody, decompress } from './body.js';
import { decodeRequest, encodeFailure, encodeResponse } from './codec.js';
import type { ReceiverContext } from './context.js';
import { listenError, parseEndpoint, type ListenAddress } from './endpoint.js';
import { failures, retryAfterSeconds, type Failure } from './failures.js';
import { ingest } from './ingest.js';
import { InFlightLimiter, settlesWithin } from './limiter.js';
import type { TransportMetrics } from './metrics.js';
import { PerClientLimiter } from './admission.js';
import {
  acceptsGzip,
  formatOfContentType,
  parseContentEncoding,
  parseContentLength,
  type WireFormat,
} from './negotiate.js';
import { loadTls, tlsSetupError } from './tls.js';

const LOGS_PATH = '/v1/logs';
/** Replies at least this large are gzipped when the client accepts gzip. */
const GZIP_MIN_BYTES = 512;
/** After an early reply, unread body bytes are discarded for at most this long / this many bytes, then the socket is closed. */
const LINGER_MS = 1000;
const LINGER_MAX_BYTES = 8 * 1024 * 1024;
/** Inactivity limit for connections when headers_timeout is 0. */
const DEFAULT_IDLE_MS = 10_000;
/** Request bodies kept for reuse: at most this many, of at most BODY_POOL_MAX_BYTES each (8 MiB in all). */
const BODY_POOL_BUFFERS = 8;
const BODY_POOL_MAX_BYTES = 1024 * 1024;
/** How long without a request before the pooled request bodies are let go. */
const POOL_SHRINK_MS = 5_000;

const CONTENT_TYPES: Record<WireFormat, string> = { proto: 'application/x-protobuf', json: 'application/json' };

export class OtlpHttpServer {
  readonly #cfg: OtlpHttpServerConfig;
  readonly #ctx: ReceiverContext;
  readonly #metrics: TransportMetrics;
  readonly #perClient: PerClientLimiter;
  readonly #limiter: InFlightLimiter;
  /** Request bodies of up to BODY_POOL_MAX_BYTES, reused (see body.ts). */
  readonly #bodies: BufferPool;
  readonly #shrinkTimer: NodeJS.Timeout;
  #requestsSinceShrink = 0;
  #server: http.Server | undefined;
  #address: ListenAddress | undefined;
  #closing = false;
  #stopped: Promise<void> | undefined;
  /** Sockets with requests being handled, and how many (HTTP/1.1 pipelining can stack them). */
  readonly #busy = new Map<Socket, number>();

  constructor(cfg: OtlpHttpServerConfig, ctx: ReceiverContext, metrics: TransportMetrics) {
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#metrics = metrics;
    this.#limiter = new InFlightLimiter(cfg.maxConcurrentRequests, (n) => metrics.inFlight.set(n));
    this.#perClient = new PerClientLimiter(cfg.maxConcurrentRequestsPerClient);
    this.#bodies = new BufferPool(Math.min(BODY_POOL_BUFFERS, cfg.maxConcurrentRequests), BODY_POOL_MAX_BYTES);
    // After a burst the pooled bodies (up to 8 MiB) go once no request has come for a while.
    this.#shrinkTimer = setInterval(() => {
      if (this.#requestsSinceShrink === 0 && this.#bodies.freeBuffers > 0) {
        this.#bodies.shrink();
        this.#metrics.poolBytes.set(0);
      }
      this.#requestsSinceShrink = 0;
    }, POOL_SHRINK_MS);
    this.#shrinkTimer.unref();
  }

  /** The bound address once started (the real port when the endpoint asked for port 0). */
  address(): ListenAddress | undefined {
    return this.#address;
  }

  async start(): Promise<void> {
    if (this.#server || this.#closing) return;
    const where = `receivers.${this.#ctx.id}.protocols.http`;
    const listen = parseEndpoint(this.#cfg.endpoint, where);
    const tls = this.#cfg.tls ? await loadTls(this.#cfg.tls, where) : undefined;
    const requestTimeout = this.#cfg.requestTimeoutMs;
    // node requires headersTimeout <= requestTimeout when both are set.
    const headersTimeout =
      requestTimeout > 0 ? Math.min(this.#cfg.headersTimeoutMs, requestTimeout) : this.#cfg.headersTimeoutMs;
    // How often node looks for connections past headersTimeout / requestTimeout.
    const shortest = Math.min(headersTimeout || 1000, requestTimeout || 1000);
    const checkEvery = Math.max(50, Math.min(1000, Math.floor(shortest / 4)));
    const options: http.ServerOptions = {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: this.#cfg.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkEvery,
      noDelay: true,
    };
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => this.#onRequest(req, res);
    let server: http.Server;
    try {
      server = tls
        ? https.createServer(
            {
              ...options,
              cert: tls.cert,
              key: tls.key,
              ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
              handshakeTimeout: headersTimeout > 0 ? headersTimeout : 10_000,
            },
            onRequest,
          )
        : http.createServer(options, onRequest);
    } catch (err) {
      throw tlsSetupError(where, err);
    }
    server.headersTimeout = headersTimeout;
    server.requestTimeout = requestTimeout;
    server.keepAliveTimeout = this.#cfg.keepAliveTimeoutMs;
    server.maxConnections = this.#cfg.maxConnections;
    // A connection that sends nothing at all is not covered by headersTimeout: the socket inactivity
    // timeout closes it. Sockets with a request in progress are left alone (the pipeline may take a
    // while to make records durable); keep-alive idleness is bounded by keepAliveTimeout.
    server.timeout = headersTimeout > 0 ? headersTimeout : DEFAULT_IDLE_MS;
    server.on('timeout', (socket: Socket) => {
      if (!this.#busy.has(socket)) socket.destroy();
    });
    if (tls) {
      server.on('tlsClientError', (err: Error) => this.#ctx.logger.debug('TLS handshake failed', { error: err.message }));
    }
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        reject(listenError(where, this.#cfg.endpoint, err.code ?? err.message, err));
      };
      server.once('error', onError);
      server.listen(listen.port, listen.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (err) => this.#ctx.logger.error('OTLP/HTTP server error', { error: err.message }));
    const addr = server.address() as AddressInfo;
    this.#address = { host: addr.address, port: addr.port };
    this.#server = server;
    this.#ctx.logger.info('OTLP/HTTP receiver listening', {
      endpoint: `${addr.address}:${addr.port}`,
      tls: tls !== undefined,
      mtls: tls?.clientCa !== undefined,
    });
  }

  /**
   * Stops accepting connections, closes idle keep-alive sockets, lets
   * requests in flight finish for at most `graceMs`, then closes the rest.
   * Idempotent; safe before start.
   */
  shutdown(graceMs: number): Promise<void> {
    this.#stopped ??= this.#stop(graceMs);
    return this.#stopped;
  }

  async #stop(graceMs: number): Promise<void> {
    this.#closing = true;
    clearInterval(this.#shrinkTimer);
    this.#bodies.shrink();
    this.#metrics.poolBytes.set(0);
    const server = this.#server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await settlesWithin(this.#limiter.idle(), graceMs);
    if (this.#limiter.count > 0) {
      this.#ctx.logger.warn('OTLP/HTTP shutdown: closing connections with requests still in flight', {
        inFlight: this.#limiter.count,
      });
    }
    server.closeAllConnections();
    await closed;
  }

  #onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const n = (this.#busy.get(socket) ?? 1) - 1;
      if (n === 0) this.#busy.delete(socket);
      else this.#busy.set(socket, n);
    });
    this.#handle(req, res).catch((err: unknown) => {
      this.#ctx.logger.error('unexpected failure handling an OTLP/HTTP request', { error: errorMessage(err) });
      if (!res.headersSent) this.#fail(req, res, 'json', failures.pipelineFailed('internal error'));
      else res.destroy();
    });
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const contentType = req.headers['content-type'];
    const format = formatOfContentType(contentType);
    const reply: WireFormat = format ?? 'json';
    const path = pathOf(req.url ?? '/');
    if (path !== LOGS_PATH) return this.#fail(req, res, reply, failures.notFound(path));
    if (req.method !== 'POST') {
      return this.#fail(req, res, reply, failures.methodNotAllowed(req.method ?? ''), { Allow: 'POST' });
    }
    if (this.#closing) return this.#fail(req, res, reply, failures.shuttingDown());
    const auth = this.#ctx.auth;
    if (auth) {
      const header = req.headers.authorization;
      if (!auth.check(header)) {
        const challenge =
          header === undefined ? 'Bearer realm="sealog"' : 'Bearer realm="sealog", error="invalid_token"';
        return this.#fail(req, res, reply, failures.unauthenticated(), { 'WWW-Authenticate': challenge });
      }
    }
    if (format === undefined) return this.#fail(req, res, reply, failures.unsupportedMediaType(contentType));
    const encodingHeader = req.headers['content-encoding'];
    const encoding = parseContentEncoding(encodingHeader);
    if (encoding === undefined) return this.#fail(req, res, reply, failures.unsupportedEncoding(encodingHeader ?? ''));
    const limit = this.#cfg.maxRequestBodyBytes;
    const lengthHeader = req.headers['content-length'];
    const length = parseContentLength(lengthHeader);
    if (length !== undefined && Number.isNaN(length)) {
      return this.#fail(req, res, reply, failures.badContentLength(lengthHeader ?? ''));
    }
    if (length !== undefined && length > limit) return this.#fail(req, res, reply, failures.bodyTooLarge(limit, false));
    // Admission while the body is read: per client address, and by bytes held (a body without a
    // Content-Length is counted at the size limit). The concurrency slot is taken only once the body
    // is in, so clients that send their body slowly hold no slot an ordinary client needs.
    const client = req.socket.remoteAddress ?? '';
    if (!this.#perClient.tryAcquire(client)) return this.#fail(req, res, reply, failures.clientBusy(this.#perClient.limit));
    let reserved = length ?? limit;
    if (!this.#ctx.memory.tryReserve(reserved)) {
      this.#perClient.release(client);
      return this.#fail(req, res, reply, failures.memoryLimited(this.#ctx.memory.limit));
    }
    let slot = false;
    let timedOut = false;
    const bodyTimer = setTimeout(() => {
      timedOut = true;
      void this.#fail(req, res, reply, failures.bodyTimeout(this.#cfg.bodyTimeoutMs));
    }, this.#cfg.bodyTimeoutMs);
    try {
      this.#requestsSinceShrink++;
      const read = await readBody(req, limit, length, this.#bodies);
      this.#metrics.poolBytes.set(this.#bodies.freeBytes);
      clearTimeout(bodyTimer);
      if (timedOut) {
        if (read.kind === 'ok' && read.pooled) this.#giveBody(read.pooled);
        return;
      }
      if (read.kind === 'aborted') {
        this.#metrics.request('aborted');
        return;
      }
      if (read.kind === 'too-large') return this.#fail(req, res, reply, failures.bodyTooLarge(limit, false));
      if (!this.#limiter.tryAcquire()) {
        if (read.pooled) this.#giveBody(read.pooled);
        return this.#fail(req, res, reply, failures.busy(this.#limiter.limit));
      }
      slot = true;
      this.#metrics.bytesReceived.inc(read.body.length);
      let decoded: ReturnType<typeof decodeRequest>;
      try {
        const plain = await decompress(read.body, encoding, limit);
        if (plain.kind === 'too-large') return this.#fail(req, res, reply, failures.bodyTooLarge(limit, true));
        if (plain.kind === 'corrupt') return this.#fail(req, res, reply, failures.corruptCompression(encoding, plain.message));
        // The decompressed body is held beside the compressed one until decoded: it counts too.
        if (plain.body !== read.body) {
          if (!this.#ctx.memory.tryReserve(plain.body.length, reserved)) return this.#fail(req, res, reply, failures.memoryLimited(this.#ctx.memory.limit));
          reserved += plain.body.length;
        }
        decoded = decodeRequest(format, plain.body, this.#ctx.maxNestingDepth, this.#metrics.countUnrepresentableTime);
      } finally {
        // Decoded values are copies: the body buffer can take the next request.
        if (read.pooled) this.#giveBody(read.pooled);
      }
      if (!decoded.ok) return this.#fail(req, res, reply, decoded.failure);
      const result = await ingest(decoded.data, this.#ctx.consumer, this.#metrics, this.#ctx.logger);
      if (!result.ok) return this.#fail(req, res, reply, result.failure);
      await this.#send(req, res, 200, reply, encodeResponse(reply, result.response));
    } finally {
      clearTimeout(bodyTimer);
      if (slot) this.#limiter.release();
      this.#ctx.memory.release(reserved);
      this.#perClient.release(client);
    }
  }

  #giveBody(b: Uint8Array): void {
    this.#bodies.give(b);
    this.#metrics.poolBytes.set(this.#bodies.freeBytes);
  }

  #fail(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    format: WireFormat,
    failure: Failure,
    headers: Record<string, string> = {},
  ): Promise<void> {
    this.#ctx.logger.debug('OTLP/HTTP request refused', {
      status: failure.httpStatus,
      reason: failure.message,
      remote: req.socket.remoteAddress,
    });
    if (failure.retryAfterMs !== undefined) headers['Retry-After'] = retryAfterSeconds(failure.retryAfterMs);
    if (!req.complete) discardRestThenClose(req, res);
    return this.#send(req, res, failure.httpStatus, format, encodeFailure(format, failure), headers);
  }

  async #send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    format: WireFormat,
    body: Uint8Array,
    extra: Record<string, string> = {},
  ): Promise<void> {
    this.#metrics.request(status);
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string | number> = { 'Content-Type': CONTENT_TYPES[format], ...extra };
    let payload = body;
    if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
      payload = await gzipAsync(body);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    headers['Content-Length'] = payload.length;
    if (this.#closing) headers['Connection'] = 'close';
    if (res.destroyed) return;
    res.writeHead(status, headers);
    res.end(payload);
  }
}

/** The path of a request target, without the query; absolute-form targets are reduced to their path. */
function pathOf(target: string): string {
  const q = target.indexOf('?');
  const noQuery = q === -1 ? target : target.slice(0, q);
  if (noQuery.startsWith('/')) return noQuery;
  try {
    return new URL(noQuery).pathname;
  } catch {
    return noQuery;
  }
}

/**
 * For a reply sent before the body was read: once the reply is out, unread
 * body bytes are discarded (never buffered) for a short while so that the
 * client can read the reply, then the connection is closed. If the body
 * ends within that time, the connection stays usable.
 */
function discardRestThenClose(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket;
  res.once('finish', () => {
    if (req.complete) return;
    let discarded = 0;
    const close = (): void => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_MAX_BYTES) close();
    });
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

function gzipAsync(body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => gzip(body, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out))));
}
