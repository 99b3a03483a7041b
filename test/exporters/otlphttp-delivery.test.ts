import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectVerifies, makeSealed, range, verifyArrived } from './helpers/data.js';
import { httpConfig } from './helpers/config.js';
import { Harness } from './helpers/harness.js';
import { walkExportJson } from './helpers/pbwalk.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.cleanup();
});

describe('otlphttp exporter: delivery', () => {
  it('delivers every record as gzip protobuf to <endpoint>/v1/logs, readable by an independent decoder, and acks to the end', async () => {
    const sink = await h.sink();
    const data = await makeSealed({ dir: h.dir, records: 500 });
    const appended = await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: sink.url + '/base', headers: { 'X-Scope-OrgID': 'tenant-1', authorization: 'Bearer s3cret' } }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sink.errors).toEqual([]);
    expect([...sink.acceptedSeqs()].sort((a, b) => a - b)).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
    // the check has teeth: without the request holding a seq from the middle of the stream, the checker reports a gap
    const middle = Math.floor(data.records / 2);
    const lines = sink.acceptedJsonLines();
    const gap = await verifyArrived(lines.filter((l) => !walkExportJson(l).some((r) => r.seq === middle)), data.publicKeyFile);
    expect(gap.intact).toBe(false);
    expect(gap.findings.join('\n')).toMatch(/missing/i);
    for (const r of sink.requests) {
      expect(r.path).toBe('/base/v1/logs');
      expect(r.headers['content-type']).toBe('application/x-protobuf');
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(r.headers['x-scope-orgid']).toBe('tenant-1');
      expect(r.headers['authorization']).toBe('Bearer s3cret');
      expect(r.records.length).toBeLessThanOrEqual(64 + 1);
    }
    expect(reader.acks.at(-1)).toBe(appended.lastId);
    expect(reader.lag().records).toBe(0);
    expect(h.metric('sealog_exporter_records_sent_total', { exporter: 'otlphttp' })).toBe(data.records);
    expect(h.metric('sealog_exporter_requests_total', { exporter: 'otlphttp', status: '200' })).toBe(sink.requests.length);
    expect(h.metric('sealog_exporter_export_duration_seconds_count', { exporter: 'otlphttp' })).toBe(sink.requests.length);
    expect(JSON.stringify(h.logger.lines)).not.toContain('s3cret');
  });

  it('sends uncompressed OTLP/JSON when configured, to logs_endpoint exactly', async () => {
    const sink = await h.sink();
    const data = await makeSealed({ dir: h.dir, records: 120 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ logsEndpoint: sink.url + '/otlp/custom', encoding: 'json', compression: 'none' }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sink.errors).toEqual([]);
    expect([...sink.acceptedSeqs()].sort((a, b) => a - b)).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
    for (const r of sink.requests) {
      expect(r.path).toBe('/otlp/custom');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['content-encoding']).toBeUndefined();
    }
  });

  it('keeps at most max_in_flight requests open at once, and sends while others are waiting', async () => {
    let open = 0;
    let maxOpen = 0;
    const sink = await h.sink({
      behaviour: () => {
        open++;
        maxOpen = Math.max(maxOpen, open);
        setTimeout(() => open--, 150);
        return { delayMs: 150 };
      },
    });
    const data = await makeSealed({ dir: h.dir, records: 400 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url, maxInFlight: 3, maxBatchRecords: 20 }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(maxOpen).toBe(3);
    expect(sink.acceptedSeqs().size).toBe(data.records);
  });

  it('moves the cursor only past contiguously acknowledged batches', async () => {
    // The batch holding seq 1 (the first one read) is answered only after the exporter gave up on it;
    // the others are answered at once. Requests are compressed in parallel, so it need not arrive first.
    const sink = await h.sink({ behaviour: (r) => (r.records.some((x) => x.seq === 1) ? { delayMs: 60_000 } : undefined) });
    const data = await makeSealed({ dir: h.dir, records: 200, batch: 10 });
    await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(httpConfig({ endpoint: sink.url, maxInFlight: 4, maxBatchRecords: 10, timeoutMs: 60_000 }));
    await exporter.start();
    await h.waitFor(() => h.metric('sealog_exporter_requests_total', { exporter: 'otlphttp', status: '200' }) >= 3, 'three later batches answered');
    await new Promise((r) => setTimeout(r, 50)); // room for a wrong ack to be persisted
    // three later batches are done, the first is not: nothing may be acked yet
    expect(reader.acks).toEqual([]);
    await exporter.shutdown(); // aborts the held request: it was never acknowledged
    expect(reader.acks).toEqual([]);
    const again = h.exporter(httpConfig({ endpoint: sink.url, maxInFlight: 4, maxBatchRecords: 10 }));
    sink.behaviour = undefined;
    await again.exporter.start();
    expect(await again.exporter.drain(60_000)).toBe(true);
    expect([...sink.acceptedSeqs()].sort((a, b) => a - b)).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
  });

  it('loses nothing across a restart mid-stream and resends at most the in-flight batches', async () => {
    const sink = await h.sink({ behaviour: () => ({ delayMs: 20 }) });
    const data = await makeSealed({ dir: h.dir, records: 1000, batch: 10 });
    await h.spool.append(data.entries);
    const cfg = httpConfig({ endpoint: sink.url, maxInFlight: 2, maxBatchRecords: 20 });
    const one = h.exporter(cfg);
    await one.exporter.start();
    await h.waitFor(() => sink.accepted.length >= 300, '300 records accepted');
    await one.exporter.shutdown();
    const ackedBefore = one.reader.acks.at(-1) ?? 0;
    const acceptedBefore = sink.accepted.length;
    const two = h.exporter(cfg);
    await two.exporter.start();
    expect(await two.exporter.drain(60_000)).toBe(true);
    expect([...sink.acceptedSeqs()].sort((a, b) => a - b)).toEqual(range(data.records));
    await expectVerifies(sink.acceptedJsonLines(), data);
    const duplicates = sink.accepted.length - data.records;
    // what was sent but not acked before the restart: at most max_in_flight batches (+ a control record each)
    expect(duplicates).toBeLessThanOrEqual(2 * 21);
    expect(acceptedBefore).toBeGreaterThan(0);
    expect(ackedBefore).toBeGreaterThan(0);
  });

  it('starts again after shutdown (a config reload) from its cursor', async () => {
    const sink = await h.sink();
    const data = await makeSealed({ dir: h.dir, records: 300 });
    const half = Math.floor(data.entries.length / 2);
    await h.spool.append(data.entries.slice(0, half));
    const { exporter } = h.exporter(httpConfig({ endpoint: sink.url }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    await exporter.shutdown();
    await exporter.shutdown(); // idempotent
    await h.spool.append(data.entries.slice(half));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(sink.accepted.length).toBe(data.records); // nothing sent twice after a clean stop
    await expectVerifies(sink.acceptedJsonLines(), data);
  });
});
