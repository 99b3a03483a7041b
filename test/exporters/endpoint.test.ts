import { describe, expect, it } from 'vitest';
import { redactUrl, resolveLogsUrl, resolveReplayUrl } from '../../src/exporters/otlphttp/endpoint.js';
import { isAgentError } from '../../src/errors.js';

describe('otlphttp endpoint resolution', () => {
  it('appends v1/logs to a base endpoint with exactly one slash', () => {
    expect(resolveLogsUrl({ id: 'x', endpoint: 'http://c:4318' }).href).toBe('http://c:4318/v1/logs');
    expect(resolveLogsUrl({ id: 'x', endpoint: 'http://c:4318/' }).href).toBe('http://c:4318/v1/logs');
    expect(resolveLogsUrl({ id: 'x', endpoint: 'http://c:4318/x/' }).href).toBe('http://c:4318/x/v1/logs');
    expect(resolveLogsUrl({ id: 'x', endpoint: 'https://loki:3100/otlp' }).href).toBe('https://loki:3100/otlp/v1/logs');
  });

  it('uses logs_endpoint exactly, and prefers it over endpoint', () => {
    expect(resolveLogsUrl({ id: 'x', logsEndpoint: 'http://c:4318/custom/path' }).href).toBe('http://c:4318/custom/path');
    expect(resolveLogsUrl({ id: 'x', logsEndpoint: 'http://c:4318' }).href).toBe('http://c:4318/');
    expect(resolveLogsUrl({ id: 'x', endpoint: 'http://a', logsEndpoint: 'http://b/logs' }).href).toBe('http://b/logs');
  });

  it('rejects missing, malformed, non-http and credential-bearing URLs with the config key in the message', () => {
    const cases: Array<[Parameters<typeof resolveLogsUrl>[0], RegExp]> = [
      [{ id: 'otlphttp/a' }, /exporters\.otlphttp\/a: set endpoint/],
      [{ id: 'x', endpoint: 'collector:4318' }, /scheme/],
      [{ id: 'x', endpoint: 'not a url' }, /exporters\.x\.endpoint: "not a url" is not a URL/],
      [{ id: 'x', logsEndpoint: 'ftp://c/logs' }, /exporters\.x\.logs_endpoint: scheme "ftp:"/],
      [{ id: 'x', endpoint: 'https://u:p@c:4318' }, /credentials/],
    ];
    for (const [cfg, re] of cases) {
      try {
        resolveLogsUrl(cfg);
        expect.unreachable(`accepted ${JSON.stringify(cfg)}`);
      } catch (err) {
        expect(isAgentError(err, 'CONFIG_INVALID')).toBe(true);
        expect((err as Error).message).toMatch(re);
      }
    }
  });

  it('replay endpoint: appends /v1/logs unless the path already ends with it', () => {
    expect(resolveReplayUrl('http://c:4318').href).toBe('http://c:4318/v1/logs');
    expect(resolveReplayUrl('http://loki:3100/otlp').href).toBe('http://loki:3100/otlp/v1/logs');
    expect(resolveReplayUrl('http://loki:3100/otlp/v1/logs').href).toBe('http://loki:3100/otlp/v1/logs');
  });

  it('never shows a query string (it may carry a token) in logs', () => {
    expect(redactUrl(new URL('https://c/v1/logs?token=secret'))).toBe('https://c/v1/logs?…');
  });
});
