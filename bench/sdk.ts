/**
 * The SDK processor (sealog/sdk) next to the SDK's own BatchLogRecordProcessor:
 *
 *   emit ns     time spent inside logger.emit() on the app's thread, per record,
 *               with a no-op exporter (bursts of 256 emits, then a yield so the
 *               processors' background work runs outside the measured spans)
 *   records/s   sustained from this process to the bench's OTLP/HTTP sink (its
 *               own process), through the SDK's OTLP protobuf exporter and through
 *               the processor's `otlp` option (sealog encodes and sends): N records
 *               emitted as fast as the processor takes them, until the sink
 *               counted them all; CPU µs per record of this process
 *
 * `npm run bench -- --only sdk`, or standalone `node dist/bench/sdk.js [--quick]`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type LogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SealingLogRecordProcessor } from '../src/sdk/index.js';
import { removeDir, tempDir } from './scenarios/procs.js';
import { SDK_RESULTS } from './scenarios/targets.js';
import { SinkProcess } from './scenarios/sink-proc.js';
import type { BenchResult } from './types.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BURST = 256;

class NoopExporter implements LogRecordExporter {
  exported = 0;
  export(records: ReadableLogRecord[], cb: (r: { code: number }) => void): void {
    this.exported += records.length;
    setImmediate(() => cb({ code: 0 }));
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));

function provider(p: LogRecordProcessor): LoggerProvider {
  return new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'bench', 'host.name': 'bench-host' }), processors: [p] });
}

function emitOne(logger: ReturnType<LoggerProvider['getLogger']>, i: number): void {
  logger.emit({ severityNumber: 9, severityText: 'INFO', body: `payment ${i} accepted for order A-${i % 9973}`, attributes: { 'app.i': i, 'user.id': `u${i % 97}`, 'http.status': 200 } });
}

/** Mean ns inside emit() over n records. */
async function emitNs(p: LogRecordProcessor, n: number): Promise<number> {
  const prov = provider(p);
  const logger = prov.getLogger('bench', '1');
  let ns = 0n;
  for (let i = 0; i < n; ) {
    const t = process.hrtime.bigint();
    for (let k = 0; k < BURST; k++, i++) emitOne(logger, i);
    ns += process.hrtime.bigint() - t;
    await yieldNow();
  }
  await prov.shutdown();
  return Number(ns) / n;
}

