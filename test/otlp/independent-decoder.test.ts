/**
 * Cross-checks the hand-written protobuf codec against protobufjs (present as
 * a dependency of @grpc/grpc-js; imported here only), driven by a schema
 * written from the OTLP field table (schema/otlp-logs.proto).
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { logsDataEqual } from '../../src/otlp/equal.js';
import { decodeLogsProto, encodeLogsProto } from '../../src/otlp/proto.js';
import { arbLogsData } from './arbitraries.js';
import { hexToU8, SAMPLE_PROTO_HEX } from './fixtures.js';

const root = protobuf.loadSync(fileURLToPath(new URL('./schema/otlp-logs.proto', import.meta.url)));
const LogsDataType = root.lookupType('otlp.test.LogsData');

describe('protobufjs as an independent decoder of the encoder output', () => {
  it('reads the sample request field by field as expected', () => {
    const msg = LogsDataType.decode(hexToU8(SAMPLE_PROTO_HEX));
    const o = LogsDataType.toObject(msg, { longs: String, bytes: String }) as {
      resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<Record<string, unknown>> }>; schemaUrl: string }>;
    };
    const rec = o.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(rec.timeUnixNano).toBe('1544712660300000000');
    expect(rec.observedTimeUnixNano).toBe('1544712660300000001');
    expect(rec.severityNumber).toBe(10);
    expect(rec.traceId).toBe(Buffer.from('5b8efff798038103d269b633813fc60c', 'hex').toString('base64'));
    expect(rec.attributes).toEqual([
      { key: 'k', value: { intValue: '-1' } },
      { key: 'd', value: { doubleValue: 1.5 } },
    ]);
    expect(o.resourceLogs[0]!.schemaUrl).toBe('https://opentelemetry.io/schemas/1.21.0');
  });

  it('protobufjs decodes and re-encodes our bytes without changing what our decoder reads (property)', () => {
    fc.assert(
      fc.property(arbLogsData(), (data) => {
        const ours = encodeLogsProto(data);
        const reencoded = LogsDataType.encode(LogsDataType.decode(ours)).finish();
        expect(logsDataEqual(decodeLogsProto(reencoded), data)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
