import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../src/exporters/dlq.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { decodeLogsProto, encodeExportResponseProto } from '../../src/otlp/proto.js';
import { encodeStatusJson, encodeStatusProto } from '../../src/otlp/status.js';
import { expectVerifies, makeSealed, range } from './helpers/data.js';
import { httpConfig } from './helpers/config.js';
import { Harness } from './helpers/harness.js';
import { freePort } from './helpers/sink.js';
import { walkExportRequest } from './helpers/pbwalk.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.cleanup();
});

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

/**
 * Seals `records` into the spool, runs an exporter with `cfg` against `sink`
 * until it has caught up, and checks that every seq arrived and verifies.
 */
async function deliverAll(sink: Awaited<ReturnType<Harness['sink']>>, records: number, cfg: Partial<Parameters<typeof httpConfig>[0]>) {
  const data = await makeSealed({ dir: h.dir, records });
  await h.spool.append(data.entries);
  const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, ...cfg }));
  await exporter.start();
  expect(await exporter.drain(60_000)).toBe(true);
  expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
  await expectVerifies(sink.acceptedJsonLines(), data);
  return data;
}

describe('otlphttp exporter: transient failures are retried until delivered', () => {
  it('honours Retry-After (seconds) on 503 instead of its own short backoff', async () => {
    const times: number[] = [];
    const sink = await h.sink({
      behaviour: (r) => {
        times.push(Date.now());
        return r.n <= 1 ? { status: 503, headers: { 'retry-after': '1' }, body: encodeStatusProto({ code: 14, message: 'overloaded' }) } : undefined;
      },
    });
    await deliverAll(sink, 30, { maxBatchRecords: 1000 });
    expect(times.length).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950); // the backoff alone would be ~20 ms
    expect(h.metric('sealog_exporter_requests_total', { exporter: 'otlphttp', status: '503' })).toBe(1);
    expect(h.metric('sealog_exporter_retries_total', { exporter: 'otlphttp' })).toBe(1);
    expect(h.logs(/will retry/, 'warn')[0]).toMatchObject({ status: 503, error: 'overloaded', serverDelay: true });
  });

  it('honours RetryInfo in a 429 Status body, and backs off exponentially without hints', async () => {
    const times: number[] = [];
    const sink = await h.sink({
      behaviour: (r) => {
        times.push(Date.now());
        if (r.n === 1) return { status: 429, body: encodeStatusProto({ code: 8, message: 'slow down', retryDelayMs: 400 }) };
        if (r.n <= 4) return { status: 429, headers: { 'content-type': 'application/json' }, body: encodeStatusJson({ code: 8, message: 'still busy' }) };
        return undefined;
      },
    });
    await deliverAll(sink, 30, { maxBatchRecords: 1000 });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(380);
    expect(h.metric('sealog_exporter_retries_total', { exporter: 'otlphttp' })).toBe(4);
    expect(h.logs(/will retry/).map((l) => l.error)).toEqual(['slow down', 'still busy', 'still busy', 'still busy']);
  });

  it('keeps retrying while the connection is refused, and delivers once the server appears on that port', async () => {
    const port = await freePort();
    const data = await makeSealed({ dir: h.dir, records: 200 });
    await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: `http://127.0.0.1:${port}` }));
    await exporter.start();
    await h.waitFor(() => h.metric('sealog_exporter_retries_total', { exporter: 'otlphttp' }) >= 6, 'six retries');
    expect(reader.acks).toEqual([]);
    expect(String(h.logs(/will retry/)[0]?.error)).toMatch(/ECONNREFUSED/);
    expect(h.metric('sealog_exporter_requests_total', { exporter: 'otlphttp', status: 'error' })).toBeGreaterThanOrEqual(6);
    const sink = await h.sink({ port });
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
  });

  it('retries when the server closes the connection mid-request', async () => {
    const sink = await h.sink({ behaviour: (r) => (r.n <= 3 ? { destroy: true } : undefined) });
    await deliverAll(sink, 100, { maxInFlight: 1, maxBatchRecords: 1000 });
    expect(sink.requests.length).toBe(4);
    expect(h.metric('sealog_exporter_failed_requests_total', { exporter: 'otlphttp' })).toBe(3);
  });

  it('gives up on a response slower than the timeout and sends again', async () => {
    const sink = await h.sink({ behaviour: (r) => (r.n <= 2 ? { delayMs: 2_000 } : undefined) });
    await deliverAll(sink, 50, { timeoutMs: 300, maxInFlight: 1, maxBatchRecords: 1000 });
    expect(h.metric('sealog_exporter_requests_total', { exporter: 'otlphttp', status: 'timeout' })).toBe(2);
    expect(String(h.logs(/will retry/)[0]?.error)).toMatch(/timeout of 300 ms/);
  });
});

