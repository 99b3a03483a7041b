import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logsDataEqual, resourceLogsEqual } from '../../src/otlp/equal.js';
import { decodeLogsJson, encodeLogsJson } from '../../src/otlp/json.js';
import {
  decodeLogsProto,
  decodeResourceLogsProto,
  encodeLogsProto,
  encodeResourceLogsProto,
  frameExportRequest,
} from '../../src/otlp/proto.js';
import { ByteArena } from '../../src/otlp/arena.js';
import { arbLogsData, arbResourceLogs } from './arbitraries.js';
import { SAMPLE_JSON, SAMPLE_PROTO_HEX, hexToU8, sampleLogsData, u8ToHex } from './fixtures.js';

describe('canonical encodings of a known record', () => {
  it('encodes protobuf to the independently computed bytes', () => {
    expect(u8ToHex(encodeLogsProto(sampleLogsData()))).toBe(SAMPLE_PROTO_HEX);
  });

  it('encodes JSON to the Collector-style text', () => {
    expect(encodeLogsJson(sampleLogsData())).toBe(SAMPLE_JSON);
  });

  it('decodes both encodings to the same model', () => {
    const fromProto = decodeLogsProto(hexToU8(SAMPLE_PROTO_HEX));
    const fromJson = decodeLogsJson(SAMPLE_JSON);
    expect(logsDataEqual(fromProto, sampleLogsData())).toBe(true);
    expect(logsDataEqual(fromJson, sampleLogsData())).toBe(true);
  });
});

describe('round trips (property tests)', () => {
  it('model -> protobuf -> model is the identity', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        expect(logsDataEqual(decodeLogsProto(encodeLogsProto(data)), data)).toBe(true);
      }),
    );
  });

  it('model -> JSON -> model is the identity', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        expect(logsDataEqual(decodeLogsJson(encodeLogsJson(data)), data)).toBe(true);
      }),
    );
  });

  it('protobuf -> model -> JSON -> model -> protobuf is byte-identical for canonical input', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const proto = encodeLogsProto(data);
        const json = encodeLogsJson(decodeLogsProto(proto));
        const again = encodeLogsProto(decodeLogsJson(json));
        expect(u8ToHex(again)).toBe(u8ToHex(proto));
      }),
    );
  });

  it('JSON -> model -> protobuf -> model -> JSON is text-identical', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const json = encodeLogsJson(data);
        expect(encodeLogsJson(decodeLogsProto(encodeLogsProto(decodeLogsJson(json))))).toBe(json);
      }),
    );
  });

  it('decodes JSON given as UTF-8 bytes like JSON given as a string', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const json = encodeLogsJson(data);
        expect(logsDataEqual(decodeLogsJson(new TextEncoder().encode(json)), decodeLogsJson(json))).toBe(true);
      }),
    );
  });

  it('frames separately encoded ResourceLogs into exactly the request encodeLogsProto builds', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const payloads = data.resourceLogs.map((rl) => encodeResourceLogsProto(rl));
        const framed = frameExportRequest(payloads);
        expect(u8ToHex(framed)).toBe(u8ToHex(encodeLogsProto(data)));
        // into a caller's (larger, dirty) buffer: the same bytes, as a view of its start
        const into = frameExportRequest(payloads, (n) => new Uint8Array(n + 7).fill(0xee));
        expect(u8ToHex(into)).toBe(u8ToHex(framed));
      }),
    );
  });

  it('encodes into an arena exactly what it encodes alone, and earlier views survive the arena growing', () => {
    // A 64-byte arena must start new regions often; every view handed out before must keep its bytes.
    const arena = new ByteArena(64);
    fc.assert(
      fc.property(fc.array(arbResourceLogs(), { minLength: 1, maxLength: 6 }), (rls) => {
        const views = rls.map((rl) => encodeResourceLogsProto(rl, arena));
        rls.forEach((rl, i) => expect(u8ToHex(views[i]!)).toBe(u8ToHex(encodeResourceLogsProto(rl))));
        arena.reset();
      }),
    );
  });

  it('decodes one ResourceLogs message back to itself', () => {
    fc.assert(
      fc.property(arbResourceLogs(), (rl) => {
        expect(resourceLogsEqual(decodeResourceLogsProto(encodeResourceLogsProto(rl)), rl)).toBe(true);
      }),
    );
  });

  it('encodes long and non-ASCII strings byte-exactly (as TextEncoder does)', () => {
    const long = `${'x'.repeat(60)} ünïcødé 😀 \ud800 end`;
    const data = sampleLogsData();
    const rec = data.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    rec.severityText = long;
    rec.eventName = 'é'.repeat(50);
    const bytes = encodeLogsProto(data);
    const hex = u8ToHex(bytes);
    expect(hex).toContain(u8ToHex(new TextEncoder().encode(long)));
    expect(hex).toContain(u8ToHex(new TextEncoder().encode('é'.repeat(50))));
    const back = decodeLogsProto(bytes).resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(back.severityText).toBe(long.replace('\ud800', '\ufffd'));
    expect(back.eventName).toBe('é'.repeat(50));
  });

  it('frames an empty list as an empty request', () => {
    expect(frameExportRequest([]).length).toBe(0);
    expect(decodeLogsProto(frameExportRequest([]))).toEqual({ resourceLogs: [] });
  });

  it('frames a ResourceLogs longer than 127 bytes with a multi-byte length', () => {
    const big = new Uint8Array(300).fill(0);
    const framed = frameExportRequest([big]);
    expect(Array.from(framed.subarray(0, 3))).toEqual([0x0a, 0xac, 0x02]);
    expect(framed.length).toBe(303);
  });
});
