/**
 * SealingLogRecordProcessor with the other official OTLP log exporters, as
 * published (@opentelemetry/exporter-logs-otlp-proto and
 * @opentelemetry/exporter-logs-otlp-grpc): protobuf over HTTP to a real sink
 * on 127.0.0.1, and gRPC to a real `sealog run` agent (child process) whose
 * file output is checked with both keys. Verified with the real
 * `sealog verify` (dist/). Needs `npm run build` first.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPLogExporter as GrpcExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SealingLogRecordProcessor } from '../../src/sdk/index.js';
import { runCli, startAgent, stopAgent, tempDir } from '../helpers/agent-process.js';
import { startSink } from '../exporters/helpers/sink.js';
import { appIndexes, verifyLines } from './app-helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const N = 3000;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

async function keyedDir(): Promise<string> {
  const t = await tempDir('sealog-sdk-exp-');
  cleanups.push(t.cleanup);
  for (const who of ['app', 'agent']) {
    const k = await runCli(['keygen', '--out', join(t.dir, who)]);
    expect(k.code, k.stderr).toBe(0);
  }
  return t.dir;
}

/** Logs N records through the processor with `exporter`, then shuts the provider down. */
async function logThrough(exporter: LogRecordExporter, key: string): Promise<void> {
  const processor = new SealingLogRecordProcessor({ exporter, key, seal: { everyRecords: 500, intervalMs: 200 }, retry: { initialIntervalMs: 50, maxIntervalMs: 500 } });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'payments', 'host.name': 'app-host' }), processors: [processor] });
  cleanups.push(() => provider.shutdown().catch(() => undefined));
  const logger = provider.getLogger('payments.audit', '1.0.0');
  for (let i = 1; i <= N; i++) {
    logger.emit({ severityNumber: 9, severityText: 'INFO', body: i % 7 === 0 ? { action: 'refund', amount: i / 4 } : `payment ${i} accepted`, attributes: { 'app.i': i, ratio: i / 3, bin: new Uint8Array([i & 255]) } });
    if (i % 500 === 0) await new Promise((r) => setImmediate(r));
  }
  await provider.shutdown();
}

describe('SealingLogRecordProcessor with the official protobuf and gRPC exporters', () => {
  it('OTLP/HTTP protobuf (exporter-logs-otlp-proto) to a sink: every record arrives and verifies INTACT', async () => {
    const dir = await keyedDir();
    const sink = await startSink();
    cleanups.push(() => sink.close());
    await logThrough(new ProtoExporter({ url: `${sink.url}/v1/logs` }), join(dir, 'app', 'sealog.key'));
    expect(sink.errors).toEqual([]);
    expect(sink.requests.every((r) => r.kind === 'proto')).toBe(true);
    expect([...new Set(appIndexes(sink.acceptedData))].sort((a, b) => a - b)).toEqual(range(N));
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', sink.acceptedJsonLines(), [join(dir, 'app', 'sealog.pub')]);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    expect(report.warnings).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.records])).toEqual([['payments/app-host', N]]);
  }, 120_000);

  it('OTLP/gRPC (exporter-logs-otlp-grpc) to a sealog agent: the app chain and the agent chain verify in one run', async () => {
    const dir = await keyedDir();
    await mkdir(join(dir, 'out'));
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      `agent: { id: agent-host }
receivers:
  otlp:
    protocols:
      grpc: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/agent/sealog.key
  seal: { every_records: 500, interval: 200ms, heartbeat: 5s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: none }
  shutdown_timeout: 60s
  pipelines:
    logs: { receivers: [otlp], processors: [], exporters: [file] }
`,
    );
    const agent = startAgent(cfg);
    cleanups.push(() => stopAgent(agent, 'SIGKILL'));
    const l = await agent.waitForLog((x) => x.msg === 'OTLP/gRPC receiver listening', 60_000);
    await agent.waitForLog((x) => x.msg === 'sealog started', 60_000);
    const port = Number(String(l.endpoint).split(':').pop());
    await logThrough(new GrpcExporter({ url: `http://127.0.0.1:${port}` }), join(dir, 'app', 'sealog.key'));
    const { code: exit } = await stopAgent(agent, 'SIGTERM');
    expect(exit, agent.stderr().slice(-2000)).toBe(0);
    const lines = (await readFile(join(dir, 'out', 'logs.jsonl'), 'utf8')).split('\n').filter((x) => x !== '');
    const { code, report, stderr } = await verifyLines(dir, 'all.jsonl', lines, [join(dir, 'app', 'sealog.pub'), join(dir, 'agent', 'sealog.pub')]);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    const app = report.streams.find((s) => s.stream === 'payments/app-host');
    const ag = report.streams.find((s) => s.stream === 'agent-host/logs');
    expect(app?.records).toBe(N);
    expect(ag?.records).toBe(N + app!.controlRecords);
    expect(app!.findings.filter((f) => f.severity === 'violation')).toEqual([]);
  }, 180_000);
});
