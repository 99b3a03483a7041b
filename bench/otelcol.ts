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
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runPeer } from './scenarios/peer-proc.js';
import { removeDir, tempDir } from './scenarios/procs.js';
import { SinkProcess } from './scenarios/sink-proc.js';
import type { BenchContext, RunMetrics } from './scenarios/types.js';

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
  try {
    const conf = join(dir, 'otelcol.yaml');
    writeFileSync(conf, otelcolConf(ctx.input.path, sink.url, storage));
    const { metrics: m, report } = await runPeer(ctx, sink, 'otelcol', otelcol, ['--config', `file:${conf}`]);
    m.extra = { requests: report.requests, wireMB: Number((report.wireBytes / 1e6).toFixed(1)), sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)) };
    return m;
  } finally {
    await sink.stop();
    removeDir(dir);
  }
}
