import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/telemetry/logger.js';
import { createOtlpReceiver } from '../../../src/receivers/otlp/index.js';
import { RawGrpcClient } from './grpc-client.js';
import { grpcConfig, httpConfig, post, PROTO, RecordingConsumer, startReceiver, type Harness } from './helpers.js';
import { records, requestProto } from './wire.js';

let h: Harness | undefined;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
  h = undefined;
});

describe('OTLP receiver lifecycle', () => {
  it('reports the OS-assigned ports of both transports', async () => {
    h = await startReceiver({ http: httpConfig(), grpc: grpcConfig() });
    const ha = h.receiver.httpAddress()!;
    const ga = h.receiver.grpcAddress()!;
    expect(ha.host).toBe('127.0.0.1');
    expect(ha.port).toBeGreaterThan(0);
    expect(ga.port).toBeGreaterThan(0);
    expect(ga.port).not.toBe(ha.port);
    expect((await post(h.httpUrl, requestProto(records(1)), { headers: PROTO })).status).toBe(200);
  });

  it('reports no address for a transport that is not configured', async () => {
    h = await startReceiver({ http: httpConfig() });
    expect(h.receiver.grpcAddress()).toBeUndefined();
  });

  it('shutdown is safe before start and idempotent', async () => {
    const r = createOtlpReceiver(
      { id: 'otlp', http: httpConfig(), grpc: grpcConfig(), auth: {}, maxNestingDepth: 32, maxInFlightBytes: 64 * 1024 * 1024 },
      { consumer: new RecordingConsumer(), logger: createMemoryLogger() },
    );
    await r.shutdown();
    await r.shutdown();
    h = await startReceiver({ http: httpConfig(), grpc: grpcConfig() });
    await Promise.all([h.receiver.shutdown(), h.receiver.shutdown()]);
    await h.receiver.shutdown();
    await expect(post(h.httpUrl, requestProto(records(1)), { headers: PROTO })).rejects.toThrow();
  });

  it('fails to start with a clear error when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const port = (blocker.address() as net.AddressInfo).port;
    await expect(startReceiver({ http: httpConfig({ endpoint: `127.0.0.1:${port}` }) })).rejects.toThrow(
      /cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/,
    );
  });

  it('rejects an endpoint that is not host:port', async () => {
    await expect(startReceiver({ http: httpConfig({ endpoint: 'localhost' }) })).rejects.toThrow(/not host:port/);
  });

  it('on shutdown lets HTTP requests in flight finish and closes idle keep-alive connections', async () => {
    h = await startReceiver({ http: httpConfig({ keepAliveTimeoutMs: 60_000 }) });
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const u = new URL(h.httpUrl);
    const send = (via: http.Agent | false): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: PROTO, agent: via },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(requestProto(records(1)));
      });
    // One idle keep-alive connection ...
    expect(await send(agent)).toBe(200);
    const idleSocket = Object.values(agent.freeSockets)[0]![0]!;
    const idleClosed = new Promise<void>((r) => idleSocket.once('close', () => r()));
    // ... and one request, on its own connection, held in the pipeline.
    h.consumer.hold();
    const inflight = send(false);
    await h.consumer.until(() => h!.consumer.pending === 1);
    const stopped = h.receiver.shutdown();
    await idleClosed;
    h.consumer.release();
    expect(await inflight).toBe(200);
    await stopped;
  });

  it('on shutdown lets gRPC calls in flight finish', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const c = new RawGrpcClient(h.grpcTarget);
    cleanups.push(() => c.close());
    h.consumer.hold();
    const call = c.export(requestProto(records(3)));
    await h.consumer.until(() => h!.consumer.pending === 1);
    const stopped = h.receiver.shutdown();
    h.consumer.release();
    expect((await call).code).toBe(0);
    await stopped;
  });

  it('on shutdown cuts requests still in flight after the drain timeout', async () => {
    h = await startReceiver({ http: httpConfig(), grpc: grpcConfig() }, { drainTimeoutMs: 200 });
    h.consumer.hold();
    const c = new RawGrpcClient(h.grpcTarget);
    cleanups.push(() => c.close());
    const httpCall = post(h.httpUrl, requestProto(records(1)), { headers: PROTO }).then(
      (r) => r.status,
      () => 'cut',
    );
    const grpcCall = c.export(requestProto(records(1)));
    await h.consumer.until(() => h!.consumer.pending === 2);
    await h.receiver.shutdown();
    expect(await httpCall).toBe('cut');
    expect((await grpcCall).code).not.toBe(0);
    expect(h.logger.lines.some((l) => String(l['msg']).includes('still in flight'))).toBe(true);
  });
});
