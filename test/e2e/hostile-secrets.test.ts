/**
 * Finding 5 of issue 21 with the real agent: credentials in an exporter URL
 * are refused by validate and run alike (exit 2, file:line, the hint to use
 * headers), and no secret from any config path that carries one reaches a
 * log line, the status page, a metric or an error message.
 */
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { runCli } from '../helpers/agent-process.js';
import { cleanup, get, harness, newDir, run, waitFor, agentTail } from './hostile-helpers.js';
import { makePki, type TestPki } from '../receivers/otlp/certs.js';

const h = harness();
const servers: Server[] = [];
const pkis: TestPki[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await cleanup(h);
  for (const p of pkis.splice(0)) p.remove();
});

/** The base64 lines of a PEM private key: what must never be printed. */
async function keyLines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
}

const URL_PASSWORD = 'Url-Pa55word-9f1c';
const HEADER_SECRET = 'Hdr-Secret-77ab01';
const ENV_SECRET = 'Env-Token-c0ffee42';
const RECEIVER_TOKEN = 'Rcv-Token-5e5e5e5e';

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

/** A backend that refuses every request with 401, so the exporter has errors to report. */
async function refusingBackend(): Promise<number> {
  const s = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('unauthorized\n');
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

describe('secrets on a hostile host (real process)', () => {
  it('an exporter URL with user:password@ is refused by validate and run alike: exit 2, file:line, use headers, password never printed', async () => {
    const dir = await newDir(h, 'out');
    const cfg = join(dir, 'sealog.yaml');
    const text = `agent: { id: hostile-secrets }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  otlphttp:
    endpoint: http://auditor:${URL_PASSWORD}@127.0.0.1:4318
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${dir}/spool }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
`;
    await writeFile(cfg, text);
    const where = `${cfg}:${lineOf(text, URL_PASSWORD)}:`;
    for (const cmd of ['validate', 'run']) {
      const r = await runCli([cmd, '-c', cfg]);
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(where);
      expect(r.stderr).toMatch(/credentials in the URL/);
      expect(r.stderr).toContain('headers');
      expect(r.stderr + r.stdout).not.toContain(URL_PASSWORD);
    }
  });

  it('wrongly typed secret settings are reported without echoing the value', async () => {
    const dir = await newDir(h);
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      `receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
    auth: "${RECEIVER_TOKEN}"
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:4318
    headers: "Bearer ${HEADER_SECRET}"
integrity: { key: ${dir}/keys/sealog.key }
spool: { dir: ${dir}/spool }
service:
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
`,
    );
    const r = await runCli(['validate', '-c', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${cfg}:5:`);
    expect(r.stderr).toContain(`${cfg}:9:`);
    expect(r.stderr).not.toContain(RECEIVER_TOKEN);
    expect(r.stderr).not.toContain(HEADER_SECRET);
  });

  it('no secret (header, ${env:} token, receiver token, signing key) appears in logs, status page, metrics or error responses', async () => {
    const dir = await newDir(h, 'out');
    const backend = await refusingBackend();
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      `agent: { id: hostile-secrets }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
    auth: { bearer_token: "${RECEIVER_TOKEN}" }
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:${backend}
    headers: { authorization: "Bearer ${HEADER_SECRET}", x-api-key: "\${env:SEALOG_TEST_SECRET}" }
    retry_on_failure: { initial_interval: 50ms, max_interval: 100ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 10, interval: 100ms, heartbeat: 1s }
spool: { dir: ${dir}/spool, sync: none }
service:
  telemetry: { metrics: 127.0.0.1:0, logs: { level: debug } }
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
`,
    );
    const { agent, telemetry } = await run(h, cfg, { SEALOG_TEST_SECRET: ENV_SECRET });
    const keySecret = (JSON.parse(await readFile(join(dir, 'keys', 'sealog.key'), 'utf8')) as { private_key: string }).private_key;
    const listening = await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening');
    const url = `http://${String(listening.endpoint)}/v1/logs`;
    const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'hello' } }] }] }] });
    const responses: string[] = [];
    for (const auth of [`Bearer ${RECEIVER_TOKEN}x`, `Basic ${RECEIVER_TOKEN}`, `Bearer ${RECEIVER_TOKEN}`]) {
      const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body });
      responses.push(`${res.statusCode} ${JSON.stringify(res.headers)} ${await res.body.text()}`);
    }
    expect(responses[2]).toMatch(/^200 /);
    // The exporter has tried, been refused and said so.
    await waitFor(() => agent.logs.some((l) => l.level === 'warn' || l.level === 'error'), 20_000, 'an exporter error in the log');
    const pages = await Promise.all(['/metrics', '/', '/readyz', '/healthz', '/status'].map(async (p) => (await get(`http://${telemetry}${p}`)).text));
    await runCli(['validate', '-c', cfg], { SEALOG_TEST_SECRET: ENV_SECRET }).then((r) => pages.push(r.stdout + r.stderr));
    const everything = [agent.stderr(), ...pages, ...responses].join('\n');
    expect(everything).toContain('sealog_'); // the metrics were read
    for (const secret of [HEADER_SECRET, ENV_SECRET, RECEIVER_TOKEN, keySecret]) expect(everything).not.toContain(secret);
  });

  it('TLS private keys (receiver and exporter client key) appear nowhere: logs, status page, metrics, nor the error for an unusable key', async () => {
    const dir = await newDir(h, 'out');
    const pki = makePki();
    pkis.push(pki);
    const backend = await refusingBackend();
    const cfg = join(dir, 'sealog.yaml');
    const text = (serverKey: string) => `agent: { id: hostile-secrets }
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:0
        tls: { cert_file: ${pki.serverCert}, key_file: ${serverKey} }
exporters:
  otlphttp:
    endpoint: https://127.0.0.1:${backend}
    tls: { ca_file: ${pki.caFile}, cert_file: ${pki.clientCert}, key_file: ${pki.clientKey} }
    retry_on_failure: { initial_interval: 50ms, max_interval: 100ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${dir}/spool, sync: none }
service:
  telemetry: { metrics: 127.0.0.1:0, logs: { level: debug } }
  pipelines:
    logs: { receivers: [otlp], exporters: [otlphttp] }
`;
    await writeFile(cfg, text(pki.serverKey));
    const { agent, telemetry } = await run(h, cfg);
    await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening');
    // The exporter (client key loaded) talks TLS to a plain-HTTP backend: its failures are logged too.
    await waitFor(() => agent.logs.some((l) => l.level === 'warn' || l.level === 'error'), 20_000, 'an exporter error in the log');
    const pages = await Promise.all(['/metrics', '/', '/readyz', '/healthz'].map(async (p) => (await get(`http://${telemetry}${p}`)).text));
    const secrets = [...(await keyLines(pki.serverKey)), ...(await keyLines(pki.clientKey))];
    expect(secrets.length).toBeGreaterThanOrEqual(4);

    // A key file that is not a usable key (here: another key's PEM with its body damaged), at run and at reload.
    const damaged = join(dir, 'damaged.key');
    const lines = (await readFile(pki.strangerKey, 'utf8')).split('\n');
    const body = lines.filter((l) => l.length >= 16 && !l.startsWith('-----'));
    await writeFile(damaged, lines.map((l) => (body.includes(l) ? l.split('').reverse().join('') : l)).join('\n'));
    const damagedLines = await keyLines(damaged);
    secrets.push(...damagedLines, ...body);
    await writeFile(cfg, text(damaged));
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => agent.logs.slice(seen).some((l) => typeof l.msg === 'string' && /^reload (refused|failed)/.test(l.msg)), 20_000, 'reload with the damaged key refused');
    const other = join(dir, 'other.yaml');
    await writeFile(other, text(damaged).replace('/spool', '/spool2').replace('/keys/', '/keys2/'));
    const r = await runCli(['run', '-c', other]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('cannot use the certificate or key');

    const everything = [agent.stderr(), ...pages, r.stdout, r.stderr].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it('a reload whose exporter URL carries user:password@ is refused with file:line and the hint, and the password is never printed', async () => {
    const dir = await newDir(h, 'out');
    const cfg = join(dir, 'sealog.yaml');
    const text = (endpoint: string) => `agent: { id: hostile-secrets }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  otlphttp:
    endpoint: ${endpoint}
${agentTail(dir, '{ receivers: [otlp], exporters: [otlphttp] }')}`;
    await writeFile(cfg, text('http://127.0.0.1:4318'));
    const { agent, telemetry } = await run(h, cfg);
    const bad = text(`http://auditor:${URL_PASSWORD}@127.0.0.1:4318`);
    await writeFile(cfg, bad);
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => agent.logs.slice(seen).some((l) => l.msg === 'new configuration is invalid; keeping the running one'), 20_000, 'reload refused as invalid');
    const refused = agent.logs.slice(seen).find((l) => l.msg === 'new configuration is invalid; keeping the running one')!;
    const errors = (refused.errors as string[]).join('\n');
    expect(errors).toContain(`${cfg}:${lineOf(bad, URL_PASSWORD)}:`);
    expect(errors).toMatch(/credentials in the URL/);
    expect(errors).toContain('headers');
    expect((await get(`http://${telemetry}/readyz`)).status).toBe(200);
    const pages = await Promise.all(['/metrics', '/'].map(async (p) => (await get(`http://${telemetry}${p}`)).text));
    expect([agent.stderr(), ...pages].join('\n')).not.toContain(URL_PASSWORD);
  });
});
