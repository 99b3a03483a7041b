import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/otlp/decode-error.js';
import { decodeExportResponseProto, decodeLogsProto, decodeResourceLogsProto, encodeLogsProto } from '../../src/otlp/proto.js';
import { decodeStatusProto } from '../../src/otlp/status.js';
import { arbLogsData } from './arbitraries.js';
import { SAMPLE_PROTO_HEX, hexToU8 } from './fixtures.js';
import { cat, fixed64, ld, oneRecord, str, tag, u8, vint } from './pb.js';

/** Runs `fn` and returns the DecodeError it throws (failing the test if it throws anything else or nothing). */
function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('expected a DecodeError, but decoding succeeded');
}

/** True if decoding either succeeds or fails with a DecodeError; any other throw fails the property. */
function decodesOrDecodeError(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (err instanceof DecodeError) return true;
    throw err;
  }
}

const REC = 'resourceLogs[0].scopeLogs[0].logRecords[0]';

describe('decodeLogsProto rejects malformed input with a typed, located DecodeError', () => {
  it('rejects every strict prefix of a valid message as truncated', () => {
    const full = hexToU8(SAMPLE_PROTO_HEX);
    for (let n = 1; n < full.length; n++) {
      const err = decodeError(() => decodeLogsProto(full.subarray(0, n)));
      expect(err.code).toBe('DECODE_ERROR');
      expect(err.byteOffset).toBeGreaterThanOrEqual(0);
      expect(err.byteOffset).toBeLessThanOrEqual(n);
    }
  });

  it('names the field and byte offset of a wrong wire type for a known field', () => {
    const input = oneRecord(cat(vint(1, 5)));
    const err = decodeError(() => decodeLogsProto(input));
    expect(err.detail).toContain('timeUnixNano has wire type 0, expected 1');
    expect(err.fieldPath).toBe(`${REC}.timeUnixNano`);
    expect(err.byteOffset).toBe(6);
    expect(err.message).toContain(`${REC}.timeUnixNano, at byte 6`);
  });

  it('rejects a length that runs past the end of its enclosing message', () => {
    // ScopeLogs declares 3 bytes, but the record inside claims 50
    const input = u8(ld(1, ld(2, [0x12, 50, 0x0a])));
    const err = decodeError(() => decodeLogsProto(input));
    expect(err.detail).toContain('length 50 runs past the end');
    expect(err.fieldPath).toBe('resourceLogs[0].scopeLogs[0].logRecords[0]');
  });

  it('rejects a varint longer than 10 bytes', () => {
    const input = oneRecord([...tag(2, 0), ...new Array(10).fill(0xff), 0x01]);
    const err = decodeError(() => decodeLogsProto(input));
    expect(err.detail).toContain('varint longer than 10 bytes');
    expect(err.fieldPath).toBe(`${REC}.severityNumber`);
  });

  it('rejects group wire types, invalid wire types and field number 0', () => {
    expect(decodeError(() => decodeLogsProto(u8(tag(5, 3)))).detail).toContain('group wire type 3');
    expect(decodeError(() => decodeLogsProto(u8(tag(5, 4)))).detail).toContain('group wire type 4');
    expect(decodeError(() => decodeLogsProto(u8(tag(5, 6)))).detail).toContain('invalid wire type 6');
    expect(decodeError(() => decodeLogsProto(u8([0x02, 0x00]))).detail).toContain('field number 0');
  });

  it('rejects trace ids that are not 16 bytes and span ids that are not 8 bytes', () => {
    const t = decodeError(() => decodeLogsProto(oneRecord(ld(9, [1, 2, 3, 4, 5]))));
    expect(t.detail).toContain('trace_id must be 16 bytes, got 5');
    expect(t.fieldPath).toBe(`${REC}.traceId`);
    const s = decodeError(() => decodeLogsProto(oneRecord(ld(10, new Array(16).fill(1)))));
    expect(s.detail).toContain('span_id must be 8 bytes, got 16');
    expect(s.fieldPath).toBe(`${REC}.spanId`);
  });

  it('rejects invalid UTF-8 in strings, naming the field', () => {
    const bad = oneRecord(ld(6, cat(str(1, 'k'), ld(2, ld(1, [0x61, 0xc3, 0x28])))));
    const err = decodeError(() => decodeLogsProto(bad));
    expect(err.detail).toContain('not valid UTF-8');
    expect(err.fieldPath).toBe(`${REC}.attributes[0].value.stringValue`);
    const overlong = oneRecord(ld(3, [0xc0, 0xaf]));
    expect(decodeError(() => decodeLogsProto(overlong)).fieldPath).toBe(`${REC}.severityText`);
    const surrogate = oneRecord(ld(3, [0xed, 0xa0, 0x80]));
    expect(decodeError(() => decodeLogsProto(surrogate)).detail).toContain('UTF-8');
  });

  it('accepts AnyValue nesting up to maxDepth and rejects one level more', () => {
    const nested = (levels: number): number[] => {
      let v = vint(3, 1);
      for (let i = 1; i < levels; i++) v = ld(5, ld(1, v));
      return v;
    };
    expect(() => decodeLogsProto(oneRecord(ld(5, nested(32))))).not.toThrow();
    const err = decodeError(() => decodeLogsProto(oneRecord(ld(5, nested(33)))));
    expect(err.detail).toContain('deeper than the limit of 32');
    expect(err.fieldPath.startsWith(`${REC}.body.arrayValue.values[0].arrayValue.values[0]`)).toBe(true);
    expect(() => decodeLogsProto(oneRecord(ld(5, nested(5)))), 'maxDepth 5').not.toThrow();
    decodeError(() => decodeLogsProto(oneRecord(ld(5, nested(5))), { maxDepth: 4 }));
  });

  it('rejects 100000 levels of nesting with a DecodeError, not a stack overflow', () => {
    // build AnyValue{array{values: AnyValue{array{...}}}} from the inside out, lengths first
    const levels = 100_000;
    const lens: number[] = [0];
    const vlen = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : 4);
    for (let i = 0; i < levels; i++) {
      const anyLen = lens[lens.length - 1]!;
      const arrLen = 1 + vlen(anyLen) + anyLen;
      lens.push(1 + vlen(arrLen) + arrLen);
    }
    const out: number[] = [];
    for (let i = levels; i > 0; i--) {
      const anyLen = lens[i - 1]!;
      out.push(0x2a, ...varintBytes(1 + vlen(anyLen) + anyLen), 0x0a, ...varintBytes(anyLen));
    }
    const err = decodeError(() => decodeLogsProto(oneRecord(ld(5, out))));
    expect(err.detail).toContain('deeper than the limit');
  });

  it('rejects a maxDepth option outside 1..1000', () => {
    expect(decodeError(() => decodeLogsProto(new Uint8Array(0), { maxDepth: 0 })).detail).toContain('maxDepth');
    expect(decodeError(() => decodeLogsProto(new Uint8Array(0), { maxDepth: 5000 })).detail).toContain('maxDepth');
  });

  it('rejects a truncated fixed64 and a truncated fixed32', () => {
    expect(decodeError(() => decodeLogsProto(oneRecord(fixed64(1, 1n).slice(0, 5)))).detail).toContain('truncated fixed64');
    expect(decodeError(() => decodeLogsProto(oneRecord([0x45, 1, 2]))).detail).toContain('truncated fixed32');
  });
});

