/**
 * A crash must never look like tampering (issue 20), with the real `sealog`
 * process: records are exported, the agent is killed with SIGKILL, the
 * newest spool segment is cut short or deleted (what a power cut does under
 * `sync: interval`), the agent restarts and exports more, and `sealog verify`
 * on the backend's data reports exactly ONE declared `spool_tail_lost`
 * finding naming the lost range: no reused seq, so no conflicting_duplicate,
 * modified or invalid_seal. With `sync: always` a SIGKILL loses nothing and
 * the chain simply continues.
 */
import { mkdir, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { decodeAckTag } from '../../src/pipeline/meta.js';
import { decodeCursor } from '../../src/spool/cursor-file.js';
import { parseSegmentFileName, SEGMENT_HEADER_BYTES } from '../../src/spool/format.js';
import { runCli, startAgent, stopAgent, tempDir, waitUntil, type AgentProc } from '../helpers/agent-process.js';

const started: AgentProc[] = [];
const dirs: Array<{ cleanup(): Promise<void> }> = [];

afterEach(async () => {
  for (const a of started.splice(0)) await stopAgent(a, 'SIGKILL');
  for (const d of dirs.splice(0)) await d.cleanup();
});

function config(dir: string, sync: 'interval' | 'always'): string {
  return `agent: { id: tail-host }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 20ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 25, interval: 200ms, heartbeat: 30s }
spool: { dir: ${dir}/spool, sync: ${sync}, sync_interval: 20ms, segment_size: 4KiB, retain: 1h }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 5s
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [file]
`;
}

async function setup(sync: 'interval' | 'always') {
  const t = await tempDir('sealog-tail-');
  dirs.push(t);
  const cfg = join(t.dir, 'sealog.yaml');
  await writeFile(cfg, config(t.dir, sync));
  return { dir: t.dir, cfg, spool: join(t.dir, 'spool', 'logs'), out: join(t.dir, 'out', 'logs.jsonl') };
}

async function start(cfg: string): Promise<{ agent: AgentProc; port: number }> {
  const agent = startAgent(cfg);
  started.push(agent);
  const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening', 60_000);
  await agent.waitForLog((x) => x.msg === 'sealog started', 60_000);
  return { agent, port: Number(String(l.endpoint).split(':').pop()) };
}

async function post(port: number, from: number, n: number): Promise<void> {
  const body = JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'tail-client' } }] },
        scopeLogs: [
          {
            scope: { name: 'tail' },
            logRecords: Array.from({ length: n }, (_, i) => ({ timeUnixNano: String(1_767_225_600_000_000_000n + BigInt(from + i)), body: { stringValue: `record ${from + i} ${'x'.repeat(80)}` } })),
          },
        ],
      },
    ],
  });
  const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.body.text();
  expect(res.statusCode).toBe(200);
}

const text = (p: string) => readFile(p, 'utf8').catch(() => '');

/** Highest sealog.seq in the backend's file. */
async function maxSeqOut(out: string): Promise<number> {
  let max = 0;
  for (const m of (await text(out)).matchAll(/"sealog\.seq","value":\{"intValue":"(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** Highest sealog.seq of a seal record in the backend's file. */
async function maxSealSeqOut(out: string): Promise<number> {
  let max = 0;
  for (const line of (await text(out)).split('\n')) {
    if (!line.includes('"stringValue":"seal"')) continue;
    for (const rl of (JSON.parse(line) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ attributes?: Array<{ key: string; value: { stringValue?: string; intValue?: string } }> }> }> }> }).resourceLogs) {
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) {
          const a = new Map((r.attributes ?? []).map((x) => [x.key, x.value]));
          if (a.get('sealog.type')?.stringValue === 'seal') max = Math.max(max, Number(a.get('sealog.seq')?.intValue ?? 0));
        }
      }
    }
  }
  return max;
}

/** The chain seq the file exporter's cursor acknowledged (its ack tag), 0 if none. */
async function ackedSeq(spool: string): Promise<number> {
  const buf = await readFile(join(spool, 'cursor-file.cur')).catch(() => undefined);
  if (!buf) return 0;
  const d = decodeCursor(buf);
  return d.ok && d.state.tag ? (decodeAckTag(d.state.tag)?.seq ?? 0) : 0;
}

async function segments(spool: string): Promise<Array<{ name: string; id: number }>> {
  return (await readdir(spool))
    .map((name) => ({ name, id: parseSegmentFileName(name) }))
    .filter((x): x is { name: string; id: number } => x.id !== undefined)
    .sort((a, b) => a.id - b.id);
}

/**
 * The newest segment that holds frames, after removing the segments after
 * it that hold their header alone (opened, nothing written yet): "the newest
 * segment" of these tests is the one with the newest frames, whatever the
 * timing of the segment roll.
 */
async function newestWithFrames(spool: string): Promise<string> {
  const segs = await segments(spool);
  expect(segs.length).toBeGreaterThan(1);
  for (let i = segs.length - 1; i >= 0; i--) {
    const path = join(spool, segs[i]!.name);
    if ((await stat(path)).size > SEGMENT_HEADER_BYTES) {
      expect(i).toBeGreaterThan(0);
      return path;
    }
    await rm(path);
  }
  throw new Error('no segment holds frames');
}

