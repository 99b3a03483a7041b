/** The receiver's pure parts: header parsing, endpoints, bearer parsing, per-record validation, the limiter. */
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { kv, kvlist, newLogRecord, newResource, newScope, str, type LogsData } from '../../../src/otlp/types.js';
import { BearerAuth, bearerCredentials } from '../../../src/receivers/otlp/auth.js';
import { formatHostPort, parseEndpoint } from '../../../src/receivers/otlp/endpoint.js';
import { InFlightLimiter, settlesWithin } from '../../../src/receivers/otlp/limiter.js';
import {
  acceptsGzip,
  formatOfContentType,
  hasZlibHeader,
  parseContentEncoding,
  parseContentLength,
} from '../../../src/receivers/otlp/negotiate.js';
import { validateRecords } from '../../../src/receivers/otlp/validate.js';

describe('endpoint parsing', () => {
  it('reads host:port, [v6]:port and :port', () => {
    expect(parseEndpoint('127.0.0.1:4318', 'x')).toEqual({ host: '127.0.0.1', port: 4318 });
    expect(parseEndpoint('[::1]:0', 'x')).toEqual({ host: '::1', port: 0 });
    expect(parseEndpoint(':4317', 'x')).toEqual({ host: '0.0.0.0', port: 4317 });
    expect(formatHostPort({ host: '::1', port: 5 })).toBe('[::1]:5');
    expect(formatHostPort({ host: 'localhost', port: 5 })).toBe('localhost:5');
  });

  it('rejects what is not host:port, naming the config key', () => {
    for (const bad of ['localhost', '1.2.3.4:99999', 'a:b', '::1:4318', '[::1]4318', 'h:']) {
      expect(() => parseEndpoint(bad, 'receivers.otlp.protocols.http')).toThrow(/receivers\.otlp\.protocols\.http: endpoint/);
    }
  });
});

