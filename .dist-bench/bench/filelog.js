/**
 * Micro-benchmark of the filelog receiver alone: an existing file of 200-byte
 * lines read from the beginning into a consumer that resolves at once (so the
 * figure is the receiver's own cost: reading, framing, records, batches).
 * Standalone: `node dist/bench/filelog.js [--quick]` after `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFilelogReceiver } from '../src/receivers/filelog/index.js';
import { NOOP_LOGGER } from '../src/telemetry/logger.js';
import { LINE_BYTES, writeInputFile } from './gen-input.js';
function config(file, over) {
    return {
        id: 'filelog/bench',
        include: [file],
        exclude: [],
        startAt: 'beginning',
        pollIntervalMs: 200,
        watch: false,
        forceFlushPeriodMs: 500,
        maxLogSizeBytes: 1024 * 1024,
        maxLogSizeAction: 'split',
        encoding: 'utf-8',
        compression: 'none',
        maxConcurrentFiles: 1024,
        fingerprintSizeBytes: 1024,
        includeFileName: true,
        includeFilePath: false,
        includeProvenance: false,
        parsers: [],
        maxBatchLines: 4096,
        ...over,
    };
}
async function readAll(file, lines, over) {
    let got = 0;
    let batches = 0;
    let done = () => undefined;
    const finished = new Promise((r) => (done = r));
    const consumer = {
        consume(b) {
            batches++;
            for (const rl of b.data.resourceLogs)
                for (const sl of rl.scopeLogs)
                    got += sl.logRecords.length;
            if (got >= lines)
                done();
            return Promise.resolve();
        },
        waitForSpace: () => Promise.resolve(),
    };
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const r = createFilelogReceiver(config(file, over), { consumer, logger: NOOP_LOGGER, recovered: [] });
    const t0 = process.hrtime.bigint();
    await r.start();
    await finished;
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    clearInterval(sampler);
    await r.shutdown();
    return { secs, peakRssMiB: Math.round(peak / 1048576), batches };
}
export async function bench(opts) {
    const lines = opts.quick ? 100_000 : 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'sealog-bench-filelog-'));
    const out = [];
    try {
        const file = join(dir, 'input.log');
        const bytes = writeInputFile(file, lines);
        await readAll(file, Math.min(lines, 50_000), {}); // warm-up (JIT), not reported
        const cases = [
            ['filelog read existing file -> consumer (200 B lines)', {}],
            ['  ... with include_provenance', { includeProvenance: true }],
        ];
        for (const [name, over] of cases) {
            const r = await readAll(file, lines, over);
            out.push({
                name,
                value: lines / r.secs,
                unit: 'lines/s',
                extra: { lines, MBps: Math.round(bytes / r.secs / 1e6), lineBytes: LINE_BYTES, batches: r.batches, peakRssMiB: r.peakRssMiB },
            });
        }
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return out;
}
if (import.meta.url === `file://${process.argv[1]}`) {
    const quick = process.argv.includes('--quick');
    for (const r of await bench({ quick })) {
        process.stdout.write(`${r.name.padEnd(60)} ${Math.round(r.value).toLocaleString('en-US').padStart(12)} ${r.unit}${r.extra ? ' ' + JSON.stringify(r.extra) : ''}\n`);
    }
}
//# sourceMappingURL=filelog.js.map