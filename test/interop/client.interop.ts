/**
 * The real OpenTelemetry Collector as sealog's client: its filelog receiver
 * reads a file and its otlphttp or otlp (gRPC) exporter, with its default
 * compression (gzip), sends to sealog's OTLP receiver. Everything must arrive
 * once and verify. With sealog's spool full (when_full: block, its exporter's
 * backend down) sealog answers 503 + Retry-After / UNAVAILABLE + RetryInfo,
 * and the Collector must back off and retry until it is let in, losing nothing.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startAgent, stopAgent, tempDir, type AgentProc } from '../helpers/agent-process.js';
import { COLLECTOR_TELEMETRY, dataBodies, readText, requireCollector, startCollector, stopCollector, waitFor, Started } from './collector.js';

const started = new Started();

beforeAll(() => requireCollector());
afterEach(() => started.stopAll());

type Transport = 'http' | 'grpc';

function collectorConfig(dir: string, transport: Transport, port: number): string {
  const exporter =
    transport === 'http'
      ? `  otlphttp:
    endpoint: http://127.0.0.1:${port}
    retry_on_failure: { enabled: true, initial_interval: 200ms, max_interval: 2s, max_elapsed_time: 300s }`
      : `  otlp:
    endpoint: 127.0.0.1:${port}
    tls: { insecure: true }
    retry_on_failure: { enabled: true, initial_interval: 200ms, max_interval: 2s, max_elapsed_time: 300s }`;
  return `receivers:
  filelog:
    include: [${dir}/input/*.log]
    start_at: beginning
    poll_interval: 50ms
processors:
  batch:
    send_batch_size: 200
    timeout: 200ms
exporters:
${exporter}
service:
${COLLECTOR_TELEMETRY}  pipelines:
    logs:
      receivers: [filelog]
      processors: [batch]
      exporters: [${transport === 'http' ? 'otlphttp' : 'otlp'}]
`;
}

/** sealog: OTLP/HTTP and gRPC in, a file out; with `backend`, also an otlphttp exporter to it and a tiny blocking spool. */
function sealogConfig(dir: string, backend?: number): string {
  return `agent: { id: interop-client }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
      grpc: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
${
  backend === undefined
    ? ''
    : `  otlphttp:
    endpoint: http://127.0.0.1:${backend}
    retry_on_failure: { initial_interval: 100ms, max_interval: 500ms }
`
}integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 200, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms${backend === undefined ? '' : ', max_size: 64KiB, segment_size: 16KiB, when_full: block'} }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 10s
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [file${backend === undefined ? '' : ', otlphttp'}]
`;
}