function varintBytes(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** Applies a random edit (flip, insert, delete, truncate, overwrite) to a byte array. */
const arbMutation = fc.record({
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'overwrite'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  count: fc.integer({ min: 1, max: 4 }),
});

function mutate(b: Uint8Array, muts: Array<{ kind: string; at: number; byte: number; count: number }>): Uint8Array {
  let out = Array.from(b);
  for (const m of muts) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'flip' && out.length > 0) out[at] = out[at]! ^ (1 << (m.byte % 8));
    else if (m.kind === 'insert') out.splice(at, 0, ...new Array(m.count).fill(m.byte));
    else if (m.kind === 'delete') out.splice(at, m.count);
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'overwrite' && out.length > 0) out[at] = m.byte;
  }
  return Uint8Array.from(out);
}

describe('protobuf decoders never fail with anything but DecodeError (fuzzing)', () => {
  it('decodes random bytes or throws DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (b) => {
        expect(decodesOrDecodeError(() => decodeLogsProto(b))).toBe(true);
        expect(decodesOrDecodeError(() => decodeResourceLogsProto(b))).toBe(true);
        expect(decodesOrDecodeError(() => decodeExportResponseProto(b))).toBe(true);
        expect(decodesOrDecodeError(() => decodeStatusProto(b))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes mutated valid messages or throws DecodeError', () => {
    fc.assert(
      fc.property(arbLogsData({ maxItems: 2 }), fc.array(arbMutation, { minLength: 1, maxLength: 4 }), (data, muts) => {
        const b = mutate(encodeLogsProto(data), muts);
        expect(decodesOrDecodeError(() => decodeLogsProto(b))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never reads beyond a sub-message even when the outer buffer continues', () => {
    // a record that claims 2 bytes but whose only field needs 9
    const input = u8(ld(1, ld(2, cat([0x12, 2], fixed64(1, 7n)))));
    expect(decodeError(() => decodeLogsProto(input)).detail).toContain('truncated fixed64');
  });
});
