import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAgentError } from '../../src/errors.js';
import { expectVerifies, makeSealed, range } from './helpers/data.js';
import { httpConfig } from './helpers/config.js';
import { Harness } from './helpers/harness.js';
import { makeNamedOnlyServerCert, makePki, type Pki } from './helpers/pki.js';

let pki: Pki;
let h: Harness;
beforeAll(async () => {
  pki = makePki(await mkdtemp(join(tmpdir(), 'sealog-pki-')));
});
afterAll(async () => {
  await rm(pki.dir, { recursive: true, force: true });
});
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.cleanup();
});

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

describe('otlphttp exporter over TLS', () => {
  it('verifies the server against tls.ca_file and delivers', async () => {
    const sink = await h.sink({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) } });
    const data = await makeSealed({ dir: h.dir, records: 100 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, tls: { caFile: pki.caCert, insecureSkipVerify: false } }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sink.errors).toEqual([]);
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
  });

  it('refuses a server its CA did not sign: nothing is sent or acked, and the error says why', async () => {
    const sink = await h.sink({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) } });
    await h.spool.append((await makeSealed({ dir: h.dir, records: 10 })).entries);
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: sink.url, tls: { caFile: pki.otherCaCert, insecureSkipVerify: false } }));
    await exporter.start();
    await h.waitFor(() => h.metric('sealog_exporter_retries_total', { exporter: 'otlphttp' }) >= 2, 'two retries');
    expect(sink.requests).toHaveLength(0);
    expect(reader.acks).toEqual([]);
    expect(String(h.logs(/will retry/)[0]?.error)).toMatch(/certificate|CERT/i);
  });

  it('presents the client certificate for mTLS, and gets nowhere without it', async () => {
    const tls = { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), ca: pki.read(pki.caCert), requestCert: true, rejectUnauthorized: true };
    const sink = await h.sink({ tls });
    const data = await makeSealed({ dir: h.dir, records: 80 });
    await h.spool.append(data.entries);
    const without = h.exporter(httpConfig({ id: 'otlphttp/nocert', endpoint: sink.url, tls: { caFile: pki.caCert, insecureSkipVerify: false } }));
    await without.exporter.start();
    await h.waitFor(() => h.metric('sealog_exporter_retries_total', { exporter: 'otlphttp/nocert' }) >= 2, 'retries without a client cert');
    expect(sink.requests).toHaveLength(0);
    await without.exporter.shutdown();

    const withCert = h.exporter(
      httpConfig({ id: 'otlphttp/mtls', endpoint: sink.url, tls: { caFile: pki.caCert, certFile: pki.clientCert, keyFile: pki.clientKey, insecureSkipVerify: false } }),
    );
    await withCert.exporter.start();
    expect(await withCert.exporter.drain(60_000)).toBe(true);
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
    expect(new Set(sink.requests.map((r) => r.clientCn))).toEqual(new Set(['sealog-agent-1']));
  });

  it('checks the certificate against tls.server_name when the URL names an IP', async () => {
    const named = makeNamedOnlyServerCert(pki);
    const sink = await h.sink({ tls: { cert: pki.read(named.cert), key: pki.read(named.key) } });
    const data = await makeSealed({ dir: h.dir, records: 20 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, tls: { caFile: pki.caCert, serverName: 'otlp.test', insecureSkipVerify: false } }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
  });

  it('with insecure_skip_verify, delivers to an unverifiable server and warns loudly at start', async () => {
    const sink = await h.sink({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) } });
    const data = await makeSealed({ dir: h.dir, records: 20 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, tls: { insecureSkipVerify: true } }));
    await exporter.start();
    expect(h.logs(/CERTIFICATE VERIFICATION IS OFF/, 'warn')).toHaveLength(1);
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
  });

  it('fails at start, naming the key and file, when a TLS file cannot be read', async () => {
    const { exporter } = h.exporter(httpConfig({ endpoint: 'https://127.0.0.1:1', tls: { caFile: join(pki.dir, 'missing.crt'), insecureSkipVerify: false } }));
    await expect(exporter.start()).rejects.toSatisfy((e: unknown) => isAgentError(e, 'CONFIG_INVALID') && /tls\.ca_file: cannot read .*missing\.crt/.test((e as Error).message));
  });

  it('goes through HTTPS_PROXY with a CONNECT tunnel (TLS end to end), and around it for NO_PROXY hosts', async () => {
    const connects: string[] = [];
    const proxy = createServer();
    const tunnels = new Set<Socket>();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        tunnels.add(s);
        s.on('error', () => undefined);
        s.on('close', () => tunnels.delete(s));
      }
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
    try {
      const sink = await h.sink({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey) } });
      const data = await makeSealed({ dir: h.dir, records: 60 });
      await h.spool.append(data.entries);
      process.env.HTTPS_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
      const via = h.exporter(httpConfig({ id: 'otlphttp/proxied', endpoint: sink.url, tls: { caFile: pki.caCert, insecureSkipVerify: false } }));
      await via.exporter.start();
      expect(await via.exporter.drain(60_000)).toBe(true);
      expect(connects).toContain(`127.0.0.1:${sink.port}`);
      expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
      await expectVerifies(sink.acceptedJsonLines(), data);

      process.env.NO_PROXY = '127.0.0.1';
      const tunnelsBefore = connects.length;
      const direct = h.exporter(httpConfig({ id: 'otlphttp/direct', endpoint: sink.url, tls: { caFile: pki.caCert, insecureSkipVerify: false } }));
      await direct.exporter.start();
      expect(await direct.exporter.drain(60_000)).toBe(true);
      expect(connects.length).toBe(tunnelsBefore);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      for (const s of tunnels) s.destroy();
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});
