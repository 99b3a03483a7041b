/**
 * Finding 6 of issue 21 with the real agent: a reload that cannot run here (a
 * busy port, an unreadable TLS file) changes nothing: the old receiver keeps
 * answering, export to the old endpoint goes on, /readyz stays truthful and
 * the log says the running configuration was kept.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { cleanup, get, harness, newDir, readOr, run, waitFor, agentTail } from './hostile-helpers.js';

const h = harness();
const servers: Array<Server | TcpServer> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(() => r(undefined)));
  await cleanup(h);
});

/** A backend that takes every OTLP/HTTP request and remembers the bodies. */
async function sink(): Promise<{ port: number; bodies: string[] }> {
  const bodies: string[] = [];
  const s = createServer((req, res) => {
    let b = '';
    req.setEncoding('latin1');
    req.on('data', (c: string) => (b += c));
    req.on('end', () => {
      bodies.push(b);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { port: (s.address() as AddressInfo).port, bodies };
}

function config(dir: string, opts: { httpEndpoint: string; sinkPort: number; caFile?: string }): string {
  return `agent: { id: hostile-reload }
receivers:
  otlp:
    protocols:
      http: { endpoint: ${opts.httpEndpoint} }
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:${opts.sinkPort}
    encoding: json
    compression: none
${opts.caFile ? `    tls: { ca_file: ${opts.caFile} }\n` : ''}${agentTail(dir, '{ receivers: [otlp], exporters: [otlphttp] }')}`;
}

async function post(endpoint: string, text: string): Promise<number> {
  const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: text } }] }] }] });
  const res = await request(`http://${endpoint}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.body.text();
  return res.statusCode;
}

describe('reload as a transaction (real process)', () => {
  it('a busy new port or an unreadable ca_file leaves the old receiver and exporter running; the log and /readyz tell the truth', async () => {
    const dir = await newDir(h);
    const backend = await sink();
    const busy = createTcpServer();
    servers.push(busy);
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as AddressInfo).port;

    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, config(dir, { httpEndpoint: '127.0.0.1:0', sinkPort: backend.port }));
    const { agent, telemetry } = await run(h, cfg);
    const endpoint = String((await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening')).endpoint);
    expect(await post(endpoint, 'before-reload')).toBe(200);
    await waitFor(() => backend.bodies.some((b) => b.includes('before-reload')), 20_000, 'first record exported');

    const attempts: Array<{ what: string; cfg: string }> = [
      { what: 'busy port', cfg: config(dir, { httpEndpoint: `127.0.0.1:${busyPort}`, sinkPort: backend.port }) },
      { what: 'unreadable ca_file', cfg: config(dir, { httpEndpoint: '127.0.0.1:0', sinkPort: backend.port, caFile: join(dir, 'missing-ca.pem') }) },
    ];
    for (const [i, a] of attempts.entries()) {
      await writeFile(cfg, a.cfg);
      const seen = agent.logs.length;
      agent.child.kill('SIGHUP');
      await waitFor(() => agent.logs.slice(seen).some((l) => typeof l.msg === 'string' && l.msg.startsWith('reload ')), 20_000, `${a.what}: reload outcome logged`);
      const outcome = agent.logs.slice(seen).find((l) => typeof l.msg === 'string' && l.msg.startsWith('reload '))!;
      expect(outcome.msg, a.what).toBe('reload refused: the new configuration cannot run here; the running configuration is kept, unchanged');
      expect(String(outcome.error), a.what).toContain(a.what === 'busy port' ? String(busyPort) : 'missing-ca.pem');
      expect(agent.logs.slice(seen).some((l) => l.msg === 'receiver stopped for reload' || l.msg === 'exporter stopped for reload'), a.what).toBe(false);
      // The old receiver still answers, and what it takes still reaches the old endpoint.
      expect(await post(endpoint, `after-failed-reload-${i}`), a.what).toBe(200);
      await waitFor(() => backend.bodies.some((b) => b.includes(`after-failed-reload-${i}`)), 20_000, `${a.what}: export continues`);
      expect((await get(`http://${telemetry}/readyz`)).status, a.what).toBe(200);
    }
  });
});

