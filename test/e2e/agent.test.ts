/**
 * End to end with the real `sealog` process: files and OTLP in, SIGHUP
 * reload without a chain break, SIGTERM drain, SIGKILL and restart without
 * loss, invalid configs rejected with file:line, and the tamper walkthrough.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { runCli, startAgent, stopAgent, tempDir, type AgentProc } from '../helpers/agent-process.js';

const started: AgentProc[] = [];
const dirs: Array<{ cleanup(): Promise<void> }> = [];

afterEach(async () => {
  for (const a of started.splice(0)) await stopAgent(a, 'SIGKILL');
  for (const d of dirs.splice(0)) await d.cleanup();
});

function config(dir: string, extra: { processors?: string; pipelineProcessors?: string[]; sealEvery?: number } = {}): string {
  return `agent: { id: e2e-host }
receivers:
  filelog:
    include: [${dir}/logs/*.log]
    start_at: beginning
    poll_interval: 50ms
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
${extra.processors ?? ''}
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: ${extra.sealEvery ?? 50}, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 5s
  pipelines:
    logs:
      receivers: [filelog, otlp]
      processors: [${(extra.pipelineProcessors ?? []).join(', ')}]
      exporters: [file]
`;
}

async function setup(extra?: Parameters<typeof config>[1]) {
  const t = await tempDir();
  dirs.push(t);
  await mkdir(join(t.dir, 'logs'), { recursive: true });
  const cfg = join(t.dir, 'sealog.yaml');
  await writeFile(cfg, config(t.dir, extra));
  return { dir: t.dir, cfg };
}

async function start(cfg: string): Promise<{ agent: AgentProc; port: number }> {
  const agent = startAgent(cfg);
  started.push(agent);
  const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening');
  await agent.waitForLog((x) => x.msg === 'sealog started');
  const port = Number(String(l.endpoint).split(':').pop());
  return { agent, port };
}

function otlpBody(ids: number[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'e2e-client' } }] },
        scopeLogs: [{ scope: { name: 'e2e' }, logRecords: ids.map((id) => ({ timeUnixNano: String(1_767_225_600_000_000_000n + BigInt(id)), body: { stringValue: `otlp record ${id}` }, attributes: [{ key: 'id', value: { intValue: String(id) } }] })) }],
      },
    ],
  });
}

async function post(port: number, ids: number[]): Promise<number> {
  const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpBody(ids) });
  await res.body.text();
  return res.statusCode;
}

async function outputText(dir: string): Promise<string> {
  try {
    return await readFile(join(dir, 'out', 'logs.jsonl'), 'utf8');
  } catch {
    return '';
  }
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

async function verify(dir: string, ...args: string[]) {
  return runCli(['verify', '--key', join(dir, 'keys', 'sealog.pub'), ...args, join(dir, 'out', 'logs.jsonl')]);
}

describe('sealog run (real process)', () => {
  it('forwards files and OTLP, drains on SIGTERM with exit 0, and the output verifies', async () => {
    const { dir, cfg } = await setup();
    await writeFile(join(dir, 'logs', 'app.log'), Array.from({ length: 120 }, (_, i) => `file line ${i}`).join('\n') + '\n');
    const { agent, port } = await start(cfg);
    expect(await post(port, [1, 2, 3])).toBe(200);
    await appendFile(join(dir, 'logs', 'app.log'), 'late line\n');
    await waitFor(async () => (await outputText(dir)).includes('late line'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const out = await outputText(dir);
    for (let i = 0; i < 120; i++) expect(out).toContain(`file line ${i}"`);
    expect(out).toContain('otlp record 3');
    const v = await verify(dir, '--strict');
    expect(v.stdout).toContain('INTACT');
    expect(v.code).toBe(0);
  });

  it('SIGHUP reloads the config (a new processor applies) and the chain continues unbroken', async () => {
    const { dir, cfg } = await setup();
    const { agent, port } = await start(cfg);
    expect(await post(port, [1])).toBe(200);
    await writeFile(
      cfg,
      config(dir, {
        processors: "processors:\n  attributes/tag:\n    actions: [{ key: reloaded, action: insert, value: 'yes' }]\n",
        pipelineProcessors: ['attributes/tag'],
      }),
    );
    agent.child.kill('SIGHUP');
    await agent.waitForLog((x) => x.msg === 'configuration reloaded');
    // The OTLP receiver's config did not change, so it kept its port.
    expect(await post(port, [2])).toBe(200);
    await waitFor(async () => (await outputText(dir)).includes('otlp record 2'));
    // An invalid config is rejected and the old one keeps running.
    await writeFile(cfg, 'receivers: [oops\n');
    agent.child.kill('SIGHUP');
    await agent.waitForLog((x) => x.msg === 'new configuration is invalid; keeping the running one');
    expect(await post(port, [3])).toBe(200);
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const out = await outputText(dir);
    const rec2 = out.split('\n').find((l) => l.includes('otlp record 2'))!;
    expect(rec2).toContain('"reloaded"');
    expect(out.split('\n').find((l) => l.includes('otlp record 1'))).not.toContain('"reloaded"');
    const v = await verify(dir, '--strict', '--json');
    const report = JSON.parse(v.stdout) as { intact: boolean; streams: Array<{ chain: string }> };
    expect(report.intact).toBe(true);
    expect(report.streams).toHaveLength(1);
  });

  it('after SIGKILL under load, a restart loses no acknowledged record and continues the chain', async () => {
    const { dir, cfg } = await setup({ sealEvery: 20 });
    let { agent, port } = await start(cfg);
    const acked: number[] = [];
    let next = 0;
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const ids = Array.from({ length: 10 }, () => next++);
        try {
          if ((await post(port, ids)) === 200) acked.push(...ids);
        } catch {
          return;
        }
      }
    })();
    await waitFor(async () => acked.length >= 300);
    agent.child.kill('SIGKILL');
    stop = true;
    await load;
    await agent.exited;
    ({ agent, port } = await start(cfg));
    expect(agent.logs.some((l) => l.msg === 'chain resumed from the spool')).toBe(true);
    expect(await post(port, [100_000])).toBe(200);
    await waitFor(async () => (await outputText(dir)).includes('otlp record 100000'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const out = await outputText(dir);
    for (const id of acked) expect(out.includes(`"otlp record ${id}"`), `record ${id}`).toBe(true);
    const v = await verify(dir, '--json');
    const report = JSON.parse(v.stdout) as { intact: boolean; streams: unknown[] };
    expect(report.intact).toBe(true);
    expect(report.streams).toHaveLength(1);
  });

  it('file positions come back from the spool after SIGKILL: no line is read twice or lost', async () => {
    const { dir, cfg } = await setup({ sealEvery: 25 });
    const log = join(dir, 'logs', 'app.log');
    await writeFile(log, Array.from({ length: 200 }, (_, i) => `before ${i}`).join('\n') + '\n');
    let { agent } = await start(cfg);
    await waitFor(async () => (await outputText(dir)).includes('"before 199"'));
    agent.child.kill('SIGKILL');
    await agent.exited;
    await appendFile(log, Array.from({ length: 100 }, (_, i) => `after ${i}`).join('\n') + '\n');
    ({ agent } = await start(cfg));
    await waitFor(async () => (await outputText(dir)).includes('"after 99"'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    // Each line was chained exactly once (one seq); the exporter may have written a batch twice (same seq).
    const seqsByLine = new Map<string, Set<string>>();
    for (const line of (await outputText(dir)).split('\n').filter(Boolean)) {
      for (const rl of JSON.parse(line).resourceLogs) {
        for (const sl of rl.scopeLogs) {
          for (const r of sl.logRecords) {
            const body = r.body?.stringValue as string | undefined;
            if (!body) continue;
            const seq = r.attributes.find((a: { key: string }) => a.key === 'sealog.seq').value.intValue as string;
            seqsByLine.set(body, (seqsByLine.get(body) ?? new Set()).add(seq));
          }
        }
      }
    }
    for (let i = 0; i < 200; i++) expect(seqsByLine.get(`before ${i}`)?.size, `before ${i}`).toBe(1);
    for (let i = 0; i < 100; i++) expect(seqsByLine.get(`after ${i}`)?.size, `after ${i}`).toBe(1);
    expect((await verify(dir)).code).toBe(0);
  });

  it('a batch the backend rejects as invalid is dead-lettered and declared in the chain as a signed loss record', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 3, message: 'schema says no' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const backend = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const { dir, cfg } = await setup();
      const text = (await readFile(cfg, 'utf8'))
        .replace('exporters:\n', `exporters:\n  otlphttp: { endpoint: ${backend}, retry_on_failure: { initial_interval: 10ms, max_interval: 20ms } }\n`)
        .replace('exporters: [file]', 'exporters: [file, otlphttp]');
      await writeFile(cfg, text);
      const { agent, port } = await start(cfg);
      expect(await post(port, [1, 2])).toBe(200);
      await waitFor(async () => (await outputText(dir)).includes('dead_letter exporter=otlphttp'));
      expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
      const list = await runCli(['spool', 'dlq', 'list', '--dir', join(dir, 'spool', 'logs')]);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('schema says no');
      const v = await verify(dir);
      expect(v.code).toBe(0);
      expect(v.stdout).toMatch(/WARNING\s+loss seq \d+: the agent declared \d+ record\(s\) dropped \(dead_letter exporter=otlphttp status=400/);
      expect((await verify(dir, '--strict')).code).toBe(1);
    } finally {
      server.close();
    }
  });

  it('spool inspect shows the chain head; spool verify checks CRCs, chain and seals and catches a flipped byte', async () => {
    const { dir, cfg } = await setup({ sealEvery: 10 });
    const { agent, port } = await start(cfg);
    expect(await post(port, Array.from({ length: 30 }, (_, i) => i))).toBe(200);
    await waitFor(async () => (await outputText(dir)).includes('otlp record 29'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const spoolDir = join(dir, 'spool', 'logs');
    const inspect = await runCli(['spool', 'inspect', '--dir', spoolDir]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/chain head: stream e2e-host\/logs, chain [0-9a-f]{16}, seq \d+, hash [0-9a-f]{64}/);
    const pub = join(dir, 'keys', 'sealog.pub');
    const ok = await runCli(['spool', 'verify', '--dir', spoolDir, '--key', pub]);
    expect(ok.stdout).toContain('INTACT');
    expect(ok.code).toBe(0);
    const { readdir } = await import('node:fs/promises');
    const seg = (await readdir(spoolDir)).filter((f) => f.endsWith('.seg')).sort().pop()!;
    const bytes = await readFile(join(spoolDir, seg));
    const at = bytes.indexOf(Buffer.from('otlp record 17'));
    bytes[at + 5] ^= 0x01;
    await writeFile(join(spoolDir, seg), bytes);
    const bad = await runCli(['spool', 'verify', '--dir', spoolDir, '--key', pub]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/corrupt_frame|missing/);
  });

  it('rotates the signing key: later epochs verify from the epoch-0 key alone, old private keys are gone', async () => {
    const { dir, cfg } = await setup({ sealEvery: 10 });
    await writeFile(cfg, (await readFile(cfg, 'utf8')).replace('  generate_key: true\n', '  generate_key: true\n  rotate: 700ms\n'));
    const { agent, port } = await start(cfg);
    const firstKey = await readFile(join(dir, 'keys', 'sealog.key'), 'utf8');
    for (let i = 0; i < 6; i++) {
      expect(await post(port, [i * 10, i * 10 + 1])).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
    }
    await agent.waitForLog((l) => l.msg === 'signing key rotated; the previous private key was destroyed' && Number(l.epoch) >= 2);
    await waitFor(async () => (await outputText(dir)).includes('otlp record 51'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const key = JSON.parse(await readFile(join(dir, 'keys', 'sealog.key'), 'utf8')) as { epoch: number; private_key: string };
    expect(key.epoch).toBeGreaterThanOrEqual(2);
    expect(firstKey).not.toContain(key.private_key);
    const keyring = (await readFile(join(dir, 'keys', 'sealog.keyring'), 'utf8')).trim().split('\n');
    expect(keyring.length).toBeGreaterThanOrEqual(2);
    const v = await verify(dir, '--json');
    const report = JSON.parse(v.stdout) as { intact: boolean; streams: Array<{ epochs: number[] }> };
    expect(report.intact).toBe(true);
    expect(report.streams[0]!.epochs.length).toBeGreaterThanOrEqual(3);
    // Retention removed the records (and seals) of epoch 0: the keyring certifies the later keys.
    const lines = (await outputText(dir)).trim().split('\n');
    const firstRotated = lines.findIndex((l) => l.includes('"next_key"'));
    const kept = join(dir, 'out', 'kept.jsonl');
    await writeFile(kept, lines.slice(firstRotated + 1).join('\n') + '\n');
    const pub = join(dir, 'keys', 'sealog.pub');
    const alone = await runCli(['verify', '--key', pub, kept]);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain('unknown_key');
    const withRing = await runCli(['verify', '--key', pub, '--key', join(dir, 'keys', 'sealog.keyring'), kept]);
    expect(withRing.stdout).toContain('INTACT');
    expect(withRing.code).toBe(0);
  });

  it('an invalid config at start exits 2 with file:line', async () => {
    const t = await tempDir();
    dirs.push(t);
    const bad = join(t.dir, 'bad.yaml');
    await writeFile(bad, 'receivers:\n  otlp:\n    protocols: { http: {} }\nexporters:\n  file: { path: /tmp/x.jsonl, flush_intervall: 1s }\n');
    const r = await runCli(['run', '-c', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[/.]/g, '\\$&')}:5: `));
  });

  it('tampering with the forwarded output is caught and pinpointed (the README walkthrough)', async () => {
    const { dir, cfg } = await setup({ sealEvery: 5 });
    const { agent, port } = await start(cfg);
    expect(await post(port, [1, 2, 3, 4, 5, 6, 7, 8])).toBe(200);
    await waitFor(async () => (await outputText(dir)).includes('otlp record 8'));
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const out = await outputText(dir);
    await writeFile(join(dir, 'out', 'logs.jsonl'), out.replace('otlp record 4', 'otlp record 4 (edited)'));
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/VIOLATION\s+modified seq \d+: record \d+ does not match its hash/);
  });
});
