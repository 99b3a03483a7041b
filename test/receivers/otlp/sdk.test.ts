/**
 * Interop with the official OpenTelemetry JS SDK (0.223): its http/json,
 * http/protobuf and grpc log exporters send to the receiver, and every field
 * must arrive exactly as emitted.
 */
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as GrpcExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { getAttr, type AnyValue, type LogRecord, type LogsData } from '../../../src/otlp/types.js';
import { grpcConfig, httpConfig, startReceiver, type Harness } from './helpers.js';

let h: Harness | undefined;
let provider: LoggerProvider | undefined;
afterEach(async () => {
  await provider?.shutdown();
  provider = undefined;
  await h?.close();
  h = undefined;
});

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

const s = (value: string): AnyValue => ({ type: 'string', value });
const i = (value: number): AnyValue => ({ type: 'int', value: BigInt(value) });
const d = (value: number): AnyValue => ({ type: 'double', value });
const b = (value: boolean): AnyValue => ({ type: 'bool', value });
const arr = (...value: AnyValue[]): AnyValue => ({ type: 'array', value });
const map = (o: Record<string, AnyValue>): AnyValue => ({
  type: 'kvlist',
  value: Object.entries(o).map(([key, value]) => ({ key, value })),
});

/** Emits one fully-populated record and one minimal one through the given exporter. */
async function emit(exporter: LogRecordExporter): Promise<void> {
  provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'sdk-interop', 'service.instance.id': 'i-42', 'deploy.zone': 3 }),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('interop-scope', '2.0.1', {
    schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
    attributes: { 'scope.attr': 'yes' },
  });
  const ctx = trace.setSpanContext(context.active(), {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
  });
  logger.emit({
    timestamp: [1_700_000_123, 456_789_012],
    observedTimestamp: [1_700_000_124, 1],
    severityNumber: SeverityNumber.WARN2,
    severityText: 'Warning',
    eventName: 'user.login',
    body: {
      msg: 'héllo wörld ✓',
      count: 42,
      ratio: 0.25,
      ok: true,
      list: [1, 'two', false, 3.5],
      nested: { deeper: { leaf: 'x' } },
      raw: new Uint8Array([0, 1, 2, 254, 255]),
    },
    attributes: {
      'attr.str': 'value',
      'attr.int': -9_007_199_254_740_991,
      'attr.double': -1.5e-7,
      'attr.bool': false,
      'attr.strs': ['a', 'b'],
      'attr.ints': [1, 2, 3],
      'attr.map': { k: 'v', n: 1 },
      'attr.bytes': new Uint8Array([9, 8, 7]),
      'attr.empty': '',
    },
    context: ctx,
  });
  logger.emit({ timestamp: [1_700_000_200, 999_999_999], body: 'second record' });
  await provider.forceFlush();
}

function allRecords(batches: LogsData[]): Array<{ rec: LogRecord; data: LogsData; r: number; s: number }> {
  const out: Array<{ rec: LogRecord; data: LogsData; r: number; s: number }> = [];
  for (const data of batches)
    data.resourceLogs.forEach((rl, r) =>
      rl.scopeLogs.forEach((sl, si) => sl.logRecords.forEach((rec) => out.push({ rec, data, r, s: si }))),
    );
  return out;
}

/** The same value with every byte array as a plain Uint8Array (decoders may hand out Buffer views). */
function plain(v: AnyValue): AnyValue {
  if (v.type === 'bytes') return { type: 'bytes', value: Uint8Array.from(v.value) };
  if (v.type === 'array') return { type: 'array', value: v.value.map(plain) };
  if (v.type === 'kvlist') return { type: 'kvlist', value: v.value.map((kv) => ({ key: kv.key, value: plain(kv.value) })) };
  return v;
}

