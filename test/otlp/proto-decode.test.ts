import { describe, expect, it } from 'vitest';
import { decodeExportResponseProto, decodeLogsProto, encodeExportResponseProto } from '../../src/otlp/proto.js';
import { logsDataEqual } from '../../src/otlp/equal.js';
import type { AnyValue, LogRecord, LogsData } from '../../src/otlp/types.js';
import { cat, double, fixed32, fixed64, ld, oneRecord, str, tag, u8, varint, vint } from './pb.js';

function onlyRecord(d: LogsData): LogRecord {
  expect(d.resourceLogs).toHaveLength(1);
  expect(d.resourceLogs[0]!.scopeLogs).toHaveLength(1);
  expect(d.resourceLogs[0]!.scopeLogs[0]!.logRecords).toHaveLength(1);
  return d.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
}

const TRACE = [0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c];
const SPAN = [0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74];

describe('decodeLogsProto accepts any valid encoding', () => {
  it('decodes an empty buffer as an empty request', () => {
    expect(decodeLogsProto(new Uint8Array(0))).toEqual({ resourceLogs: [] });
  });

  it('decodes LogRecord fields given in reverse field order', () => {
    const rec = cat(
      str(12, 'ev'),
      fixed64(11, 2n),
      ld(10, SPAN),
      ld(9, TRACE),
      fixed32(8, 1),
      vint(7, 3),
      ld(6, cat(str(1, 'k'), ld(2, vint(3, 7)))),
      ld(5, str(1, 'body')),
      str(3, 'WARN'),
      vint(2, 13),
      fixed64(1, 1n),
    );
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.timeUnixNano).toBe(1n);
    expect(r.observedTimeUnixNano).toBe(2n);
    expect(r.severityNumber).toBe(13);
    expect(r.severityText).toBe('WARN');
    expect(r.body).toEqual({ type: 'string', value: 'body' });
    expect(r.attributes).toEqual([{ key: 'k', value: { type: 'int', value: 7n } }]);
    expect(r.droppedAttributesCount).toBe(3);
    expect(r.flags).toBe(1);
    expect(Array.from(r.traceId)).toEqual(TRACE);
    expect(Array.from(r.spanId)).toEqual(SPAN);
    expect(r.eventName).toBe('ev');
  });

  it('skips unknown fields of every wire type at every level, including the reserved LogRecord 4 and ResourceLogs 1000', () => {
    const unknowns = cat(vint(99, 5), fixed64(98, 1n), ld(97, [1, 2, 3]), fixed32(96, 9));
    const kvp = cat(str(1, 'a'), unknowns, ld(2, cat(str(1, 'x'), unknowns)));
    const rec = cat(unknowns, ld(4, [0x0a, 0x00]), fixed64(1, 5n), ld(6, kvp), unknowns);
    const scope = cat(str(1, 'lib'), unknowns);
    const resource = cat(ld(1, kvp), unknowns);
    const rl = cat(ld(1000, [0x0a, 0x00]), ld(1, resource), ld(2, cat(ld(1, scope), ld(2, rec), unknowns)), unknowns);
    const data = decodeLogsProto(u8(unknowns, ld(1, rl), unknowns));
    const r = onlyRecord(data);
    expect(r.timeUnixNano).toBe(5n);
    expect(r.attributes).toEqual([{ key: 'a', value: { type: 'string', value: 'x' } }]);
    expect(data.resourceLogs[0]!.resource.attributes).toEqual(r.attributes);
    expect(data.resourceLogs[0]!.scopeLogs[0]!.scope.name).toBe('lib');
  });

  it('merges a non-repeated message field that appears twice (resource, scope)', () => {
    const res1 = cat(ld(1, cat(str(1, 'a'), ld(2, str(1, '1')))), vint(2, 4));
    const res2 = cat(ld(1, cat(str(1, 'b'), ld(2, str(1, '2')))), vint(2, 6));
    const scope1 = cat(str(1, 'first'), str(2, 'v1'));
    const scope2 = str(1, 'second');
    const rl = cat(ld(1, res1), ld(2, cat(ld(1, scope1), ld(1, scope2))), ld(1, res2));
    const data = decodeLogsProto(u8(ld(1, rl)));
    const rlOut = data.resourceLogs[0]!;
    expect(rlOut.resource.attributes.map((a) => a.key)).toEqual(['a', 'b']);
    expect(rlOut.resource.droppedAttributesCount).toBe(6);
    expect(rlOut.scopeLogs[0]!.scope.name).toBe('second');
    expect(rlOut.scopeLogs[0]!.scope.version).toBe('v1');
  });

  it('merges a body given twice as arrays, and lets the last oneof member win otherwise', () => {
    const arr = (v: number): number[] => ld(5, ld(1, vint(3, v)));
    const merged = onlyRecord(decodeLogsProto(oneRecord(cat(ld(5, arr(1)), ld(5, arr(2))))));
    expect(merged.body).toEqual({
      type: 'array',
      value: [
        { type: 'int', value: 1n },
        { type: 'int', value: 2n },
      ],
    });
    const last = onlyRecord(decodeLogsProto(oneRecord(ld(5, cat(str(1, 'text'), vint(2, 1), double(4, 2.5))))));
    expect(last.body).toEqual({ type: 'double', value: 2.5 });
    const replaced = onlyRecord(decodeLogsProto(oneRecord(cat(ld(5, arr(1)), ld(5, str(1, 's'))))));
    expect(replaced.body).toEqual({ type: 'string', value: 's' });
  });

  it('ignores key_strindex and string_value_strindex (profiles-only fields)', () => {
    const rec = ld(6, cat(vint(3, 4), str(1, 'k'), ld(2, cat(str(1, 'v'), vint(8, 9)))));
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.attributes).toEqual([{ key: 'k', value: { type: 'string', value: 'v' } }]);
  });

  it('treats all-zero and empty trace and span ids as "no id"', () => {
    const zeros = onlyRecord(decodeLogsProto(oneRecord(cat(ld(9, new Array(16).fill(0)), ld(10, new Array(8).fill(0))))));
    expect(zeros.traceId.length).toBe(0);
    expect(zeros.spanId.length).toBe(0);
    const empty = onlyRecord(decodeLogsProto(oneRecord(cat(ld(9, []), ld(10, [])))));
    expect(empty.traceId.length).toBe(0);
    expect(empty.spanId.length).toBe(0);
  });

  it('reads negative int64 values from 10-byte varints and int32 enums sign-extended', () => {
    const min = -(1n << 63n);
    const rec = cat(vint(2, -5), ld(5, vint(3, min)), ld(6, cat(str(1, 'm1'), ld(2, vint(3, -1)))));
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.severityNumber).toBe(-5);
    expect(r.body).toEqual({ type: 'int', value: min });
    expect(r.attributes[0]!.value).toEqual({ type: 'int', value: -1n });
    expect(varint(-1)).toHaveLength(10);
  });

  it('keeps the low 32 bits of an oversized uint32 varint, and reads any non-zero varint as true', () => {
    const rec = cat(vint(7, 0x1_0000_0005), ld(5, cat(tag(2, 0), [0x80, 0x01])));
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.droppedAttributesCount).toBe(5);
    expect(r.body).toEqual({ type: 'bool', value: true });
  });

  it('accepts non-minimal (padded) varints for lengths and values', () => {
    // string field 3 with length 2 written as 0x82 0x00, severity 9 as 0x89 0x80 0x00
    const rec = [0x1a, 0x82, 0x00, 0x4f, 0x4b, 0x10, 0x89, 0x80, 0x00];
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.severityText).toBe('OK');
    expect(r.severityNumber).toBe(9);
  });

  it('decodes an empty AnyValue, empty array and empty kvlist distinctly', () => {
    const values = ld(5, ld(5, cat(ld(1, []), ld(1, ld(5, [])), ld(1, ld(6, [])))));
    const r = onlyRecord(decodeLogsProto(oneRecord(values)));
    const expected: AnyValue = {
      type: 'array',
      value: [{ type: 'empty' }, { type: 'array', value: [] }, { type: 'kvlist', value: [] }],
    };
    expect(r.body).toEqual(expected);
  });

  it('decodes strings with multi-byte UTF-8 and bytes values exactly', () => {
    const rec = cat(ld(5, ld(7, [0, 255, 128])), str(3, 'ünï 😀 ✓'));
    const r = onlyRecord(decodeLogsProto(oneRecord(rec)));
    expect(r.severityText).toBe('ünï 😀 ✓');
    expect(r.body.type).toBe('bytes');
    expect(r.body.type === 'bytes' && Array.from(r.body.value)).toEqual([0, 255, 128]);
  });

  it('decodes a Uint8Array that is a view into a larger buffer', () => {
    const inner = oneRecord(str(3, 'x'));
    const big = new Uint8Array(inner.length + 10);
    big.set(inner, 5);
    const view = big.subarray(5, 5 + inner.length);
    expect(onlyRecord(decodeLogsProto(view)).severityText).toBe('x');
    expect(logsDataEqual(decodeLogsProto(view), decodeLogsProto(inner))).toBe(true);
  });

  // A Buffer matters most: the receiver reads bodies into Buffers and reuses them, and Buffer#slice makes views.
  it.each([
    ['Uint8Array', (b: Uint8Array): Uint8Array => b],
    ['Buffer', (b: Uint8Array): Uint8Array => Buffer.from(b)],
  ])('returns copies of id and bytes fields, not views of the input (%s)', (_name, wrap) => {
    const long = Array.from({ length: 300 }, (_, i) => i & 0xff);
    const input = wrap(oneRecord(cat(ld(9, TRACE), ld(10, SPAN), ld(5, ld(7, [1, 2])), ld(6, cat(str(1, 'k'), ld(2, ld(7, long)))))));
    const r = onlyRecord(decodeLogsProto(input));
    input.fill(0);
    expect(Array.from(r.traceId)).toEqual(TRACE);
    expect(Array.from(r.spanId)).toEqual(SPAN);
    expect(r.body.type === 'bytes' && Array.from(r.body.value)).toEqual([1, 2]);
    const attr = r.attributes[0]!.value;
    expect(attr.type === 'bytes' && Array.from(attr.value)).toEqual(long);
  });
});