describe('HTTP header parsing', () => {
  it('maps content types to wire formats, ignoring parameters and case', () => {
    expect(formatOfContentType('application/x-protobuf')).toBe('proto');
    expect(formatOfContentType('Application/JSON; charset=utf-8')).toBe('json');
    expect(formatOfContentType('text/plain')).toBeUndefined();
    expect(formatOfContentType('application/jsonx')).toBeUndefined();
    expect(formatOfContentType(undefined)).toBeUndefined();
  });

  it('accepts gzip, deflate and identity encodings only', () => {
    expect(parseContentEncoding(undefined)).toBe('identity');
    expect(parseContentEncoding(' GZIP ')).toBe('gzip');
    expect(parseContentEncoding('x-gzip')).toBe('gzip');
    expect(parseContentEncoding('deflate')).toBe('deflate');
    expect(parseContentEncoding('br')).toBeUndefined();
    expect(parseContentEncoding('gzip, gzip')).toBeUndefined();
  });

  it('honours q=0 in Accept-Encoding', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('parses Content-Length strictly', () => {
    expect(parseContentLength('123')).toBe(123);
    expect(parseContentLength(undefined)).toBeUndefined();
    expect(parseContentLength('-1')).toBeNaN();
    expect(parseContentLength('1e3')).toBeNaN();
  });

  it('tells zlib-wrapped deflate from raw deflate', () => {
    const body = Buffer.from('hello hello hello hello');
    expect(hasZlibHeader(deflateSync(body))).toBe(true);
    expect(hasZlibHeader(deflateRawSync(body))).toBe(false);
  });
});

describe('bearer tokens', () => {
  it('extracts the credentials of the Bearer scheme only', () => {
    expect(bearerCredentials('Bearer abc')).toBe('abc');
    expect(bearerCredentials('bearer\tabc ')).toBe('abc');
    expect(bearerCredentials('Bearerabc')).toBeUndefined();
    expect(bearerCredentials('Basic abc')).toBeUndefined();
    expect(bearerCredentials('Bearer ')).toBeUndefined();
  });

  it('accepts exactly the configured token', () => {
    const auth = new BearerAuth('t0k3n');
    expect(auth.check('Bearer t0k3n')).toBe(true);
    expect(auth.check('Bearer t0k3')).toBe(false);
    expect(auth.check('Bearer t0k3nn')).toBe(false);
    expect(auth.check(undefined)).toBe(false);
  });
});

function batch(resourceAttrs: ReturnType<typeof kv>[], recordAttrs: Array<ReturnType<typeof kv>[]>): LogsData {
  return {
    resourceLogs: [
      {
        resource: newResource(resourceAttrs),
        schemaUrl: '',
        scopeLogs: [
          {
            scope: newScope('s'),
            schemaUrl: '',
            logRecords: recordAttrs.map((attributes, i) => ({ ...newLogRecord(), body: str(`r${i}`), attributes })),
          },
        ],
      },
    ],
  };
}

describe('per-record validation', () => {
  it('returns the request itself when every record is valid', () => {
    const data = batch([kv('service.name', str('a'))], [[kv('a', str('1')), kv('b', str('2'))], []]);
    const v = validateRecords(data);
    expect(v.accepted).toBe(data);
    expect(v).toMatchObject({ received: 2, acceptedCount: 2, rejectedCount: 0, violations: [] });
  });

  it('finds duplicate keys in long attribute lists and inside nested kvlists', () => {
    const many = Array.from({ length: 40 }, (_, i) => kv(`k${i}`, str('v')));
    const data = batch(
      [],
      [
        [...many, kv('k7', str('again'))],
        [kv('nested', kvlist([kv('x', str('1')), kv('x', str('2'))]))],
        [kv('fine', kvlist([kv('x', str('1'))]))],
      ],
    );
    const v = validateRecords(data);
    expect(v.rejectedCount).toBe(2);
    expect(v.violations.map((x) => x.description)).toEqual([
      'key "k7" occurs more than once (keys must be unique)',
      'key "x" occurs more than once (keys must be unique)',
    ]);
    expect(v.accepted.resourceLogs[0]!.scopeLogs[0]!.logRecords.map((r) => r.body)).toEqual([str('r2')]);
    expect(data.resourceLogs[0]!.scopeLogs[0]!.logRecords).toHaveLength(3);
  });

  it('rejects every record under a resource with duplicate keys and drops the emptied resource', () => {
    const good = batch([kv('service.name', str('ok'))], [[], []]);
    const bad = batch([kv('dup', str('1')), kv('dup', str('2'))], [[], [], []]);
    const data: LogsData = { resourceLogs: [...good.resourceLogs, ...bad.resourceLogs] };
    const v = validateRecords(data);
    expect(v).toMatchObject({ received: 5, acceptedCount: 2, rejectedCount: 3 });
    expect(v.violations[0]!.field).toBe('resourceLogs[1].resource.attributes');
    expect(v.accepted.resourceLogs).toHaveLength(1);
    expect(v.accepted.resourceLogs[0]).toBe(good.resourceLogs[0]);
  });

  it('reports at most maxReported violations', () => {
    const data = batch([], Array.from({ length: 30 }, () => [kv('a', str('1')), kv('a', str('1'))]));
    const v = validateRecords(data, 10);
    expect(v.rejectedCount).toBe(30);
    expect(v.violations).toHaveLength(10);
  });
});

describe('in-flight limiter', () => {
  it('refuses above the limit and reports idle once all are released', async () => {
    const seen: number[] = [];
    const l = new InFlightLimiter(2, (n) => seen.push(n));
    expect(l.tryAcquire()).toBe(true);
    expect(l.tryAcquire()).toBe(true);
    expect(l.tryAcquire()).toBe(false);
    let idle = false;
    const waiting = l.idle().then(() => (idle = true));
    l.release();
    await Promise.resolve();
    expect(idle).toBe(false);
    l.release();
    await waiting;
    expect(idle).toBe(true);
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  it('bounds a grace period: true when the wait ends in time, false when the time runs out first', async () => {
    expect(await settlesWithin(new Promise((r) => setTimeout(r, 5)), 1000)).toBe(true);
    const t0 = Date.now();
    expect(await settlesWithin(new Promise(() => {}), 30)).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
  });
});
