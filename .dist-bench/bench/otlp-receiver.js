/**
 * Benchmark: OTLP/HTTP protobuf receive. The receiver runs in this process
 * with a consumer that resolves at once; 4 client processes each keep one
 * undici keep-alive connection busy with batches of 1000 records (~200-byte
 * log lines with a few attributes), one request in flight per client.
 *
 * Reported per scenario: records/s accepted (200 answered), MB/s of request
 * bodies, receiver CPU seconds per million records and the receiver
 * process's peak RSS (the clients run in their own processes).
 *
 * Standalone: `npm run build && node dist/bench/otlp-receiver.js [--quick]`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Client } from 'undici';
import { encodeLogsProto } from '../src/otlp/proto.js';
import { createOtlpReceiver } from '../src/receivers/otlp/index.js';
import { NOOP_LOGGER } from '../src/telemetry/logger.js';
const CLIENT_FLAG = '--otlp-receiver-bench-client';
const CLIENTS = 4;
const BATCH = 1000;
/** A realistic batch: 200-byte lines, mixed plain text and JSON, with file and host attributes. */
export function makeBatch(n, seed = 1) {
    const logRecords = [];
    const base = 1760000000000000000n;
    for (let i = 0; i < n; i++) {
        const k = seed * 100_003 + i;
        const line = i % 3 === 0
            ? `{"ts":"2026-07-21T10:00:${String(i % 60).padStart(2, '0')}Z","level":"info","user":"u${k % 997}","action":"login","ip":"10.0.${k % 256}.${(k * 7) % 256}","ok":true,"ms":${k % 1000}}`
            : `Jul 21 10:00:${String(i % 60).padStart(2, '0')} host-${k % 17} sshd[${1000 + (k % 5000)}]: Accepted publickey for user${k % 997} from 10.0.${k % 256}.${(k * 7) % 256} port ${20000 + (k % 40000)} ssh2`;
        const attributes = [
            { key: 'log.file.name', value: { type: 'string', value: 'auth.log' } },
            { key: 'log.iostream', value: { type: 'string', value: 'stdout' } },
        ];
        logRecords.push({
            timeUnixNano: base + BigInt(k),
            observedTimeUnixNano: base + BigInt(k) + 1000n,
            severityNumber: 9,
            severityText: 'INFO',
            body: { type: 'string', value: line.padEnd(200, ' ').slice(0, 200) },
            attributes,
            droppedAttributesCount: 0,
            flags: 0,
            traceId: new Uint8Array(0),
            spanId: new Uint8Array(0),
            eventName: '',
        });
    }
    return {
        resourceLogs: [
            {
                resource: {
                    attributes: [
                        { key: 'service.name', value: { type: 'string', value: 'bench' } },
                        { key: 'host.name', value: { type: 'string', value: 'bench-host' } },
                    ],
                    droppedAttributesCount: 0,
                    entityRefs: [],
                },
                scopeLogs: [
                    {
                        scope: { name: 'bench', version: '1', attributes: [], droppedAttributesCount: 0 },
                        logRecords,
                        schemaUrl: '',
                    },
                ],
                schemaUrl: '',
            },
        ],
    };
}
/** Client process: prepares its batch, says ready, then on `go` sends it back to back until the deadline. */
async function runClient(order, ready) {
    const raw = encodeLogsProto(makeBatch(BATCH, process.pid));
    const body = order.gzip ? gzipSync(raw, { level: 1 }) : Buffer.from(raw);
    const headers = { 'content-type': 'application/x-protobuf' };
    if (order.gzip)
        headers['content-encoding'] = 'gzip';
    const url = new URL(order.url);
    const client = new Client(url.origin, { keepAliveTimeout: 30_000, pipelining: 1 });
    const report = { requests: 0, failures: 0, bodyBytes: 0 };
    try {
        await ready();
        const deadline = Date.now() + order.durationMs;
        while (Date.now() < deadline) {
            const res = await client.request({ path: url.pathname, method: 'POST', headers, body });
            await res.body.dump();
            if (res.statusCode === 200) {
                report.requests++;
                report.bodyBytes += body.length;
            }
            else
                report.failures++;
        }
    }
    finally {
        await client.close();
    }
    return report;
}
class CountingConsumer {
    records = 0;
    consume(batch) {
        for (const rl of batch.data.resourceLogs)
            for (const sl of rl.scopeLogs)
                this.records += sl.logRecords.length;
        return Promise.resolve();
    }
    waitForSpace() {
        return Promise.resolve();
    }
}
function startClient(order) {
    const child = fork(fileURLToPath(import.meta.url), [CLIENT_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let onReady;
    const ready = new Promise((resolve) => (onReady = resolve));
    const done = new Promise((resolve, reject) => {
        child.on('message', (m) => {
            if (m.ready)
                onReady();
            if (m.report)
                resolve(m.report);
        });
        child.once('exit', (code) => reject(new Error(`bench client exited with code ${code} before reporting`)));
        child.once('error', reject);
    });
    child.send({ order });
    return { child, ready, done };
}
async function scenario(name, gzip, durationMs) {
    const consumer = new CountingConsumer();
    const cfg = {
        id: 'otlp',
        auth: {},
        maxNestingDepth: 32,
        http: {
            endpoint: '127.0.0.1:0',
            maxRequestBodyBytes: 20 * 1024 * 1024,
            maxConcurrentRequests: 64,
            headersTimeoutMs: 10_000,
            requestTimeoutMs: 30_000,
            keepAliveTimeoutMs: 30_000,
            maxConnections: 1024,
        },
    };
    const receiver = createOtlpReceiver(cfg, { consumer, logger: NOOP_LOGGER });
    await receiver.start();
    const port = receiver.httpAddress().port;
    try {
        const clients = Array.from({ length: CLIENTS }, () => startClient({ url: `http://127.0.0.1:${port}/v1/logs`, gzip, durationMs }));
        await Promise.all(clients.map((c) => c.ready));
        consumer.records = 0;
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        for (const c of clients)
            c.child.send({ go: true });
        const reports = await Promise.all(clients.map((c) => c.done));
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const cpu = process.cpuUsage(cpu0);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        const requests = reports.reduce((n, r) => n + r.requests, 0);
        const failures = reports.reduce((n, r) => n + r.failures, 0);
        const bytes = reports.reduce((n, r) => n + r.bodyBytes, 0);
        const recordsPerSecond = consumer.records / seconds;
        return {
            name,
            value: Math.round(recordsPerSecond),
            unit: 'records/s',
            extra: {
                clients: CLIENTS,
                batch: BATCH,
                seconds: Number(seconds.toFixed(2)),
                requests,
                failures,
                mbPerSecond: Number((bytes / seconds / 1e6).toFixed(1)),
                cpuSecondsPerMillion: Number(((cpuSeconds / Math.max(1, consumer.records)) * 1e6).toFixed(2)),
                peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
            },
        };
    }
    finally {
        await receiver.shutdown();
    }
}
export async function bench(opts) {
    const durationMs = opts.quick ? 2000 : 8000;
    return [
        await scenario('otlp_http_receive_proto', false, durationMs),
        await scenario('otlp_http_receive_proto_gzip', true, durationMs),
    ];
}
function isEntryPoint() {
    const entry = process.argv[1];
    return entry !== undefined && fileURLToPath(import.meta.url) === entry;
}
if (process.argv.includes(CLIENT_FLAG)) {
    let go;
    const started = new Promise((resolve) => (go = resolve));
    process.on('message', (m) => {
        if (m.go)
            go();
        if (!m.order)
            return;
        const ready = () => {
            process.send({ ready: true });
            return started;
        };
        runClient(m.order, ready).then((report) => process.send({ report }, undefined, {}, () => process.exit(0)), (err) => {
            process.stderr.write(`bench client failed: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(1);
        });
    });
}
else if (isEntryPoint()) {
    bench({ quick: process.argv.includes('--quick') }).then((results) => {
        for (const r of results) {
            const extra = Object.entries(r.extra ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(' ');
            process.stdout.write(`${r.name.padEnd(32)} ${String(r.value).padStart(10)} ${r.unit}  ${extra}\n`);
        }
    }, (err) => {
        process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=otlp-receiver.js.map