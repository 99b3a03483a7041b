import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpConfig, JSON_CT, post, PROTO, startReceiver, type Harness } from './helpers.js';
import { records, requestProto } from './wire.js';

let h: Harness | undefined;
let sockets: net.Socket[] = [];
const timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const t of timers) clearInterval(t);
  timers.length = 0;
  for (const s of sockets) s.destroy();
  sockets = [];
  await h?.close();
  h = undefined;
});

function port(): number {
  return h!.receiver.httpAddress()!.port;
}

/** Opens a raw TCP connection and resolves once connected; `closed` resolves when the server closes it. */
function connect(): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port(), '127.0.0.1');
    sockets.push(socket);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    // Read whatever comes: a paused socket may never see the server's FIN, so it would stay half-closed (FIN-WAIT-2 on the server's side)
    // and 'close' would not come, however promptly the server ended it.
    socket.resume();
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

async function waitFor(pred: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('OTLP/HTTP receiver under abuse', () => {
  it('serves valid requests while hundreds of idle and slowloris connections are open, then closes those', async () => {
    h = await startReceiver({
      http: httpConfig({ headersTimeoutMs: 1500, requestTimeoutMs: 3000, keepAliveTimeoutMs: 500, maxConcurrentRequestsPerClient: 64 }),
    });
    const idle = await Promise.all(Array.from({ length: 150 }, () => connect()));
    const slow = await Promise.all(Array.from({ length: 150 }, () => connect()));
    for (const { socket } of slow) socket.write('POST /v1/logs HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    // Keep the slowloris sockets trickling header bytes.
    timers.push(
      setInterval(() => {
        for (const { socket } of slow) if (!socket.destroyed) socket.write('a');
      }, 100),
    );
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(h!.httpUrl, requestProto(records(10, `r${i}`)), { headers: PROTO })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(h.consumer.records).toBe(200);
    // The server, not the client, ends every idle and slow connection.
    await Promise.all([...idle, ...slow].map((c) => c.closed));
    expect(sockets.every((s) => s.destroyed)).toBe(true);
  });

  it('does not cut a request that waits on the pipeline for longer than headers_timeout', async () => {
    h = await startReceiver({ http: httpConfig({ headersTimeoutMs: 200, requestTimeoutMs: 400 }) });
    h.consumer.hold();
    const pending = post(h.httpUrl, requestProto(records(1)), { headers: PROTO });
    await h.consumer.until(() => h!.consumer.pending === 1);
    await new Promise((r) => setTimeout(r, 700));
    h.consumer.release();
    expect((await pending).status).toBe(200);
  });

  it('answers 408 to a client that trickles its body past request_timeout, and keeps serving others', async () => {
    h = await startReceiver({ http: httpConfig({ headersTimeoutMs: 500, requestTimeoutMs: 1000 }) });
    const { socket, closed } = await connect();
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.write('POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n');
    timers.push(setInterval(() => !socket.destroyed && socket.write('\x0a'), 100));
    expect((await post(h.httpUrl, requestProto(records(1)), { headers: PROTO })).status).toBe(200);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes connections above max_connections at once', async () => {
    h = await startReceiver({ http: httpConfig({ maxConnections: 20 }) });
    const held = await Promise.all(Array.from({ length: 20 }, () => connect()));
    await new Promise((r) => setTimeout(r, 50));
    const extra = await connect();
    await extra.closed;
    expect(held.every((c) => !c.socket.destroyed)).toBe(true);
    for (const c of held) c.socket.destroy();
    await waitFor(() => held.every((c) => c.socket.destroyed));
    // Once the slots are free, requests are served again.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = await post(h.httpUrl, requestProto(records(1)), { headers: PROTO }).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });

  it('gives each hostile request its own status while valid requests in between succeed', async () => {
    h = await startReceiver({ http: httpConfig({ maxRequestBodyBytes: 256 * 1024 }), maxNestingDepth: 16 });
    let deep: unknown = { stringValue: 'x' };
    for (let i = 0; i < 100; i++) deep = { kvlistValue: { values: [{ key: 'k', value: deep }] } };
    const member = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const hostile: Array<[number, Promise<{ status: number }>]> = [
      [400, post(h.httpUrl, Buffer.from('\x00\xff\x13garbage'.repeat(100), 'latin1'), { headers: PROTO })],
      [400, post(h.httpUrl, requestProto(records(30)).subarray(0, 200), { headers: PROTO })],
      [400, post(h.httpUrl, '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":', { headers: JSON_CT })],
      [400, post(h.httpUrl, '{"resourceLogs":"nope"}', { headers: JSON_CT })],
      [
        400,
        post(h.httpUrl, JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: deep }] }] }] }), {
          headers: JSON_CT,
        }),
      ],
      [413, post(h.httpUrl, Buffer.concat([member, member]), { headers: { ...PROTO, 'Content-Encoding': 'gzip' } })],
      [413, post(h.httpUrl, Buffer.alloc(1024 * 1024), { headers: PROTO })],
      [415, post(h.httpUrl, 'plain text', { headers: { 'Content-Type': 'text/plain' } })],
      [404, post(h.httpUrl.replace('/v1/logs', '/'), 'x', { headers: PROTO })],
    ];
    const valid = Array.from({ length: 10 }, (_, i) =>
      post(h!.httpUrl, requestProto(records(5, `ok${i}`)), { headers: PROTO }),
    );
    for (const [want, p] of hostile) expect((await p).status).toBe(want);
    for (const v of valid) expect((await v).status).toBe(200);
    expect(h.consumer.records).toBe(50);
  });
});
