import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { newLogRecord, str } from '../../../src/otlp/types.js';
import type { LogRecord } from '../../../src/otlp/types.js';
import { compileParsers, jsonToAnyValue } from '../../../src/receivers/filelog/parsers.js';
import { SeverityMapper, shortNameToNumber } from '../../../src/receivers/filelog/severity.js';
import { compileTimestampLayout } from '../../../src/receivers/filelog/timestamp.js';
import { Harness, TestConsumer, attrValue, baseConfig, waitFor } from './helpers.js';

function rec(body: string): LogRecord {
  const r = newLogRecord();
  r.body = str(body);
  return r;
}

const NS = (iso: string): bigint => BigInt(Date.parse(iso)) * 1_000_000n;

describe('timestamp layouts', () => {
  it('parses rfc3339 with nanoseconds and offsets', () => {
    const p = compileTimestampLayout('rfc3339');
    expect(p('2024-03-01T12:34:56Z')).toBe(NS('2024-03-01T12:34:56Z'));
    expect(p('2024-03-01T12:34:56.123456789Z')).toBe(NS('2024-03-01T12:34:56Z') + 123_456_789n);
    expect(p('2024-03-01T14:34:56.5+02:00')).toBe(NS('2024-03-01T12:34:56Z') + 500_000_000n);
    expect(p('not a time')).toBeUndefined();
  });

  it('parses unix seconds, milliseconds and nanoseconds without losing precision', () => {
    expect(compileTimestampLayout('unix')('1700000000.25')).toBe(1_700_000_000_250_000_000n);
    expect(compileTimestampLayout('unix_ms')('1700000000123')).toBe(1_700_000_000_123_000_000n);
    expect(compileTimestampLayout('unix_ns')('1700000000123456789')).toBe(1_700_000_000_123_456_789n);
  });

  it('parses strftime layouts (UTC unless a zone is given)', () => {
    expect(compileTimestampLayout('%Y-%m-%d %H:%M:%S')('2024-03-01 12:34:56')).toBe(NS('2024-03-01T12:34:56Z'));
    expect(compileTimestampLayout('%d/%b/%Y:%H:%M:%S %z')('01/Mar/2024:13:34:56 +0100')).toBe(NS('2024-03-01T12:34:56Z'));
    expect(compileTimestampLayout('%b %e %T')('Mar  1 12:34:56')).toBe(NS('1970-03-01T12:34:56Z'));
    expect(compileTimestampLayout('%Y-%m-%dT%H:%M:%S.%f')('2024-03-01T12:34:56.001')).toBe(NS('2024-03-01T12:34:56.001Z'));
    expect(compileTimestampLayout('%m/%d/%Y %I:%M %p')('03/01/2024 12:05 AM')).toBe(NS('2024-03-01T00:05:00Z'));
  });

  it('rejects unknown layouts with a message that names them', () => {
    expect(() => compileTimestampLayout('yyyy-MM-dd')).toThrow(/yyyy-MM-dd/);
    expect(() => compileTimestampLayout('%Q')).toThrow(/%Q/);
  });
});

describe('severity mapping', () => {
  it('maps common level names to OTel numbers (lowest of the range, several spread in order)', () => {
    const m = new SeverityMapper();
    expect([m.map('TRACE'), m.map('debug'), m.map('Info'), m.map('WARNING'), m.map('error'), m.map('CRITICAL'), m.map('fatal')]).toEqual([
      1, 5, 9, 13, 17, 18, 21,
    ]);
    expect([m.map('err'), m.map('crit'), m.map('alert'), m.map('emerg')]).toEqual([17, 18, 19, 21]);
    expect(m.map('chatty')).toBe(0);
    expect(shortNameToNumber('error3')).toBe(19);
    expect(shortNameToNumber('INFO4')).toBe(12);
  });

  it('applies a custom mapping on top of the defaults', () => {
    const m = new SeverityMapper({ warn: ['40', 'W'], error2: ['50'] });
    expect([m.map('40'), m.map('w'), m.map('50'), m.map('info')]).toEqual([13, 13, 18, 9]);
    expect(() => new SeverityMapper({ loud: ['x'] })).toThrow(/loud/);
  });
});

