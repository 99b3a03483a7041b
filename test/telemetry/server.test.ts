import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAgentError } from '../../src/errors.js';
import { createMemoryLogger } from '../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import { startTelemetryServer, type TelemetryServer } from '../../src/telemetry/server.js';
import type { StatusSnapshot } from '../../src/telemetry/status.js';

const snapshot = (over: Partial<StatusSnapshot> = {}): StatusSnapshot => ({
  agentId: 'web-01',
  version: '0.1.0',
  startedAtMs: Date.now() - 3_723_000,
  pipelines: [
    {
      name: 'logs/app',
      stream: 'web-01/logs/app',
      receivers: ['filelog/app'],
      processors: ['redact'],
      exporters: [{ id: 'otlphttp', lagRecords: 1234, lagSeconds: 2.5, sent: 99_000, deadLettered: 3 }],
      spool: { bytes: 512 * 1024 * 1024, maxBytes: 1024 ** 3, fillRatio: 0.5, segments: 8 },
      lastSeq: 100_234,
      lastSealAtMs: Date.now() - 4_000,
      keyEpoch: 2,
    },
  ],
  ...over,
});

/**
 * Checks the Prometheus text exposition format 0.0.4 line by line and
 * returns the samples. Throws on any malformed line.
 */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const label = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
  const sample = new RegExp(`^(${name})(\\{(?:${label})(?:,${label})*\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)$`);
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^# HELP (${name}) .+$`).exec(line))) continue;
    if ((m = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line))) {
      expect(types.has(m[1]!)).toBe(false);
      types.set(m[1]!, m[2]!);
      continue;
    }
    m = sample.exec(line);
    if (!m) throw new Error(`malformed exposition line: ${JSON.stringify(line)}`);
    expect(types.has(m[1]!)).toBe(true);
    samples.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return samples;
}

describe('telemetry server', () => {
  let server: TelemetryServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(opts: { ready?: () => boolean; status?: () => StatusSnapshot; registry?: MetricsRegistry } = {}) {
    const logger = createMemoryLogger();
    const registry = opts.registry ?? new MetricsRegistry();
    server = await startTelemetryServer({ endpoint: '127.0.0.1:0', registry, status: opts.status ?? (() => snapshot()), ready: opts.ready ?? (() => true), logger });
    const base = `http://127.0.0.1:${server.address.port}`;
    return { base, logger, registry };
  }

  it('listens on an OS-assigned port when given port 0', async () => {
    await start();
    expect(server!.address.host).toBe('127.0.0.1');
    expect(server!.address.port).toBeGreaterThan(0);
  });

  it('/metrics serves valid Prometheus text with registered and process metrics', async () => {
    const registry = new MetricsRegistry();
    registry.counter('sealog_test_records_total', 'Test records.').inc(5, { receiver: 'otlp', note: 'quote " and \\ and \n' });
    registry.gauge('sealog_test_fill_ratio', 'Test gauge.').set(0.25);
    const { base } = await start({ registry });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parsePrometheus(await res.text());
    expect(samples.get('sealog_test_records_total{receiver="otlp",note="quote \\" and \\\\ and \\n"}')).toBe(5);
    expect(samples.get('sealog_test_fill_ratio')).toBe(0.25);
    expect(samples.get('sealog_process_resident_memory_bytes')).toBeGreaterThan(1024 * 1024);
    expect(samples.get('sealog_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(samples.get('sealog_process_open_fds')).toBeGreaterThan(0);
    expect(samples.get('sealog_process_start_time_seconds')).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('/healthz answers ok while the process runs', async () => {
    const { base } = await start({ ready: () => false });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok\n');
  });

  it('/readyz follows ready()', async () => {
    let ready = false;
    const { base } = await start({ ready: () => ready });
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.text()).toBe('not ready\n');
    ready = true;
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('ready\n');
  });

  it('/ is a self-contained HTML status page with every text escaped', async () => {
    const evil = '<script>alert("x")</script>&';
    const { base } = await start({
      status: () => {
        const s = snapshot({ agentId: evil });
        s.pipelines[0]!.name = `logs/${evil}`;
        s.pipelines[0]!.exporters[0]!.id = `otlphttp/<b>`;
        return s;
      },
    });
    const res = await fetch(`${base}/?refresh=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(html).toContain('otlphttp/&lt;b&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const text of ['web-01/logs/app', '1,234', '99,000', '50.0%', '512.0 MiB of 1.0 GiB', '8 segments', '100,234', '4s ago', 'up 1h 2m']) {
      expect(html).toContain(text);
    }
  });

  it('HEAD gets headers without a body; other methods get 405; unknown paths 404', async () => {
    const { base } = await start();
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
  });

  it('a failing status() gives 500 and an error log line, and the server keeps serving', async () => {
    const { base, logger } = await start({
      status: () => {
        throw new Error('pipeline state unavailable');
      },
    });
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(500);
    expect(logger.lines.some((l) => l.level === 'error' && l.error === 'pipeline state unavailable')).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('a port in use is a CONFIG_INVALID error naming the endpoint', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startTelemetryServer({ endpoint: `127.0.0.1:${port}`, registry: new MetricsRegistry(), status: () => snapshot(), ready: () => true, logger: createMemoryLogger() }),
      ).rejects.toSatisfy((e: unknown) => isAgentError(e, 'CONFIG_INVALID') && (e as Error).message.includes(`127.0.0.1:${port}: the address is already in use`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('an endpoint that is not host:port is refused', async () => {
    await expect(
      startTelemetryServer({ endpoint: 'localhost', registry: new MetricsRegistry(), status: () => snapshot(), ready: () => true, logger: createMemoryLogger() }),
    ).rejects.toSatisfy((e: unknown) => isAgentError(e, 'CONFIG_INVALID'));
  });

  it('close() ends keep-alive connections, is idempotent, and frees the port', async () => {
    const { base } = await start();
    await (await fetch(`${base}/healthz`)).text();
    const port = server!.address.port;
    await Promise.all([server!.close(), server!.close()]);
    server = undefined;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    const again = await startTelemetryServer({ endpoint: `127.0.0.1:${port}`, registry: new MetricsRegistry(), status: () => snapshot(), ready: () => true, logger: createMemoryLogger() });
    await again.close();
  });
});
