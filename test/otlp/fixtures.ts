/**
 * One hand-built LogsData with its expected protobuf bytes and OTLP/JSON text.
 * The bytes were computed independently of src/otlp (a few lines of Python
 * with struct.pack and a varint function), the JSON written by hand following
 * the Collector's writer conventions.
 */
import { dbl, int, kv, newLogRecord, newResource, newScope, str, type LogsData } from '../../src/otlp/types.js';

export function hexToU8(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function u8ToHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function sampleLogsData(): LogsData {
  const rec = newLogRecord();
  rec.timeUnixNano = 1544712660300000000n;
  rec.observedTimeUnixNano = 1544712660300000001n;
  rec.severityNumber = 10;
  rec.severityText = 'Information';
  rec.body = str('msg');
  rec.attributes = [kv('k', int(-1)), kv('d', dbl(1.5))];
  rec.flags = 1;
  rec.traceId = hexToU8('5b8efff798038103d269b633813fc60c');
  rec.spanId = hexToU8('eee19b7ec3c1b174');
  rec.eventName = 'ev';
  return {
    resourceLogs: [
      {
        resource: newResource([kv('service.name', str('svc'))]),
        scopeLogs: [{ scope: newScope('lib', '1.0'), logRecords: [rec], schemaUrl: '' }],
        schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
      },
    ],
  };
}

export const SAMPLE_PROTO_HEX =
  '0ac1010a170a150a0c736572766963652e6e616d6512050a03737663127d0a0a0a036c69621203312e30126f0900eb3af5faeb6f15100a1a0b' +
  '496e666f726d6174696f6e2a050a036d736732100a016b120b18ffffffffffffffffff01320e0a0164120921000000000000f83f4501000000' +
  '4a105b8efff798038103d269b633813fc60c5208eee19b7ec3c1b1745901eb3af5faeb6f15620265761a2768747470733a2f2f6f70656e7465' +
  '6c656d657472792e696f2f736368656d61732f312e32312e30';

export const SAMPLE_JSON =
  '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},' +
  '"scopeLogs":[{"scope":{"name":"lib","version":"1.0"},"logRecords":[{"timeUnixNano":"1544712660300000000",' +
  '"observedTimeUnixNano":"1544712660300000001","severityNumber":10,"severityText":"Information",' +
  '"body":{"stringValue":"msg"},"attributes":[{"key":"k","value":{"intValue":"-1"}},{"key":"d","value":{"doubleValue":1.5}}],' +
  '"flags":1,"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","eventName":"ev"}]}],' +
  '"schemaUrl":"https://opentelemetry.io/schemas/1.21.0"}]}';