describe('otlphttp exporter: permanent failures and partial success', () => {
  it('keeps a batch rejected with 400 in the dead-letter area with the server message, then moves on', async () => {
    const sink = await h.sink({
      behaviour: (r) =>
        r.n === 2
          ? { status: 400, body: encodeStatusProto({ code: 3, message: 'log record too large', badRequest: [{ field: 'resource_logs[0]', description: 'body over 1MiB' }] }) }
          : undefined,
    });
    const data = await makeSealed({ dir: h.dir, records: 100, batch: 10 });
    const appended = await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: sink.url, maxInFlight: 1, maxBatchRecords: 20 }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sink.requests.filter((r) => r.n === 2)).toHaveLength(1);
    const rejected = walkExportRequest(sink.requests[1]!.body).map((r) => r.seq!);
    // everything else arrived, nothing was retried, and the cursor passed the rejected batch
    expect(sorted(sink.acceptedSeqs())).toEqual(range(data.records).filter((s) => !rejected.includes(s)));
    expect(sink.requests.length).toBe(new Set(sink.requests.map((r) => r.records[0]?.seq)).size);
    expect(reader.acks.at(-1)).toBe(appended.lastId);
    // the dead letter: body, server message, counts
    const { entries, problems } = await listDeadLetters(h.spoolDir);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    const m = entries[0]!.meta;
    expect(m).toMatchObject({ exporter: 'otlphttp', reason: 'rejected', status: 400, records: rejected.length, encoding: 'proto', contentType: 'application/x-protobuf' });
    expect(m.message).toContain('log record too large');
    expect(m.message).toContain('body over 1MiB');
    expect(m.streams[0]).toMatchObject({ first: Math.min(...rejected), last: Math.max(...rejected) });
    expect(walkExportRequest(await readFile(entries[0]!.bodyPath)).map((r) => r.seq)).toEqual(rejected);
    // what arrived plus the dead letter is the whole, intact stream
    const dlqLine = encodeLogsJson(decodeLogsProto(await readFile(entries[0]!.bodyPath)));
    await expectVerifies([...sink.acceptedJsonLines(), dlqLine], data);
    expect(h.deadLetters).toHaveLength(1);
    expect(h.metric('sealog_exporter_dead_lettered_records_total', { exporter: 'otlphttp' })).toBe(rejected.length);
    expect(h.logs(/rejected the batch permanently/, 'error')[0]).toMatchObject({ status: 400 });
    expect(String(h.logs(/rejected the batch permanently/)[0]?.serverMessage)).toContain('log record too large');
  });

  it('logs and counts a partial success without retrying it', async () => {
    const sink = await h.sink({
      behaviour: (r) => (r.n === 1 ? { body: encodeExportResponseProto({ partialSuccess: { rejectedLogRecords: 3n, errorMessage: '3 records had invalid timestamps' } }) } : undefined),
    });
    await deliverAll(sink, 60, { maxBatchRecords: 30, maxInFlight: 1 });
    expect(sink.requests.length).toBe(new Set(sink.requests.map((r) => r.records[0]?.seq)).size);
    expect(h.metric('sealog_exporter_partial_rejected_records_total', { exporter: 'otlphttp' })).toBe(3);
    expect(h.logs(/partial success/, 'warn')[0]).toMatchObject({ rejected: 3, serverMessage: '3 records had invalid timestamps' });
  });

  it('dead-letters a batch once retry_on_failure.max_elapsed_time is spent', async () => {
    const sink = await h.sink({ behaviour: () => ({ status: 503 }) });
    const data = await makeSealed({ dir: h.dir, records: 20 });
    const appended = await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(
      httpConfig({ endpoint: sink.url, maxBatchRecords: 1000, retry: { initialIntervalMs: 20, maxIntervalMs: 50, multiplier: 2, randomizationFactor: 0, maxElapsedMs: 300 } }),
    );
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(reader.acks.at(-1)).toBe(appended.lastId);
    const { entries } = await listDeadLetters(h.spoolDir);
    expect(entries.map((e) => e.meta.reason)).toEqual(['retries_exhausted']);
    expect(entries[0]!.meta.status).toBe(503);
    expect(entries[0]!.meta.attempts).toBeGreaterThan(2);
  });

  it('dead-letters, as stored, a spool frame it cannot re-encode as JSON, and delivers the rest', async () => {
    const sink = await h.sink();
    const data = await makeSealed({ dir: h.dir, records: 60 });
    const bad = { payload: new Uint8Array([0x12, 0x05, 0x01]), meta: new Uint8Array(0), records: 4, flags: 0 };
    await h.spool.append(data.entries.slice(0, 2));
    await h.spool.append([bad]);
    const { lastId } = await h.spool.append(data.entries.slice(2));
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: sink.url, encoding: 'json', maxBatchRecords: 1 }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(reader.acks.at(-1)).toBe(lastId);
    await expectVerifies(sink.acceptedJsonLines(), data);
    const { entries } = await listDeadLetters(h.spoolDir);
    expect(entries.map((e) => [e.meta.reason, e.meta.encoding, e.meta.records])).toEqual([['unencodable', 'proto', 4]]);
    const stored = await readFile(entries[0]!.bodyPath);
    expect([...stored]).toEqual([0x0a, 3, 0x12, 0x05, 0x01]); // the frame's bytes, framed into a request
  });

  it('reads at most 64 KiB of a response: a huge error page is cut, and export goes on', async () => {
    const page = Buffer.alloc(128 * 1024 * 1024, 'E'); // far more than socket buffers hold: a reader that stops early resets the connection
    const sink = await h.sink({ behaviour: (r) => (r.n === 1 ? { status: 500, headers: { 'content-type': 'text/html' }, body: page } : undefined) });
    const data = await makeSealed({ dir: h.dir, records: 40 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, maxInFlight: 1, maxBatchRecords: 10 }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    const { entries } = await listDeadLetters(h.spoolDir);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.meta.status).toBe(500);
    expect(entries[0]!.meta.message.length).toBeLessThanOrEqual(2049);
    expect(entries[0]!.meta.message.startsWith('EEEE')).toBe(true);
    expect(sink.unreadResponses).toBe(1);
    const dlqLine = encodeLogsJson(decodeLogsProto(await readFile(entries[0]!.bodyPath)));
    await expectVerifies([...sink.acceptedJsonLines(), dlqLine], data);
  });
});