describe('parser chain', () => {
  it('json to attributes, with a field moved to the body', () => {
    const chain = compileParsers([{ type: 'json', target: 'attributes', bodyField: 'msg' }])!;
    const r = rec('{"msg":"hello","n":3,"f":1.5,"ok":true,"nil":null,"arr":[1,"a"],"obj":{"k":"v"}}');
    const errors: number[] = [];
    chain.apply(r, (i) => errors.push(i));
    expect(errors).toEqual([]);
    expect(r.body).toEqual(str('hello'));
    expect(attrValue(r, 'n')).toBe(3n);
    expect(attrValue(r, 'f')).toBe(1.5);
    expect(attrValue(r, 'ok')).toBe(true);
    expect(attrValue(r, 'nil')).toBeNull();
    expect(r.attributes.find((a) => a.key === 'arr')!.value).toEqual(jsonToAnyValue([1, 'a']));
    expect(r.attributes.find((a) => a.key === 'obj')!.value).toEqual({ type: 'kvlist', value: [{ key: 'k', value: str('v') }] });
  });

  it('json to body, and a line that is not JSON is kept as it is and counted', () => {
    const chain = compileParsers([{ type: 'json', target: 'body' }])!;
    const r = rec('{"a":1}');
    chain.apply(r, () => undefined);
    expect(r.body).toEqual({ type: 'kvlist', value: [{ key: 'a', value: { type: 'int', value: 1n } }] });
    const bad = rec('{"a":');
    const errors: number[] = [];
    chain.apply(bad, (i) => errors.push(i));
    expect(bad.body).toEqual(str('{"a":'));
    expect(errors).toEqual([0]);
  });

  it('regex named groups to attributes, then timestamp and severity from them', () => {
    const chain = compileParsers([
      { type: 'regex', regex: '^(?<time>\\S+ \\S+) (?<level>\\w+) (?<msg>.*)$' },
      { type: 'timestamp', parseFrom: 'time', layout: '%Y-%m-%d %H:%M:%S' },
      { type: 'severity', parseFrom: 'attributes.level' },
    ])!;
    const r = rec('2024-03-01 12:34:56 Warning disk almost full');
    const errors: number[] = [];
    chain.apply(r, (i) => errors.push(i));
    expect(errors).toEqual([]);
    expect(attrValue(r, 'msg')).toBe('disk almost full');
    expect(r.timeUnixNano).toBe(NS('2024-03-01T12:34:56Z'));
    expect(r.severityNumber).toBe(13);
    expect(r.severityText).toBe('Warning');
  });

  it('rejects a regex without named groups and an invalid regex at build time', () => {
    expect(() => compileParsers([{ type: 'regex', regex: '^(\\w+)$' }])).toThrow(/named groups/);
    expect(() => compileParsers([{ type: 'regex', regex: '(?<a>' }])).toThrow(/invalid regex/);
  });
});

describe('parsers in the receiver', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('parses JSON lines into attributes, time and severity, and forwards unparsable lines unchanged', async () => {
    const file = h.path('json.log');
    writeFileSync(file, ['{"ts":"2024-03-01T12:34:56.5Z","level":"ERROR","msg":"boom","user":"u1"}', 'plain text line', ''].join('\n'));
    const c = new TestConsumer();
    await h.start(
      baseConfig({
        include: [file],
        parsers: [
          { type: 'json', target: 'attributes', bodyField: 'msg' },
          { type: 'timestamp', parseFrom: 'ts', layout: 'rfc3339' },
          { type: 'severity', parseFrom: 'level' },
        ],
      }),
      c,
    );
    await waitFor(() => c.count() === 2, 'two records');
    const [a, b] = c.records();
    expect(a!.body).toEqual(str('boom'));
    expect(a!.timeUnixNano).toBe(NS('2024-03-01T12:34:56.5Z'));
    expect([a!.severityNumber, a!.severityText]).toEqual([17, 'ERROR']);
    expect(attrValue(a!, 'user')).toBe('u1');
    expect(attrValue(a!, 'log.file.name')).toBe('json.log');
    expect(b!.body).toEqual(str('plain text line'));
    expect(b!.severityNumber).toBe(0);
    expect(h.metric('sealog_filelog_parse_errors_total', { receiver: 'filelog/test', parser: '0:json' })).toBe(1);
  });
});
