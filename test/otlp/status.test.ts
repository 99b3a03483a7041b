import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/otlp/decode-error.js';
import {
  BAD_REQUEST_TYPE,
  RETRY_INFO_TYPE,
  decodeStatusJson,
  decodeStatusProto,
  encodeStatusJson,
  encodeStatusProto,
  type RpcStatus,
} from '../../src/otlp/status.js';
import { cat, ld, str, u8, vint } from './pb.js';
import { u8ToHex } from './fixtures.js';
import { arbUnicodeString } from './arbitraries.js';

const arbStatus: fc.Arbitrary<RpcStatus> = fc.record(
  {
    code: fc.integer({ min: -5, max: 16 }),
    message: fc.oneof(arbUnicodeString({ maxLength: 30 }), arbUnicodeString({ minLength: 40, maxLength: 100 })),
    retryDelayMs: fc.integer({ min: 0, max: 10_000_000 }),
    badRequest: fc.array(fc.record({ field: fc.string(), description: fc.string({ maxLength: 80 }) }), { maxLength: 3 }),
  },
  { requiredKeys: ['code', 'message'] },
);

describe('google.rpc.Status protobuf', () => {
  it('encodes code, message, RetryInfo and BadRequest to the expected bytes', () => {
    const s: RpcStatus = { code: 14, message: 'busy', retryDelayMs: 1500, badRequest: [{ field: 'f', description: 'd' }] };
    const retryAny = cat(str(1, RETRY_INFO_TYPE), ld(2, ld(1, cat(vint(1, 1), vint(2, 500_000_000)))));
    const badAny = cat(str(1, BAD_REQUEST_TYPE), ld(2, ld(1, cat(str(1, 'f'), str(2, 'd')))));
    const expected = u8(vint(1, 14), str(2, 'busy'), ld(3, retryAny), ld(3, badAny));
    expect(u8ToHex(encodeStatusProto(s))).toBe(u8ToHex(expected));
  });

  it('round-trips any status', () => {
    fc.assert(
      fc.property(arbStatus, (s) => {
        expect(decodeStatusProto(encodeStatusProto(s))).toEqual(s);
      }),
    );
  });

  it('ignores detail types it does not know and unknown fields', () => {
    const other = ld(3, cat(str(1, 'type.googleapis.com/google.rpc.DebugInfo'), ld(2, str(1, 'stack'))));
    const bytes = u8(vint(9, 1), other, str(2, 'm'), vint(1, 8));
    expect(decodeStatusProto(bytes)).toEqual({ code: 8, message: 'm' });
  });

  it('reads RetryInfo with whole seconds and nanos, and a Status with no fields', () => {
    const retry = ld(3, cat(str(1, RETRY_INFO_TYPE), ld(2, ld(1, vint(1, 30)))));
    expect(decodeStatusProto(u8(retry))).toEqual({ code: 0, message: '', retryDelayMs: 30_000 });
    expect(decodeStatusProto(new Uint8Array(0))).toEqual({ code: 0, message: '' });
  });

  it('rejects malformed bytes with DecodeError', () => {
    expect(() => decodeStatusProto(u8([0x12, 0x05, 0x61]))).toThrow(DecodeError);
    expect(() => decodeStatusProto(u8(str(1, 'x')))).toThrow(/code has wire type 2/);
  });
});

describe('google.rpc.Status JSON', () => {
  it('encodes in the proto3 JSON form with @type details and a duration string', () => {
    expect(
      encodeStatusJson({ code: 3, message: 'bad "x"', retryDelayMs: 250, badRequest: [{ field: 'a.b', description: 'why' }] }),
    ).toBe(
      '{"code":3,"message":"bad \\"x\\"","details":[' +
        `{"@type":"${RETRY_INFO_TYPE}","retryDelay":"0.250s"},` +
        `{"@type":"${BAD_REQUEST_TYPE}","fieldViolations":[{"field":"a.b","description":"why"}]}]}`,
    );
    expect(encodeStatusJson({ code: 0, message: '' })).toBe('{}');
    expect(encodeStatusJson({ code: 14, message: 'x', retryDelayMs: 2000 })).toContain('"retryDelay":"2s"');
    expect(encodeStatusJson({ code: 14, message: 'x', retryDelayMs: 0.0015 })).toContain('"retryDelay":"0.000001500s"');
  });

  it('round-trips any status', () => {
    fc.assert(
      fc.property(arbStatus, (s) => {
        expect(decodeStatusJson(encodeStatusJson(s))).toEqual(s);
      }),
    );
  });

  it('reads what other servers write: string codes, snake_case details, object durations, unknown types', () => {
    const text = JSON.stringify({
      code: '8',
      message: 'slow down',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retry_delay: { seconds: '2', nanos: 5e8 } },
        { '@type': 'type.googleapis.com/google.rpc.BadRequest', field_violations: [{ field: 'x' }] },
        { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
      ],
    });
    expect(decodeStatusJson(new TextEncoder().encode(text))).toEqual({
      code: 8,
      message: 'slow down',
      retryDelayMs: 2500,
      badRequest: [{ field: 'x', description: '' }],
    });
  });

  it('rejects malformed JSON and bad durations with DecodeError', () => {
    expect(() => decodeStatusJson('{')).toThrow(DecodeError);
    expect(() => decodeStatusJson('{"details":[{"@type":"x/google.rpc.RetryInfo","retryDelay":"soon"}]}')).toThrow(
      /retryDelay must be a duration/,
    );
    expect(() => decodeStatusJson('{"code":"fourteen"}')).toThrow(DecodeError);
  });
});
