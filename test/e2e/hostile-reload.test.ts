/**
 * Finding 6 of issue 21 with the real agent: a reload that cannot run here (a
 * busy port, an unreadable TLS file) changes nothing: the old receiver keeps
 * answering, export to the old endpoint goes on, /readyz stays truthful and
 * the log says the running configuration was kept.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { cleanup, get, harness, newDir, run, waitFor } from './hostile-helpers.js';

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
${opts.caFile ? `    tls: { ca_file: ${opts.caFile} }\n` : ''}integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${dir}/spool, sync: none }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
`;
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
