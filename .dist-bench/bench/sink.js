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
 *
 * IPC to the parent:
 *   out  { type: 'ready', port }
 *        { type: 'done', ... SinkReport }   once `expect` data records arrived
 *        { type: 'status', ... SinkReport } in answer to { type: 'status' }
 *   in   { type: 'expect', count }          set or change the expected count
 *        { type: 'status' }
 * Times are epoch milliseconds (performance.timeOrigin + performance.now()).
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeLogsProto, encodeExportResponseProto } from '../src/otlp/proto.js';
import { parseStamp } from './gen-input.js';
const CONTROL_ATTR = 'sealog.type';
const RESPONSE = Buffer.from(encodeExportResponseProto({}));
export function nowMs() {
    return performance.timeOrigin + performance.now();
}
/** Percentile by nearest rank over the first n values, which are sorted in place. */
export function percentile(sorted, n, p) {
    if (n === 0)
        return NaN;
    const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
    return sorted[rank];
}
class Counter {
    latency;
    records = 0;
    control = 0;
    requests = 0;
    wireBytes = 0;
    errors = 0;
    lastError;
    firstAt;
    lastAt;
    expected;
    done = false;
    lat;
    latN = 0;
    constructor(expected, latency) {
        this.latency = latency;
        this.expected = expected;
        this.lat = new Float64Array(latency ? 1 << 16 : 0);
    }
    addLatency(ms) {
        if (this.latN === this.lat.length) {
            const next = new Float64Array(this.lat.length * 2);
            next.set(this.lat);
            this.lat = next;
        }
        this.lat[this.latN++] = ms;
    }
    countLogs(data, at) {
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
                        if (!Number.isNaN(t))
                            this.addLatency(at - t);
                    }
                }
            }
        }
    }
    arrived(at) {
        this.firstAt ??= at;
        this.lastAt = at;
    }
    report() {
        const out = { records: this.records, control: this.control, requests: this.requests, wireBytes: this.wireBytes, errors: this.errors };
        if (this.lastError !== undefined)
            out.lastError = this.lastError;
        if (this.firstAt !== undefined)
            out.firstAt = this.firstAt;
        if (this.lastAt !== undefined)
            out.lastAt = this.lastAt;
        if (this.latency) {
            const sorted = this.lat.subarray(0, this.latN).sort();
            out.latency = {
                samples: this.latN,
                p50Ms: percentile(sorted, this.latN, 50),
                p90Ms: percentile(sorted, this.latN, 90),
                p99Ms: percentile(sorted, this.latN, 99),
                maxMs: this.latN ? sorted[this.latN - 1] : NaN,
            };
        }
        return out;
    }
    /** Sends `done` once, when the expected count is reached. */
    check(send) {
        if (!this.done && this.expected > 0 && this.records >= this.expected) {
            this.done = true;
            send({ type: 'done', ...this.report() });
        }
    }
}
function send(m) {
    process.send?.(m);
}
function handleOtlp(counter, req, res) {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
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
            let body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
            if (req.headers['content-encoding'] === 'gzip')
                body = gunzipSync(body);
            counter.countLogs(decodeLogsProto(body), at);
        }
        catch (err) {
            counter.errors++;
            counter.lastError = err instanceof Error ? err.message : String(err);
            res.writeHead(400, { 'content-type': 'text/plain' }).end(`undecodable request: ${counter.lastError}\n`);
            return;
        }
        res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': RESPONSE.length }).end(RESPONSE);
        counter.check(send);
    });
}
function handleTcp(counter, sock) {
    sock.on('data', (buf) => {
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
function argValue(args, flag) {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
}
function main() {
    const args = process.argv.slice(2);
    const tcp = args.includes('--tcp');
    const counter = new Counter(Number(argValue(args, '--expect') ?? 0), args.includes('--latency'));
    const server = tcp
        ? createTcpServer({ noDelay: true }, (sock) => handleTcp(counter, sock))
        : createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) => handleOtlp(counter, req, res));
    process.on('message', (m) => {
        if (m.type === 'expect' && typeof m.count === 'number') {
            counter.expected = m.count;
            counter.check(send);
        }
        else if (m.type === 'status') {
            send({ type: 'status', ...counter.report() });
        }
    });
    // The parent going away (crash, kill) must not leave the sink behind.
    process.on('disconnect', () => process.exit(0));
    server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: server.address().port }));
}
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
    main();
//# sourceMappingURL=sink.js.map