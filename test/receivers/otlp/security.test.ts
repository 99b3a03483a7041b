import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makePki, type TestPki } from './certs.js';
import { RawGrpcClient } from './grpc-client.js';
import { grpcConfig, httpConfig, post, PROTO, startReceiver, type Harness } from './helpers.js';
import { records, requestProto } from './wire.js';

let pki: TestPki;
let h: Harness | undefined;
let clients: RawGrpcClient[] = [];

beforeAll(() => {
  pki = makePki();
});
afterAll(() => pki.remove());
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await h?.close();
  h = undefined;
});

function grpcClient(creds?: grpc.ChannelCredentials): RawGrpcClient {
  const c = new RawGrpcClient(h!.grpcTarget, creds ? { credentials: creds } : {});
  clients.push(c);
  return c;
}

const TOKEN = 's3cr3t-token-for-tests';

describe('bearer token auth', () => {
  it('HTTP: 401 with WWW-Authenticate without or with a wrong token, 200 with the right one', async () => {
    h = await startReceiver({ auth: { bearerToken: TOKEN }, http: httpConfig() });
    const body = requestProto(records(1));
    const none = await post(h.httpUrl, body, { headers: PROTO });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="sealog"');
    const wrong = await post(h.httpUrl, body, { headers: { ...PROTO, Authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('invalid_token');
    const otherScheme = await post(h.httpUrl, body, { headers: { ...PROTO, Authorization: `Basic ${TOKEN}` } });
    expect(otherScheme.status).toBe(401);
    expect(h.consumer.batches).toHaveLength(0);
    const ok = await post(h.httpUrl, body, { headers: { ...PROTO, Authorization: `bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(h.consumer.records).toBe(1);
    expect(JSON.stringify(h.logger.lines)).not.toContain(TOKEN);
  });

  it('HTTP: checks the token before the content type, so strangers learn nothing else', async () => {
    h = await startReceiver({ auth: { bearerToken: TOKEN }, http: httpConfig() });
    const reply = await post(h.httpUrl, 'x', { headers: { 'Content-Type': 'text/plain' } });
    expect(reply.status).toBe(401);
  });

  it('gRPC: UNAUTHENTICATED without or with a wrong token, OK with the right one', async () => {
    h = await startReceiver({ auth: { bearerToken: TOKEN }, grpc: grpcConfig() });
    const body = requestProto(records(2));
    const c = grpcClient();
    expect((await c.export(body)).code).toBe(16);
    const wrong = await c.export(body, { authorization: 'Bearer nope' });
    expect(wrong.code).toBe(16);
    expect(wrong.status?.code).toBe(16);
    expect(h.consumer.batches).toHaveLength(0);
    expect((await c.export(body, { authorization: `Bearer ${TOKEN}` })).code).toBe(0);
    expect(h.consumer.records).toBe(2);
    expect(JSON.stringify(h.logger.lines)).not.toContain(TOKEN);
  });
});

describe('TLS', () => {
  it('HTTP over TLS accepts a client that trusts the CA', async () => {
    h = await startReceiver({ http: httpConfig({ tls: { certFile: pki.serverCert, keyFile: pki.serverKey } }) });
    expect(h.httpUrl.startsWith('https://')).toBe(true);
    const reply = await post(h.httpUrl, requestProto(records(3)), { headers: PROTO, tls: { ca: pki.read(pki.caFile) } });
    expect(reply.status).toBe(200);
    expect(h.consumer.records).toBe(3);
    await expect(post(h.httpUrl.replace('https:', 'http:'), requestProto(records(1)), { headers: PROTO })).rejects.toThrow();
  });

  it('HTTP with mTLS accepts only client certificates signed by client_ca_file', async () => {
    h = await startReceiver({
      http: httpConfig({ tls: { certFile: pki.serverCert, keyFile: pki.serverKey, clientCaFile: pki.caFile } }),
    });
    const body = requestProto(records(1));
    const ca = pki.read(pki.caFile);
    await expect(post(h.httpUrl, body, { headers: PROTO, tls: { ca } })).rejects.toThrow();
    await expect(
      post(h.httpUrl, body, {
        headers: PROTO,
        tls: { ca, cert: pki.read(pki.strangerCert), key: pki.read(pki.strangerKey) },
      }),
    ).rejects.toThrow();
    expect(h.consumer.batches).toHaveLength(0);
    const ok = await post(h.httpUrl, body, {
      headers: PROTO,
      tls: { ca, cert: pki.read(pki.clientCert), key: pki.read(pki.clientKey) },
    });
    expect(ok.status).toBe(200);
    expect(h.consumer.records).toBe(1);
  });

  it('gRPC over TLS, and with mTLS only for trusted client certificates', async () => {
    h = await startReceiver({
      grpc: grpcConfig({ tls: { certFile: pki.serverCert, keyFile: pki.serverKey, clientCaFile: pki.caFile } }),
    });
    const ca = pki.read(pki.caFile);
    const body = requestProto(records(2));
    expect((await grpcClient(grpc.credentials.createSsl(ca)).export(body)).code).toBe(14);
    const stranger = grpc.credentials.createSsl(ca, pki.read(pki.strangerKey), pki.read(pki.strangerCert));
    expect((await grpcClient(stranger).export(body)).code).toBe(14);
    expect(h.consumer.batches).toHaveLength(0);
    const trusted = grpc.credentials.createSsl(ca, pki.read(pki.clientKey), pki.read(pki.clientCert));
    expect((await grpcClient(trusted).export(body)).code).toBe(0);
    expect(h.consumer.records).toBe(2);
  });

  it('gRPC over TLS without client verification', async () => {
    h = await startReceiver({ grpc: grpcConfig({ tls: { certFile: pki.serverCert, keyFile: pki.serverKey } }) });
    const reply = await grpcClient(grpc.credentials.createSsl(pki.read(pki.caFile))).export(requestProto(records(1)));
    expect(reply.code).toBe(0);
  });

  it('fails to start with a clear message when a TLS file is missing', async () => {
    const missing = `${pki.dir}/nope.crt`;
    await expect(
      startReceiver({ http: httpConfig({ tls: { certFile: missing, keyFile: pki.serverKey } }) }),
    ).rejects.toThrow(/tls\.cert_file: cannot read .*nope\.crt/);
  });
});
