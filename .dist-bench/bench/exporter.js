/**
 * Exporter benchmark: spool -> otlphttp exporter -> a local OTLP/HTTP sink in
 * a child process that decodes every request and counts the records.
 * Reports records/s end to end and the exporting process's CPU seconds per
 * million records, for proto+gzip, proto (no compression) and json+gzip.
 *
 *   npm run build && node dist/bench/exporter.js [--quick] [--only proto+gzip,proto,json+gzip]
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createExporter } from '../src/exporters/index.js';
import { decodeLogsJson } from '../src/otlp/json.js';
import { decodeLogsProto, encodeResourceLogsProto } from '../src/otlp/proto.js';
import { countRecords, int, kv, newLogRecord, newResource, newScope, str } from '../src/otlp/types.js';
import { openSpool } from '../src/spool/spool.js';
import { NOOP_LOGGER } from '../src/telemetry/logger.js';
const PER_FRAME = 500;
/** ~200-byte records (body + attributes as a filelog line would carry), already "chained" (seq and hash attributes). */
function makeEntries(records) {
    const entries = [];
    const resource = newResource([kv('service.name', str('bench')), kv('host.name', str('bench-host')), kv('sealog.stream', str('bench/logs'))]);
    for (let start = 1; start <= records; start += PER_FRAME) {
        const n = Math.min(PER_FRAME, records - start + 1);
        const logRecords = new Array(n);
        for (let i = 0; i < n; i++) {
            const seq = start + i;
            const r = newLogRecord();
            r.timeUnixNano = 1700000000000000000n + BigInt(seq) * 1000n;
            r.observedTimeUnixNano = r.timeUnixNano;
            r.severityNumber = 9;
            r.severityText = 'INFO';
            r.body = str(`2024-01-01T00:00:00Z sshd[${1000 + (seq % 9000)}]: Accepted publickey for user${seq % 97} from 10.0.${seq % 255}.${seq % 251} port ${40000 + (seq % 20000)}`);
            r.attributes = [
                kv('log.file.name', str('auth.log')),
                kv('sealog.seq', int(seq)),
                kv('sealog.hash', str((seq * 2654435761).toString(16).padStart(64, '0'))),
            ];
            logRecords[i] = r;
        }
        const payload = encodeResourceLogsProto({ resource, scopeLogs: [{ scope: newScope('filelog', '1'), logRecords, schemaUrl: '' }], schemaUrl: '' });
        entries.push({ payload, meta: new Uint8Array(0), records: n, flags: 0 });
    }
    return entries;
}
/** The sink (child process): decodes each request fully and counts records. */
function runSink() {
    let records = 0;
    const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            let body = Buffer.concat(chunks);
            if (req.headers['content-encoding'] === 'gzip')
                body = gunzipSync(body);
            const json = (req.headers['content-type'] ?? '').startsWith('application/json');
            try {
                records += countRecords(json ? decodeLogsJson(body) : decodeLogsProto(body));
            }
            catch (err) {
                res.writeHead(400, { 'content-type': 'text/plain' });
                res.end(String(err));
                return;
            }
            res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
            res.end(json ? '{}' : '');
        });
    });
    server.keepAliveTimeout = 10_000;
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
    process.on('message', (m) => {
        if (m.cmd === 'count')
            process.send({ records });
        if (m.cmd === 'reset') {
            records = 0;
            process.send({ records });
        }
        if (m.cmd === 'exit')
            server.close(() => process.exit(0));
    });
}
function ask(child, cmd) {
    return new Promise((res) => {
        child.once('message', (m) => res(m));
        child.send({ cmd });
    });
}
export async function bench(opts) {
    const total = opts.quick ? 200_000 : 1_000_000;
    const variants = [
        { name: 'proto+gzip', encoding: 'proto', compression: 'gzip' },
        { name: 'proto', encoding: 'proto', compression: 'none' },
        { name: 'json+gzip', encoding: 'json', compression: 'gzip' },
    ].filter((v) => !opts.only || opts.only.includes(v.name));
    const dir = await mkdtemp(join(tmpdir(), 'sealog-bench-exp-'));
    const child = fork(fileURLToPath(import.meta.url), ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const results = [];
    try {
        const { port } = await new Promise((res) => child.once('message', (m) => res(m)));
        const spool = await openSpool({
            dir: join(dir, 'spool'),
            maxSizeBytes: 4 * 1024 * 1024 * 1024,
            segmentSizeBytes: 64 * 1024 * 1024,
            sync: 'none',
            syncIntervalMs: 100,
            retainMs: 0,
            readers: variants.map((v) => v.name),
            checkpoint: () => new Uint8Array(0),
            logger: NOOP_LOGGER,
        });
        try {
            const entries = makeEntries(total);
            const payloadBytes = entries.reduce((n, e) => n + e.payload.length, 0);
            for (let i = 0; i < entries.length; i += 100)
                await spool.append(entries.slice(i, i + 100));
            for (const v of variants) {
                await ask(child, 'reset');
                const cfg = {
                    id: `otlphttp/${v.name}`,
                    endpoint: `http://127.0.0.1:${port}`,
                    encoding: v.encoding,
                    compression: v.compression,
                    headers: {},
                    timeoutMs: 30_000,
                    tls: { insecureSkipVerify: false },
                    maxBatchRecords: 8192,
                    maxBatchBytes: 4 * 1024 * 1024,
                    maxInFlight: 4,
                    retry: { initialIntervalMs: 100, maxIntervalMs: 1000, multiplier: 1.5, randomizationFactor: 0.5, maxElapsedMs: 0 },
                    sealsOnly: false,
                };
                const exporter = createExporter({ type: 'otlphttp', ...cfg }, { reader: spool.reader(v.name), logger: NOOP_LOGGER, dlqDir: join(dir, 'dlq') });
                const cpu0 = process.cpuUsage();
                const t0 = performance.now();
                await exporter.start();
                const done = await exporter.drain(600_000);
                const seconds = (performance.now() - t0) / 1000;
                const cpu = process.cpuUsage(cpu0);
                await exporter.shutdown();
                const { records } = await ask(child, 'count');
                if (!done || records !== total)
                    throw new Error(`bench ${v.name}: sink counted ${records} of ${total} records (drained: ${done})`);
                const cpuSeconds = (cpu.user + cpu.system) / 1e6;
                results.push({
                    name: `exporter ${v.name}: spool -> OTLP/HTTP sink`,
                    value: Math.round(total / seconds),
                    unit: 'records/s',
                    extra: { records: total, seconds: Number(seconds.toFixed(3)), storedMiB: Number((payloadBytes / 1048576).toFixed(1)) },
                });
                results.push({
                    name: `exporter ${v.name}: CPU per million records (exporting process)`,
                    value: Number(((cpuSeconds * 1e6) / total).toFixed(3)),
                    unit: 'cpu-s/M records',
                });
            }
        }
        finally {
            await spool.close();
        }
    }
    finally {
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.send({ cmd: 'exit' });
            await exited;
        }
        await rm(dir, { recursive: true, force: true });
    }
    return results;
}
const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
    if (process.argv.includes('--sink'))
        runSink();
    else {
        const i = process.argv.indexOf('--only');
        const only = i > 0 ? process.argv[i + 1]?.split(',') : undefined;
        const results = await bench({ quick: process.argv.includes('--quick'), ...(only ? { only } : {}) });
        for (const r of results)
            process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.extra ? ' ' + JSON.stringify(r.extra) : ''}\n`);
    }
}
//# sourceMappingURL=exporter.js.map