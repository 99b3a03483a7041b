import { deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { countRecords } from '../../../src/otlp/types.js';
import {
  httpConfig,
  JSON_CT,
  metricValue,
  post,
  PROTO,
  startReceiver,
  type Harness,
  type HttpReply,
} from './helpers.js';
import { nestedAnyValueProto, PbWriter, readResponseProto, readStatusProto, records, requestJson, requestProto, type DecodedStatus } from './wire.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Reads the google.rpc.Status of an error reply in whichever encoding it came. */
function statusOf(reply: HttpReply): DecodedStatus {
  const ct = reply.headers['content-type'] ?? '';
  if (ct.startsWith('application/x-protobuf')) return readStatusProto(reply.body);
  expect(ct.startsWith('application/json')).toBe(true);
  const j = JSON.parse(reply.body.toString('utf8')) as {
    code?: number;
    message?: string;
    details?: Array<Record<string, unknown>>;
  };
  const st: DecodedStatus = { code: j.code ?? 0, message: j.message ?? '' };
  for (const d of j.details ?? []) {
    const type = String(d['@type'] ?? '');
    if (type.endsWith('google.rpc.RetryInfo')) st.retryDelayMs = parseFloat(String(d['retryDelay'])) * 1000;
    if (type.endsWith('google.rpc.BadRequest')) {
      st.badRequest = (d['fieldViolations'] as Array<{ field?: string; description?: string }>).map((v) => ({
        field: v.field ?? '',
        description: v.description ?? '',
      }));
    }
  }
  return st;
}

describe('OTLP/HTTP receiver: accepted requests', () => {
  it('accepts a protobuf request, hands every record to the pipeline and replies 200 in protobuf', async () => {
    h = await startReceiver();
    const reply = await post(h.httpUrl, requestProto(records(5)), { headers: PROTO });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-protobuf');
    expect(readResponseProto(reply.body)?.rejected ?? 0n).toBe(0n);
    expect(h.consumer.records).toBe(5);
    const rec = h.consumer.batches[0]!.resourceLogs[0]!.scopeLogs[0]!.logRecords[3]!;
    expect(rec.body).toEqual({ type: 'string', value: 'line 3' });
    expect(rec.timeUnixNano).toBe(1_700_000_000_000_000_003n);
  });

  it('accepts a JSON request with a charset parameter and replies 200 in JSON', async () => {
    h = await startReceiver();
    const reply = await post(h.httpUrl, requestJson(records(3)), {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(JSON.parse(reply.body.toString())).toEqual({});
    expect(h.consumer.records).toBe(3);
  });

  it('answers an empty request with 200 without calling the pipeline', async () => {
    h = await startReceiver();
    expect((await post(h.httpUrl, new Uint8Array(0), { headers: PROTO })).status).toBe(200);
    expect((await post(h.httpUrl, '{}', { headers: JSON_CT })).status).toBe(200);
    expect((await post(h.httpUrl, '{"resourceLogs":[]}', { headers: JSON_CT })).status).toBe(200);
    expect(h.consumer.batches).toHaveLength(0);
  });

  it('accepts gzip, zlib-wrapped deflate and raw deflate bodies', async () => {
    h = await startReceiver();
    const body = requestProto(records(4));
    for (const [encoding, packed] of [
      ['gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
      ['deflate', deflateRawSync(body)],
      ['identity', Buffer.from(body)],
    ] as const) {
      const reply = await post(h.httpUrl, packed, { headers: { ...PROTO, 'Content-Encoding': encoding } });
      expect(reply.status, encoding).toBe(200);
    }
    expect(h.consumer.records).toBe(16);
  });

  it('accepts a chunked body without Content-Length', async () => {
    h = await startReceiver();
    const body = requestProto(records(50));
    const chunks = [body.subarray(0, 100), body.subarray(100, 700), body.subarray(700)];
    const reply = await post(h.httpUrl, undefined, { headers: PROTO, chunks });
    expect(reply.status).toBe(200);
    expect(h.consumer.records).toBe(50);
  });

  it('replies 200 only once the pipeline has made the records durable', async () => {
    h = await startReceiver();
    h.consumer.hold();
    let settled = false;
    const pending = post(h.httpUrl, requestProto(records(2)), { headers: PROTO }).then((r) => {
      settled = true;
      return r;
    });
    await h.consumer.until(() => h!.consumer.pending === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    h.consumer.release();
    expect((await pending).status).toBe(200);
  });

  it('reuses request body buffers without changing records already handed on (ids and strings are copies)', async () => {
    h = await startReceiver();
    h.consumer.hold(); // the first batch is still held by the pipeline while later bodies land in the same buffer
    const idOf = (n: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => (n * 31 + i + 1) & 0xff);
    const batch = (n: number) => records(20, `request ${n}`).map((r, i) => ({ ...r, traceId: idOf(n + i) }));
    const first = post(h.httpUrl, requestProto(batch(1)), { headers: PROTO });
    await h.consumer.until(() => h!.consumer.pending === 1);
    const later = [2, 3, 4].map((n) => post(h!.httpUrl, requestProto(batch(n)), { headers: PROTO }));
    await h.consumer.until(() => h!.consumer.pending === 4);
    h.consumer.release();
    expect((await first).status).toBe(200);
    for (const r of await Promise.all(later)) expect(r.status).toBe(200);
    const seen = new Map<string, string>();
    for (const b of h.consumer.batches) {
      for (const rec of b.resourceLogs[0]!.scopeLogs[0]!.logRecords) seen.set(rec.body.type === 'string' ? rec.body.value : '', Buffer.from(rec.traceId).toString('hex'));
    }
    expect(seen.size).toBe(80);
    for (const n of [1, 2, 3, 4]) {
      batch(n).forEach((r) => expect(seen.get(r.body!)).toBe(Buffer.from(r.traceId).toString('hex')));
    }
  });

  it('rejects only the records with duplicate keys, with partial_success, and stores the rest', async () => {
    h = await startReceiver();
    const recs = records(4);
    recs[1]!.attrs = [
      ['dup', 'a'],
      ['other', 'b'],
      ['dup', 'c'],
    ];
    recs[2] = { time: 5n, kvBody: [['k', '1'], ['k', '2']] };
    const reply = await post(h.httpUrl, requestProto(recs), { headers: PROTO });
    expect(reply.status).toBe(200);
    const ps = readResponseProto(reply.body);
    expect(ps?.rejected).toBe(2n);
    expect(ps?.errorMessage).toContain('2 of 4 log records rejected');
    expect(ps?.errorMessage).toContain('logRecords[1].attributes: key "dup" occurs more than once');
    expect(ps?.errorMessage).toContain('logRecords[2].body: key "k"');
    const stored = h.consumer.batches[0]!.resourceLogs[0]!.scopeLogs[0]!.logRecords.map((r) => r.body);
    expect(stored).toEqual([
      { type: 'string', value: 'line 0' },
      { type: 'string', value: 'line 3' },
    ]);
    expect(metricValue(h.metrics, 'sealog_receiver_records_refused_total', { transport: 'http' })).toBe(2);
    expect(metricValue(h.metrics, 'sealog_receiver_records_accepted_total', { transport: 'http' })).toBe(2);
  });

  it('reports partial_success in JSON for a JSON request', async () => {
    h = await startReceiver();
    const recs = records(2);
    recs[0]!.attrs = [
      ['x', '1'],
      ['x', '1'],
    ];
    const reply = await post(h.httpUrl, requestJson(recs), { headers: JSON_CT });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body.toString()) as { partialSuccess: { rejectedLogRecords: string | number; errorMessage: string } };
    expect(String(body.partialSuccess.rejectedLogRecords)).toBe('1');
    expect(body.partialSuccess.errorMessage).toContain('occurs more than once');
    expect(h.consumer.records).toBe(1);
  });

  it('gzips a large reply when the client accepts gzip', async () => {
    h = await startReceiver();
    const recs = records(40);
    for (const r of recs.slice(1)) r.attrs = [['a-rather-long-attribute-key-that-repeats', 'v'], ['a-rather-long-attribute-key-that-repeats', 'w']];
    const reply = await post(h.httpUrl, requestProto(recs), { headers: { ...PROTO, 'Accept-Encoding': 'gzip' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(readResponseProto(gunzipSync(reply.body))?.rejected).toBe(39n);
  });
});

describe('OTLP/HTTP receiver: refused requests', () => {
  it('answers 404 for other paths and 405 with Allow: POST for other methods', async () => {
    h = await startReceiver();
    const notFound = await post(h.httpUrl.replace('/v1/logs', '/v1/traces'), requestProto(records(1)), { headers: PROTO });
    expect(notFound.status).toBe(404);
    expect(statusOf(notFound).message).toContain('/v1/traces');
    const wrongMethod = await post(h.httpUrl, undefined, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(h.consumer.batches).toHaveLength(0);
  });

  it('answers 415 for a content type that is neither protobuf nor JSON', async () => {
    h = await startReceiver();
    const reply = await post(h.httpUrl, 'hello', { headers: { 'Content-Type': 'text/plain' } });
    expect(reply.status).toBe(415);
    expect(statusOf(reply).message).toContain('text/plain');
    const none = await post(h.httpUrl, 'hello', {});
    expect(none.status).toBe(415);
  });

  it('answers 400 for an unknown Content-Encoding', async () => {
    h = await startReceiver();
    const reply = await post(h.httpUrl, requestProto(records(1)), { headers: { ...PROTO, 'Content-Encoding': 'br' } });
    expect(reply.status).toBe(400);
    expect(statusOf(reply).message).toContain('"br"');
  });

  it('answers 400 with a protobuf Status for a corrupt gzip body', async () => {
    h = await startReceiver();
    const gz = gzipSync(requestProto(records(10)));
    const reply = await post(h.httpUrl, gz.subarray(0, gz.length - 12), { headers: { ...PROTO, 'Content-Encoding': 'gzip' } });
    expect(reply.status).toBe(400);
    expect(statusOf(reply).code).toBe(3);
  });

  it('answers 400 with BadRequest details for random bytes, truncated protobuf, invalid JSON and JSON of the wrong shape', async () => {
    h = await startReceiver();
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const full = requestProto(records(20));
    const cases: Array<[string, Uint8Array | string, Record<string, string>]> = [
      ['random bytes', random, PROTO],
      ['truncated protobuf', full.subarray(0, full.length - 7), PROTO],
      ['invalid JSON', '{"resourceLogs": [', JSON_CT],
      ['wrong-shape JSON', '{"resourceLogs": {"not": "an array"}}', JSON_CT],
      ['JSON that is not an object', '[1,2,3]', JSON_CT],
    ];
    for (const [name, body, headers] of cases) {
      const reply = await post(h.httpUrl, body, { headers });
      expect(reply.status, name).toBe(400);
      const st = statusOf(reply);
      expect(st.code, name).toBe(3);
      expect(st.badRequest, name).toHaveLength(1);
      expect(st.message.length, name).toBeGreaterThan(10);
    }
    expect(h.consumer.batches).toHaveLength(0);
    // Valid requests are still served afterwards.
    expect((await post(h.httpUrl, requestProto(records(1)), { headers: PROTO })).status).toBe(200);
  });

  it('answers 400 for values nested deeper than max_nesting_depth, in JSON and protobuf', async () => {
    h = await startReceiver({ maxNestingDepth: 8, http: httpConfig() });
    const jsonNested = (levels: number): string =>
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":' +
      '{"arrayValue":{"values":['.repeat(levels) +
      '{"stringValue":"leaf"}' +
      ']}}'.repeat(levels) +
      '}]}]}]}';
    const deepJson = await post(h.httpUrl, jsonNested(50_000), { headers: JSON_CT });
    expect(deepJson.status).toBe(400);
    expect(statusOf(deepJson).message).toContain('nesting');
    // Protobuf: AnyValue{array_value{values: AnyValue{...}}} built from the inside out.
    const value = nestedAnyValueProto(50_000);
    const deepProto = new PbWriter()
      .message(1, (rl) => rl.message(2, (sl) => sl.message(2, (lr) => lr.bytes(5, value))))
      .finish();
    const reply = await post(h.httpUrl, deepProto, { headers: PROTO });
    expect(reply.status).toBe(400);
    expect(statusOf(reply).message).toContain('nesting');
    expect(h.consumer.batches).toHaveLength(0);
    expect((await post(h.httpUrl, jsonNested(5), { headers: JSON_CT })).status).toBe(200);
    expect(h.consumer.records).toBe(1);
  });

  it('answers 400 when every record of the request is invalid', async () => {
    h = await startReceiver();
    const recs = records(3).map((r) => ({ ...r, attrs: [['k', 'a'], ['k', 'b']] as Array<[string, string]> }));
    const reply = await post(h.httpUrl, requestProto(recs), { headers: PROTO });
    expect(reply.status).toBe(400);
    const st = statusOf(reply);
    expect(st.message).toContain('all 3 log records are invalid');
    expect(st.badRequest?.[0]?.field).toBe('resourceLogs[0].scopeLogs[0].logRecords[0].attributes');
    expect(h.consumer.batches).toHaveLength(0);
  });

  it('answers 400 for the whole request when a trace id has the wrong length, as the Collector does', async () => {
    h = await startReceiver();
    const recs = records(3);
    recs[1]!.traceId = new Uint8Array(5).fill(1);
    const reply = await post(h.httpUrl, requestProto(recs), { headers: PROTO });
    expect(reply.status).toBe(400);
    expect(statusOf(reply).badRequest?.[0]?.field).toContain('logRecords[1]');
    expect(h.consumer.batches).toHaveLength(0);
  });

  it('answers 413 from Content-Length alone, before reading an oversize body', async () => {
    h = await startReceiver({ http: httpConfig({ maxRequestBodyBytes: 64 * 1024 }) });
    const big = Buffer.alloc(4 * 1024 * 1024, 1);
    const reply = await post(h.httpUrl, big, { headers: PROTO });
    expect(reply.status).toBe(413);
    expect(statusOf(reply).code).toBe(8);
    expect(metricValue(h.metrics, 'sealog_receiver_bytes_received_total', { transport: 'http' })).toBe(0);
  });

  it('answers 413 for a chunked body that grows past the limit while streaming', async () => {
    h = await startReceiver({ http: httpConfig({ maxRequestBodyBytes: 64 * 1024 }) });
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(16 * 1024, 2));
    const reply = await post(h.httpUrl, undefined, { headers: PROTO, chunks });
    expect(reply.status).toBe(413);
    expect((await post(h.httpUrl, requestProto(records(1)), { headers: PROTO })).status).toBe(200);
  });

  it('answers 413 for a gzip bomb without inflating it past the limit', async () => {
    h = await startReceiver({ http: httpConfig({ maxRequestBodyBytes: 1024 * 1024 }) });
    // 60 concatenated gzip members of 16 MiB of zeros each: under 1 MiB on the wire, 960 MiB inflated.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 60 }, () => member));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const reply = await post(h.httpUrl, bomb, { headers: { ...PROTO, 'Content-Encoding': 'gzip' } });
    expect(reply.status).toBe(413);
    expect(statusOf(reply).message).toContain('decompressed');
  });

  it('answers 503 with Retry-After and RetryInfo when the spool is full, and 503 for other pipeline failures', async () => {
    h = await startReceiver();
    h.consumer.mode = 'spool-full';
    const full = await post(h.httpUrl, requestProto(records(3)), { headers: PROTO });
    expect(full.status).toBe(503);
    expect(full.headers['retry-after']).toBe('2');
    const st = statusOf(full);
    expect(st.code).toBe(14);
    expect(st.retryDelayMs).toBe(2000);
    const fullJson = await post(h.httpUrl, requestJson(records(1)), { headers: JSON_CT });
    expect(fullJson.status).toBe(503);
    expect(statusOf(fullJson).retryDelayMs).toBe(2000);

    h.consumer.mode = 'fail';
    const failed = await post(h.httpUrl, requestProto(records(1)), { headers: PROTO });
    expect(failed.status).toBe(503);
    expect(statusOf(failed).message).toContain('disk on fire');
    expect(metricValue(h.metrics, 'sealog_receiver_records_refused_total', { transport: 'http' })).toBe(5);
    expect(metricValue(h.metrics, 'sealog_receiver_requests_total', { transport: 'http', code: '503' })).toBe(3);
  });

  it('answers 503 with Retry-After above max_concurrent_requests instead of queueing', async () => {
    h = await startReceiver({ http: httpConfig({ maxConcurrentRequests: 2 }) });
    h.consumer.hold();
    const a = post(h.httpUrl, requestProto(records(1)), { headers: PROTO });
    const b = post(h.httpUrl, requestProto(records(1)), { headers: PROTO });
    await h.consumer.until(() => h!.consumer.pending === 2);
    expect(metricValue(h.metrics, 'sealog_receiver_requests_in_flight', { transport: 'http' })).toBe(2);
    const c = await post(h.httpUrl, requestProto(records(1)), { headers: PROTO });
    expect(c.status).toBe(503);
    expect(c.headers['retry-after']).toBe('1');
    h.consumer.release();
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);
    expect(metricValue(h.metrics, 'sealog_receiver_requests_in_flight', { transport: 'http' })).toBe(0);
  });

  it('counts requests, records and bytes in metrics', async () => {
    h = await startReceiver();
    const body = requestProto(records(7));
    await post(h.httpUrl, body, { headers: PROTO });
    await post(h.httpUrl, 'x', { headers: { 'Content-Type': 'text/plain' } });
    const labels = { receiver: 'otlp', transport: 'http' };
    expect(metricValue(h.metrics, 'sealog_receiver_requests_total', { ...labels, code: '200' })).toBe(1);
    expect(metricValue(h.metrics, 'sealog_receiver_requests_total', { ...labels, code: '415' })).toBe(1);
    expect(metricValue(h.metrics, 'sealog_receiver_records_received_total', labels)).toBe(7);
    expect(metricValue(h.metrics, 'sealog_receiver_records_accepted_total', labels)).toBe(7);
    expect(metricValue(h.metrics, 'sealog_receiver_bytes_received_total', labels)).toBe(body.length);
    expect(countRecords(h.consumer.batches[0]!)).toBe(7);
  });
});
