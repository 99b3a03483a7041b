/**
 * Issue 14, point 3 ("the same rule everywhere"), with the real `sealog`
 * process: records the agent accepted and then could not deliver or keep
 * (a partial success from the backend, a dead letter, a damaged spool, a
 * full spool under drop_newest) end up in a signed loss record, so `sealog
 * verify` reports a declared loss instead of a bare gap.
 */
import { createServer, type Server } from 'node:http';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { runCli, startAgent, stopAgent, tempDir, waitUntil, type AgentProc } from '../helpers/agent-process.js';

const started: AgentProc[] = [];
const dirs: Array<{ cleanup(): Promise<void> }> = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const a of started.splice(0)) await stopAgent(a, 'SIGKILL');
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) await d.cleanup();
});

async function setup(body: (dir: string) => string): Promise<{ dir: string; cfg: string }> {
  const t = await tempDir();
  dirs.push(t);
  await mkdir(join(t.dir, 'out'), { recursive: true });
  const cfg = join(t.dir, 'sealog.yaml');
  await writeFile(cfg, body(t.dir));
  return { dir: t.dir, cfg };
}

async function start(cfg: string): Promise<{ agent: AgentProc; port: number }> {
  const agent = startAgent(cfg);
  started.push(agent);
  const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening', 120_000);
  await agent.waitForLog((x) => x.msg === 'sealog started', 120_000);
  return { agent, port: Number(String(l.endpoint).split(':').pop()) };
}

function otlpBody(lines: string[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'loss-client' } }] },
        scopeLogs: [{ scope: { name: 'e2e' }, logRecords: lines.map((b, i) => ({ timeUnixNano: String(1_767_225_600_000_000_000n + BigInt(i)), body: { stringValue: b } })) }],
      },
    ],
  });
}

async function post(port: number, lines: string[]): Promise<number> {
  const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpBody(lines) });
  await res.body.text();
  return res.statusCode;
}

async function text(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

function verify(dir: string, file: string, ...args: string[]) {
  return runCli(['verify', '--key', join(dir, 'keys', 'sealog.pub'), ...args, file]);
}

interface LogRec {
  body?: { stringValue?: string };
  attributes?: Array<{ key: string; value: { stringValue?: string; intValue?: string } }>;
}

/**
 * An OTLP/HTTP (JSON) backend on 127.0.0.1 that rejects every record whose
 * body contains "reject" with a partial success, and keeps the rest as
 * OTLP/JSON lines in `file` (what a backend holds, for `sealog verify`).
 */
async function partialSink(file: string, rejectAll = false): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: LogRec[] }> }> };
      let rejected = 0;
      for (const rl of doc.resourceLogs) {
        for (const sl of rl.scopeLogs) {
          const keep = rejectAll ? [] : sl.logRecords.filter((r) => !(r.body?.stringValue ?? '').includes('reject'));
          rejected += sl.logRecords.length - keep.length;
          sl.logRecords = keep;
        }
      }
      void appendFile(file, JSON.stringify(doc) + '\n').then(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(rejected > 0 ? { partialSuccess: { rejectedLogRecords: String(rejected), errorMessage: 'records marked reject are refused' } } : {}));
      });
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function baseConfig(dir: string, exporters: string, pipelineExporters: string, spool = `{ dir: ${dir}/spool, sync: interval, sync_interval: 20ms }`): string {
  return `agent: { id: loss-host }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
${exporters}
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 50, interval: 200ms, heartbeat: 2s }
spool: ${spool}
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 5s
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [${pipelineExporters}]
`;
}

