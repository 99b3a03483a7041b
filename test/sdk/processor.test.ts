/**
 * SealingLogRecordProcessor with the official OpenTelemetry JS SDK, as is:
 * an app in a child process logs through it to a real OTLP/HTTP sink on
 * 127.0.0.1, and the real `sealog verify` (dist/) checks what arrived with
 * the app's public key. Needs `npm run build` first.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/agent-process.js';
import { startSink, type Sink } from '../exporters/helpers/sink.js';
import { appIndexes, runApp, startApp, verifyLines, type AppProc } from './app-helpers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ dir: string; key: string; pub: string; sink: Sink }> {
  const t = await tempDir('sealog-sdk-');
  cleanups.push(t.cleanup);
  const k = await runCli(['keygen', '--out', join(t.dir, 'keys')]);
  expect(k.code, k.stderr).toBe(0);
  const sink = await startSink();
  cleanups.push(() => sink.close());
  return { dir: t.dir, key: join(t.dir, 'keys', 'sealog.key'), pub: join(t.dir, 'keys', 'sealog.pub'), sink };
}

function track(app: AppProc): AppProc {
  cleanups.push(async () => {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await app.exited;
  });
  return app;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

describe('SealingLogRecordProcessor in an app on the official SDK', () => {
  it('50,000 records reach an OTLP sink and verify INTACT with the app key', async () => {
    const { dir, key, pub, sink } = await setup();
    await runApp({ SINK_URL: `${sink.url}/v1/logs`, KEY: key, COUNT: '50000' });
    expect(sink.errors).toEqual([]);
    expect([...new Set(appIndexes(sink.acceptedData))].sort((a, b) => a - b)).toEqual(range(50_000));
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', sink.acceptedJsonLines(), [pub]);
    expect(code, stderr).toBe(0);
    expect(report.intact).toBe(true);
    expect(report.warnings).toBe(0);
    expect(report.streams.map((s) => s.stream)).toEqual(['payments/app-host']);
    const s = report.streams[0]!;
    expect(s.records).toBe(50_000);
    expect(s.seals).toBeGreaterThanOrEqual(50);
    // The app's own `sealog.spoof` attribute is kept aside, not trusted.
    const first = sink.acceptedData.flatMap((d) => d.resourceLogs).flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)).find((r) => r.attributes.some((a) => a.key === 'app.i'))!;
    expect(first.attributes.map((a) => a.key)).toContain('sealog.upstream.spoof');
    expect(first.attributes.map((a) => a.key)).not.toContain('sealog.spoof');
  }, 300_000);

  it('a changed record in the backend is caught at its seq', async () => {
    const { dir, key, pub, sink } = await setup();
    await runApp({ SINK_URL: `${sink.url}/v1/logs`, KEY: key, COUNT: '500' });
    const lines = sink.acceptedJsonLines().map((l) => l.replace('"payment 100 accepted"', '"payment 100 refused"'));
    expect(lines.join('\n')).toContain('payment 100 refused');
    const { code, report } = await verifyLines(dir, 'tampered.jsonl', lines, [pub]);
    expect(code).toBe(1);
    const modified = report.streams[0]!.findings.filter((f) => f.kind === 'modified');
    expect(modified.length).toBe(1);
  }, 120_000);

  it('a full queue produces a signed loss record, not silence', async () => {
    const { dir, key, pub, sink } = await setup();
    await runApp({ SINK_URL: `${sink.url}/v1/logs`, KEY: key, COUNT: '5000', MAX_QUEUE: '1000', BURST: '1' });
    const got = appIndexes(sink.acceptedData);
    expect(got.length).toBe(1000);
    const { code, report } = await verifyLines(dir, 'sink.jsonl', sink.acceptedJsonLines(), [pub]);
    expect(code).toBe(0);
    const loss = report.streams[0]!.findings.filter((f) => f.kind === 'loss');
    expect(loss.length).toBe(1);
    expect(loss[0]!.message).toMatch(/4000/);
    expect(loss[0]!.message).toMatch(/queue_full/);
  }, 120_000);

  it('SIGKILL with spoolDir loses no acknowledged record; the chain resumes on restart', async () => {
    const { dir, key, pub, sink } = await setup();
    sink.behaviour = () => ({ status: 503 });
    const spoolDir = join(dir, 'spool');
    const env = { SINK_URL: `${sink.url}/v1/logs`, KEY: key, SPOOL_DIR: spoolDir };
    const app = track(startApp({ ...env, COUNT: '40000', PERSIST_EVERY: '500' }));
    await app.waitForLine(/^durable 10000$/);
    app.child.kill('SIGKILL');
    await app.exited;
    const acked = Math.max(...app.stdout().split('\n').filter((l) => l.startsWith('durable ')).map((l) => Number(l.slice(8))));
    expect(acked).toBeGreaterThanOrEqual(10_000);
    expect(acked).toBeLessThan(40_000);
    expect(appIndexes(sink.acceptedData)).toEqual([]);

    sink.behaviour = undefined;
    await runApp({ ...env, COUNT: '0' });
    const got = new Set(appIndexes(sink.acceptedData));
    for (let i = 1; i <= acked; i++) if (!got.has(i)) throw new Error(`acknowledged record ${i} is missing`);
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', sink.acceptedJsonLines(), [pub]);
    expect(code, stderr).toBe(0);
    expect(report.intact).toBe(true);
    expect(report.streams.length).toBe(1);
    expect(report.streams[0]!.findings.filter((f) => f.kind === 'chain_restart')).toEqual([]);
  }, 300_000);
});
