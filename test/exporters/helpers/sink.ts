/**
 * A real OTLP/HTTP server on 127.0.0.1 for exporter tests. Every request is
 * decoded twice: with src/otlp (proto or JSON) and with the independent
 * walkers in pbwalk.ts; any disagreement or decode failure is recorded in
 * `errors`. A scripted `behaviour` decides each reply (status, headers, body,
 * delay, or closing the connection without a response).
 */
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { decodeLogsJson, encodeLogsJson } from '../../../src/otlp/json.js';
import { decodeLogsProto } from '../../../src/otlp/proto.js';
import { countRecords, getAttr, type LogsData } from '../../../src/otlp/types.js';
import { walkExportJson, walkExportRequest, type WalkedRecord } from './pbwalk.js';

export interface SinkRequest {
  n: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** Body as received (maybe gzip). */
  raw: Buffer;
  /** Body after Content-Encoding. */
  body: Buffer;
  kind: 'proto' | 'json' | 'other';
  /** From the independent decoder. */
  records: WalkedRecord[];
  /** From src/otlp. */
  data: LogsData | undefined;
  /** Subject CN of the client certificate (mTLS), if any. */
  clientCn?: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the connection without any response. */
  destroy?: boolean;
}

export type Behaviour = (req: SinkRequest) => Reply | undefined;

export class Sink {
  readonly requests: SinkRequest[] = [];
  /** Records of requests answered 2xx, in arrival order. */
  readonly accepted: WalkedRecord[] = [];
  /** The requests answered 2xx, decoded by src/otlp. */
  readonly acceptedData: LogsData[] = [];
  readonly errors: string[] = [];
  /** Responses the client hung up on before reading them completely. */
  unreadResponses = 0;
  behaviour: Behaviour | undefined;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly protocol: 'http' | 'https';

  constructor(server: Server, protocol: 'http' | 'https', behaviour?: Behaviour) {
    this.#server = server;
    this.protocol = protocol;
    this.behaviour = behaviour;
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    server.on('secureConnection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#handle(req, res));
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Base URL (exporter `endpoint`). */
  get url(): string {
    return `${this.protocol}://127.0.0.1:${this.port}`;
  }

  /** What arrived, as OTLP JSON lines (one per accepted request), for the checker. */
  acceptedJsonLines(): string[] {
    return this.acceptedData.map((d) => encodeLogsJson(d));
  }

  acceptedSeqs(): Set<number> {
    const s = new Set<number>();
    for (const r of this.accepted) if (r.seq !== undefined) s.add(r.seq);
    return s;
  }

  /** Waits until pred() holds (polling), failing with a message after timeoutMs. */
  async waitUntil(pred: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const r = this.#decode(req, raw);
      this.requests.push(r);
      const reply = this.behaviour?.(r) ?? {};
      const send = (): void => {
        this.#timers.delete(timer);
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        let reset = false;
        req.socket.once('error', () => (reset = true)); // ECONNRESET/EPIPE: the client hung up mid-response
        res.on('close', () => {
          if (!res.writableFinished || reset || req.socket.writableLength > 0) this.unreadResponses++;
        });
        const status = reply.status ?? 200;
        if (status >= 200 && status < 300) {
          this.accepted.push(...r.records);
          if (r.data) this.acceptedData.push(r.data);
        }
        const headers: Record<string, string> = { 'content-type': r.kind === 'json' ? 'application/json' : 'application/x-protobuf', ...reply.headers };
        res.writeHead(status, headers);
        res.end(reply.body ?? (r.kind === 'json' ? '{"partialSuccess":{}}' : Buffer.from([0x0a, 0x00])));
      };
      const timer = setTimeout(send, reply.delayMs ?? 0);
      this.#timers.add(timer);
    });
  }

  #decode(req: IncomingMessage, raw: Buffer): SinkRequest {
    const n = this.requests.length + 1;
    const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const kind = ct === 'application/x-protobuf' ? 'proto' : ct === 'application/json' ? 'json' : 'other';
    const out: SinkRequest = { n, path: req.url ?? '', headers: req.headers, raw, body: raw, kind, records: [], data: undefined };
    const tls = req.socket as TLSSocket;
    if (typeof tls.getPeerCertificate === 'function') {
      const cert = tls.getPeerCertificate();
      if (cert && cert.subject) out.clientCn = cert.subject.CN as string;
    }
    try {
      out.body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (kind === 'proto') {
        out.records = walkExportRequest(out.body);
        out.data = decodeLogsProto(out.body);
      } else if (kind === 'json') {
        out.records = walkExportJson(out.body.toString('utf8'));
        out.data = decodeLogsJson(out.body);
      } else {
        this.errors.push(`request ${n}: unexpected content-type ${ct}`);
      }
      if (out.data) {
        const ours = seqsOf(out.data);
        const theirs = out.records.map((r) => r.seq);
        if (countRecords(out.data) !== out.records.length || ours.join(',') !== theirs.join(',')) {
          this.errors.push(`request ${n}: src/otlp and the independent decoder disagree (${ours.length} vs ${theirs.length} records)`);
        }
      }
    } catch (err) {
      this.errors.push(`request ${n}: cannot decode: ${err instanceof Error ? err.message : String(err)}`);
    }
    return out;
  }
}

function seqsOf(data: LogsData): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  for (const rl of data.resourceLogs)
    for (const sl of rl.scopeLogs)
      for (const rec of sl.logRecords) {
        const v = getAttr(rec.attributes, 'sealog.seq');
        out.push(v && v.type === 'int' ? Number(v.value) : undefined);
      }
  return out;
}

export async function startSink(opts: { tls?: HttpsOptions; port?: number; behaviour?: Behaviour } = {}): Promise<Sink> {
  const server = opts.tls ? createHttpsServer(opts.tls) : createHttpServer();
  server.keepAliveTimeout = 5000;
  const sink = new Sink(server, opts.tls ? 'https' : 'http', opts.behaviour);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return sink;
}

/** A port that was free a moment ago (for "the server starts later" tests). */
export async function freePort(): Promise<number> {
  const s = createHttpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
