/**
 * The SDK processor (sealog/sdk) next to the SDK's own BatchLogRecordProcessor:
 *
 *   emit ns     time spent inside logger.emit() on the app's thread, per record,
 *               with a no-op exporter (bursts of 256 emits, then a yield so the
 *               processors' background work runs outside the measured spans)
 *   records/s   sustained from this process to the bench's OTLP/HTTP sink (its
 *               own process) through the SDK's OTLP protobuf exporter: N records
 *               emitted as fast as the processor takes them, until the sink
 *               counted them all
 *
 * `npm run bench -- --only sdk`, or standalone `node dist/bench/sdk.js [--quick]`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SealingLogRecordProcessor } from '../src/sdk/index.js';
import { removeDir, tempDir } from './scenarios/procs.js';
import { SinkProcess } from './scenarios/sink-proc.js';
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BURST = 256;
class NoopExporter {
    exported = 0;
    export(records, cb) {
        this.exported += records.length;
        setImmediate(() => cb({ code: 0 }));
    }
    async shutdown() { }
    async forceFlush() { }
}
const yieldNow = () => new Promise((r) => setImmediate(r));
function provider(p) {
    return new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'bench', 'host.name': 'bench-host' }), processors: [p] });
}
function emitOne(logger, i) {
    logger.emit({ severityNumber: 9, severityText: 'INFO', body: `payment ${i} accepted for order A-${i % 9973}`, attributes: { 'app.i': i, 'user.id': `u${i % 97}`, 'http.status': 200 } });
}
/** Mean ns inside emit() over n records. */
async function emitNs(p, n) {
    const prov = provider(p);
    const logger = prov.getLogger('bench', '1');
    let ns = 0n;
    for (let i = 0; i < n;) {
        const t = process.hrtime.bigint();
        for (let k = 0; k < BURST; k++, i++)
            emitOne(logger, i);
        ns += process.hrtime.bigint() - t;
        await yieldNow();
    }
    await prov.shutdown();
    return Number(ns) / n;
}
async function sustained(key, n) {
    const sink = await SinkProcess.start({ mode: 'otlp', expect: n });
    try {
        const p = new SealingLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${sink.url}/v1/logs` }), key, stream: 'bench/bench-host', batchRecords: 2048, shutdownTimeoutMs: 600_000 });
        const prov = provider(p);
        const logger = prov.getLogger('bench', '1');
        const t = performance.now();
        for (let i = 0; i < n;) {
            for (let k = 0; k < 1024; k++, i++)
                emitOne(logger, i);
            await yieldNow();
        }
        await prov.shutdown();
        const seconds = (performance.now() - t) / 1000;
        const got = (await sink.status()).records;
        if (got < n)
            throw new Error(`the sink counted ${got} of ${n} records`);
        return { rate: n / seconds, seconds };
    }
    finally {
        await sink.stop();
    }
}
export async function bench(o) {
    const dir = tempDir('sealog-bench-sdk-');
    try {
        execFileSync(process.execPath, [CLI, 'keygen', '--out', dir]);
        const key = join(dir, 'sealog.key');
        const n = o.quick ? 50_000 : 200_000;
        const rounds = o.quick ? 1 : 3;
        const batch = [];
        const sealing = [];
        for (let r = 0; r < rounds; r++) {
            batch.push(await emitNs(new BatchLogRecordProcessor({ exporter: new NoopExporter(), maxQueueSize: 1 << 20, maxExportBatchSize: 1024 }), n));
            sealing.push(await emitNs(new SealingLogRecordProcessor({ exporter: new NoopExporter(), key, stream: 'bench/emit', maxQueue: 1 << 20 }), n));
        }
        const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
        const s = await sustained(key, o.quick ? 100_000 : 500_000);
        return [
            { name: 'emit, BatchLogRecordProcessor (SDK)', value: med(batch), unit: 'ns/record', extra: { runs: rounds, records: n } },
            { name: 'emit, SealingLogRecordProcessor', value: med(sealing), unit: 'ns/record', extra: { runs: rounds, records: n } },
            { name: 'emit overhead over the SDK', value: med(sealing) - med(batch), unit: 'ns/record' },
            { name: 'sustained app -> OTLP/HTTP sink (protobuf), sealed', value: s.rate, unit: 'records/s', extra: { seconds: Number(s.seconds.toFixed(2)) } },
        ];
    }
    finally {
        removeDir(dir);
    }
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const results = await bench({ quick: process.argv.includes('--quick') });
    for (const r of results)
        process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.extra ? ' ' + JSON.stringify(r.extra) : ''}\n`);
}
//# sourceMappingURL=sdk.js.map