/**
 * End to end: records sealed in an app (official SDK + SealingLogRecordProcessor)
 * go over OTLP/HTTP to a real `sealog run` agent, which chains them into its
 * own stream and writes them with its file exporter. One
 * `sealog verify --key app.pub --key agent.pub` checks both chains: the
 * agent's, and the app's on the view that undoes the agent's rename of
 * upstream `sealog.*` keys (docs/PROTOCOL.md §13). Needs `npm run build`.
 */
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startAgent, stopAgent, tempDir, type AgentProc } from '../helpers/agent-process.js';
import { crc32c } from '../../src/spool/crc32c.js';
import { startSink } from '../exporters/helpers/sink.js';
import { runApp, verifyLines } from './app-helpers.js';

/**
 * Rewrites `from` to `to` (same length) inside the agent's spool segments and
 * fixes the CRC-32C of the frame that holds it (docs/SPOOL.md: 40-byte segment
 * header, then frames of [body length u32][crc u32][body]). Returns the frames changed.
 */
async function tamperSpool(dir: string, from: string, to: string): Promise<number> {
  let changed = 0;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.seg'))) {
    const path = join(dir, name);
    const buf = await readFile(path);
    let at = buf.indexOf(from);
    if (at < 0) continue;
    for (let off = 40; off + 8 <= buf.length; ) {
      const len = buf.readUInt32BE(off);
      const body = off + 8;
      if (len === 0 || body + len > buf.length) break;
      while (at >= body && at + from.length <= body + len) {
        buf.write(to, at);
        at = buf.indexOf(from, at + 1);
        buf.writeUInt32BE(crc32c(buf, body, body + len), off + 4);
        changed++;
      }
      off = body + len;
    }
    const fh = await open(path, 'r+');
    await fh.write(buf, 0, buf.length, 0);
    await fh.close();
  }
  return changed;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A temporary directory with an app key pair (app/) and an agent key pair (agent/). */
async function keyedDir(prefix: string): Promise<string> {
  const t = await tempDir(prefix);
  cleanups.push(t.cleanup);
  for (const who of ['app', 'agent']) {
    const k = await runCli(['keygen', '--out', join(t.dir, who)]);
    expect(k.code, k.stderr).toBe(0);
  }
  return t.dir;
}

/** An agent with one OTLP/HTTP receiver on an OS-chosen port and the given exporter (id `exporterId`). */
function agentYaml(dir: string, o: { exporter: string; exporterId: string; processors?: string; pipelineProcessors?: string; sealEvery: number; spool: string; shutdown: string; processSealed?: boolean }): string {
  return `agent: { id: agent-host }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
${o.processors ?? ''}exporters:
  ${o.exporter}
integrity:
  key: ${dir}/agent/sealog.key
  seal: { every_records: ${o.sealEvery}, interval: 200ms, heartbeat: 5s }
spool: { dir: ${dir}/spool, ${o.spool} }
service:
  telemetry: { metrics: none }
  shutdown_timeout: ${o.shutdown}
  pipelines:
    logs:
      receivers: [otlp]
      processors: [${o.pipelineProcessors ?? ''}]
      exporters: [${o.exporterId}]
${o.processSealed ? '      process_sealed: true\n' : ''}`;
}

async function startAgentOn(cfg: string): Promise<{ agent: AgentProc; port: number }> {
  const agent = startAgent(cfg);
  cleanups.push(() => stopAgent(agent, 'SIGKILL'));
  const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening', 60_000);
  await agent.waitForLog((x) => x.msg === 'sealog started', 60_000);
  return { agent, port: Number(String(l.endpoint).split(':').pop()) };
}

async function agentWithApp(opts: { count: number; redact?: boolean; processSealed?: boolean; nativeOtlp?: 'gzip' | 'none' }) {
  const dir = await keyedDir('sealog-sdk-agent-');
  await mkdir(join(dir, 'out'), { recursive: true });
  const cfg = join(dir, 'sealog.yaml');
  await writeFile(
    cfg,
    agentYaml(dir, {
      exporter: `file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }`,
      exporterId: 'file',
      ...(opts.redact ? { processors: "processors:\n  redact: { patterns: ['payment \\d+'] }\n", pipelineProcessors: 'redact' } : {}),
      sealEvery: 500,
      spool: 'sync: interval, sync_interval: 20ms',
      shutdown: '60s',
      ...(opts.processSealed ? { processSealed: true } : {}),
    }),
  );
  const { agent, port } = await startAgentOn(cfg);
  await runApp({ SINK_URL: `http://127.0.0.1:${port}/v1/logs`, KEY: join(dir, 'app', 'sealog.key'), COUNT: String(opts.count), ...(opts.nativeOtlp ? { NATIVE_OTLP: opts.nativeOtlp } : {}) });
  const { code } = await stopAgent(agent, 'SIGTERM');
  expect(code, agent.stderr().slice(-2000)).toBe(0);
  const lines = (await readFile(join(dir, 'out', 'logs.jsonl'), 'utf8')).split('\n').filter((x) => x !== '');
  return { dir, lines, keys: [join(dir, 'app', 'sealog.pub'), join(dir, 'agent', 'sealog.pub')] };
}

function stream(report: Awaited<ReturnType<typeof verifyLines>>['report'], name: string) {
  const s = report.streams.find((x) => x.stream === name);
  if (!s) throw new Error(`no stream ${name} in the report: ${report.streams.map((x) => x.stream).join(', ')}`);
  return s;
}

