/**
 * The bench's backend, run as its own process (`fork`) so that its CPU is not
 * the agent's. Two modes:
 *
 *   --otlp   OTLP/HTTP server: POST /v1/logs with a protobuf body (gunzipped
 *            first when Content-Encoding is gzip), decoded in full with
 *            decodeLogsProto; every log record is counted, control records
 *            (those with a `sealog.type` attribute: seals, genesis, loss)
 *            apart. With --latency it also reads the append time written at
 *            the front of each body (gen-input.ts makeStampedLine) and keeps
 *            arrival minus append per record.
 *   --tcp    TCP server that counts newline-terminated lines (the rsyslog peer).
 *   --down   (with either) start as a backend that is down: every connection
 *            is closed as soon as it is accepted, until { type: 'up' }.
 *
 * IPC to the parent:
 *   out  { type: 'ready', port }
 *        { type: 'done', ... SinkReport }   once `expect` data records arrived
 *        { type: 'status', ... SinkReport } in answer to { type: 'status' }
 *   in   { type: 'expect', count }          set or change the expected count
 *        { type: 'status' }
 *        { type: 'up' }                     accept connections from now on (--down)
 * Times are epoch milliseconds (performance.timeOrigin + performance.now()).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeLogsProto, encodeExportResponseProto } from '../src/otlp/proto.js';
import type { LogsData } from '../src/otlp/types.js';
import { parseStamp } from './gen-input.js';

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Growable milliseconds samples. */
class Samples {
  #v = new Float64Array(1 << 16);
  #n = 0;

  add(ms: number): void {
    if (this.#n === this.#v.length) {
      const next = new Float64Array(this.#v.length * 2);
      next.set(this.#v);
      this.#v = next;
    }
    this.#v[this.#n++] = ms;
  }

  summary(): LatencySummary {
    const n = this.#n;
    const sorted = this.#v.subarray(0, n).sort();
    return { samples: n, p50Ms: percentile(sorted, n, 50), p90Ms: percentile(sorted, n, 90), p99Ms: percentile(sorted, n, 99), maxMs: n ? sorted[n - 1]! : NaN };
  }
}

export interface SinkReport {
  /** Data records (OTLP mode) or lines (TCP mode) counted. */
  records: number;
  /** Control records: seals, genesis and loss records (OTLP mode). */
  control: number;
  requests: number;
  /** Request bytes as they came over the wire (compressed when gzip). */
  wireBytes: number;
  errors: number;
  lastError?: string;
  firstAt?: number;
  lastAt?: number;
  /** Connections closed unanswered while the sink was down (--down). */
  refused?: number;
  /** Append -> arrival; `read`: append -> the agent's read (the record's observed time, the agent's clock). */
  latency?: LatencySummary & { read: LatencySummary };
}

export type SinkMessage = ({ type: 'ready'; port: number } | ({ type: 'done' | 'status' } & SinkReport));

const CONTROL_ATTR = 'sealog.type';
const RESPONSE = Buffer.from(encodeExportResponseProto({}));

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Percentile by nearest rank over the first n values, which are sorted in place. */
export function percentile(sorted: Float64Array, n: number, p: number): number {
  if (n === 0) return NaN;
  const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  return sorted[rank]!;
}

class Counter {
  records = 0;
  control = 0;
  requests = 0;
  wireBytes = 0;
  errors = 0;
  lastError: string | undefined;
  firstAt: number | undefined;
  lastAt: number | undefined;
  refused: number | undefined;
  expected: number;
  private done = false;
  /** Append -> arrival per record, and append -> the agent's read (its observed time) apart. */
  private readonly total = new Samples();
  private readonly read = new Samples();

  constructor(expected: number, private readonly latency: boolean) {
    this.expected = expected;
  }

  countLogs(data: LogsData, at: number): void {
    for (const rl of data.resourceLogs) {
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) {
          let control = false;
          for (const a of r.attributes) {
            if (a.key === CONTROL_ATTR) {
              control = true;
              break;
            }
          }
          if (control) {
            this.control++;
            continue;
          }
          this.records++;
          if (this.latency && r.body.type === 'string') {
            const t = parseStamp(r.body.value);
            if (!Number.isNaN(t)) {
              this.total.add(at - t);
              if (r.observedTimeUnixNano > 0n) this.read.add(Number(r.observedTimeUnixNano / 1000n) / 1000 - t);
            }
          }
        }
      }
    }
  }

