/**
 * Test fixtures: a LogsConsumer that records batches and can be told to
 * refuse (SPOOL_FULL or another failure) or to hold batches until released,
 * a receiver factory on OS-assigned ports, and a plain node:http(s) client.
 */
import http from 'node:http';
import https from 'node:https';
import { AgentError } from '../../../src/errors.js';
import type { OtlpGrpcServerConfig, OtlpHttpServerConfig, OtlpReceiverConfig } from '../../../src/config/types.js';
import type { LogBatch, LogsConsumer } from '../../../src/pipeline/types.js';
import { countRecords, type LogsData } from '../../../src/otlp/types.js';
import { createMemoryLogger, type Logger } from '../../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../../src/telemetry/metrics.js';
import { createOtlpReceiver, type OtlpReceiver } from '../../../src/receivers/otlp/index.js';

export type ConsumerMode = 'accept' | 'spool-full' | 'fail';

export class RecordingConsumer implements LogsConsumer {
  readonly batches: LogsData[] = [];
  mode: ConsumerMode = 'accept';
  #holding = false;
  #held: Array<() => void> = [];
  #waiters: Array<() => void> = [];

  /** Batches are recorded at once but consume() resolves only after release(). */
  hold(): void {
    this.#holding = true;
  }
  release(): void {
    this.#holding = false;
    const held = this.#held;
    this.#held = [];
    for (const r of held) r();
  }
  get pending(): number {
    return this.#held.length;
  }
  get records(): number {
    return this.batches.reduce((n, b) => n + countRecords(b), 0);
  }

  async consume(batch: LogBatch): Promise<void> {
    if (this.mode === 'spool-full') throw new AgentError('SPOOL_FULL', 'spool is full');
    if (this.mode === 'fail') throw new AgentError('SPOOL_IO', 'disk on fire');
    this.batches.push(batch.data);
    if (this.#holding) {
      await new Promise<void>((resolve) => {
        this.#held.push(resolve);
        this.#notify();
      });
    }
    this.#notify();
  }

  async waitForSpace(): Promise<void> {}

  /** Resolves once `pred()` holds, re-checked on every batch (and every 20 ms as a fallback). */
  async until(pred: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 20);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  #notify(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }
}

export function httpConfig(over: Partial<OtlpHttpServerConfig> = {}): OtlpHttpServerConfig {
  return {
    endpoint: '127.0.0.1:0',
    maxRequestBodyBytes: 20 * 1024 * 1024,
    maxConcurrentRequests: 64,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
    maxConnections: 1024,
    bodyTimeoutMs: 10_000,
    maxConcurrentRequestsPerClient: 16,
    ...over,
  };
}

export function grpcConfig(over: Partial<OtlpGrpcServerConfig> = {}): OtlpGrpcServerConfig {
  return {
    endpoint: '127.0.0.1:0',
    maxRecvMessageBytes: 20 * 1024 * 1024,
    maxConcurrentStreams: 64,
    messageTimeoutMs: 10_000,
    maxConcurrentStreamsPerClient: 16,
    ...over,
  };
}

export interface Harness {
  receiver: OtlpReceiver;
  consumer: RecordingConsumer;
  metrics: MetricsRegistry;
  logger: Logger & { lines: Array<Record<string, unknown>> };
  httpUrl: string;
  grpcTarget: string;
  close(): Promise<void>;
}

export async function startReceiver(
  cfg: Partial<OtlpReceiverConfig> & { http?: OtlpHttpServerConfig; grpc?: OtlpGrpcServerConfig } = {},
  opts: { drainTimeoutMs?: number } = {},
): Promise<Harness> {
  const consumer = new RecordingConsumer();
  const metrics = new MetricsRegistry();
  const logger = createMemoryLogger('debug');
  const full: OtlpReceiverConfig = {
    id: 'otlp',
    auth: {},
    maxNestingDepth: 32,
    maxInFlightBytes: 64 * 1024 * 1024,
    ...cfg,
  };
  if (!('http' in cfg) && !('grpc' in cfg)) full.http = httpConfig();
  const receiver = createOtlpReceiver(full, {
    consumer,
    logger,
    metrics,
    ...(opts.drainTimeoutMs !== undefined ? { drainTimeoutMs: opts.drainTimeoutMs } : {}),
  });
  await receiver.start();
  const h = receiver.httpAddress();
  const g = receiver.grpcAddress();
  const scheme = full.http?.tls ? 'https' : 'http';
  return {
    receiver,
    consumer,
    metrics,
    logger,
    httpUrl: h ? `${scheme}://127.0.0.1:${h.port}/v1/logs` : '',
    grpcTarget: g ? `127.0.0.1:${g.port}` : '',
    close: () => {
      consumer.release();
      return receiver.shutdown();
    },
  };
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PostOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** Send the body in these chunks with chunked encoding (no Content-Length). */
  chunks?: Uint8Array[];
  tls?: https.RequestOptions;
}

/** One request on a fresh connection (no agent), returning status, headers and the whole body. */
export function post(url: string, body: Uint8Array | string | undefined, opts: PostOptions = {}): Promise<HttpReply> {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: opts.method ?? 'POST',
        headers: opts.headers ?? {},
        agent: false,
        ...(opts.tls ?? {}),
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else req.end(body);
  });
}

export const PROTO = { 'Content-Type': 'application/x-protobuf' };
export const JSON_CT = { 'Content-Type': 'application/json' };

/** The value of one labelled series in the registry (0 when absent). */
export function metricValue(registry: MetricsRegistry, name: string, labels: Record<string, string>): number {
  const text = registry.render();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{')) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