/** A port that was free a moment ago (bound to 0 and closed). */
async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** The outcome line `sealog run` logs for a reload (the agent's own account comes before it). */
function outcomeOf(logs: Array<Record<string, unknown>>): Record<string, unknown> | undefined {
  return logs.find((l) => typeof l.msg === 'string' && (l.msg.startsWith('reload refused') || l.msg.startsWith('reload failed:') || l.msg.startsWith('reload failed;')));
}

describe('reload: file exporter path and part-way failures (real process)', () => {
  it('a file exporter whose path cannot be created is refused before anything stops', async () => {
    const dir = await newDir(h, 'out');
    const backend = await sink();
    await writeFile(join(dir, 'not-a-dir'), 'a regular file\n');
    const cfg = join(dir, 'sealog.yaml');
    const base = config(dir, { httpEndpoint: '127.0.0.1:0', sinkPort: backend.port });
    await writeFile(cfg, base);
    const { agent, telemetry } = await run(h, cfg);
    const endpoint = String((await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening')).endpoint);
    // The same configuration plus a file exporter under a path component that is a regular file.
    const bad = base
      .replace('integrity:', `  file: { path: ${dir}/not-a-dir/logs.jsonl }\nintegrity:`)
      .replace('exporters: [otlphttp]', 'exporters: [otlphttp, file]');
    await writeFile(cfg, bad);
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => outcomeOf(agent.logs.slice(seen)) !== undefined, 20_000, 'reload outcome logged');
    const outcome = outcomeOf(agent.logs.slice(seen))!;
    expect(outcome.msg).toBe('reload refused: the new configuration cannot run here; the running configuration is kept, unchanged');
    expect(String(outcome.error)).toContain('exporters.file.path');
    expect(String(outcome.error)).toContain('not-a-dir');
    expect(await post(endpoint, 'after-refused-file')).toBe(200);
    await waitFor(() => backend.bodies.some((b) => b.includes('after-refused-file')), 20_000, 'export continues');
    expect((await get(`http://${telemetry}/readyz`)).status).toBe(200);
  });

  it('a file exporter whose directory is replaced after preflight, while the old exporter drains: the old components are started again, /readyz stays 200', async () => {
    const dir = await newDir(h, 'out1', 'out2');
    const port = await freePort();
    // The otlphttp backend is down: a record waits in the spool, so the changed exporter drains for its
    // 2 s limit before stopping. During that time out2 (checked by preflight) becomes a regular file.
    const downPort = await freePort();
    const text = (next: boolean) => `agent: { id: hostile-reload }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:${port}${next ? ', max_concurrent_requests: 32' : ''} }
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:${downPort}
    encoding: ${next ? 'proto' : 'json'}
    retry_on_failure: { initial_interval: 50ms, max_interval: 100ms }
  file: { path: ${dir}/${next ? 'out2' : 'out1'}/logs.jsonl, flush_interval: 50ms }
${agentTail(dir, '{ receivers: [otlp], exporters: [otlphttp, file] }')}`;
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, text(false));
    const { agent, telemetry } = await run(h, cfg);
    const endpoint = `127.0.0.1:${port}`;
    expect(await post(endpoint, 'pending-record')).toBe(200);
    await waitFor(async () => (await readOr(join(dir, 'out1', 'logs.jsonl'))).includes('pending-record'), 20_000, 'file export');
    await writeFile(cfg, text(true));
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => agent.logs.slice(seen).some((l) => l.msg === 'receiver stopped for reload'), 20_000, 'old receiver stopped');
    await rm(join(dir, 'out2'), { recursive: true });
    await writeFile(join(dir, 'out2'), 'now a regular file\n');
    await waitFor(() => outcomeOf(agent.logs.slice(seen)) !== undefined, 30_000, 'reload outcome logged');
    const outcome = outcomeOf(agent.logs.slice(seen))!;
    expect(agent.logs.slice(seen).some((l) => l.msg === 'exporter stopped for reload' && l.exporter === 'file'), 'the file exporter was replaced').toBe(true);
    expect(outcome.msg).toBe('reload failed: the previous configuration runs again, unchanged');
    expect(String(outcome.error)).toContain('out2');
    expect(agent.logs.slice(seen).some((l) => l.msg === 'reload failed part way; the previous configuration was restored and runs, unchanged')).toBe(true);
    // The old receiver answers on its port again, the old file exporter writes on, and /readyz says so.
    expect(await post(endpoint, 'after-rollback')).toBe(200);
    await waitFor(async () => (await readOr(join(dir, 'out1', 'logs.jsonl'))).includes('after-rollback'), 20_000, 'old file exporter writes on');
    expect((await get(`http://${telemetry}/readyz`)).status).toBe(200);
  });

  it('an OTLP receiver moved to a new port is started there before the old one stops', async () => {
    const dir = await newDir(h);
    const backend = await sink();
    const oldPort = await freePort();
    const newPort = await freePort();
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, config(dir, { httpEndpoint: `127.0.0.1:${oldPort}`, sinkPort: backend.port }));
    const { agent, telemetry } = await run(h, cfg);
    await writeFile(cfg, config(dir, { httpEndpoint: `127.0.0.1:${newPort}`, sinkPort: backend.port }));
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => agent.logs.slice(seen).some((l) => l.msg === 'configuration reloaded'), 20_000, 'reloaded');
    const after = agent.logs.slice(seen);
    const listening = after.findIndex((l) => l.msg === 'OTLP/HTTP receiver listening' && l.endpoint === `127.0.0.1:${newPort}`);
    const stopped = after.findIndex((l) => l.msg === 'receiver stopped for reload (its replacement already listens)');
    expect(listening).toBeGreaterThanOrEqual(0);
    expect(stopped).toBeGreaterThan(listening);
    expect(await post(`127.0.0.1:${newPort}`, 'on-the-new-port')).toBe(200);
    await waitFor(() => backend.bodies.some((b) => b.includes('on-the-new-port')), 20_000, 'exported');
    expect((await get(`http://${telemetry}/readyz`)).status).toBe(200);
  });
});