  arrived(at: number): void {
    this.firstAt ??= at;
    this.lastAt = at;
  }

  report(): SinkReport {
    const out: SinkReport = { records: this.records, control: this.control, requests: this.requests, wireBytes: this.wireBytes, errors: this.errors };
    if (this.refused !== undefined) out.refused = this.refused;
    if (this.lastError !== undefined) out.lastError = this.lastError;
    if (this.firstAt !== undefined) out.firstAt = this.firstAt;
    if (this.lastAt !== undefined) out.lastAt = this.lastAt;
    if (this.latency) out.latency = { ...this.total.summary(), read: this.read.summary() };
    return out;
  }

  /** Sends `done` once, when the expected count is reached. */
  check(send: (m: SinkMessage) => void): void {
    if (!this.done && this.expected > 0 && this.records >= this.expected) {
      this.done = true;
      send({ type: 'done', ...this.report() });
    }
  }
}

function send(m: SinkMessage): void {
  process.send?.(m);
}

function handleOtlp(counter: Counter, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    chunks.push(c);
    size += c.length;
  });
  req.on('end', () => {
    const at = nowMs();
    counter.arrived(at);
    counter.requests++;
    counter.wireBytes += size;
    if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/x-protobuf')) {
      counter.errors++;
      counter.lastError = `unexpected ${req.method} ${req.url} content-type ${req.headers['content-type'] ?? '(none)'}`;
      res.writeHead(415, { 'content-type': 'text/plain' }).end('the bench sink takes POST application/x-protobuf only\n');
      return;
    }
    try {
      let body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      counter.countLogs(decodeLogsProto(body), at);
    } catch (err) {
      counter.errors++;
      counter.lastError = err instanceof Error ? err.message : String(err);
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`undecodable request: ${counter.lastError}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': RESPONSE.length }).end(RESPONSE);
    counter.check(send);
  });
}

function handleTcp(counter: Counter, sock: Socket): void {
  sock.on('data', (buf: Buffer) => {
    const at = nowMs();
    counter.arrived(at);
    counter.wireBytes += buf.length;
    let n = 0;
    let i = buf.indexOf(10);
    while (i !== -1) {
      n++;
      i = buf.indexOf(10, i + 1);
    }
    counter.records += n;
    counter.check(send);
  });
  sock.on('error', (err) => {
    counter.errors++;
    counter.lastError = err.message;
  });
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const tcp = args.includes('--tcp');
  const counter = new Counter(Number(argValue(args, '--expect') ?? 0), args.includes('--latency'));
  const server = tcp
    ? createTcpServer({ noDelay: true }, (sock) => handleTcp(counter, sock))
    : createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) => handleOtlp(counter, req, res));
  let down = args.includes('--down');
  if (down) {
    counter.refused = 0;
    // Ahead of the HTTP or TCP handler: a backend that is down answers nothing.
    server.prependListener('connection', (sock: Socket) => {
      if (!down) return;
      counter.refused!++;
      sock.destroy();
    });
  }
  process.on('message', (m: { type?: string; count?: number }) => {
    if (m.type === 'up') down = false;
    else if (m.type === 'expect' && typeof m.count === 'number') {
      counter.expected = m.count;
      counter.check(send);
    } else if (m.type === 'status') {
      send({ type: 'status', ...counter.report() });
    }
  });
  // The parent going away (crash, kill) must not leave the sink behind.
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