describe('no silent loss: exporters', () => {
  it('a backend that partly rejects everything gets one loss record per data batch, not an endless loop of loss records', async () => {
    const t = await tempDir();
    dirs.push(t);
    const sinkFile = join(t.dir, 'backend.jsonl');
    const backend = await partialSink(sinkFile, true);
    const { dir, cfg } = await setup((d) =>
      baseConfig(d, `  otlphttp: { endpoint: ${backend}, encoding: json, compression: none }\n  file: { path: ${d}/out/logs.jsonl, flush_interval: 50ms }`, 'otlphttp, file'),
    );
    const { agent, port } = await start(cfg);
    expect(await post(port, ['one', 'two', 'three'])).toBe(200);
    await waitUntil('the data batch is declared', async () => (await text(join(dir, 'out', 'logs.jsonl'))).includes('partial_success exporter=otlphttp'), 120_000);
    // Its loss record and a later seal are refused too: control records only, nothing more is declared.
    await waitUntil('two control-only batches were refused', async () => agent.logs.filter((l) => l.msg === 'a batch of control records only was partly rejected; no loss record is written for it').length >= 2, 120_000);
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    expect((await text(join(dir, 'out', 'logs.jsonl'))).split('partial_success exporter=otlphttp').length - 1).toBe(1);
    expect((await verify(dir, join(dir, 'out', 'logs.jsonl'))).code).toBe(0);
  }, 240_000);

  it('a partial success is declared in a signed loss record; verify on what the backend holds reports a declared loss, not missing records', async () => {
    const t = await tempDir();
    dirs.push(t);
    const sinkFile = join(t.dir, 'backend.jsonl');
    const backend = await partialSink(sinkFile);
    const { dir, cfg } = await setup((d) =>
      baseConfig(d, `  otlphttp: { endpoint: ${backend}, encoding: json, compression: none, retry_on_failure: { initial_interval: 10ms, max_interval: 20ms } }\n  file: { path: ${d}/out/logs.jsonl, flush_interval: 50ms }`, 'otlphttp, file'),
    );
    const { agent, port } = await start(cfg);
    expect(await post(port, ['keep 1', 'keep 2', 'reject 3', 'keep 4', 'reject 5', 'keep 6'])).toBe(200);
    await waitUntil('the loss record reaches the backend', async () => (await text(sinkFile)).includes('partial_success exporter=otlphttp'), 120_000);
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    const held = await text(sinkFile);
    expect(held).not.toContain('reject 3');
    expect(held).toContain('keep 6');
    const v = await verify(dir, sinkFile);
    expect(v.stdout).toMatch(/the agent declared 2 record\(s\) dropped \(partial_success exporter=otlphttp status=200 rejected=2 of=\d+/);
    expect(v.stdout).toMatch(/declared dropped by the signed loss record at seq \d+/);
    expect(v.stdout).not.toMatch(/are missing/);
    expect(v.stdout).not.toMatch(/VIOLATION/);
    expect(v.code).toBe(0);
    // The agent's own complete copy (file exporter) holds the loss record too, and nothing is missing there.
    const full = await verify(dir, join(dir, 'out', 'logs.jsonl'));
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/partial_success exporter=otlphttp/);
    expect((await verify(dir, sinkFile, '--strict')).code).toBe(1);
  }, 240_000);
});

/** A backend that answers 400 to everything (every batch is dead-lettered). */
async function rejectingSink(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 3, message: 'schema says no' }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** The dead letters' sidecars; `data`: the body holds a record this test sent (else only control records: no loss record). */
async function sidecars(dir: string): Promise<Array<{ path: string; data: boolean; meta: { bodyFile: string; lossDeclared?: boolean } }>> {
  const { readdir } = await import('node:fs/promises');
  const d = join(dir, 'spool', 'logs', 'dlq', 'otlphttp');
  let names: string[] = [];
  try {
    names = await readdir(d);
  } catch {
    return [];
  }
  const out = [];
  for (const n of names.filter((x) => x.endsWith('.meta.json'))) {
    const meta = JSON.parse(await readFile(join(d, n), 'utf8')) as { bodyFile: string; lossDeclared?: boolean };
    const body = await readFile(join(d, meta.bodyFile), 'utf8').catch(() => '');
    out.push({ path: join(d, n), data: body.includes('payload-'), meta });
  }
  return out;
}