async function startSealog(dir: string, backend?: number): Promise<{ agent: AgentProc; http: number; grpc: number; metrics: string }> {
  await writeFile(join(dir, 'sealog.yaml'), sealogConfig(dir, backend));
  const agent = startAgent(join(dir, 'sealog.yaml'));
  started.agents.push(agent);
  const port = (l: Record<string, unknown>) => Number(String(l.endpoint).split(':').pop());
  const http = port(await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening', 30_000));
  const grpc = port(await agent.waitForLog((l) => l.msg === 'OTLP/gRPC receiver listening', 30_000));
  const metrics = String((await agent.waitForLog((l) => l.msg === 'telemetry endpoint listening', 30_000)).address);
  await agent.waitForLog((l) => l.msg === 'sealog started', 30_000);
  return { agent, http, grpc, metrics };
}

/** Sum of a counter over the label sets whose text contains `labels`. */
async function metric(address: string, name: string, labels: string): Promise<number> {
  const res = await request(`http://${address}/metrics`);
  const text = await res.body.text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) && line.includes(labels)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

async function inputFile(dir: string, n: number, tag: string): Promise<string[]> {
  await mkdir(join(dir, 'input'), { recursive: true });
  const lines = Array.from({ length: n }, (_, i) => `${tag} ${i} user=u${i % 50} action=login result=${i % 7 === 0 ? 'denied' : 'ok'}`);
  await writeFile(join(dir, 'input', 'app.log'), lines.join('\n') + '\n');
  return lines;
}

async function verifyStrict(dir: string): Promise<{ code: number | null; report: { intact: boolean; violations: number; streams: Array<{ records: number }> } }> {
  const r = await runCli(['verify', '--key', join(dir, 'keys', 'sealog.pub'), '--json', '--strict', join(dir, 'out', 'logs.jsonl')]);
  return { code: r.code, report: JSON.parse(r.stdout) as never };
}

/** Every input line is in sealog's output exactly once. */
async function expectEveryLineOnce(dir: string, lines: string[]): Promise<void> {
  const bodies = await dataBodies(join(dir, 'out', 'logs.jsonl'));
  const seen = new Map<string, number>();
  for (const b of bodies) seen.set(b, (seen.get(b) ?? 0) + 1);
  const missing = lines.filter((l) => !seen.has(l));
  expect(missing.slice(0, 5), `${missing.length} lines missing`).toEqual([]);
  const twice = [...seen].filter(([, n]) => n > 1);
  expect(twice.slice(0, 5), `${twice.length} lines more than once`).toEqual([]);
  expect(bodies).toHaveLength(lines.length);
}

describe.each(['http', 'grpc'] as const)('Collector otlp%s exporter → sealog receiver', (transport) => {
  it('delivers every line once (default gzip), and sealog output verifies', async () => {
    const t = await tempDir('sealog-interop-client-');
    started.dirs.push(t);
    const lines = await inputFile(t.dir, 3000, `client-${transport}`);
    const s = await startSealog(t.dir);
    const collector = await startCollector(join(t.dir, 'collector.yaml'), collectorConfig(t.dir, transport, transport === 'http' ? s.http : s.grpc));
    started.collectors.push(collector);
    const out = join(t.dir, 'out', 'logs.jsonl');
    await waitFor(async () => (await readText(out)).includes(`"${lines.at(-1)}"`), 'the last line in sealog output');
    expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
    expect(await metric(s.metrics, 'sealog_receiver_records_accepted_total', `transport="${transport}"`)).toBe(lines.length);
    expect(await stopAgent(s.agent)).toEqual({ code: 0, signal: null });
    await expectEveryLineOnce(t.dir, lines);
    const v = await verifyStrict(t.dir);
    expect(v.report.intact).toBe(true);
    expect(v.code).toBe(0);
    expect(v.report.streams[0]!.records).toBe(lines.length);
  });

  it('backs off on a full spool (503 / UNAVAILABLE with a retry delay) and retries until all is in, without loss', async () => {
    const t = await tempDir('sealog-interop-backoff-');
    started.dirs.push(t);
    const lines = await inputFile(t.dir, 2500, `backoff-${transport}`);
    // sealog's own backend: down (503) until `open`, so its spool fills and stays full.
    let open = false;
    const backend = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (!open) {
          res.writeHead(503, { 'retry-after': '1' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    started.servers.push(backend);
    backend.listen(0, '127.0.0.1');
    await once(backend, 'listening');
    const s = await startSealog(t.dir, (backend.address() as AddressInfo).port);
    const collector = await startCollector(join(t.dir, 'collector.yaml'), collectorConfig(t.dir, transport, transport === 'http' ? s.http : s.grpc));
    started.collectors.push(collector);
    const refusedCode = transport === 'http' ? 'code="503"' : 'code="UNAVAILABLE"';
    // sealog refused requests as full, more than once: the Collector kept retrying.
    await waitFor(async () => (await metric(s.metrics, 'sealog_receiver_requests_total', refusedCode)) >= 3, 'sealog to refuse 3 requests as full');
    const accepted = await metric(s.metrics, 'sealog_receiver_records_accepted_total', `transport="${transport}"`);
    expect(accepted).toBeLessThan(lines.length);
    await collector.waitForOutput(/Exporting failed\. Will retry/);
    open = true;
    const out = join(t.dir, 'out', 'logs.jsonl');
    await waitFor(async () => (await metric(s.metrics, 'sealog_receiver_records_accepted_total', `transport="${transport}"`)) >= lines.length, 'every line accepted by sealog', 240_000);
    await waitFor(async () => (await readText(out)).includes(`"${lines.at(-1)}"`), 'the last line in sealog output');
    // The Collector gave nothing up.
    expect(collector.output()).not.toMatch(/Exporting failed\. Dropping data|dropped_items|no more retries left/i);
    expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
    expect(await stopAgent(s.agent)).toEqual({ code: 0, signal: null });
    await expectEveryLineOnce(t.dir, lines);
    const v = await verifyStrict(t.dir);
    expect(v.report.intact).toBe(true);
    expect(v.code).toBe(0);
  }, 300_000);
});