/** Exports `n` records, waits until they are in the backend and acknowledged, then SIGKILLs the agent. */
async function exportThenKill(cfg: string, out: string, spool: string, n: number): Promise<void> {
  const { agent, port } = await start(cfg);
  for (let i = 0; i < n; i += 10) await post(port, i, 10);
  await waitUntil('every record exported', async () => (await text(out)).includes(`record ${n - 1} `));
  // Until the newest record out is the seal over the last record (no seal is due after it: the
  // heartbeat is 30 s), and the cursor acknowledged it. Else a seal written after this wait (the
  // 200 ms seal interval, late on a loaded machine) opens a segment of unexported frames, and
  // deleting or cutting "the newest segment" loses nothing that was acknowledged.
  await waitUntil('the seal over the last record exported and acknowledged in the cursor', async () => {
    const seq = await maxSeqOut(out);
    return seq > 0 && seq === (await maxSealSeqOut(out)) && (await ackedSeq(spool)) >= seq;
  });
  agent.child.kill('SIGKILL');
  await agent.exited;
}

interface Finding {
  kind: string;
  severity: string;
  chain?: string;
  seq?: number;
  seqEnd?: number;
  message: string;
}

async function verify(dir: string, out: string, ...flags: string[]): Promise<{ code: number | null; findings: Finding[]; chains: string[] }> {
  const r = await runCli(['verify', '--key', join(dir, 'keys', 'sealog.pub'), '--json', ...flags, out]);
  const j = JSON.parse(r.stdout) as { findings: Finding[]; streams: Array<{ chain: string; findings: Finding[] }> };
  return { code: r.code, findings: [...j.findings, ...j.streams.flatMap((s) => s.findings)], chains: j.streams.map((s) => s.chain) };
}

/** Restarts, exports 40 more records, scrapes /metrics, stops with SIGTERM. */
async function restartExportMore(cfg: string, out: string): Promise<{ agent: AgentProc; metrics: string }> {
  const { agent, port } = await start(cfg);
  for (let i = 1000; i < 1040; i += 10) await post(port, i, 10);
  await waitUntil('the records after the restart exported', async () => (await text(out)).includes('record 1039 '));
  const telemetry = agent.logs.find((l) => l.msg === 'telemetry endpoint listening')!;
  const res = await request(`http://${String(telemetry.address)}/metrics`);
  const metrics = await res.body.text();
  expect(await stopAgent(agent, 'SIGTERM')).toMatchObject({ code: 0 });
  return { agent, metrics };
}

const starts = (metrics: string, reason: string): number => {
  const m = new RegExp(`^sealog_chain_starts_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)$`, 'm').exec(metrics);
  return m ? Number(m[1]) : 0;
};

async function expectOneDeclaredFinding(dir: string, out: string, { agent, metrics }: { agent: AgentProc; metrics: string }): Promise<void> {
  expect(starts(metrics, 'spool_tail_lost'), metrics).toBe(1);
  const warn = agent.logs.find((l) => String(l.msg).startsWith('exporters had acknowledged spool frames that are no longer in the spool'));
  expect(warn, agent.stderr().slice(-3000)).toBeDefined();
  const lastSeqInSpool = Number(warn!.lastSeqInSpool);
  const acked = Number(warn!.ackedSeq);
  expect(acked).toBeGreaterThan(lastSeqInSpool);
  const v = await verify(dir, out);
  expect(v.code, JSON.stringify(v.findings)).toBe(0);
  expect(v.findings.map((f) => f.kind)).toEqual(['spool_tail_lost']);
  const f = v.findings[0]!;
  expect(f).toMatchObject({ severity: 'warning', chain: warn!.previousChain, seq: lastSeqInSpool + 1, seqEnd: acked });
  expect(f.message).toContain(`records ${acked === lastSeqInSpool + 1 ? acked : `${lastSeqInSpool + 1}..${acked}`} of chain ${String(warn!.previousChain)}`);
  expect(new Set(v.chains).size).toBe(2);
  const strict = await verify(dir, out, '--strict');
  expect(strict.code).toBe(1);
  expect(strict.findings.map((x) => `${x.kind}:${x.severity}`)).toEqual(['spool_tail_lost:violation']);
}

describe('a lost spool tail after SIGKILL (real process)', () => {
  it('newest segment cut short: one declared spool_tail_lost finding, no seq reused', async () => {
    const { dir, cfg, spool, out } = await setup('interval');
    await exportThenKill(cfg, out, spool, 200);
    const newest = await newestWithFrames(spool);
    await truncate(newest, Math.floor((await stat(newest)).size / 2));
    await expectOneDeclaredFinding(dir, out, await restartExportMore(cfg, out));
  }, 180_000);

  it('newest segment deleted: one declared spool_tail_lost finding, no seq reused', async () => {
    const { dir, cfg, spool, out } = await setup('interval');
    await exportThenKill(cfg, out, spool, 200);
    await rm(await newestWithFrames(spool));
    await expectOneDeclaredFinding(dir, out, await restartExportMore(cfg, out));
  }, 180_000);

  it('sync: always: SIGKILL loses nothing, the chain continues and the backend verifies clean', async () => {
    const { dir, cfg, spool, out } = await setup('always');
    await mkdir(join(dir, 'out'), { recursive: true });
    await exportThenKill(cfg, out, spool, 200);
    const { agent, metrics } = await restartExportMore(cfg, out);
    expect(starts(metrics, 'spool_tail_lost') + starts(metrics, 'new') + starts(metrics, 'spool_lost')).toBe(0);
    expect(agent.logs.some((l) => l.msg === 'chain resumed from the spool')).toBe(true);
    expect(agent.logs.some((l) => String(l.msg).startsWith('exporters had acknowledged spool frames'))).toBe(false);
    const v = await verify(dir, out, '--strict');
    expect(v.code, JSON.stringify(v.findings)).toBe(0);
    expect(v.findings).toEqual([]);
    expect(v.chains).toHaveLength(1);
  }, 180_000);
});
