import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/otlp/decode-error.js';
import {
  anyValueFromJson,
  decodeExportResponseJson,
  decodeLogsJson,
  decodeLogsJsonValue,
  encodeLogsJson,
} from '../../src/otlp/json.js';
import { logsDataEqual } from '../../src/otlp/equal.js';
import type { LogRecord, LogsData } from '../../src/otlp/types.js';
import { arbLogsData } from './arbitraries.js';
import { SAMPLE_JSON, sampleLogsData, u8ToHex } from './fixtures.js';

function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('expected a DecodeError, but decoding succeeded');
}

/** Decodes `{"resourceLogs":[{"scopeLogs":[{"logRecords":[<record>]}]}]}` and returns the record. */
function rec(recordJson: string): LogRecord {
  const d = decodeLogsJson(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[${recordJson}]}]}]}`);
  return d.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
}

const REC = 'resourceLogs[0].scopeLogs[0].logRecords[0]';

describe('decodeLogsJson accepts what OTLP/JSON senders write', () => {
  it('accepts snake_case keys as well as lowerCamelCase', () => {
    const snake =
      '{"resource_logs":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"svc"}}]},' +
      '"scope_logs":[{"scope":{"name":"lib","version":"1.0"},"log_records":[{"time_unix_nano":"1544712660300000000",' +
      '"observed_time_unix_nano":"1544712660300000001","severity_number":10,"severity_text":"Information",' +
      '"body":{"string_value":"msg"},"attributes":[{"key":"k","value":{"int_value":"-1"}},{"key":"d","value":{"double_value":1.5}}],' +
      '"flags":1,"trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174","event_name":"ev"}]}],' +
      '"schema_url":"https://opentelemetry.io/schemas/1.21.0"}]}';
    expect(logsDataEqual(decodeLogsJson(snake), sampleLogsData())).toBe(true);
  });

  it('ignores unknown keys at every level', () => {
    const withExtras = SAMPLE_JSON.replaceAll('{"', '{"futureField":{"x":[1,2,{"y":null}]},"').replace(
      '"timeUnixNano"',
      '"droppedLinks":7,"timeUnixNano"',
    );
    expect(logsDataEqual(decodeLogsJson(withExtras), sampleLogsData())).toBe(true);
  });

  it('reads null as the default value, and null lists as empty', () => {
    const r = rec(
      '{"timeUnixNano":null,"severityNumber":null,"severityText":null,"body":null,"attributes":null,"flags":null,"traceId":null,"eventName":null}',
    );
    expect(r.timeUnixNano).toBe(0n);
    expect(r.body.type).toBe('empty');
    expect(r.attributes).toEqual([]);
    expect(r.traceId.length).toBe(0);
    expect(decodeLogsJson('{"resourceLogs":null}')).toEqual({ resourceLogs: [] });
    expect(decodeLogsJson('{}')).toEqual({ resourceLogs: [] });
  });

  it('accepts 64-bit integers as strings and as numbers, and 32-bit ones as strings', () => {
    const r = rec(
      '{"timeUnixNano":1700000000000,"observedTimeUnixNano":"18446744073709551615","flags":"255","droppedAttributesCount":"4","body":{"intValue":42}}',
    );
    expect(r.timeUnixNano).toBe(1700000000000n);
    expect(r.observedTimeUnixNano).toBe(18446744073709551615n);
    expect(r.flags).toBe(255);
    expect(r.droppedAttributesCount).toBe(4);
    expect(r.body).toEqual({ type: 'int', value: 42n });
  });

  it('keeps nanosecond timestamps and large ints written as JSON numbers exact', () => {
    const r = rec(
      '{"timeUnixNano":1544712660300000001, "observedTimeUnixNano" :\n 18446744073709551615,' +
        '"body":{"arrayValue":{"values":[{"intValue":-9223372036854775808},{"intValue":9007199254740993},{"doubleValue":12345678901234567890}]}}}',
    );
    expect(r.timeUnixNano).toBe(1544712660300000001n);
    expect(r.observedTimeUnixNano).toBe(18446744073709551615n);
    expect(r.body).toEqual({
      type: 'array',
      value: [
        { type: 'int', value: -9223372036854775808n },
        { type: 'int', value: 9007199254740993n },
        { type: 'double', value: 12345678901234567890 },
      ],
    });
  });

  it('accepts severity numbers as integers or Collector enum names', () => {
    expect(rec('{"severityNumber":"SEVERITY_NUMBER_INFO2"}').severityNumber).toBe(10);
    expect(rec('{"severityNumber":"SEVERITY_NUMBER_FATAL4"}').severityNumber).toBe(24);
    expect(rec('{"severityNumber":"SEVERITY_NUMBER_UNSPECIFIED"}').severityNumber).toBe(0);
    expect(rec('{"severityNumber":17}').severityNumber).toBe(17);
    expect(rec('{"severityNumber":99}').severityNumber).toBe(99);
    expect(rec('{"severityNumber":"9"}').severityNumber).toBe(9);
  });

  it('reads ids as hex in any case, and "" or all zeros as no id', () => {
    const r = rec('{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EeE19b7ec3c1b174"}');
    expect(u8ToHex(r.traceId)).toBe('5b8efff798038103d269b633813fc60c');
    expect(u8ToHex(r.spanId)).toBe('eee19b7ec3c1b174');
    const none = rec('{"traceId":"","spanId":"0000000000000000"}');
    expect(none.traceId.length).toBe(0);
    expect(none.spanId.length).toBe(0);
  });

  it('reads bytesValue as standard or URL-safe base64, padded or not', () => {
    for (const text of ['+/+/', '-_-_', 'AQI=', 'AQI', 'AQ==', 'AQ', '']) {
      const r = rec(`{"body":{"bytesValue":"${text}"}}`);
      expect(r.body.type, text).toBe('bytes');
    }
    const bytes = (t: string): number[] => {
      const b = rec(`{"body":{"bytesValue":"${t}"}}`).body;
      return b.type === 'bytes' ? Array.from(b.value) : [];
    };
    expect(bytes('+/+/')).toEqual([0xfb, 0xff, 0xbf]);
    expect(bytes('-_-_')).toEqual([0xfb, 0xff, 0xbf]);
    expect(bytes('AQI')).toEqual([1, 2]);
    expect(bytes('AQ')).toEqual([1]);
  });

  it('reads doubles given as numbers, exponents, decimal strings and the NaN/Infinity names', () => {
    const d = (text: string): number => {
      const b = rec(`{"body":{"doubleValue":${text}}}`).body;
      return b.type === 'double' ? b.value : Number.NaN - 1;
    };
    expect(d('1.5e3')).toBe(1500);
    expect(d('"2.5"')).toBe(2.5);
    expect(d('"NaN"')).toBeNaN();
    expect(d('"Infinity"')).toBe(Infinity);
    expect(d('"-Infinity"')).toBe(-Infinity);
    expect(d('"+Inf"')).toBe(Infinity);
    expect(d('"-Inf"')).toBe(-Infinity);
    expect(Object.is(d('-0'), -0)).toBe(true);
  });

  it('lets the last occurrence of a key win, as the Collector does', () => {
    expect(rec('{"severityText":"a","severity_text":"b"}').severityText).toBe('b');
    expect(rec('{"body":{"stringValue":"s","intValue":"3"}}').body).toEqual({ type: 'int', value: 3n });
  });

  it('replaces lone surrogates (escaped or raw) with U+FFFD so both encodings agree', () => {
    expect(rec('{"severityText":"a\\ud800b"}').severityText).toBe('a\ufffdb');
    expect(rec('{"severityText":"\\ud83d\\ude00"}').severityText).toBe('😀');
    const raw = decodeLogsJson(`{"resourceLogs":[{"schemaUrl":"x\udc00"}]}`);
    expect(raw.resourceLogs[0]!.schemaUrl).toBe('x\ufffd');
  });

  it('decodes UTF-8 bytes, with or without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(SAMPLE_JSON);
    expect(logsDataEqual(decodeLogsJson(bytes), sampleLogsData())).toBe(true);
    const bom = new Uint8Array(bytes.length + 3);
    bom.set([0xef, 0xbb, 0xbf]);
    bom.set(bytes, 3);
    expect(logsDataEqual(decodeLogsJson(bom), sampleLogsData())).toBe(true);
  });

  it('decodeLogsJsonValue decodes an already-parsed object', () => {
    const parsed = JSON.parse(SAMPLE_JSON) as unknown;
    expect(logsDataEqual(decodeLogsJsonValue(parsed), sampleLogsData())).toBe(true);
  });

  it('anyValueFromJson decodes a single value', () => {
    expect(anyValueFromJson({ kvlistValue: { values: [{ key: 'a', value: { boolValue: true } }] } })).toEqual({
      type: 'kvlist',
      value: [{ key: 'a', value: { type: 'bool', value: true } }],
    });
  });
});

describe('decodeLogsJson rejects malformed input with a located DecodeError', () => {
  it('rejects text that is not JSON, or not an object', () => {
    expect(decodeError(() => decodeLogsJson('{"resourceLogs":[')).detail).toContain('not valid JSON');
    expect(decodeError(() => decodeLogsJson('[1,2]')).detail).toContain('must be an object');
    expect(decodeError(() => decodeLogsJson(Uint8Array.from([0x7b, 0xff, 0x7d]))).detail).toContain('UTF-8');
  });

  it('rejects ids of the wrong length or with non-hex digits', () => {
    const a = decodeError(() => rec('{"traceId":"abcd"}'));
    expect(a.detail).toContain('traceId must be 32 hex digits');
    expect(a.fieldPath).toBe(`${REC}.traceId`);
    const b = decodeError(() => rec('{"spanId":"zz0000000000000g"}'));
    expect(b.detail).toContain('spanId must be hexadecimal');
    expect(b.fieldPath).toBe(`${REC}.spanId`);
  });

  it('rejects integers that are fractional, out of range or not decimal', () => {
    expect(decodeError(() => rec('{"timeUnixNano":"-1"}')).fieldPath).toBe(`${REC}.timeUnixNano`);
    expect(decodeError(() => rec('{"timeUnixNano":"18446744073709551616"}')).detail).toContain('does not fit in 64 bits');
    expect(decodeError(() => rec('{"timeUnixNano":1.5}')).fieldPath).toBe(`${REC}.timeUnixNano`);
    expect(decodeError(() => rec('{"timeUnixNano":"0x10"}')).fieldPath).toBe(`${REC}.timeUnixNano`);
    expect(decodeError(() => rec('{"body":{"intValue":"9223372036854775808"}}')).fieldPath).toBe(`${REC}.body.intValue`);
    expect(decodeError(() => rec('{"flags":4294967296}')).fieldPath).toBe(`${REC}.flags`);
    expect(decodeError(() => rec('{"droppedAttributesCount":-1}')).fieldPath).toBe(`${REC}.droppedAttributesCount`);
    expect(decodeError(() => rec('{"severityNumber":"SEVERITY_NUMBER_LOUD"}')).fieldPath).toBe(`${REC}.severityNumber`);
  });

  it('rejects an unexact 64-bit number in an already-parsed object instead of rounding it', () => {
    const err = decodeError(() =>
      decodeLogsJsonValue({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: 1544712660300000001 }] }] }] }),
    );
    expect(err.detail).toContain('decimal string');
    expect(err.fieldPath).toBe(`${REC}.timeUnixNano`);
  });

  it('rejects values of the wrong JSON type, with the full path', () => {
    const e1 = decodeError(() => rec('{"attributes":[{"key":"a","value":{"boolValue":"yes"}}]}'));
    expect(e1.fieldPath).toBe(`${REC}.attributes[0].value.boolValue`);
    const e2 = decodeError(() => rec('{"attributes":{"key":"a"}}'));
    expect(e2.fieldPath).toBe(`${REC}.attributes`);
    const e3 = decodeError(() => rec('{"body":{"kvlistValue":{"values":[{"key":1}]}}}'));
    expect(e3.fieldPath).toBe(`${REC}.body.kvlistValue.values[0].key`);
    const e4 = decodeError(() => decodeLogsJson('{"resourceLogs":[{"scopeLogs":[5]}]}'));
    expect(e4.fieldPath).toBe('resourceLogs[0].scopeLogs[0]');
    const e5 = decodeError(() => rec('{"body":{"bytesValue":"a$b="}}'));
    expect(e5.fieldPath).toBe(`${REC}.body.bytesValue`);
    const e6 = decodeError(() => decodeLogsJson('{"resourceLogs":[{"resource":{"attributes":[{"key":"k","value":"v"}]}}]}'));
    expect(e6.fieldPath).toBe('resourceLogs[0].resource.attributes[0].value');
  });

  it('rejects AnyValue nesting deeper than maxDepth', () => {
    const nested = (levels: number): string => {
      let v = '{"intValue":"1"}';
      for (let i = 1; i < levels; i++) v = `{"arrayValue":{"values":[${v}]}}`;
      return v;
    };
    expect(() => rec(`{"body":${nested(32)}}`)).not.toThrow();
    expect(decodeError(() => rec(`{"body":${nested(33)}}`)).detail).toContain('deeper than the limit of 32');
    const deep = '{"arrayValue":{"values":['.repeat(100_000) + ']}}'.repeat(100_000);
    expect(decodeError(() => rec(`{"body":${deep}}`)).detail).toContain('deeper than the limit');
  });

  it('decodes random JSON documents or throws DecodeError (fuzzing)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        try {
          decodeLogsJson(text);
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodes mutated valid documents or throws DecodeError (fuzzing)', () => {
    fc.assert(
      fc.property(arbLogsData({ maxItems: 2 }), fc.nat(), fc.string({ maxLength: 3 }), (data, at, insert) => {
        const text = encodeLogsJson(data);
        const i = at % (text.length + 1);
        for (const mutated of [text.slice(0, i) + insert + text.slice(i), text.slice(0, i) + text.slice(i + 1)]) {
          try {
            decodeLogsJson(mutated);
          } catch (err) {
            expect(err).toBeInstanceOf(DecodeError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodes what it encodes even for arbitrary models with the pre-scan active', () => {
    fc.assert(
      fc.property(arbLogsData(), (data: LogsData) => {
        // rewrite every 64-bit integer as a bare JSON number: the decoder must still be exact
        const bare = encodeLogsJson(data).replace(/"(timeUnixNano|observedTimeUnixNano|intValue)":"(-?\d+)"/g, '"$1":$2');
        expect(logsDataEqual(decodeLogsJson(bare), data)).toBe(true);
      }),
    );
  });
});

describe('decodeExportResponseJson', () => {
  it('reads full success, an empty partial success and a populated one', () => {
    expect(decodeExportResponseJson('{}')).toEqual({});
    expect(decodeExportResponseJson('{"partialSuccess":{}}')).toEqual({
      partialSuccess: { rejectedLogRecords: 0n, errorMessage: '' },
    });
    expect(decodeExportResponseJson('{"partial_success":{"rejected_log_records":5,"error_message":"x"}}')).toEqual({
      partialSuccess: { rejectedLogRecords: 5n, errorMessage: 'x' },
    });
    expect(
      decodeExportResponseJson(new TextEncoder().encode('{"partialSuccess":{"rejectedLogRecords":"9007199254740993"}}')),
    ).toEqual({ partialSuccess: { rejectedLogRecords: 9007199254740993n, errorMessage: '' } });
  });

  it('rejects a malformed response with a DecodeError', () => {
    expect(decodeError(() => decodeExportResponseJson('{"partialSuccess":{"rejectedLogRecords":"x"}}')).fieldPath).toBe(
      'partialSuccess.rejectedLogRecords',
    );
    decodeError(() => decodeExportResponseJson('nope'));
  });
});

describe('decodeLogRecordJson', () => {
  it('decodes one LogRecord object as decodeLogsJson decodes it inside a request', async () => {
    const { decodeLogRecordJson } = await import('../../src/otlp/json-decode.js');
    const { encodeLogsJson } = await import('../../src/otlp/json.js');
    const wrap = (r: LogRecord): LogsData => ({ resourceLogs: [{ resource: { attributes: [], droppedAttributesCount: 0, entityRefs: [] }, schemaUrl: '', scopeLogs: [{ scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', logRecords: [r] }] }] });
    fc.assert(
      fc.property(arbLogsData({ maxDepth: 3 }), (d) => {
        for (const rl of d.resourceLogs) {
          for (const sl of rl.scopeLogs) {
            for (const r of sl.logRecords) {
              // The record object's text as our encoder writes it inside a request.
              const line = encodeLogsJson(wrap(r));
              const json = line.slice(line.indexOf('"logRecords":[') + 14, line.length - ']}]}]}'.length);
              expect(logsDataEqual(wrap(decodeLogRecordJson(json)), wrap(r))).toBe(true);
              expect(logsDataEqual(wrap(decodeLogRecordJson(new TextEncoder().encode(json))), decodeLogsJson(line))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(decodeLogRecordJson('{"timeUnixNano":1700000000000000001}').timeUnixNano).toBe(1700000000000000001n);
    expect(() => decodeLogRecordJson('{"body":1}')).toThrow(DecodeError);
  });
});
