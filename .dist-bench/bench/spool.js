/**
 * Spool micro-benchmarks (issue 3 targets):
 *
 *   append, 200-byte records, sync: interval, batches of 1000   >= 300,000 records/s
 *   append, 64 KiB records, as a fraction of this machine's
 *     sequential write bandwidth (write + fdatasync, same run)  >= 70 %
 *   reopen a 1 GiB spool                                       < 2 s
 *
 * Run: `npm run build && node dist/bench/spool.js [--quick]`, or through
 * bench/run.ts which calls bench().
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NOOP_LOGGER } from '../src/telemetry/logger.js';
import { openSpool } from '../src/spool/spool.js';
const MiB = 1024 * 1024;
function options(dir, over = {}) {
    return {
        dir,
        maxSizeBytes: 64 * 1024 * MiB,
        segmentSizeBytes: 64 * MiB,
        sync: 'interval',
        syncIntervalMs: 100,
        retainMs: 0,
        readers: [],
        checkpoint: () => Buffer.from('{"checkpoint":true}'),
        logger: NOOP_LOGGER,
        ...over,
    };
}
function makeBatch(count, payloadBytes, salt) {
    const out = [];
    for (let i = 0; i < count; i++) {
        const payload = Buffer.allocUnsafe(payloadBytes);
        payload.fill((i + salt) & 0xff);
        out.push({ payload, meta: Buffer.from(`{"seq":${salt * count + i}}`), records: 1, flags: 0 });
    }
    return out;
}
/** Appends `batches` batches (from a small pool of prepared ones), `concurrency` appends in flight. */
async function appendAll(spool, pool, batches, concurrency) {
    let next = 0;
    const worker = async () => {
        while (next < batches) {
            const b = pool[next++ % pool.length];
            await spool.append(b);
        }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await spool.sync();
}
async function timed(fn) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await fn();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, result };
}
/** Sequential write bandwidth of the disk holding `dir`: 1 MiB writes, then one fdatasync. */
async function rawWriteBandwidth(dir, totalBytes) {
    const path = join(dir, 'raw.bin');
    const buf = Buffer.alloc(MiB, 7);
    const fh = await open(path, 'w');
    const t = await timed(async () => {
        for (let off = 0; off < totalBytes; off += MiB)
            await fh.write(buf, 0, MiB, off);
        await fh.datasync();
    });
    await fh.close();
    await rm(path);
    return totalBytes / (t.ms / 1000);
}
export async function bench(opts) {
    const results = [];
    const root = await mkdtemp(join(tmpdir(), 'sealog-bench-spool-'));
    try {
        // 1. Small records, group commit, sync: interval.
        const smallDir = join(root, 'small');
        const records = opts.quick ? 500_000 : 2_000_000;
        const perBatch = 1000;
        const pool = Array.from({ length: 8 }, (_, i) => makeBatch(perBatch, 200, i));
        for (const concurrency of [1, 4]) {
            const d = `${smallDir}-${concurrency}`;
            const spool = await openSpool(options(d));
            const t = await timed(() => appendAll(spool, pool, records / perBatch, concurrency));
            const bytes = spool.stats().bytes;
            await spool.close();
            results.push({
                name: `spool append 200 B records, sync interval, batches of ${perBatch}, ${concurrency} in flight`,
                value: Math.round(records / (t.ms / 1000)),
                unit: 'records/s',
                extra: { MBps: Math.round(bytes / MiB / (t.ms / 1000)), cpuSecondsPerMillion: +((t.cpuMs / 1000) * (1_000_000 / records)).toFixed(3), target: 300_000 },
            });
            if (concurrency === 4) {
                // Reopen a spool of small frames: recovery scans the newest segment frame by frame.
                const r = await timed(() => openSpool(options(d, { readers: ['exp'] })));
                await r.result.close();
                results.push({ name: `spool reopen, ${Math.round(bytes / MiB)} MiB of 200 B frames`, value: Math.round(r.ms), unit: 'ms', extra: { segments: Math.ceil(bytes / (64 * MiB)) } });
            }
            else {
                await rm(d, { recursive: true, force: true });
            }
        }
        // 2. Large records vs the raw sequential write bandwidth.
        const total = (opts.quick ? 256 : 1024) * MiB;
        const rawBefore = await rawWriteBandwidth(root, total);
        const largeDir = join(root, 'large');
        const big = Array.from({ length: 4 }, (_, i) => makeBatch(16, 64 * 1024, i));
        const spool = await openSpool(options(largeDir, { readers: ['exp'] }));
        const t = await timed(() => appendAll(spool, big, total / (16 * 64 * 1024), 2));
        const spoolBps = spool.stats().bytes / (t.ms / 1000);
        // Park a cursor halfway so reopening checks a cursor boundary too.
        const reader = spool.reader('exp');
        const half = spool.stats().frames / 2;
        let acked = 0;
        while (acked < half) {
            const frames = await reader.next({ maxRecords: 512, maxBytes: 64 * MiB });
            acked += frames.length;
            await reader.ack(frames[frames.length - 1].id);
        }
        await spool.close();
        const rawAfter = await rawWriteBandwidth(root, total);
        const raw = (rawBefore + rawAfter) / 2;
        results.push({
            name: 'spool append 64 KiB records, sync interval, as a share of raw write+fdatasync bandwidth',
            value: Math.round((spoolBps / raw) * 100),
            unit: '%',
            extra: { spoolMBps: Math.round(spoolBps / MiB), rawMBps: Math.round(raw / MiB), rawBeforeMBps: Math.round(rawBefore / MiB), rawAfterMBps: Math.round(rawAfter / MiB), target: 70 },
        });
        // 3. Reopen the large spool (median of 3).
        const times = [];
        for (let i = 0; i < 3; i++) {
            const r = await timed(() => openSpool(options(largeDir, { readers: ['exp'] })));
            await r.result.close();
            times.push(r.ms);
        }
        times.sort((a, b) => a - b);
        results.push({ name: `spool reopen, ${Math.round(total / MiB)} MiB of 64 KiB frames, cursor halfway`, value: Math.round(times[1]), unit: 'ms', extra: { target: 2000 } });
        // 4. Read back through a reader (what an exporter does), small frames.
        const readDir = `${smallDir}-4`;
        const rs = await openSpool(options(readDir, { readers: ['exp'] }));
        const rr = rs.reader('exp');
        const want = rs.stats().frames;
        const tr = await timed(async () => {
            let got = 0;
            while (got < want) {
                const frames = await rr.next({ maxRecords: 8192, maxBytes: 4 * MiB });
                got += frames.length;
                await rr.ack(frames[frames.length - 1].id);
            }
        });
        await rs.close();
        results.push({ name: 'spool read + ack, 200 B frames, batches of 8192', value: Math.round(want / (tr.ms / 1000)), unit: 'records/s', extra: { cpuSecondsPerMillion: +((tr.cpuMs / 1000) * (1_000_000 / want)).toFixed(3) } });
    }
    finally {
        await rm(root, { recursive: true, force: true });
    }
    return results;
}
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const results = await bench({ quick: process.argv.includes('--quick') });
    for (const r of results) {
        const extra = r.extra ? '  ' + Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ') : '';
        process.stdout.write(`${r.name}: ${r.value} ${r.unit}${extra}\n`);
    }
}
//# sourceMappingURL=spool.js.map