/**
 * Findings 2 and 3 of issue 21 with the real agent on loopback: 80 slow HTTP
 * bodies, or 80 gRPC streams that open and never send, must not starve an
 * ordinary client, which is served within 1 s throughout. The abuse comes from
 * other loopback source addresses (127.0.0.2, 127.0.0.3), as it would from
 * another host; it is bounded in count and time and stopped by the test.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import http2 from 'node:http2';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { RawGrpcClient } from '../receivers/otlp/grpc-client.js';
import { records, requestJson, requestProto } from '../receivers/otlp/wire.js';
import { gzipSync } from 'node:zlib';
import { cleanup, get, harness, metric, newDir, run, waitFor, agentTail } from './hostile-helpers.js';

const h = harness();
const sockets: Socket[] = [];
const sessions: http2.ClientHttp2Session[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of sessions.splice(0)) s.destroy();
  await cleanup(h);
});

const ABUSERS = 80;
const ABUSE_MS = 6_000;

function config(dir: string): string {
  return `agent: { id: hostile-receiver }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0, body_timeout: 4s }
      grpc: { endpoint: 127.0.0.1:0, message_timeout: 4s }
    max_in_flight_bytes: 2MiB
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
${agentTail(dir, '{ receivers: [otlp], exporters: [file] }')}`;
}

async function endpoints(dir: string): Promise<{ http: string; grpc: string; telemetry: string }> {
  const cfg = join(dir, 'sealog.yaml');
  await writeFile(cfg, config(dir));
  const { agent, telemetry } = await run(h, cfg);
  const hl = await agent.waitForLog((l) => l.msg === 'OTLP/HTTP receiver listening');
  const gl = await agent.waitForLog((l) => l.msg === 'OTLP/gRPC receiver listening');
  return { http: String(hl.endpoint), grpc: String(gl.endpoint), telemetry };
}

const MAX_IN_FLIGHT = 2 * 1024 * 1024;

async function inFlightBytes(telemetry: string): Promise<number | undefined> {
  return metric((await get(`http://${telemetry}/metrics`)).text, 'sealog_receiver_in_flight_bytes{receiver="otlp"}');
}

function hostPort(ep: string): { host: string; port: number } {
  const i = ep.lastIndexOf(':');
  return { host: ep.slice(0, i), port: Number(ep.slice(i + 1)) };
}

/** Opens `n` connections from `from` that send complete headers, then one body byte per second. */
function slowBodies(ep: string, from: string, n: number, contentLength: number): void {
  const { host, port } = hostPort(ep);
  for (let i = 0; i < n; i++) {
    const s = tcpConnect({ host, port, localAddress: from });
    sockets.push(s);
    s.on('error', () => undefined);
    s.on('data', () => undefined);
    s.on('connect', () => {
      s.write(`POST /v1/logs HTTP/1.1\r\nHost: ${ep}\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n{`);
      const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write(' ')), 1000);
      s.on('close', () => clearInterval(t));
    });
  }
}

/** Measures ordinary requests (one at a time) until `untilMs`; returns each one's status and latency. */
async function ordinary(untilMs: number, send: () => Promise<string>): Promise<Array<{ status: string; ms: number }>> {
  const out: Array<{ status: string; ms: number }> = [];
  while (Date.now() < untilMs) {
    const t0 = performance.now();
    const status = await send();
    out.push({ status, ms: performance.now() - t0 });
    await new Promise((r) => setTimeout(r, 200));
  }
  return out;
}

