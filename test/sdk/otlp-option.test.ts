/**
 * The processor's `otlp` option: sealed records sent as protobuf that
 * sealog encodes itself, with sealog's HTTP client, to a real OTLP/HTTP
 * sink on 127.0.0.1 (which decodes every request with src/otlp and with
 * an independent protobuf walker). Checked: the user's URL, headers and
 * compression on the wire; the same records as through the SDK's own
 * protobuf exporter; retries on 503 with Retry-After; a batch refused for
 * good sealed as loss; option errors. Verified with the real `sealog
 * verify` (dist/). Needs `npm run build` first.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SealingLogRecordProcessor, type SealingProcessorOptions } from '../../src/sdk/index.js';
import type { LogsData } from '../../src/otlp/types.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { encodeExportResponseProto } from '../../src/otlp/proto.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import type { Sink } from '../exporters/helpers/sink.js';
import { appIndexes, appKey, type Cleanups, testSink, verifyLines } from './app-helpers.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const keyed = (): ReturnType<typeof appKey> => appKey(cleanups, 'sealog-sdk-otlp-');
const sink = (): Promise<Sink> => testSink(cleanups);

/** Logs records from..to (fixed times, every value type) through a processor with `o`, then shuts down. */
async function logThrough(o: Omit<SealingProcessorOptions, 'key'> & { key: string }, from: number, to: number, between?: (i: number) => Promise<void>): Promise<void> {
  const processor = new SealingLogRecordProcessor({ stream: 'payments/app-host', seal: { everyRecords: 500, intervalMs: 200 }, retry: { initialIntervalMs: 20, maxIntervalMs: 100 }, ...o });
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'payments', 'host.name': 'app-host', 'deployment.environment': 'test' }), processors: [processor] });
  cleanups.push(() => provider.shutdown().catch(() => undefined));
  const logger = provider.getLogger('payments.audit', '1.2.3');
  for (let i = from; i <= to; i++) {
    const t = 1_765_000_000_000 + i;
    logger.emit({
      timestamp: t,
      observedTimestamp: i % 3 === 0 ? t + 1 : t,
      severityNumber: 9,
      severityText: 'INFO',
      body: i % 7 === 0 ? { action: 'refund', amount: i / 4, ok: true, tags: ['a', 'b'], none: null } : `payment ${i} accepted`,
      attributes: { 'app.i': i, ratio: i / 3, big: 2 ** 40 + i, 'sealog.spoof': 'x', bin: new Uint8Array([i & 255, 1]), list: [1, 'two', false] },
      ...(i % 5 === 0 ? { eventName: 'payment.accepted' } : {}),
    });
    if (i % 250 === 0) await (between ? between(i) : new Promise((r) => setImmediate(r)));
  }
  await provider.shutdown();
}

/** logThrough's hook between records: records 251..500 go while `refuse(true)` holds (the backend refuses), with pauses around them. */
function refuseWindow(refuse: (on: boolean) => void): (i: number) => Promise<void> {
  return async (i) => {
    if (i === 250 || i === 500) await new Promise((r) => setTimeout(r, 400));
    refuse(i === 250);
    if (i === 250) await new Promise((r) => setTimeout(r, 1200));
  };
}

/** After refuseWindow: the refused records are absent, later ones arrived, and verify reports export_failed loss, nothing missing. */
async function expectExportFailedLoss(dir: string, s: Sink, pub: string): Promise<void> {
  const got = appIndexes(s.acceptedData);
  expect(got).not.toContain(300);
  expect(got).toContain(1000);
  const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', s.acceptedJsonLines(), [pub]);
  const findings = report.streams.flatMap((x) => x.findings);
  expect(code, stderr + JSON.stringify(findings)).toBe(0);
  expect(findings.filter((f) => f.kind === 'missing' || f.severity === 'violation')).toEqual([]);
  expect(findings.filter((f) => f.kind === 'loss').map((f) => f.message).join('\n')).toMatch(/export_failed/);
}

