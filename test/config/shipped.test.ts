import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULTS } from '../../src/config/defaults.js';

const CONFIG = fileURLToPath(new URL('../../config/', import.meta.url));
const files = ['sealog.yaml', 'sealog.example.yaml', ...readdirSync(CONFIG + 'examples').map((f) => `examples/${f}`)];

/** The environment variables the shipped files reference, as a user would set them. */
const ENV = {
  SEALOG_GATEWAY: 'https://otel-gateway.internal:4318',
  SEALOG_GATEWAY_TOKEN: 'gateway-token',
  SEALOG_BACKEND: 'https://logs.example.com:4318',
  SEALOG_WITNESS: 'https://witness.example.org:4318',
};

describe('shipped config files', () => {
  it('include the quickstart, the reference and the examples', () => {
    expect(files).toEqual(expect.arrayContaining(['sealog.yaml', 'sealog.example.yaml', 'examples/otel-gateway.yaml', 'examples/loki.yaml', 'examples/mtls.yaml', 'examples/witness.yaml']));
  });

  it.each(files)('%s is valid', (f) => {
    const c = parseConfig(readFileSync(CONFIG + f, 'utf8'), f, ENV);
    expect(c.pipelines.length).toBeGreaterThan(0);
  });

  it('the quickstart needs no backend and no root', () => {
    const c = parseConfig(readFileSync(CONFIG + 'sealog.yaml', 'utf8'), 'sealog.yaml', {});
    const otlp = c.receivers.get('otlp');
    expect(otlp?.type === 'otlp' && [otlp.http?.endpoint, otlp.grpc?.endpoint]).toEqual(['127.0.0.1:4318', '127.0.0.1:4317']);
    const filelog = c.receivers.get('filelog');
    expect(filelog?.type === 'filelog' && filelog.include).toEqual(['/var/log/syslog', '/var/log/*.log', `${process.cwd()}/var/log/*.log`]);
    expect(filelog?.type === 'filelog' && filelog.startAt).toBe('end');
    expect([...c.exporters.values()].map((e) => e.type)).toEqual(['file']);
    expect(c.exporters.get('file')).toMatchObject({ path: `${process.cwd()}/var/out/logs.jsonl` });
    expect(c.integrity).toMatchObject({ keyFile: `${process.cwd()}/var/keys/sealog.key`, generateKey: true });
    expect(c.spool.dir).toBe(`${process.cwd()}/var/spool`);
    expect(c.service.metricsEndpoint).toBe('127.0.0.1:8888');
  });

  it('the reference file states every default as it is', () => {
    const c = parseConfig(readFileSync(CONFIG + 'sealog.example.yaml', 'utf8'), 'x', {});
    const f = c.receivers.get('filelog');
    if (f?.type !== 'filelog') throw new Error('filelog missing');
    const { startAt, pollIntervalMs, watch, forceFlushPeriodMs, maxLogSizeBytes, maxLogSizeAction, encoding, compression, maxConcurrentFiles, fingerprintSizeBytes, includeFileName, includeFilePath, includeProvenance, maxBatchLines, followSymlinks } = f;
    expect({ startAt, pollIntervalMs, watch, forceFlushPeriodMs, maxLogSizeBytes, maxLogSizeAction, encoding, compression, maxConcurrentFiles, fingerprintSizeBytes, includeFileName, includeFilePath, includeProvenance, maxBatchLines, followSymlinks }).toEqual(DEFAULTS.filelog);
    const x = c.exporters.get('otlphttp');
    if (x?.type !== 'otlphttp') throw new Error('otlphttp missing');
    expect(x.retry).toEqual(DEFAULTS.otlphttp.retry);
    expect([x.encoding, x.compression, x.timeoutMs, x.maxBatchRecords, x.maxBatchBytes, x.maxInFlight]).toEqual([
      DEFAULTS.otlphttp.encoding,
      DEFAULTS.otlphttp.compression,
      DEFAULTS.otlphttp.timeoutMs,
      DEFAULTS.otlphttp.maxBatchRecords,
      DEFAULTS.otlphttp.maxBatchBytes,
      DEFAULTS.otlphttp.maxInFlight,
    ]);
    expect(c.spool).toMatchObject(DEFAULTS.spool);
    expect(c.integrity).toMatchObject(DEFAULTS.integrity);
    expect(c.service).toMatchObject({ metricsEndpoint: DEFAULTS.service.metricsEndpoint, logLevel: DEFAULTS.service.logLevel, shutdownTimeoutMs: DEFAULTS.service.shutdownTimeoutMs });
  });

  it('the Loki example posts to /otlp/v1/logs', () => {
    const c = parseConfig(readFileSync(CONFIG + 'examples/loki.yaml', 'utf8'), 'loki.yaml', {});
    expect(c.exporters.get('otlphttp/loki')).toMatchObject({ logsEndpoint: 'http://loki:3100/otlp/v1/logs', headers: { 'x-scope-orgid': 'fake' } });
  });

  it('the witness example has a seals_only second exporter', () => {
    const c = parseConfig(readFileSync(CONFIG + 'examples/witness.yaml', 'utf8'), 'witness.yaml', ENV);
    const ids = c.pipelines[0]!.exporters;
    expect(ids.map((id) => c.exporters.get(id)!.sealsOnly)).toEqual([false, true]);
  });

  it('the systemd unit runs sealog hardened, as its own user, with reload and restart', () => {
    const unit = readFileSync(CONFIG + 'sealog.service', 'utf8');
    const directives = new Map<string, string[]>();
    for (const line of unit.split('\n')) {
      const m = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (m) directives.set(m[1]!, [...(directives.get(m[1]!) ?? []), m[2]!]);
    }
    const one = (k: string): string | undefined => directives.get(k)?.[0];
    expect(one('Type')).toBe('simple');
    expect(one('ExecStart')).toBe('/usr/bin/sealog run -c /etc/sealog/sealog.yaml');
    expect(one('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(one('Restart')).toBe('on-failure');
    expect(one('User')).toBe('sealog');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('yes');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('ReadWritePaths')).toBe('/var/lib/sealog /etc/sealog/keys');
    // No capability to read past file permissions (issue 21): logs are read as group adm.
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('AmbientCapabilities')).toBe('');
    expect(unit).not.toMatch(/^[A-Za-z]+=.*CAP_DAC_READ_SEARCH/m);
    expect(one('SupplementaryGroups')).toBe('adm');
    expect(one('WantedBy')).toBe('multi-user.target');
  });
});