describe('no silent loss: dead letters', () => {
  const cfgFor = (backend: string) => (d: string) =>
    baseConfig(d, `  otlphttp: { endpoint: ${backend}, retry_on_failure: { initial_interval: 10ms, max_interval: 20ms } }\n  file: { path: ${d}/out/logs.jsonl, flush_interval: 50ms }`, 'otlphttp, file');

  it('SIGKILL the moment a dead letter is written: after restart every dead letter has a durable loss record naming it', async () => {
    const { dir, cfg } = await setup(cfgFor(await rejectingSink()));
    const first = await start(cfg);
    expect(await post(first.port, ['payload-a', 'payload-b', 'payload-c'])).toBe(200);
    await waitUntil('a dead letter of the data is written', async () => (await sidecars(dir)).some((s) => s.data), 120_000);
    first.agent.child.kill('SIGKILL');
    await first.agent.exited;
    const second = await start(cfg);
    await waitUntil('every dead letter is marked declared', async () => (await sidecars(dir)).every((s) => s.meta.lossDeclared === true), 120_000);
    for (const s of (await sidecars(dir)).filter((x) => x.data)) {
      await waitUntil(`the loss record of ${s.meta.bodyFile} is exported`, async () => (await text(join(dir, 'out', 'logs.jsonl'))).includes(`dlq=${s.meta.bodyFile}`), 120_000);
    }
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    const v = await verify(dir, join(dir, 'out', 'logs.jsonl'));
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/dropped \(dead_letter exporter=otlphttp status=400 .*dlq=/);
  }, 300_000);

  it('a dead letter left with lossDeclared: false (a crash before its loss record was durable) is declared at the next start', async () => {
    const { dir, cfg } = await setup(cfgFor(await rejectingSink()));
    const first = await start(cfg);
    expect(await post(first.port, ['payload-x', 'payload-y'])).toBe(200);
    await waitUntil('the dead letter is declared', async () => {
      const s = await sidecars(dir);
      return s.some((x) => x.data) && s.every((x) => x.meta.lossDeclared === true);
    }, 120_000);
    expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
    const entry = (await sidecars(dir)).find((x) => x.data);
    const name = entry!.meta.bodyFile;
    const before = (await text(join(dir, 'out', 'logs.jsonl'))).split(`dlq=${name}`).length - 1;
    expect(before).toBeGreaterThanOrEqual(1);
    // The state a crash between the dead letter and its durable loss record leaves behind.
    await writeFile(entry!.path, JSON.stringify({ ...entry!.meta, lossDeclared: false }, null, 2) + '\n');
    const second = await start(cfg);
    await second.agent.waitForLog((l) => l.msg === 'a dead letter has no durable loss record (a crash or a failed write): declaring it now', 120_000);
    await waitUntil('the sidecar says declared', async () => (await sidecars(dir)).find((x) => x.path === entry!.path)!.meta.lossDeclared === true, 120_000);
    await waitUntil('a second loss record naming it is exported', async () => (await text(join(dir, 'out', 'logs.jsonl'))).split(`dlq=${name}`).length - 1 > before, 120_000);
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    expect((await verify(dir, join(dir, 'out', 'logs.jsonl'))).code).toBe(0);
  }, 300_000);
});

