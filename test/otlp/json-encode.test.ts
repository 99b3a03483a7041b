import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyValueToJson, encodeExportResponseJson, encodeLogsJson } from '../../src/otlp/json.js';
import {
  dbl,
  int,
  kv,
  kvlist,
  newLogRecord,
  newResource,
  newScope,
  str,
  type AnyValue,
  type LogRecord,
  type LogsData,
} from '../../src/otlp/types.js';
import { arbAnyValue, arbLogsData } from './arbitraries.js';

function wrap(rec: LogRecord): LogsData {
  return {
    resourceLogs: [{ resource: newResource(), scopeLogs: [{ scope: newScope(), logRecords: [rec], schemaUrl: '' }], schemaUrl: '' }],
  };
}

/** The JSON text of one record inside an otherwise empty request. */
function recordJson(rec: LogRecord): string {
  const s = encodeLogsJson(wrap(rec));
  const prefix = '{"resourceLogs":[{"resource":{},"scopeLogs":[{"scope":{},"logRecords":[';
  expect(s.startsWith(prefix)).toBe(true);
  return s.slice(prefix.length, -']}]}]}'.length);
}

function bodyJson(v: AnyValue): string {
  const rec = newLogRecord();
  rec.body = v;
  const s = recordJson(rec);
  return s.slice('{"body":'.length, -1);
}