/** The data records as sent, without the chain's own attributes (sealog.seq, sealog.hash) and resource stamps. */
function dataRecords(data: readonly LogsData[]): string[] {
  const out: string[] = [];
  for (const d of data) {
    for (const rl of d.resourceLogs) {
      const resource = rl.resource.attributes.filter((a) => !a.key.startsWith('sealog.'));
      for (const sl of rl.scopeLogs) {
        for (const lr of sl.logRecords) {
          if (!lr.attributes.some((a) => a.key === 'app.i')) continue;
          const rec = { ...lr, attributes: lr.attributes.filter((a) => a.key !== 'sealog.seq' && a.key !== 'sealog.hash') };
          out.push(JSON.stringify({ resource, scope: sl.scope, rec }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
        }
      }
    }
  }
  return out.sort();
}

describe('SealingLogRecordProcessor with the otlp option (sealog encodes and sends)', () => {
  it('the configured URL, headers and gzip are on the wire; every record arrives once and verifies INTACT', async () => {
    const { dir, key, pub } = await keyed();
    const s = await sink();
    await logThrough({ key, otlp: { url: `${s.url}/custom/path`, headers: { Authorization: 'Bearer t0ken', 'X-Tenant': 'payments' }, compression: 'gzip' } }, 1, 3000);
    expect(s.errors).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(0);
    for (const r of s.requests) {
      expect(r.path).toBe('/custom/path');
      expect(r.headers['authorization']).toBe('Bearer t0ken');
      expect(r.headers['x-tenant']).toBe('payments');
      expect(r.headers['content-type']).toBe('application/x-protobuf');
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(r.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    }
    expect(appIndexes(s.acceptedData).sort((a, b) => a - b)).toEqual(range(1, 3000));
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', s.acceptedJsonLines(), [pub]);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    expect(report.warnings).toBe(0);
    expect(report.streams[0]!.records).toBe(3000);
  }, 120_000);

  it('without compression the body is plain protobuf, and the records are the ones the SDK protobuf exporter sends', async () => {
    const { key } = await keyed();
    const own = await sink();
    const sdk = await sink();
    await logThrough({ key, otlp: { url: `${own.url}/v1/logs` } }, 1, 1000);
    await logThrough({ key, exporter: new ProtoExporter({ url: `${sdk.url}/v1/logs` }) }, 1, 1000);
    expect(own.errors).toEqual([]);
    expect(sdk.errors).toEqual([]);
    for (const r of own.requests) expect(r.headers['content-encoding']).toBeUndefined();
    const mine = dataRecords(own.acceptedData);
    expect(mine.length).toBe(1000);
    expect(mine).toEqual(dataRecords(sdk.acceptedData));
  }, 120_000);

  it('503 with Retry-After is retried until accepted: nothing lost, nothing twice, INTACT', async () => {
    const { dir, key, pub } = await keyed();
    const s = await sink();
    let refusals = 0;
    s.behaviour = () => (refusals++ < 3 ? { status: 503, headers: { 'retry-after': '0' } } : undefined);
    await logThrough({ key, otlp: { url: `${s.url}/v1/logs` } }, 1, 1000);
    expect(s.requests.filter((r) => r.headers['content-type'] === 'application/x-protobuf').length).toBeGreaterThan(3);
    expect(appIndexes(s.acceptedData).sort((a, b) => a - b)).toEqual(range(1, 1000));
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', s.acceptedJsonLines(), [pub]);
    expect(code, stderr + JSON.stringify(report.findings)).toBe(0);
    expect(report.intact).toBe(true);
    expect(report.warnings).toBe(0);
  }, 120_000);

  it('a backend that refuses for longer than retry.maxElapsedMs: the batch is sealed as export_failed loss, which verify reports', async () => {
    const { dir, key, pub } = await keyed();
    const s = await sink();
    let refuse = false;
    // 503 is retryable: the processor's own retry gives up after maxElapsedMs.
    s.behaviour = () => (refuse ? { status: 503 } : undefined);
    await logThrough({ key, otlp: { url: `${s.url}/v1/logs` }, retry: { initialIntervalMs: 20, maxIntervalMs: 50, maxElapsedMs: 300 }, batchRecords: 250 }, 1, 1000, refuseWindow((on) => (refuse = on)));
    await expectExportFailedLoss(dir, s, pub);
  }, 120_000);

  for (const mode of ['with spoolDir', 'without spoolDir'] as const) {
    it(`${mode}: a 400 (permanent) is not retried: the batch is sealed as export_failed loss at once, which verify reports, with nothing missing`, async () => {
      const { dir, key, pub } = await keyed();
      const s = await sink();
      let refuse = false;
      const refused: number[] = [];
      s.behaviour = (req) => {
        if (!refuse) return undefined;
        if (req.data) refused.push(...appIndexes([req.data]));
        return { status: 400, body: 'bad request' };
      };
      const lines: string[] = [];
      const logger = createLogger({ level: 'warn', sink: { write: (l) => lines.push(l) } });
      // retry.maxElapsedMs stays at its default (0 with spoolDir: retry for ever), so only the permanent status ends the call.
      const retry = { initialIntervalMs: 20, maxIntervalMs: 50 };
      await logThrough({ key, logger, retry, otlp: { url: `${s.url}/v1/logs` }, batchRecords: 250, ...(mode === 'with spoolDir' ? { spoolDir: join(dir, 'spool') } : {}) }, 1, 1000, refuseWindow((on) => (refuse = on)));
      // Each refused data record was sent once: no retry of a permanent error.
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused).size).toBe(refused.length);
      expect(lines.map((l) => JSON.parse(l) as { level: string; msg: string }).some((l) => l.level === 'error' && l.msg.startsWith('export refused for good'))).toBe(true);
      await expectExportFailedLoss(dir, s, pub);
    }, 120_000);
  }

  it('a partial success: the rejected records are sealed as partial_success loss, which verify reports as declared loss, not missing; a message without rejections is logged', async () => {
    const { dir, key, pub } = await keyed();
    const s = await sink();
    const rejected = new Set<number>();
    let answered = 0;
    s.behaviour = (req) => {
      const got = req.data ? appIndexes([req.data]) : [];
      if (got.length === 0) return undefined;
      answered++;
      if (answered === 1) {
        // The backend keeps all but the last 3 data records of this request.
        for (const i of got.sort((a, b) => a - b).slice(-3)) rejected.add(i);
        return { body: encodeExportResponseProto({ partialSuccess: { rejectedLogRecords: 3n, errorMessage: 'too old' } }) };
      }
      if (answered === 2) return { body: encodeExportResponseProto({ partialSuccess: { rejectedLogRecords: 0n, errorMessage: 'deprecated field' } }) };
      return undefined;
    };
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', sink: { write: (l) => lines.push(l) } });
    await logThrough({ key, logger, otlp: { url: `${s.url}/v1/logs` }, batchRecords: 20 }, 1, 100);
    expect(rejected.size).toBe(3);
    // Not retried: each data record was sent once.
    expect(appIndexes(s.acceptedData).sort((a, b) => a - b)).toEqual(range(1, 100));
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; serverMessage?: string });
    expect(logged.some((l) => l.msg.includes('partial success') && l.serverMessage === 'too old')).toBe(true);
    expect(logged.some((l) => l.msg.includes('no record rejected') && l.serverMessage === 'deprecated field')).toBe(true);
    // What the backend kept: every accepted request without the records it said it rejected.
    const kept = s.acceptedData.map((d) => ({
      resourceLogs: d.resourceLogs.map((rl) => ({
        ...rl,
        scopeLogs: rl.scopeLogs.map((sl) => ({ ...sl, logRecords: sl.logRecords.filter((lr) => !rejected.has(appIndexes([{ resourceLogs: [{ ...rl, scopeLogs: [{ ...sl, logRecords: [lr] }] }] }])[0] ?? 0)) })),
      })),
    }));
    const { code, report, stderr } = await verifyLines(dir, 'sink.jsonl', kept.map((d) => encodeLogsJson(d)), [pub]);
    const findings = report.streams.flatMap((x) => x.findings);
    expect(code, stderr + JSON.stringify(findings)).toBe(0);
    expect(findings.filter((f) => f.kind === 'missing' || f.severity === 'violation')).toEqual([]);
    const losses = findings.filter((f) => f.kind === 'loss');
    expect(losses.some((f) => /partial_success/.test(f.message))).toBe(true);
    expect(losses.some((f) => /records \d+\.\.\d+ are absent/.test(f.message))).toBe(true);
  }, 60_000);

  it('option errors are reported at construction, and a bound that does not apply to the mode is a warning', async () => {
    const { dir, key } = await keyed();
    const exporter = new ProtoExporter({ url: 'http://127.0.0.1:9/v1/logs' });
    expect(() => new SealingLogRecordProcessor({ key })).toThrow(/exactly one of options.exporter/);
    expect(() => new SealingLogRecordProcessor({ key, exporter, otlp: { url: 'http://127.0.0.1:9/v1/logs' } })).toThrow(/exactly one of options.exporter/);
    expect(() => new SealingLogRecordProcessor({ key, otlp: { url: 'not a url' } })).toThrow(/otlp.url is not a URL/);
    expect(() => new SealingLogRecordProcessor({ key, otlp: { url: 'ftp://127.0.0.1/v1/logs' } })).toThrow(/http: or https:/);
    expect(() => new SealingLogRecordProcessor({ key, otlp: { url: 'http://127.0.0.1:9/v1/logs', headers: { 'bad header': 'x' } } })).toThrow(/otlp.headers/);
    expect(() => new SealingLogRecordProcessor({ key, otlp: { url: 'http://127.0.0.1:9/v1/logs', compression: 'br' as 'gzip' } })).toThrow(/otlp.compression/);
    const quiet: LogRecordExporter = { export: (_r, done) => done({ code: 0 }), shutdown: async () => undefined, forceFlush: async () => undefined };
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', sink: { write: (l) => lines.push(l) } });
    await new SealingLogRecordProcessor({ key, exporter: quiet, logger, maxSpoolBytes: 1 << 20 }).shutdown();
    await new SealingLogRecordProcessor({ key, exporter: quiet, logger, spoolDir: join(dir, 'spool'), maxBufferedRecords: 10 }).shutdown();
    expect(lines.join('')).toContain('maxSpoolBytes applies with spoolDir only');
    expect(lines.join('')).toContain('maxBufferedRecords applies without spoolDir only');
  });
});