describe('no silent loss: dead letters at startup', () => {
  it('batches dead-lettered while the pipeline starts (exporters start before the sealing stage) are declared', async () => {
    // Run 1: the backend is down; the batches wait in the spool.
    const { dir, cfg } = await setup((d) =>
      baseConfig(d, `  otlphttp: { endpoint: http://127.0.0.1:1, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }\n  file: { path: ${d}/out/logs.jsonl, flush_interval: 50ms }`, 'otlphttp, file'),
    );
    const first = await start(cfg);
    for (let i = 0; i < 5; i++) expect(await post(first.port, [`payload-start-${i}`])).toBe(200);
    await waitUntil('the file exporter has them', async () => (await text(join(dir, 'out', 'logs.jsonl'))).includes('payload-start-4'), 120_000);
    expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
    // Run 2: the backend rejects everything; the exporter sends the waiting batches as soon as it starts.
    const backend = await rejectingSink();
    await writeFile(cfg, (await readFile(cfg, 'utf8')).replace('http://127.0.0.1:1', backend));
    const second = await start(cfg);
    await waitUntil('every data dead letter is declared', async () => {
      const s = (await sidecars(dir)).filter((x) => x.data);
      return s.length > 0 && s.every((x) => x.meta.lossDeclared === true);
    }, 120_000);
    const out = await text(join(dir, 'out', 'logs.jsonl'));
    for (const s of (await sidecars(dir)).filter((x) => x.data)) {
      await waitUntil(`the loss record of ${s.meta.bodyFile} is exported`, async () => (await text(join(dir, 'out', 'logs.jsonl'))).includes(`dlq=${s.meta.bodyFile}`), 120_000);
    }
    expect(out.length).toBeGreaterThan(0);
    expect(second.agent.logs.some((l) => String(l.msg).startsWith('could not write the loss record'))).toBe(false);
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    expect((await verify(dir, join(dir, 'out', 'logs.jsonl'))).code).toBe(0);
  }, 300_000);
});