describe('encodeLogsJson follows the Collector JSON writer conventions', () => {
  it('writes an empty request as {} and always writes resource, scope and body', () => {
    expect(encodeLogsJson({ resourceLogs: [] })).toBe('{}');
    expect(encodeLogsJson(wrap(newLogRecord()))).toBe(
      '{"resourceLogs":[{"resource":{},"scopeLogs":[{"scope":{},"logRecords":[{"body":{}}]}]}]}',
    );
  });

  it('orders record keys as the Collector does and omits zero values', () => {
    const rec = newLogRecord();
    rec.eventName = 'e';
    rec.spanId = Uint8Array.from([0xab, 1, 2, 3, 4, 5, 6, 0xcd]);
    rec.traceId = Uint8Array.from([0xAB, 0xCD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    rec.flags = 1;
    rec.droppedAttributesCount = 2;
    rec.attributes = [kv('a', str('b'))];
    rec.body = str('m');
    rec.severityText = 'INFO';
    rec.severityNumber = 9;
    rec.observedTimeUnixNano = 2n;
    rec.timeUnixNano = 1n;
    expect(recordJson(rec)).toBe(
      '{"timeUnixNano":"1","observedTimeUnixNano":"2","severityNumber":9,"severityText":"INFO","body":{"stringValue":"m"},' +
        '"attributes":[{"key":"a","value":{"stringValue":"b"}}],"droppedAttributesCount":2,"flags":1,' +
        '"traceId":"abcd0000000000000000000000000001","spanId":"ab010203040506cd","eventName":"e"}',
    );
  });

  it('writes 64-bit integers as exact decimal strings and 32-bit ones as numbers', () => {
    const rec = newLogRecord();
    rec.timeUnixNano = 18446744073709551615n;
    rec.flags = 0xffffffff;
    rec.body = int(-9223372036854775808n);
    expect(recordJson(rec)).toBe(
      '{"timeUnixNano":"18446744073709551615","body":{"intValue":"-9223372036854775808"},"flags":4294967295}',
    );
  });

  it('leaves out ids that are empty or all zero', () => {
    const rec = newLogRecord();
    rec.traceId = new Uint8Array(16);
    rec.spanId = new Uint8Array(8);
    expect(recordJson(rec)).toBe('{"body":{}}');
  });

  it('writes every AnyValue kind in its one-key object form', () => {
    expect(bodyJson({ type: 'empty' })).toBe('{}');
    expect(bodyJson({ type: 'bool', value: false })).toBe('{"boolValue":false}');
    expect(bodyJson({ type: 'bytes', value: Uint8Array.from([0xfb, 0xff, 0xbf]) })).toBe('{"bytesValue":"+/+/"}');
    expect(bodyJson({ type: 'bytes', value: Uint8Array.from([1]) })).toBe('{"bytesValue":"AQ=="}');
    expect(bodyJson({ type: 'bytes', value: new Uint8Array(0) })).toBe('{"bytesValue":""}');
    expect(bodyJson({ type: 'array', value: [] })).toBe('{"arrayValue":{}}');
    expect(bodyJson({ type: 'kvlist', value: [] })).toBe('{"kvlistValue":{}}');
    expect(bodyJson({ type: 'array', value: [str('x'), { type: 'empty' }] })).toBe(
      '{"arrayValue":{"values":[{"stringValue":"x"},{}]}}',
    );
    expect(bodyJson(kvlist([kv('', int(1)), kv('n', { type: 'empty' })]))).toBe(
      '{"kvlistValue":{"values":[{"value":{"intValue":"1"}},{"key":"n","value":{}}]}}',
    );
  });

  it('formats doubles like Go: shortest digits, two-digit exponents, -0, and NaN/Infinity as strings', () => {
    const cases: Array<[number, string]> = [
      [1.5, '1.5'],
      [5, '5'],
      [-0, '-0'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1e-7, '1e-07'],
      [1.5e-7, '1.5e-07'],
      [0.000001, '0.000001'],
      [1e21, '1e+21'],
      [123456789012345680000, '123456789012345680000'],
      [1e300, '1e+300'],
      [5e-324, '5e-324'],
      [NaN, '"NaN"'],
      [Infinity, '"Infinity"'],
      [-Infinity, '"-Infinity"'],
    ];
    for (const [x, text] of cases) expect(bodyJson(dbl(x)), String(x)).toBe(`{"doubleValue":${text}}`);
  });

  it('escapes strings as the Collector does: only quotes, backslashes and control characters', () => {
    const s = 'q"b\\n\nr\rt\tbs\bff\f\u0000\u001f<>&\u2028é😀';
    expect(bodyJson(str(s))).toBe(
      '{"stringValue":"q\\"b\\\\n\\nr\\rt\\tbs\\u0008ff\\u000c\\u0000\\u001f<>&\u2028é😀"}',
    );
    expect(JSON.parse(bodyJson(str(s))).stringValue).toBe(s);
  });

  it('replaces lone surrogates with U+FFFD, as the UTF-8 protobuf encoding does', () => {
    expect(bodyJson(str('a\ud800b\udc00'))).toBe('{"stringValue":"a\ufffdb\ufffd"}');
  });

  it('writes resource and scope fields and schema URLs in Collector order', () => {
    const data: LogsData = {
      resourceLogs: [
        {
          resource: {
            attributes: [kv('service.name', str('s'))],
            droppedAttributesCount: 1,
            entityRefs: [{ schemaUrl: 'u', type: 'service', idKeys: ['service.name'], descriptionKeys: [] }],
          },
          scopeLogs: [
            {
              scope: { name: 'n', version: 'v', attributes: [kv('a', str('b'))], droppedAttributesCount: 3 },
              logRecords: [],
              schemaUrl: 'scope-url',
            },
          ],
          schemaUrl: 'res-url',
        },
      ],
    };
    expect(encodeLogsJson(data)).toBe(
      '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s"}}],' +
        '"droppedAttributesCount":1,"entityRefs":[{"schemaUrl":"u","type":"service","idKeys":["service.name"]}]},' +
        '"scopeLogs":[{"scope":{"name":"n","version":"v","attributes":[{"key":"a","value":{"stringValue":"b"}}],' +
        '"droppedAttributesCount":3},"schemaUrl":"scope-url"}],"schemaUrl":"res-url"}]}',
    );
  });

  it('produces one line of valid JSON for any model', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const s = encodeLogsJson(data);
        expect(s.includes('\n')).toBe(false);
        expect(() => JSON.parse(s)).not.toThrow();
      }),
    );
  });

  it('anyValueToJson gives the same structure as the text encoder (apart from the sign of -0)', () => {
    fc.assert(
      fc.property(arbAnyValue(), (v) => {
        const noNegativeZero = (_k: string, x: unknown): unknown => (Object.is(x, -0) ? 0 : x);
        const viaObject = JSON.parse(JSON.stringify(anyValueToJson(v))) as unknown;
        const viaText = JSON.parse(bodyJson(v), noNegativeZero) as unknown;
        expect(viaObject).toEqual(viaText);
      }),
    );
  });
});

describe('encodeExportResponseJson', () => {
  it('writes full success as {} and a Collector-style empty partial success as {"partialSuccess":{}}', () => {
    expect(encodeExportResponseJson({})).toBe('{}');
    expect(encodeExportResponseJson({ partialSuccess: { rejectedLogRecords: 0n, errorMessage: '' } })).toBe(
      '{"partialSuccess":{}}',
    );
  });

  it('writes rejectedLogRecords as a string and the message', () => {
    expect(encodeExportResponseJson({ partialSuccess: { rejectedLogRecords: 3n, errorMessage: 'bad "x"' } })).toBe(
      '{"partialSuccess":{"rejectedLogRecords":"3","errorMessage":"bad \\"x\\""}}',
    );
  });
});
