/**
 * The OpenTelemetry Collector peer (scenarios 7 and 8): the Collector built by
 * `npm run peers` (.peers/otelcol) tails the same input file as scenario 1
 * with its filelog receiver, batches, and sends OTLP/HTTP protobuf + gzip to
 * the same counting sink process. Scenario 8 adds the `file_storage`
 * extension as the otlphttp exporter's persistent sending queue, the
 * Collector's nearest to sealog's durable spool. No hashing or signing.
 * Measured from spawning the Collector to the sink having counted every line;
 * CPU and peak RSS are the Collector's. Its own telemetry is off.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runTimeoutMs } from './scenarios/file-tail.js';
import { ProcSampler } from './scenarios/procstat.js';
import { removeDir, stopChild, tempDir, track } from './scenarios/procs.js';
import { SinkProcess } from './scenarios/sink-proc.js';
import { toMetrics, type BenchContext, type RunMetrics } from './scenarios/types.js';
import { nowMs } from './sink.js';

export const OTELCOL = fileURLToPath(new URL('../../.peers/otelcol', import.meta.url));

/** The Collector binary, or why its rows are skipped. */
export function locateOtelcol(): { path: string } | { skip: string } {
  if (existsSync(OTELCOL)) return { path: OTELCOL };
  return { skip: `${OTELCOL} is missing: run \`npm run peers\` (needs Go; builds test/peers/otelcol) to compare with the OpenTelemetry Collector` };
}

export async function otelcolVersion(path: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version']);
    return String(stdout).trim();
  } catch {
    return 'unknown';
  }
}

/** filelog -> batch (defaults: 8192 records or 200 ms) -> otlphttp protobuf + gzip, optionally through a file_storage queue. */
export function otelcolConf(input: string, sinkUrl: string, storageDir: string | undefined): string {
  const lines = [
    'receivers:',
    '  filelog:',
    `    include: [${JSON.stringify(input)}]`,
    '    start_at: beginning',
    'processors:',
    '  batch: {}',
    'exporters:',
    '  otlphttp:',
    `    endpoint: ${sinkUrl}`,
    '    encoding: proto',
    '    compression: gzip',
  ];
  if (storageDir) lines.push('    sending_queue: { storage: file_storage }', 'extensions:', '  file_storage:', `    directory: ${JSON.stringify(storageDir)}`);
  lines.push(
    'service:',
    ...(storageDir ? ['  extensions: [file_storage]'] : []),
    '  telemetry:',
    '    logs: { level: warn }',
    '    metrics: { level: none }',
    '  pipelines:',
    '    logs: { receivers: [filelog], processors: [batch], exporters: [otlphttp] }',
    '',
  );
  return lines.join('\n');
}

export async function runOtelcol(ctx: BenchContext, otelcol: string, opts: { persistentQueue: boolean }): Promise<RunMetrics> {
  const dir = tempDir(opts.persistentQueue ? 'otelcol-queue' : 'otelcol');
  const storage = opts.persistentQueue ? join(dir, 'storage') : undefined;
  if (storage) mkdirSync(storage);
  const sink = await SinkProcess.start({ mode: 'otlp', expect: ctx.input.lines });
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const conf = join(dir, 'otelcol.yaml');
    writeFileSync(conf, otelcolConf(ctx.input.path, sink.url, storage));
    const out: string[] = [];
    const t0 = nowMs();
    child = track(spawn(otelcol, ['--config', `file:${conf}`], { stdio: ['ignore', 'pipe', 'pipe'] }));
    const keep = (c: Buffer): void => {
      out.push(c.toString('utf8'));
      if (out.length > 40) out.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const sampler = new ProcSampler(child.pid!, 200);
    const report = await sink.waitDone(runTimeoutMs(ctx.input.lines), { child, name: 'otelcol', logTail: () => out.join('') });
    sampler.sample();
    sampler.stop();
    const m = toMetrics(ctx.input.lines, (report.lastAt! - t0) / 1000, ctx.input.bytes, sampler.cpu, sampler.peakRss);
    m.extra = { requests: report.requests, wireMB: Number((report.wireBytes / 1e6).toFixed(1)), sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)) };
    return m;
  } finally {
    if (child) await stopChild(child, 'SIGTERM', 10_000);
    await sink.stop();
    removeDir(dir);
  }
}