describe('an app-sealed record through a sealog agent', () => {
  it('50,000 records: the app chain verifies with the app key and the agent chain with the agent key, in one run', async () => {
    const { dir, lines, keys } = await agentWithApp({ count: 50_000 });
    const { code, report, stderr } = await verifyLines(dir, 'all.jsonl', lines, keys);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    const app = stream(report, 'payments/app-host');
    const agent = stream(report, 'agent-host/logs');
    expect(app.records).toBe(50_000);
    expect(agent.records).toBe(50_000 + app.controlRecords);
    expect(app.findings.filter((f) => f.severity === 'violation')).toEqual([]);
    // Each chain needs its own key: with the agent's key only, the app's chain is not vouched for.
    const agentOnly = await verifyLines(dir, 'all.jsonl', lines, [keys[1]!]);
    expect(agentOnly.code).toBe(1);
  }, 400_000);

  it('the otlp option (sealog encodes, gzip) into the agent: both chains verify in one run', async () => {
    const { dir, lines, keys } = await agentWithApp({ count: 10_000, nativeOtlp: 'gzip' });
    const { code, report, stderr } = await verifyLines(dir, 'all.jsonl', lines, keys);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    const app = stream(report, 'payments/app-host');
    expect(app.records).toBe(10_000);
    expect(stream(report, 'agent-host/logs').records).toBe(10_000 + app.controlRecords);
    expect(report.warnings).toBe(0);
  }, 400_000);

  it('a record changed after the agent is caught by both chains', async () => {
    const { dir, lines, keys } = await agentWithApp({ count: 2000 });
    const tampered = lines.map((l) => l.replace('"payment 1234 accepted"', '"payment 1234 refunded"'));
    expect(tampered.join('\n')).toContain('payment 1234 refunded');
    const { code, report } = await verifyLines(dir, 'tampered.jsonl', tampered, keys);
    expect(code).toBe(1);
    expect(stream(report, 'payments/app-host').findings.filter((f) => f.kind === 'modified').map((f) => f.seq).length).toBe(1);
    expect(stream(report, 'agent-host/logs').findings.filter((f) => f.kind === 'modified').length).toBe(1);
  }, 300_000);

  it('processors pass sealed records unchanged by default; a change inside the agent (process_sealed) is caught by the upstream chain', async () => {
    const kept = await agentWithApp({ count: 300, redact: true });
    expect(kept.lines.join('\n').includes('payment 3 accepted')).toBe(true);
    const ok = await verifyLines(kept.dir, 'kept.jsonl', kept.lines, kept.keys);
    expect(ok.code, JSON.stringify(ok.report.findings)).toBe(0);

    const changed = await agentWithApp({ count: 300, redact: true, processSealed: true });
    expect(changed.lines.join('\n').includes('payment 3 accepted')).toBe(false);
    const { code, report } = await verifyLines(changed.dir, 'changed.jsonl', changed.lines, changed.keys);
    expect(code).toBe(1);
    // The agent sealed what its processor made: its chain is intact; the app's chain shows every redacted record.
    expect(stream(report, 'agent-host/logs').findings.filter((f) => f.severity === 'violation')).toEqual([]);
    expect(stream(report, 'payments/app-host').findings.filter((f) => f.kind === 'modified').length).toBeGreaterThan(0);
  }, 300_000);

  it('a record changed inside the agent spool (frame CRC fixed) is caught by the upstream chain', async () => {
    const dir = await keyedDir('sealog-sdk-spool-');
    const sink = await startSink({ behaviour: () => ({ status: 503 }) });
    cleanups.push(() => sink.close());
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      agentYaml(dir, {
        exporter: `otlphttp: { endpoint: ${sink.url}, encoding: json, compression: none, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }`,
        exporterId: 'otlphttp',
        sealEvery: 100,
        spool: 'sync: always',
        shutdown: '1s',
      }),
    );
    const first = await startAgentOn(cfg);
    await runApp({ SINK_URL: `http://127.0.0.1:${first.port}/v1/logs`, KEY: join(dir, 'app', 'sealog.key'), COUNT: '300' });
    await stopAgent(first.agent, 'SIGTERM');
    expect(sink.acceptedData.length).toBe(0);
    expect(await tamperSpool(join(dir, 'spool', 'logs'), 'payment 123 accepted', 'payment 123 refunded')).toBe(1);

    sink.behaviour = undefined;
    const second = await startAgentOn(cfg);
    await sink.waitUntil(() => sink.acceptedJsonLines().join('\n').includes('payment 300 accepted'), 'the spool exported', 120_000);
    await stopAgent(second.agent, 'SIGTERM');
    const lines = sink.acceptedJsonLines();
    expect(lines.join('\n').includes('payment 123 refunded')).toBe(true);
    const { code, report } = await verifyLines(dir, 'exported.jsonl', lines, [join(dir, 'app', 'sealog.pub'), join(dir, 'agent', 'sealog.pub')]);
    expect(code).toBe(1);
    expect(stream(report, 'payments/app-host').findings.filter((f) => f.kind === 'modified').length).toBe(1);
    // The agent's hash of the record no longer matches either: whoever rewrites the spool without the agent's key is caught twice.
    expect(stream(report, 'agent-host/logs').findings.filter((f) => f.kind === 'modified').length).toBe(1);
  }, 300_000);
});