/** A CPU profile of one window (node:inspector), written to `out`. */
async function profiled<T>(out: string | undefined, f: () => Promise<T>): Promise<T> {
  if (out === undefined) return f();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * Where the sustained run sends: the SDK's OTLP protobuf exporter, the
 * processor's `otlp` option, or a no-op exporter; `plain` is the reference
 * without sealog: the SDK's own BatchLogRecordProcessor and OTLP protobuf
 * exporter to the same sink.
 */
export type SustainedMode = 'sdk' | 'otlp' | 'noop' | 'plain';

async function sustained(key: string, n: number, profileOut?: string, mode: SustainedMode = 'sdk'): Promise<{ rate: number; seconds: number; cpuUs: number }> {
  const sink = mode === 'noop' ? undefined : await SinkProcess.start({ mode: 'otlp', expect: n });
  const noopExporter = new NoopExporter();
  try {
    const out = sink === undefined ? { exporter: noopExporter } : mode === 'otlp' ? { otlp: { url: `${sink.url}/v1/logs` } } : { exporter: new OTLPLogExporter({ url: `${sink.url}/v1/logs` }) };
    const p =
      mode === 'plain'
        ? new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${sink!.url}/v1/logs` }), maxQueueSize: 1 << 20, maxExportBatchSize: 2048 })
        : new SealingLogRecordProcessor({ ...out, key, stream: 'bench/bench-host', batchRecords: 2048, maxQueue: 1 << 20, maxBufferedRecords: 1 << 20, shutdownTimeoutMs: 600_000 });
    const prov = provider(p);
    const logger = prov.getLogger('bench', '1');
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    await profiled(profileOut, async () => {
      for (let i = 0; i < n; ) {
        for (let k = 0; k < 1024; k++, i++) emitOne(logger, i);
        await yieldNow();
      }
      await prov.shutdown();
    });
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const got = sink ? (await sink.status()).records : noopExporter.exported;
    if (got < n) throw new Error(`the sink counted ${got} of ${n} records`);
    return { rate: n / seconds, seconds, cpuUs: (cpu.user + cpu.system) / n };
  } finally {
    await sink?.stop();
  }
}

export async function bench(o: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir('sealog-bench-sdk-');
  try {
    execFileSync(process.execPath, [CLI, 'keygen', '--out', dir]);
    const key = join(dir, 'sealog.key');
    const n = o.quick ? 50_000 : 200_000;
    const rounds = o.quick ? 1 : 3;
    const batch: number[] = [];
    const sealing: number[] = [];
    for (let r = 0; r < rounds; r++) {
      batch.push(await emitNs(new BatchLogRecordProcessor({ exporter: new NoopExporter(), maxQueueSize: 1 << 20, maxExportBatchSize: 1024 }), n));
      sealing.push(await emitNs(new SealingLogRecordProcessor({ exporter: new NoopExporter(), key, stream: 'bench/emit', maxQueue: 1 << 20 }), n));
    }
    const med = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    const total = o.quick ? 100_000 : 500_000;
    const s = await sustained(key, total);
    const own = await sustained(key, total, undefined, 'otlp');
    const plain = await sustained(key, total, undefined, 'plain');
    return [
      { name: 'emit, BatchLogRecordProcessor (SDK)', value: med(batch), unit: 'ns/record', extra: { runs: rounds, records: n } },
      { name: 'emit, SealingLogRecordProcessor', value: med(sealing), unit: 'ns/record', extra: { runs: rounds, records: n } },
      { name: SDK_RESULTS.emitOverhead, value: med(sealing) - med(batch), unit: 'ns/record' },
      { name: 'sustained app -> OTLP/HTTP sink (protobuf), sealed', value: s.rate, unit: 'records/s', extra: { seconds: Number(s.seconds.toFixed(2)) } },
      { name: SDK_RESULTS.cpuSdkExporter, value: s.cpuUs, unit: 'CPU us/record', extra: { records: total } },
      { name: 'sustained app -> OTLP/HTTP sink, otlp option (sealog encodes)', value: own.rate, unit: 'records/s', extra: { seconds: Number(own.seconds.toFixed(2)) } },
      { name: SDK_RESULTS.cpuOtlp, value: own.cpuUs, unit: 'CPU us/record', extra: { records: total } },
      { name: 'reference: the SDK alone (BatchLogRecordProcessor + its protobuf exporter), no sealing', value: plain.rate, unit: 'records/s', extra: { seconds: Number(plain.seconds.toFixed(2)) } },
      { name: 'reference: the SDK alone, app process CPU', value: plain.cpuUs, unit: 'CPU us/record', extra: { records: total } },
    ];
  } finally {
    removeDir(dir);
  }
}

/**
 * `node dist/bench/sdk.js --sustained N [--otlp | --noop | --plain] [--profile-out FILE]`:
 * only the sustained path, its CPU µs per record in this process, and
 * optionally a CPU profile of just that window (emits, sealing, export,
 * shutdown). `--otlp` sends with the processor's `otlp` option instead of
 * the SDK's protobuf exporter; `--noop` replaces the exporter and the sink
 * by a no-op exporter: what is left is the SDK's record creation plus
 * sealog's own path (queue, chain, conversion to SDK records); `--plain`
 * runs the SDK alone (its BatchLogRecordProcessor), the reference.
 */
export async function sustainedOnly(n: number, profileOut?: string, mode: SustainedMode = 'sdk'): Promise<{ rate: number; seconds: number; cpuUs: number }> {
  const dir = tempDir('sealog-bench-sdk-');
  try {
    execFileSync(process.execPath, [CLI, 'keygen', '--out', dir]);
    return await sustained(join(dir, 'sealog.key'), n, profileOut, mode);
  } finally {
    removeDir(dir);
  }
}

const sIdx = process.argv.indexOf('--sustained');
if (process.argv[1] === fileURLToPath(import.meta.url) && sIdx > 0) {
  const n = Number(process.argv[sIdx + 1] ?? 200_000);
  const pIdx = process.argv.indexOf('--profile-out');
  const mode: SustainedMode = process.argv.includes('--noop') ? 'noop' : process.argv.includes('--otlp') ? 'otlp' : process.argv.includes('--plain') ? 'plain' : 'sdk';
  const r = await sustainedOnly(n, pIdx > 0 ? process.argv[pIdx + 1] : undefined, mode);
  const what = { sdk: 'SDK protobuf exporter', otlp: 'otlp option: sealog encodes and sends', noop: "no-op exporter: sealog's own path only", plain: 'reference: the SDK alone, BatchLogRecordProcessor and its protobuf exporter, no sealing' }[mode];
  process.stdout.write(`sustained ${n} records (${what}): ${r.cpuUs.toFixed(2)} CPU us/record in the app process (${r.rate.toFixed(0)} records/s wall, not meaningful under load)\n`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await bench({ quick: process.argv.includes('--quick') });
  for (const r of results) process.stdout.write(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.extra ? ' ' + JSON.stringify(r.extra) : ''}\n`);
}
