/**
 * Finding 1 of issue 21 with the real agent: a planted symlink (or hard link,
 * or a glob that reaches the spool) must not make the agent read and forward
 * its own signing key or any file the include globs do not select.
 */
import { copyFile, link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/agent-process.js';
import { makePki, type TestPki } from '../receivers/otlp/certs.js';
import { cleanup, get, harness, newDir, readOr, run, waitFor } from './hostile-helpers.js';

const h = harness();
const pkis: TestPki[] = [];
afterEach(async () => {
  await cleanup(h);
  for (const p of pkis.splice(0)) p.remove();
});

function config(dir: string, opts: { include: string[]; exclude?: string[]; follow?: boolean }): string {
  return `agent: { id: hostile-filelog }
receivers:
  filelog:
    include: [${opts.include.join(', ')}]
    exclude: [${(opts.exclude ?? []).join(', ')}]
    start_at: beginning
    poll_interval: 50ms
${opts.follow !== undefined ? `    follow_symlinks: ${opts.follow}\n` : ''}exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  seal: { every_records: 50, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [filelog], exporters: [file] }
`;
}

/** The skip counter for one reason, summed over receivers. */
function skipped(metrics: string, reason: string): number {
  let n = 0;
  for (const line of metrics.split('\n')) {
    if (line.startsWith('sealog_filelog_files_skipped_total{') && line.includes(`reason="${reason}"`)) n += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return n;
}

async function keyDir(dir: string): Promise<{ keyText: string; seed: string }> {
  const k = await runCli(['keygen', '--out', join(dir, 'keys')]);
  expect(k.code).toBe(0);
  const keyText = await readFile(join(dir, 'keys', 'sealog.key'), 'utf8');
  const seed = (JSON.parse(keyText) as { private_key: string }).private_key;
  expect(seed.length).toBeGreaterThanOrEqual(32);
  return { keyText, seed };
}

describe('filelog on a hostile host (real process)', () => {
  it('skips planted symlinks and hard links to the key, never reads the spool, and says so in a warning and a metric', async () => {
    const dir = await newDir(h, 'logs', 'private', 'out');
    const { seed } = await keyDir(dir);
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE-INCLUDE\n');
    await writeFile(join(dir, 'private', 'x.log'), 'TOP-SECRET-BEHIND-A-DIR-LINK\n');
    await writeFile(join(dir, 'logs', 'app.log'), 'ordinary line 1\n');
    await symlink(join(dir, 'keys', 'sealog.key'), join(dir, 'logs', 'key.log'));
    await symlink(join(dir, 'secret.txt'), join(dir, 'logs', 'secret.log'));
    await symlink(join(dir, 'private'), join(dir, 'logs', 'sub'));
    await link(join(dir, 'keys', 'sealog.key'), join(dir, 'logs', 'hard.log'));
    const cfg = join(dir, 'sealog.yaml');
    // The spool glob is what a careless include like /var/lib/** would reach.
    await writeFile(cfg, config(dir, { include: [`${dir}/logs/*.log`, `${dir}/logs/*/*.log`, `${dir}/spool/**`] }));
    const { agent, telemetry } = await run(h, cfg);

    await waitFor(async () => (await readOr(join(dir, 'out', 'logs.jsonl'))).includes('ordinary line 1'), 20_000, 'the ordinary line forwarded');
    await waitFor(async () => {
      if ((await readOr(join(dir, 'out', 'logs.jsonl'))).includes(seed)) return true; // leaked: fail below, not by timeout
      const m = (await get(`http://${telemetry}/metrics`)).text;
      return skipped(m, 'symlink') >= 3 && skipped(m, 'protected') >= 2;
    }, 20_000, 'skip metrics');
    expect(await readOr(join(dir, 'out', 'logs.jsonl'))).not.toContain(seed);
    const warned = agent.logs.filter((l) => l.level === 'warn' && typeof l.msg === 'string' && l.msg.startsWith('filelog: '));
    expect(warned.some((l) => l.path === join(dir, 'logs', 'key.log') && String(l.msg).includes('symlink'))).toBe(true);
    expect(warned.some((l) => l.path === join(dir, 'logs', 'sub', 'x.log'))).toBe(true);
    expect(warned.some((l) => l.path === join(dir, 'logs', 'hard.log') && String(l.msg).includes('key material'))).toBe(true);

    const out = await readOr(join(dir, 'out', 'logs.jsonl'));
    expect(out).not.toContain(seed);
    expect(out).not.toContain('TOP-SECRET');
    // Spool segments hold the forwarded records: had one been read, the line would come back.
    expect(out.split('ordinary line 1').length - 1).toBe(1);
    expect(agent.stderr()).not.toContain(seed);
  });

  it('with follow_symlinks: true follows a link only to a target include itself selects and exclude does not', async () => {
    const dir = await newDir(h, 'logs', 'data', 'out');
    const { seed } = await keyDir(dir);
    await writeFile(join(dir, 'data', 'ok.log'), 'followed line\n');
    await writeFile(join(dir, 'data', 'hidden.log'), 'TOP-SECRET-EXCLUDED\n');
    await symlink(join(dir, 'data', 'ok.log'), join(dir, 'logs', 'ok.log'));
    await symlink(join(dir, 'data', 'hidden.log'), join(dir, 'logs', 'hidden.log'));
    await symlink(join(dir, 'keys', 'sealog.key'), join(dir, 'logs', 'key.log'));
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'other.log'), 'TOP-SECRET-NOT-INCLUDED\n');
    await symlink(join(dir, 'elsewhere', 'other.log'), join(dir, 'logs', 'other.log'));
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, config(dir, { include: [`${dir}/logs/*.log`, `${dir}/data/*.log`], exclude: [`${dir}/data/hidden.log`], follow: true }));
    const { telemetry } = await run(h, cfg);
    await waitFor(async () => (await readOr(join(dir, 'out', 'logs.jsonl'))).includes('followed line'), 20_000, 'the followed line');
    await waitFor(async () => skipped((await get(`http://${telemetry}/metrics`)).text, 'symlink_target') >= 3, 20_000, 'symlink_target skips');
    const out = await readOr(join(dir, 'out', 'logs.jsonl'));
    expect(out).not.toContain('TOP-SECRET');
    expect(out).not.toContain(seed);
    // The link and its target are one file: read once.
    expect(out.split('followed line').length - 1).toBe(1);
  });
  it('a glob over the key directory reads none of the key, its rotation temp file, keyring, public key or a TLS private key', async () => {
    const dir = await newDir(h, 'out', 'tls');
    const { seed } = await keyDir(dir);
    const pki = makePki();
    pkis.push(pki);
    const keys = join(dir, 'keys');
    const tlsKey = join(keys, 'receiver-tls.key');
    await copyFile(pki.serverKey, tlsKey);
    await copyFile(pki.serverCert, join(dir, 'tls', 'server.crt'));
    const tlsKeyText = (await readFile(tlsKey, 'utf8')).split('\n')[1]!; // a line of the base64 body
    // What a rotation writes next to the key before renaming it over the key, and the keyring it appends to.
    await writeFile(join(keys, '.sealog.key.4242.tmp'), '{"private_key":"TEMP-ROTATION-SEED-aaaa"}\n');
    await writeFile(join(keys, '.sealog.keyring.4242.tmp'), '{"public_key":"TEMP-KEYRING-bbbb"}\n');
    await writeFile(join(keys, 'sealog.keyring'), '{"public_key":"KEYRING-LINE-cccc"}\n');
    await writeFile(join(keys, '.receiver-tls.key.77.tmp'), 'TEMP-TLS-KEY-dddd\n');
    await writeFile(join(keys, 'notes.log'), 'ordinary key-dir line\n');
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      `agent: { id: hostile-filelog }
receivers:
  filelog:
    include: [${keys}/*, ${keys}/.*]
    start_at: beginning
    poll_interval: 50ms
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:0
        tls: { cert_file: ${dir}/tls/server.crt, key_file: ${tlsKey} }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${keys}/sealog.key
  seal: { every_records: 50, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [filelog, otlp], exporters: [file] }
`,
    );
    const { agent, telemetry } = await run(h, cfg);
    await waitFor(async () => (await readOr(join(dir, 'out', 'logs.jsonl'))).includes('ordinary key-dir line'), 20_000, 'the ordinary line forwarded');
    // sealog.key, sealog.pub, sealog.keyring, the three temp files, the TLS key.
    await waitFor(async () => skipped((await get(`http://${telemetry}/metrics`)).text, 'protected') >= 7, 20_000, '7 protected skips');
    const out = await readOr(join(dir, 'out', 'logs.jsonl'));
    for (const secret of [seed, 'TEMP-ROTATION-SEED', 'TEMP-KEYRING', 'KEYRING-LINE', 'TEMP-TLS-KEY', tlsKeyText, 'PRIVATE KEY', 'sealog-pub-v1']) {
      expect(out, secret).not.toContain(secret);
    }
    const refused = new Set(agent.logs.filter((l) => String(l.msg).includes('key material')).map((l) => String(l.path)));
    for (const name of ['sealog.key', 'sealog.pub', 'sealog.keyring', '.sealog.key.4242.tmp', '.sealog.keyring.4242.tmp', 'receiver-tls.key', '.receiver-tls.key.77.tmp']) {
      expect(refused.has(join(keys, name)), name).toBe(true);
    }
  });

  it('a TLS key_file a reload adds is protected from the filelog receivers the reload leaves running', async () => {
    const dir = await newDir(h, 'logs', 'out', 'tls');
    await keyDir(dir);
    const pki = makePki();
    pkis.push(pki);
    const tlsKey = join(dir, 'tls', 'server.key');
    await copyFile(pki.serverKey, tlsKey);
    await copyFile(pki.serverCert, join(dir, 'tls', 'server.crt'));
    const keyLines = (await readFile(tlsKey, 'utf8')).split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
    await writeFile(join(dir, 'logs', 'app.log'), 'line before reload\n');
    const text = (tls: boolean) => `agent: { id: hostile-filelog }
receivers:
  filelog:
    include: [${dir}/logs/*]
    start_at: beginning
    poll_interval: 50ms
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:0
${tls ? `        tls: { cert_file: ${dir}/tls/server.crt, key_file: ${tlsKey} }\n` : ''}exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  seal: { every_records: 50, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [filelog, otlp], exporters: [file] }
`;
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(cfg, text(false));
    const { agent, telemetry } = await run(h, cfg);
    await waitFor(async () => (await readOr(join(dir, 'out', 'logs.jsonl'))).includes('line before reload'), 20_000, 'first line forwarded');
    await writeFile(cfg, text(true));
    const seen = agent.logs.length;
    agent.child.kill('SIGHUP');
    await waitFor(() => agent.logs.slice(seen).some((l) => l.msg === 'configuration reloaded'), 20_000, 'reloaded');
    // The filelog receiver was not restarted (its settings did not change) ...
    expect(agent.logs.slice(seen).some((l) => l.msg === 'receiver stopped for reload' && l.receiver === 'filelog')).toBe(false);
    // ... and a hard link to the new TLS key planted in its directory is refused all the same.
    await link(tlsKey, join(dir, 'logs', 'planted.log'));
    await writeFile(join(dir, 'logs', 'app.log'), 'line before reload\nline after reload\n');
    await waitFor(async () => (await readOr(join(dir, 'out', 'logs.jsonl'))).includes('line after reload'), 20_000, 'line after reload forwarded');
    await waitFor(async () => skipped((await get(`http://${telemetry}/metrics`)).text, 'protected') >= 1, 20_000, 'the planted link refused');
    const out = await readOr(join(dir, 'out', 'logs.jsonl'));
    for (const l of keyLines) expect(out).not.toContain(l);
  });
});