describe('no silent loss: spool recovery', () => {
  it('damaged frames in a stopped agent\'s spool are declared in a signed loss record with their seqs after restart; verify reports a declared loss', async () => {
    // Run 1: the only exporter's backend is down, so every frame stays in the spool.
    const { dir, cfg } = await setup((d) =>
      baseConfig(d, `  otlphttp: { endpoint: http://127.0.0.1:1, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }`, 'otlphttp'),
    );
    const first = await start(cfg);
    for (let i = 0; i < 8; i++) expect(await post(first.port, [`frame-${i}-a`, `frame-${i}-b`, `frame-${i}-c`])).toBe(200);
    expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
    // Damage the frame holding frame-4 (its CRC no longer matches); the frames around it stay intact.
    const { readdir } = await import('node:fs/promises');
    const spool = join(dir, 'spool', 'logs');
    let damaged = '';
    for (const f of await readdir(spool)) {
      const buf = await readFile(join(spool, f)).catch(() => undefined);
      const at = buf?.indexOf('frame-4-b') ?? -1;
      if (!buf || at < 0) continue;
      buf.write('XXXXXXXXX', at);
      await writeFile(join(spool, f), buf);
      damaged = f;
    }
    expect(damaged).not.toBe('');
    // Run 2: a file exporter (a new reader: it starts at the oldest frame on disk).
    await writeFile(cfg, baseConfig(dir, `  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }`, 'file'));
    const second = await start(cfg);
    await waitUntil('the spool damage loss record is exported', async () => (await text(join(dir, 'out', 'logs.jsonl'))).includes('spool_damaged skipped'), 120_000);
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    const out = await text(join(dir, 'out', 'logs.jsonl'));
    expect(out).toContain('frame-7-c');
    expect(out).not.toContain('frame-4-a');
    const v = await verify(dir, join(dir, 'out', 'logs.jsonl'));
    expect(v.stdout).toMatch(/declared 3 record\(s\) dropped \(spool_damaged skipped segment=\S+ bytes=\d+ frames=1 records=3 loss-host\/logs \d+\.\.\d+/);
    expect(v.stdout).toMatch(/declared dropped by the signed loss record at seq \d+/);
    expect(v.stdout).not.toMatch(/are missing/);
    expect(v.code).toBe(0);
    // A third start does not declare the same (still present) damaged region again.
    const third = await start(cfg);
    expect(await stopAgent(third.agent)).toEqual({ code: 0, signal: null });
    expect((await text(join(dir, 'out', 'logs.jsonl'))).split('spool_damaged skipped').length - 1).toBe(1);
  }, 300_000);
});

describe('no silent loss: spool recovery (torn tail, corrupt segment)', () => {
  it('a torn tail (sync: interval) and a segment with a damaged header each become a signed spool_damaged loss record', async () => {
    const spool = (d: string) => `{ dir: ${d}/spool, sync: interval, sync_interval: 20ms, segment_size: 16KiB }`;
    const { dir, cfg } = await setup((d) => baseConfig(d, `  otlphttp: { endpoint: http://127.0.0.1:1, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }`, 'otlphttp', spool(d)));
    const first = await start(cfg);
    const pad = 'y'.repeat(300);
    for (let i = 0; i < 80; i++) expect(await post(first.port, [`t-${i}-a ${pad}`, `t-${i}-b ${pad}`])).toBe(200);
    expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
    const { readdir, truncate, stat, open: fsOpen } = await import('node:fs/promises');
    const sdir = join(dir, 'spool', 'logs');
    const segs = (await readdir(sdir)).filter((f) => f.endsWith('.seg')).sort();
    expect(segs.length).toBeGreaterThan(2);
    // The oldest segment's header is damaged; the newest loses its last 5 bytes (a torn final write).
    const fh = await fsOpen(join(sdir, segs[0]!), 'r+');
    await fh.write(Buffer.from('garbage!'), 0, 8, 0);
    await fh.close();
    const newest = join(sdir, segs[segs.length - 1]!);
    await truncate(newest, (await stat(newest)).size - 5);
    await writeFile(cfg, baseConfig(dir, `  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }`, 'file', spool(dir)));
    const second = await start(cfg);
    const out = join(dir, 'out', 'logs.jsonl');
    await waitUntil('both loss records are exported', async () => {
      const t = await text(out);
      return t.includes('spool_damaged torn_tail') && t.includes('spool_damaged corrupt_segment');
    }, 120_000);
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    expect((await readdir(sdir)).includes('recovery-damage.json')).toBe(false);
    const v = await verify(dir, out);
    expect(v.stdout).toMatch(/dropped \(spool_damaged torn_tail segment=\S+ bytes=\d+ frames=unknown records=unknown \(a torn tail cut \(sync: interval/);
    expect(v.stdout).toMatch(/dropped \(spool_damaged corrupt_segment segment=\S+ bytes=\d+ frames=\d+ records=unknown/);
    expect(v.stdout).not.toMatch(/VIOLATION/);
    expect(v.code).toBe(0);
  }, 300_000);
});

describe('no silent loss: damage a reader finds in an older segment', () => {
  it('a damaged frame in an older segment (not scanned by recovery) is declared with its seqs when the exporter skips it', async () => {
    const spool = (d: string) => `{ dir: ${d}/spool, sync: interval, sync_interval: 20ms, segment_size: 16KiB }`;
    const { dir, cfg } = await setup((d) => baseConfig(d, `  otlphttp: { endpoint: http://127.0.0.1:1, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }`, 'otlphttp', spool(d)));
    const first = await start(cfg);
    const pad = 'z'.repeat(300);
    for (let i = 0; i < 80; i++) expect(await post(first.port, [`o-${i}-a ${pad}`, `o-${i}-b ${pad}`])).toBe(200);
    expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
    const { readdir } = await import('node:fs/promises');
    const sdir = join(dir, 'spool', 'logs');
    const segs = (await readdir(sdir)).filter((f) => f.endsWith('.seg')).sort();
    expect(segs.length).toBeGreaterThan(2);
    const older = join(sdir, segs[1]!);
    const buf = await readFile(older);
    const text0 = buf.toString('latin1');
    const m = /o-(\d+)-a/.exec(text0.slice(text0.indexOf('o-', 200)));
    expect(m).not.toBeNull();
    const victim = `o-${Number(m![1]) + 1}-a`;
    const at = buf.indexOf(victim);
    expect(at).toBeGreaterThan(0);
    buf.write('QQQQ', at + 2);
    await writeFile(older, buf);
    await writeFile(cfg, baseConfig(dir, `  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }`, 'file', spool(dir)));
    const second = await start(cfg);
    const out = join(dir, 'out', 'logs.jsonl');
    await waitUntil('the loss record is exported', async () => (await text(out)).includes('spool_damaged skipped'), 120_000);
    await waitUntil('everything after it is exported', async () => (await text(out)).includes('o-79-b'), 120_000);
    expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
    const v = await verify(dir, out);
    expect(v.stdout).toMatch(/declared 2 record\(s\) dropped \(spool_damaged skipped segment=\S+ bytes=\d+ frames=1 records=2 loss-host\/logs \d+\.\.\d+/);
    expect(v.stdout).not.toMatch(/are missing/);
    expect(v.code).toBe(0);
  }, 300_000);
});

describe('no silent loss: when_full: drop_newest (real process)', () => {
  const spoolCfg = (d: string) => `{ dir: ${d}/spool, sync: interval, sync_interval: 20ms, max_size: 64KiB, segment_size: 16KiB, when_full: drop_newest }`;

  async function droppedMetric(agent: AgentProc): Promise<number> {
    const l = await agent.waitForLog((x) => x.msg === 'telemetry endpoint listening', 120_000);
    const res = await request(`http://${String(l.address)}/metrics`);
    const body = await res.body.text();
    const line = body.split('\n').find((x) => x.startsWith('sealog_pipeline_records_dropped_total{pipeline="logs"} '));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`every record dropped is in a signed loss record (${signal}, then restart)`, async () => {
      const { dir, cfg } = await setup((d) =>
        baseConfig(d, `  otlphttp: { endpoint: http://127.0.0.1:1, retry_on_failure: { initial_interval: 50ms, max_interval: 200ms } }`, 'otlphttp', spoolCfg(d)).replace(
          'shutdown_timeout: 5s',
          'shutdown_timeout: 1s',
        ),
      );
      const first = await start(cfg);
      const pad = 'x'.repeat(200);
      let dropped = 0;
      for (let i = 0; i < 400 && dropped === 0; i++) {
        for (let j = 0; j < 10; j++) expect(await post(first.port, Array.from({ length: 20 }, (_, k) => `r-${i}-${j}-${k} ${pad}`))).toBe(200);
        dropped = await droppedMetric(first.agent);
      }
      // Keep dropping for a while past the first drop (more batches, each acknowledged as dropped).
      for (let j = 0; j < 40; j++) expect(await post(first.port, Array.from({ length: 20 }, (_, k) => `late-${j}-${k} ${pad}`))).toBe(200);
      // Every post has been answered: nothing more is dropped after this reading.
      dropped = await droppedMetric(first.agent);
      expect(dropped).toBeGreaterThan(0);
      if (signal === 'SIGKILL') {
        first.agent.child.kill('SIGKILL');
        await first.agent.exited;
      } else {
        expect(await stopAgent(first.agent)).toEqual({ code: 0, signal: null });
      }
      // Restart with an exporter that drains the spool (a new reader starts at the oldest frame on disk).
      await writeFile(cfg, baseConfig(dir, `  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }`, 'file', spoolCfg(dir)));
      const second = await start(cfg);
      const declaredSum = async (): Promise<number> => {
        const v = await verify(dir, join(dir, 'out', 'logs.jsonl'));
        let n = 0;
        for (const m of v.stdout.matchAll(/declared (\d+) record\(s\) dropped \(spool_full\)/g)) n += Number(m[1]);
        return n;
      };
      await waitUntil('the loss ledger is empty', async () => (await text(join(dir, 'spool', 'logs', 'loss-ledger'))).includes('"count":0'), 120_000);
      await waitUntil(`the declared losses reach ${dropped}`, async () => (await declaredSum()) >= dropped, 120_000);
      expect(await stopAgent(second.agent)).toEqual({ code: 0, signal: null });
      expect(await declaredSum()).toBe(dropped);
      const v = await verify(dir, join(dir, 'out', 'logs.jsonl'));
      expect(v.stdout).not.toMatch(/VIOLATION/);
    }, 400_000);
  }
});
