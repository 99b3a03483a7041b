/**
 * Decodes what the official OpenTelemetry JS SDK really sends: a real HTTP
 * server on 127.0.0.1 captures the request bodies of the OTLP/HTTP JSON and
 * protobuf log exporters, and our decoders must read every field exactly.
 * @opentelemetry/otlp-transformer's serializers (a transitive dependency,
 * imported only here) cross-check both directions.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { SeverityNumber, type Logger } from '@opentelemetry/api-logs';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExportResponseJson, decodeLogsJson, encodeExportResponseJson, encodeLogsJson } from '../../src/otlp/json.js';
import { decodeExportResponseProto, decodeLogsProto, encodeExportResponseProto } from '../../src/otlp/proto.js';
import { getAttr, type AnyValue, type LogRecord, type LogsData } from '../../src/otlp/types.js';
import { u8ToHex } from './fixtures.js';

interface Captured {
  path: string;
  contentType: string;
  body: Uint8Array;
}

/** A real OTLP/HTTP sink: records every request body and answers 200 in the request's encoding. */
async function startSink(): Promise<{ server: Server; url: string; requests: Captured[] }> {
  const requests: Captured[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Uint8Array = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const contentType = String(req.headers['content-type'] ?? '');
      requests.push({ path: req.url ?? '', contentType, body: new Uint8Array(body) });
      const json = contentType.startsWith('application/json');
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? encodeExportResponseJson({}) : Buffer.from(encodeExportResponseProto({})));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1/logs`, requests };
}

/** A minimal synchronous ContextManager, so that context.with() makes a span context active. */
class StackContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const prev = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = prev;
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const BYTES = Uint8Array.from([0, 255, 16, 128]);

/** Emits the four test records: a string body inside an active span with every attribute type, then map, array and bytes bodies. */
function emitAll(logger: Logger): void {
  const spanCtx = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
  context.with(spanCtx, () => {
    logger.emit({
      timestamp: [1_700_000_000, 123_456_789],
      observedTimestamp: [1_700_000_001, 1],
      severityNumber: SeverityNumber.INFO2,
      severityText: 'info2',
      eventName: 'user.login',
      body: 'hello sealog',
      attributes: {
        str: 'text',
        int: 42,
        neg: -5,
        max: Number.MAX_SAFE_INTEGER,
        dbl: 3.25,
        yes: true,
        bytes: BYTES,
        list: ['a', 'b'],
        map: { k: 'v', n: 7 },
      },
    });
  });
  logger.emit({
    timestamp: [1_700_000_002, 0],
    severityNumber: SeverityNumber.WARN,
    body: { level: 'warn', count: 3, ratio: 0.5, ok: false, tags: ['x', 'y'], nested: { deep: { deeper: 'z' } } },
  });
  logger.emit({ timestamp: [1_700_000_003, 999_999_999], body: ['a', 1, 2.5, true, { k: 'v' }] });
  logger.emit({ timestamp: [1_700_000_004, 5], body: BYTES });
}

/** Runs emitAll through a fresh LoggerProvider with these processors plus an in-memory one, shuts it down, and returns the records. */
async function runSdk(
  processorsFor: () => Array<SimpleLogRecordProcessor | BatchLogRecordProcessor>,
): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'interop-test', 'service.version': '1.2.3', 'host.name': 'h1' }),
    processors: [...processorsFor(), new SimpleLogRecordProcessor({ exporter: memory })],
  });
  emitAll(provider.getLogger('interop-logger', '4.5.6'));
  await provider.forceFlush();
  const records = [...memory.getFinishedLogRecords()]; // shutdown() clears the in-memory exporter
  await provider.shutdown();
  return records;
}

interface Flat {
  resource: LogsData['resourceLogs'][number]['resource'];
  scope: LogsData['resourceLogs'][number]['scopeLogs'][number]['scope'];
  record: LogRecord;
}

function flatten(batches: LogsData[]): Flat[] {
  const out: Flat[] = [];
  for (const d of batches)
    for (const rl of d.resourceLogs)
      for (const sl of rl.scopeLogs) for (const record of sl.logRecords) out.push({ resource: rl.resource, scope: sl.scope, record });
  return out;
}

/** One canonical JSON line per record (with its resource and scope), for comparing decodes. */
function canonicalLines(batches: LogsData[]): string[] {
  return flatten(batches).map((f) =>
    encodeLogsJson({
      resourceLogs: [{ resource: f.resource, scopeLogs: [{ scope: f.scope, logRecords: [f.record], schemaUrl: '' }], schemaUrl: '' }],
    }),
  );
}

const s = (value: string): AnyValue => ({ type: 'string', value });
const i = (value: bigint): AnyValue => ({ type: 'int', value });

function checkRecords(batches: LogsData[]): void {
  const flat = flatten(batches);
  expect(flat).toHaveLength(4);
  for (const f of flat) {
    expect(getAttr(f.resource.attributes, 'service.name')).toEqual(s('interop-test'));
    expect(getAttr(f.resource.attributes, 'service.version')).toEqual(s('1.2.3'));
    expect(getAttr(f.resource.attributes, 'host.name')).toEqual(s('h1'));
    expect(f.scope.name).toBe('interop-logger');
    expect(f.scope.version).toBe('4.5.6');
  }
  const [first, second, third, fourth] = flat.map((f) => f.record) as [LogRecord, LogRecord, LogRecord, LogRecord];

  expect(first.timeUnixNano).toBe(1_700_000_000_123_456_789n);
  expect(first.observedTimeUnixNano).toBe(1_700_000_001_000_000_001n);
  expect(first.severityNumber).toBe(10);
  expect(first.severityText).toBe('info2');
  expect(first.eventName).toBe('user.login');
  expect(first.body).toEqual(s('hello sealog'));
  expect(u8ToHex(first.traceId)).toBe(TRACE_ID);
  expect(u8ToHex(first.spanId)).toBe(SPAN_ID);
  expect(first.flags).toBe(1);
  const attr = (k: string): AnyValue | undefined => getAttr(first.attributes, k);
  expect(attr('str')).toEqual(s('text'));
  expect(attr('int')).toEqual(i(42n));
  expect(attr('neg')).toEqual(i(-5n));
  expect(attr('max')).toEqual(i(BigInt(Number.MAX_SAFE_INTEGER)));
  expect(attr('dbl')).toEqual({ type: 'double', value: 3.25 });
  expect(attr('yes')).toEqual({ type: 'bool', value: true });
  expect(attr('bytes')).toEqual({ type: 'bytes', value: BYTES });
  expect(attr('list')).toEqual({ type: 'array', value: [s('a'), s('b')] });
  expect(attr('map')).toEqual({ type: 'kvlist', value: [{ key: 'k', value: s('v') }, { key: 'n', value: i(7n) }] });

  expect(second.timeUnixNano).toBe(1_700_000_002_000_000_000n);
  expect(second.severityNumber).toBe(13);
  expect(second.traceId.length).toBe(0);
  expect(second.spanId.length).toBe(0);
  expect(second.flags).toBe(0);
  expect(second.body).toEqual({
    type: 'kvlist',
    value: [
      { key: 'level', value: s('warn') },
      { key: 'count', value: i(3n) },
      { key: 'ratio', value: { type: 'double', value: 0.5 } },
      { key: 'ok', value: { type: 'bool', value: false } },
      { key: 'tags', value: { type: 'array', value: [s('x'), s('y')] } },
      { key: 'nested', value: { type: 'kvlist', value: [{ key: 'deep', value: { type: 'kvlist', value: [{ key: 'deeper', value: s('z') }] } }] } },
    ],
  });

  expect(third.timeUnixNano).toBe(1_700_000_003_999_999_999n);
  expect(third.body).toEqual({
    type: 'array',
    value: [s('a'), i(1n), { type: 'double', value: 2.5 }, { type: 'bool', value: true }, { type: 'kvlist', value: [{ key: 'k', value: s('v') }] }],
  });

  expect(fourth.timeUnixNano).toBe(1_700_000_004_000_000_005n);
  expect(fourth.body).toEqual({ type: 'bytes', value: BYTES });
}

describe('decoding what the OpenTelemetry JS SDK sends over OTLP/HTTP', () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  const contextManager = new StackContextManager();

  beforeAll(async () => {
    sink = await startSink();
    context.setGlobalContextManager(contextManager);
  });

  afterAll(async () => {
    context.disable();
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
  });

  it('decodes the protobuf exporter (SimpleLogRecordProcessor) exactly', async () => {
    sink.requests.length = 0;
    await runSdk(() => [new SimpleLogRecordProcessor({ exporter: new ProtoLogExporter({ url: sink.url }) })]);
    expect(sink.requests.length).toBe(4);
    for (const r of sink.requests) {
      expect(r.path).toBe('/v1/logs');
      expect(r.contentType).toBe('application/x-protobuf');
    }
    checkRecords(sink.requests.map((r) => decodeLogsProto(r.body)));
  });

  it('decodes the JSON exporter (BatchLogRecordProcessor) exactly', async () => {
    sink.requests.length = 0;
    await runSdk(() => [new BatchLogRecordProcessor({ exporter: new JsonLogExporter({ url: sink.url }) })]);
    expect(sink.requests.length).toBeGreaterThanOrEqual(1);
    for (const r of sink.requests) expect(r.contentType).toBe('application/json');
    checkRecords(sink.requests.map((r) => decodeLogsJson(r.body)));
  });

  it('reads the otlp-transformer serializers’ protobuf and JSON as the same records', async () => {
    const records = await runSdk(() => []);
    const proto = ProtobufLogsSerializer.serializeRequest(records);
    const json = JsonLogsSerializer.serializeRequest(records);
    expect(proto).toBeDefined();
    expect(json).toBeDefined();
    const fromProto = decodeLogsProto(proto!);
    const fromJson = decodeLogsJson(json!);
    checkRecords([fromProto]);
    expect(canonicalLines([fromJson])).toEqual(canonicalLines([fromProto]));
  });

  it('writes responses that the otlp-transformer response deserializers read back', () => {
    const partial = { partialSuccess: { rejectedLogRecords: 3n, errorMessage: '3 records had bad ids' } };
    expect(ProtobufLogsSerializer.deserializeResponse(encodeExportResponseProto(partial))).toEqual({
      partialSuccess: { rejectedLogRecords: 3, errorMessage: '3 records had bad ids' },
    });
    expect(JsonLogsSerializer.deserializeResponse(new TextEncoder().encode(encodeExportResponseJson(partial)))).toEqual({
      partialSuccess: { rejectedLogRecords: '3', errorMessage: '3 records had bad ids' },
    });
    expect(ProtobufLogsSerializer.deserializeResponse(encodeExportResponseProto({}))).toEqual({});
    expect(decodeExportResponseProto(encodeExportResponseProto(partial))).toEqual(partial);
    expect(decodeExportResponseJson(encodeExportResponseJson(partial))).toEqual(partial);
  });
});
