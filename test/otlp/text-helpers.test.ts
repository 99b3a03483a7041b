import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from '../../src/otlp/binary-text.js';
import { quoteLargeIntegers } from '../../src/otlp/json-scan.js';
import { decodeUtf8, utf8Length, writeUtf8 } from '../../src/otlp/utf8.js';
import { DecodeError } from '../../src/otlp/decode-error.js';
import { arbUnicodeString } from './arbitraries.js';

describe('quoteLargeIntegers (exact 64-bit JSON numbers)', () => {
  it('returns text without long unquoted integers unchanged (the same string)', () => {
    const text = '{"timeUnixNano":"1544712660300000000","n":123456789012345,"d":1.25e300}';
    expect(quoteLargeIntegers(text)).toBe(text);
  });

  it('quotes unquoted integers longer than 15 digits, including negative ones', () => {
    expect(quoteLargeIntegers('{"a":1544712660300000001,"b":[ -9223372036854775808 ,1]}')).toBe(
      '{"a":"1544712660300000001","b":[ "-9223372036854775808" ,1]}',
    );
  });

  it('leaves floats with many digits alone', () => {
    const text = '{"a":12345678901234567.5,"b":0.12345678901234567,"c":1234567890123456789e2,"d":1.5E-12345678901234567}';
    expect(quoteLargeIntegers(text)).toBe(text);
  });

  it('never touches digits inside strings, including strings with escaped quotes', () => {
    const text = '{"s":"x\\":12345678901234567890","t":"[1234567890123456789]","n":12345678901234567890}';
    expect(quoteLargeIntegers(text)).toBe(
      '{"s":"x\\":12345678901234567890","t":"[1234567890123456789]","n":"12345678901234567890"}',
    );
  });

  it('ends a string at a quote preceded by an even number of backslashes', () => {
    expect(quoteLargeIntegers('{"s":"a\\\\","n":12345678901234567890,"t":"\\\\\\"x"}')).toBe(
      '{"s":"a\\\\","n":"12345678901234567890","t":"\\\\\\"x"}',
    );
  });

  it('produces JSON that parses to the same structure with big integers as strings', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const quoted = quoteLargeIntegers(text);
        const strip = (_k: string, v: unknown): unknown =>
          typeof v === 'string' && /^-?\d{16,}$/.test(v) ? Number(v) : v;
        expect(JSON.parse(quoted, strip)).toEqual(JSON.parse(text, strip));
      }),
    );
  });
});

describe('hex and base64', () => {
  it('matches Node Buffer on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(bytesToHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
        expect(Array.from(hexToBytes(bytesToHex(b).toUpperCase())!)).toEqual(Array.from(b));
        expect(Array.from(base64ToBytes(bytesToBase64(b))!)).toEqual(Array.from(b));
        expect(Array.from(base64ToBytes(Buffer.from(b).toString('base64url'))!)).toEqual(Array.from(b));
      }),
    );
  });

  it('rejects malformed hex and base64 with null', () => {
    expect(hexToBytes('abc')).toBeNull();
    expect(hexToBytes('0g')).toBeNull();
    expect(hexToBytes('é0')).toBeNull();
    expect(base64ToBytes('A')).toBeNull();
    expect(base64ToBytes('AB=C')).toBeNull();
    expect(base64ToBytes('AB=')).toBeNull();
    expect(base64ToBytes('====')).toBeNull();
    expect(base64ToBytes('AB CD')).toBeNull();
  });
});

describe('UTF-8', () => {
  it('measures and writes exactly what TextEncoder produces, for short and long strings', () => {
    const arbLong = arbUnicodeString({ minLength: 40, maxLength: 120 });
    const arbLoneSurrogates = fc
      .array(fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('\ud800', '\udfff', '\ud83d')), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(arbUnicodeString(), arbLong, arbLoneSurrogates), (s) => {
        const expected = new TextEncoder().encode(s);
        expect(utf8Length(s)).toBe(expected.length);
        const buf = new Uint8Array(expected.length + 4);
        expect(writeUtf8(buf, 2, s, expected.length)).toBe(2 + expected.length);
        expect(Buffer.from(buf.subarray(2, 2 + expected.length)).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
      }),
    );
  });

  it('decodes valid UTF-8 like TextDecoder and rejects invalid UTF-8 with DecodeError at its offset', () => {
    fc.assert(
      fc.property(arbUnicodeString({ maxLength: 100 }), (s) => {
        const b = new TextEncoder().encode(s);
        expect(decodeUtf8(b, 0, b.length)).toBe(s);
      }),
    );
    const bad = Uint8Array.from([0x41, 0x42, 0xff, 0x43]);
    let err: unknown;
    try {
      decodeUtf8(bad, 1, 4);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).byteOffset).toBe(1);
  });
});