describe('receivers under abuse (real process, loopback)', () => {
  it('80 slow HTTP bodies from another address do not starve an ordinary client; bytes in flight are bounded', async () => {
    const dir = await newDir(h, 'out');
    const ep = await endpoints(dir);
    slowBodies(ep.http, '127.0.0.2', ABUSERS, 1000);
    await new Promise((r) => setTimeout(r, 500)); // let the abusers' headers arrive first
    const body = requestJson(records(5, 'ordinary-http'));
    const results = await ordinary(Date.now() + ABUSE_MS, async () => {
      const res = await request(`http://${ep.http}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.body.text();
      return String(res.statusCode);
    });
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) {
      expect(r.status).toBe('200');
      expect(r.ms).toBeLessThan(1000);
    }

    // The memory limiter: a declared 1.5 MiB body being trickled holds its bytes; a second large one is refused with 503.
    slowBodies(ep.http, '127.0.0.3', 1, 1_500_000);
    await new Promise((r) => setTimeout(r, 300));
    const big = Buffer.alloc(1_000_000, 0x20);
    big[0] = 0x7b; // '{' then spaces: never finished, the limiter answers first
    const res = await request(`http://${ep.http}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    const text = await res.body.text();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(text).toContain('max_in_flight_bytes');
  });

  it('80 gRPC streams over 2 connections that never send a message do not starve an ordinary client, and are ended by message_timeout', async () => {
    const dir = await newDir(h, 'out');
    const ep = await endpoints(dir);
    const { host, port } = hostPort(ep.grpc);
    const ended: Array<string | undefined> = [];
    for (let c = 0; c < 2; c++) {
      const session = http2.connect(`http://${ep.grpc}`, { createConnection: () => tcpConnect({ host, port, localAddress: '127.0.0.2' }) });
      sessions.push(session);
      session.on('error', () => undefined);
      for (let i = 0; i < ABUSERS / 2; i++) {
        const stream = session.request({
          ':method': 'POST',
          ':path': '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
          'content-type': 'application/grpc',
          te: 'trailers',
        });
        stream.on('error', () => undefined);
        stream.on('trailers', (t) => ended.push(String(t['grpc-status'])));
        stream.on('response', (hd) => {
          if (hd['grpc-status'] !== undefined) ended.push(String(hd['grpc-status']));
        });
        stream.resume();
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    const client = new RawGrpcClient(ep.grpc);
    try {
      const body = requestProto(records(5, 'ordinary-grpc'));
      const results = await ordinary(Date.now() + ABUSE_MS, async () => String((await client.export(body)).code));
      expect(results.length).toBeGreaterThan(5);
      for (const r of results) {
        expect(r.status).toBe('0');
        expect(r.ms).toBeLessThan(1000);
      }
    } finally {
      client.close();
    }
    // Every idle stream was ended by the server: refused over the per-client limit (UNAVAILABLE, 14)
    // or cut at message_timeout (DEADLINE_EXCEEDED, 4).
    const deadline = Date.now() + 10_000;
    while (ended.length < ABUSERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(ended.length).toBe(ABUSERS);
    expect(ended.filter((c) => c === '4').length).toBe(16);
    expect(ended.filter((c) => c === '14').length).toBe(ABUSERS - 16);
  });

  it('the memory limiter counts decompressed HTTP bodies, and a gRPC call arriving over the budget is refused before its message is read', async () => {
    const dir = await newDir(h, 'out');
    const ep = await endpoints(dir);
    const { host, port } = hostPort(ep.grpc);

    // The whole budget held by one trickled body: a gRPC call is refused (RESOURCE_EXHAUSTED) as soon as
    // its metadata arrives, never buffered; before, it waited for its message until message_timeout.
    slowBodies(ep.http, '127.0.0.4', 1, MAX_IN_FLIGHT);
    const holder = sockets[sockets.length - 1]!;
    await waitFor(async () => (await inFlightBytes(ep.telemetry)) === MAX_IN_FLIGHT, 10_000, 'budget held');
    const session = http2.connect(`http://${ep.grpc}`, { createConnection: () => tcpConnect({ host, port, localAddress: '127.0.0.5' }) });
    sessions.push(session);
    session.on('error', () => undefined);
    const t0 = performance.now();
    const code = await new Promise<string>((resolve) => {
      const stream = session.request({ ':method': 'POST', ':path': '/opentelemetry.proto.collector.logs.v1.LogsService/Export', 'content-type': 'application/grpc', te: 'trailers' });
      stream.on('error', () => resolve('error'));
      stream.on('response', (hd) => hd['grpc-status'] !== undefined && resolve(String(hd['grpc-status'])));
      stream.on('trailers', (t) => resolve(String(t['grpc-status'])));
      stream.resume();
    });
    expect(code).toBe('8'); // RESOURCE_EXHAUSTED
    expect(performance.now() - t0).toBeLessThan(1000);
    const client = new RawGrpcClient(ep.grpc);
    try {
      const r = await client.export(requestProto(records(5, 'over-budget')));
      expect(r.code).toBe(8);
      expect(r.details).toContain('max_in_flight_bytes');
    } finally {
      client.close();
    }
    holder.destroy();
    await waitFor(async () => (await inFlightBytes(ep.telemetry)) === 0, 10_000, 'budget released');

    // 1.5 MB held; a gzip body of a few KB that inflates to ~1 MB would take it over: 503, counted
    // after decompression (before, only the compressed size was counted and it was taken).
    slowBodies(ep.http, '127.0.0.6', 1, 1_500_000);
    await waitFor(async () => (await inFlightBytes(ep.telemetry)) === 1_500_000, 10_000, '1.5 MB held');
    const inflated = Buffer.from(requestJson(records(1, 'x'.repeat(1_000_000))));
    const gz = gzipSync(inflated);
    expect(gz.length).toBeLessThan(50_000);
    const res = await request(`http://${ep.http}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gz });
    const text = await res.body.text();
    expect(res.statusCode).toBe(503);
    expect(text).toContain('max_in_flight_bytes');
    // Alone (nothing else held), the same body is taken: one request alone is always admitted.
    sockets[sockets.length - 1]!.destroy();
    await waitFor(async () => (await inFlightBytes(ep.telemetry)) === 0, 10_000, 'budget released again');
    const alone = await request(`http://${ep.http}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gz });
    await alone.body.text();
    expect(alone.statusCode).toBe(200);
  });
});