function checkEverythingArrived(harness: Harness): void {
  const got = allRecords(harness.consumer.batches);
  expect(got).toHaveLength(2);
  const full = got.find((g) => g.rec.eventName === 'user.login')!;
  expect(full).toBeDefined();
  const rl = full.data.resourceLogs[full.r]!;
  const sl = rl.scopeLogs[full.s]!;
  expect(getAttr(rl.resource.attributes, 'service.name')).toEqual(s('sdk-interop'));
  expect(getAttr(rl.resource.attributes, 'service.instance.id')).toEqual(s('i-42'));
  expect(getAttr(rl.resource.attributes, 'deploy.zone')).toEqual(i(3));
  expect(sl.scope.name).toBe('interop-scope');
  expect(sl.scope.version).toBe('2.0.1');
  expect(sl.schemaUrl).toBe('https://opentelemetry.io/schemas/1.30.0');
  expect(sl.scope.attributes).toEqual([{ key: 'scope.attr', value: s('yes') }]);

  const rec = full.rec;
  expect(rec.timeUnixNano).toBe(1_700_000_123_456_789_012n);
  expect(rec.observedTimeUnixNano).toBe(1_700_000_124_000_000_001n);
  expect(rec.severityNumber).toBe(SeverityNumber.WARN2);
  expect(rec.severityText).toBe('Warning');
  expect(Buffer.from(rec.traceId).toString('hex')).toBe(TRACE_ID);
  expect(Buffer.from(rec.spanId).toString('hex')).toBe(SPAN_ID);
  expect(rec.flags & 0xff).toBe(1);
  expect(rec.droppedAttributesCount).toBe(0);
  expect(plain(rec.body)).toEqual(
    map({
      msg: s('héllo wörld ✓'),
      count: i(42),
      ratio: d(0.25),
      ok: b(true),
      list: arr(i(1), s('two'), b(false), d(3.5)),
      nested: map({ deeper: map({ leaf: s('x') }) }),
      raw: { type: 'bytes', value: new Uint8Array([0, 1, 2, 254, 255]) },
    }),
  );
  expect(rec.attributes.map((kv) => ({ key: kv.key, value: plain(kv.value) }))).toEqual([
    { key: 'attr.str', value: s('value') },
    { key: 'attr.int', value: i(-9_007_199_254_740_991) },
    { key: 'attr.double', value: d(-1.5e-7) },
    { key: 'attr.bool', value: b(false) },
    { key: 'attr.strs', value: arr(s('a'), s('b')) },
    { key: 'attr.ints', value: arr(i(1), i(2), i(3)) },
    { key: 'attr.map', value: map({ k: s('v'), n: i(1) }) },
    { key: 'attr.bytes', value: { type: 'bytes', value: new Uint8Array([9, 8, 7]) } },
    { key: 'attr.empty', value: s('') },
  ]);

  const second = got.find((g) => g.rec.eventName !== 'user.login')!.rec;
  expect(second.timeUnixNano).toBe(1_700_000_200_999_999_999n);
  expect(second.body).toEqual(s('second record'));
  expect(second.traceId.length).toBe(0);
  expect(second.spanId.length).toBe(0);
  expect(second.severityNumber).toBe(0);
  expect(second.observedTimeUnixNano).toBeGreaterThan(0n);
}

describe('OpenTelemetry JS SDK exporters as clients', () => {
  it('http/json: every field arrives intact', async () => {
    h = await startReceiver({ http: httpConfig() });
    await emit(new JsonExporter({ url: h.httpUrl }));
    await h.consumer.until(() => h!.consumer.records === 2);
    checkEverythingArrived(h);
  });

  it('http/protobuf with gzip: every field arrives intact', async () => {
    h = await startReceiver({ http: httpConfig() });
    await emit(new ProtoExporter({ url: h.httpUrl, compression: CompressionAlgorithm.GZIP }));
    await h.consumer.until(() => h!.consumer.records === 2);
    checkEverythingArrived(h);
  });

  it('grpc with gzip: every field arrives intact', async () => {
    h = await startReceiver({ grpc: grpcConfig() });
    await emit(new GrpcExporter({ url: `http://${h.grpcTarget}`, compression: CompressionAlgorithm.GZIP }));
    await h.consumer.until(() => h!.consumer.records === 2);
    checkEverythingArrived(h);
  });
});