describe('ExportLogsServiceResponse protobuf', () => {
  it('encodes full success without the field and a Collector-style empty partial success as 0A 00', () => {
    expect(Array.from(encodeExportResponseProto({}))).toEqual([]);
    const empty = encodeExportResponseProto({ partialSuccess: { rejectedLogRecords: 0n, errorMessage: '' } });
    expect(Array.from(empty)).toEqual([0x0a, 0x00]);
    expect(decodeExportResponseProto(empty)).toEqual({ partialSuccess: { rejectedLogRecords: 0n, errorMessage: '' } });
    expect(decodeExportResponseProto(new Uint8Array(0))).toEqual({});
  });

  it('round-trips a partial success with rejected records and a message', () => {
    const r = { partialSuccess: { rejectedLogRecords: 12n, errorMessage: 'bad severity in 12 records' } };
    const bytes = encodeExportResponseProto(r);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x0a, bytes.length - 2, 0x08, 12]);
    expect(decodeExportResponseProto(bytes)).toEqual(r);
  });

  it('skips unknown fields in the response', () => {
    const bytes = u8(vint(5, 1), ld(1, cat(str(9, 'x'), vint(1, 3))));
    expect(decodeExportResponseProto(bytes)).toEqual({ partialSuccess: { rejectedLogRecords: 3n, errorMessage: '' } });
  });
});
