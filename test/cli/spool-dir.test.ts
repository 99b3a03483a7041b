/**
 * `sealog spool dlq list|replay`, `sealog spool inspect` and `sealog spool
 * verify` given the configured spool.dir (which holds one folder per
 * pipeline): they look into every pipeline's folder and say which pipeline
 * each result belongs to. The spool and its dead letters are made by a real
 * agent whose otlphttp exporter is refused (HTTP 400) by a real server.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { listDeadLetters } from '../../src/exporters/dlq.js';
import { startSink, type Sink } from '../exporters/helpers/sink.js';
import { runCli, startAgent, stopAgent, tempDir, waitUntil, type AgentProc } from '../helpers/agent-process.js';

const agents: AgentProc[] = [];
const sinks: Sink[] = [];
const dirs: Array<{ cleanup(): Promise<void> }> = [];
afterEach(async () => {
  for (const a of agents.splice(0)) await stopAgent(a, 'SIGKILL');
  for (const s of sinks.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await d.cleanup();
});

async function post(port: number, n: number): Promise<void> {
  const body = JSON.stringify({ resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 't' }, logRecords: Array.from({ length: n }, (_, i) => ({ body: { stringValue: `r${i}` } })) }] }] });
  const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.body.text();
  expect(res.statusCode).toBe(200);
}

/** An agent with pipelines `logs` (otlphttp, refused with 400: dead letters) and `logs/audit` (file; folder logs_audit), stopped once the dead letter exists. */
async function spoolWithDeadLetters(): Promise<{ dir: string; root: string }> {
  const t = await tempDir('sealog-spooldir-');
  dirs.push(t);
  const refusing = await startSink({ behaviour: () => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'schema mismatch' }) });
  sinks.push(refusing);
  const cfg = join(t.dir, 'sealog.yaml');
  await writeFile(
    cfg,
    `agent: { id: dir-host }
receivers:
  otlp:
    protocols: { http: { endpoint: 127.0.0.1:0 } }
  otlp/audit:
    protocols: { http: { endpoint: 127.0.0.1:0 } }
exporters:
  otlphttp: { endpoint: ${refusing.url}, encoding: json }
  file: { path: ${t.dir}/out/audit.jsonl, flush_interval: 20ms }
integrity:
  key: ${t.dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${t.dir}/spool }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 2s
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
    logs/audit: { receivers: [otlp/audit], exporters: [file] }
`,
  );
  const agent = startAgent(cfg);
  agents.push(agent);
  await agent.waitForLog((x) => x.msg === 'sealog started', 60_000);
  const ports = agent.logs.filter((l) => l.msg === 'OTLP/HTTP receiver listening').map((l) => ({ id: String(l.receiver ?? l.component ?? ''), port: Number(String(l.endpoint).split(':').pop()) }));
  expect(ports).toHaveLength(2);
  for (const p of ports) await post(p.port, 5);
  const root = join(t.dir, 'spool');
  await waitUntil('a dead letter in pipeline logs', async () => (await listDeadLetters(join(root, 'logs'))).entries.length > 0);
  expect(await stopAgent(agent, 'SIGTERM')).toMatchObject({ code: 0 });
  return { dir: t.dir, root };
}

describe('spool tools given spool.dir (real agent, real files)', () => {
  it('dlq list and replay find the dead letters in the pipeline folder; inspect and verify report every pipeline', async () => {
    const { dir, root } = await spoolWithDeadLetters();

    const list = await runCli(['spool', 'dlq', 'list', '--dir', root]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/pipeline logs {2}otlphttp {2}rejected 400/);
    expect(list.stdout).toContain(join(root, 'logs', 'dlq'));
    expect(list.stdout).not.toContain('no dead letters');
    const listJson = await runCli(['spool', 'dlq', 'list', '--dir', root, '--json']);
    const j = JSON.parse(listJson.stdout) as { pipelines: string[]; entries: Array<{ pipeline: string; exporter: string }> };
    expect(j.pipelines).toEqual(['logs', 'logs_audit']);
    expect(j.entries.length).toBeGreaterThan(0);
    expect(new Set(j.entries.map((e) => `${e.pipeline}/${e.exporter}`))).toEqual(new Set(['logs/otlphttp']));

    const inspect = await runCli(['spool', 'inspect', '--dir', root]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toContain('it holds the spools of 2 pipeline(s): logs, logs_audit');
    expect(inspect.stdout).toContain('== pipeline logs_audit ==');
    expect(inspect.stdout).toContain('== pipeline logs ==');
    expect(inspect.stdout).toContain('stream dir-host/logs');
    expect(inspect.stdout).toContain('stream dir-host/logs/audit');
    const inspectJson = JSON.parse((await runCli(['spool', 'inspect', '--dir', root, '--json'])).stdout) as { pipelines: Array<{ pipeline: string; totals: { segments: number }; chainHead: { stream: string } }> };
    expect(inspectJson.pipelines.map((p) => [p.pipeline, p.chainHead.stream])).toEqual([
      ['logs', 'dir-host/logs'],
      ['logs_audit', 'dir-host/logs/audit'],
    ]);
    for (const p of inspectJson.pipelines) expect(p.totals.segments).toBeGreaterThan(0);

    const verify = await runCli(['spool', 'verify', '--dir', root, '--key', join(dir, 'keys', 'sealog.pub')]);
    expect(verify.stdout).toContain('== pipeline logs_audit ==');
    expect(verify.stdout).toContain('== pipeline logs ==');
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);

    const accepting = await startSink();
    sinks.push(accepting);
    const replay = await runCli(['spool', 'dlq', 'replay', '--dir', root, '--exporter', 'otlphttp', '--endpoint', accepting.url, '--delete']);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/\d+ of \d+ dead letters replayed/);
    expect(accepting.accepted.length).toBeGreaterThan(0);
    const none = await runCli(['spool', 'dlq', 'list', '--dir', root]);
    expect(none.stdout).toContain(`no dead letters in ${root} (it holds the spools of pipelines logs, logs_audit; none has any)`);
  }, 120_000);

  it('a directory that holds no spool says so instead of "0 segments" alone', async () => {
    const t = await tempDir('sealog-spooldir-');
    dirs.push(t);
    const inspect = await runCli(['spool', 'inspect', '--dir', t.dir]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain('holds no spool yet');
    const list = await runCli(['spool', 'dlq', 'list', '--dir', t.dir]);
    expect(list.stdout).toContain('holds no spool yet');
  });
});
