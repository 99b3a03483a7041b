import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { grpcConfig, metricValue, startReceiver, type Harness } from './helpers.js';
import { RawGrpcClient } from './grpc-client.js';
import { records, requestProto } from './wire.js';

let h: Harness | undefined;
let clients: RawGrpcClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await h?.close();
  h = undefined;
});

function client(opts: ConstructorParameters<typeof RawGrpcClient>[1] = {}): RawGrpcClient {
  const c = new RawGrpcClient(h!.grpcTarget, opts);
  clients.push(c);
  return c;
}

describe('OTLP/gRPC receiver', () => {
  it('accepts LogsService/Export and hands every record to the pipeline', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const reply = await client().export(requestProto(records(6)));
    expect(reply.code).toBe(0);
    expect(reply.partial?.rejected ?? 0n).toBe(0n);
    expect(h.consumer.records).toBe(6);
    expect(h.consumer.batches[0]!.resourceLogs[0]!.scopeLogs[0]!.logRecords[5]!.body).toEqual({
      type: 'string',
      value: 'line 5',
    });
  });

  it('accepts gzip-compressed messages', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const reply = await client({ gzip: true }).export(requestProto(records(100)));
    expect(reply.code).toBe(0);
    expect(h.consumer.records).toBe(100);
  });

  it('answers an empty request with OK', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    expect((await client().export(new Uint8Array(0))).code).toBe(0);
    expect(h.consumer.batches).toHaveLength(0);
  });

  it('reports invalid records as partial success', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const recs = records(3);
    recs[2]!.attrs = [
      ['same', '1'],
      ['same', '2'],
    ];
    const reply = await client().export(requestProto(recs));
    expect(reply.code).toBe(0);
    expect(reply.partial?.rejected).toBe(1n);
    expect(reply.partial?.errorMessage).toContain('key "same" occurs more than once');
    expect(h.consumer.records).toBe(2);
  });

  it('answers INVALID_ARGUMENT with BadRequest details for random bytes and truncated protobuf', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const c = client();
    const full = requestProto(records(10));
    const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 104729 + 7) % 256));
    for (const body of [random, full.subarray(0, full.length - 3)]) {
      const reply = await c.export(body);
      expect(reply.code).toBe(3);
      expect(reply.status?.code).toBe(3);
      expect(reply.status?.badRequest).toHaveLength(1);
    }
    expect(h.consumer.batches).toHaveLength(0);
    expect((await c.export(full)).code).toBe(0);
  });

  it('answers UNAVAILABLE with RetryInfo when the spool is full', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    h.consumer.mode = 'spool-full';
    const reply = await client().export(requestProto(records(2)));
    expect(reply.code).toBe(14);
    expect(reply.status?.retryDelayMs).toBe(2000);
    h.consumer.mode = 'fail';
    const failed = await client().export(requestProto(records(2)));
    expect(failed.code).toBe(14);
    expect(failed.details).toContain('disk on fire');
  });

  it('answers RESOURCE_EXHAUSTED above the message size limit, also after decompression', async () => {
    h = await startReceiver({ grpc: grpcConfig({ maxRecvMessageBytes: 64 * 1024 }) });
    const big = requestProto(records(5000));
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect((await client().export(big)).code).toBe(8);
    // Compresses far below the limit, inflates above it.
    const zipped = client({ gzip: true });
    expect(gzipSync(big).length).toBeLessThan(64 * 1024);
    expect((await zipped.export(big)).code).toBe(8);
    expect((await zipped.export(requestProto(records(10)))).code).toBe(0);
    expect(h.consumer.records).toBe(10);
  });

  it('answers UNAVAILABLE above the concurrent call limit', async () => {
    h = await startReceiver({ grpc: grpcConfig({ maxConcurrentStreams: 2 }) });
    h.consumer.hold();
    const c = client();
    const a = c.export(requestProto(records(1)));
    const b = client().export(requestProto(records(1)));
    await h.consumer.until(() => h!.consumer.pending === 2);
    const refused = await client().export(requestProto(records(1)));
    expect(refused.code).toBe(14);
    expect(refused.status?.retryDelayMs).toBe(1000);
    h.consumer.release();
    expect((await a).code).toBe(0);
    expect((await b).code).toBe(0);
  });

  it('counts calls by status code, records and bytes', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    const body = requestProto(records(4));
    await client().export(body);
    await client().export(new Uint8Array([0xff, 0xff, 0xff]));
    const labels = { receiver: 'otlp', transport: 'grpc' };
    expect(metricValue(h.metrics, 'sealog_receiver_requests_total', { ...labels, code: 'OK' })).toBe(1);
    expect(metricValue(h.metrics, 'sealog_receiver_requests_total', { ...labels, code: 'INVALID_ARGUMENT' })).toBe(1);
    expect(metricValue(h.metrics, 'sealog_receiver_records_accepted_total', labels)).toBe(4);
    expect(metricValue(h.metrics, 'sealog_receiver_bytes_received_total', labels)).toBe(body.length + 3);
  });
});
