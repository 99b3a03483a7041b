import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { FIXTURES, fixtureIssues, places } from './helpers.js';

describe('valid fixture', () => {
  const c = loadConfigFile(FIXTURES + 'valid.yaml', { INGEST_TOKEN: 'secret-token', OTLP_PORT: '14318' });

  it('loads every section with YAML values converted to typed fields', () => {
    expect(c.source).toBe(FIXTURES + 'valid.yaml');
    expect(c.agentId).toBe('web-01');
    expect([...c.receivers.keys()]).toEqual(['filelog/app', 'otlp']);
    expect([...c.processors.keys()]).toEqual(['attributes/tag', 'resource', 'filter/noise', 'redact']);
    expect([...c.exporters.keys()]).toEqual(['otlphttp/primary', 'file/witness']);
    expect(c.pipelines).toEqual([
      { name: 'logs/app', receivers: ['filelog/app'], processors: ['resource', 'attributes/tag', 'filter/noise', 'redact'], exporters: ['otlphttp/primary', 'file/witness'] },
      { name: 'logs', receivers: ['otlp'], processors: [], exporters: ['otlphttp/primary'] },
    ]);
  });

  it('reads filelog settings, parsers and multiline', () => {
    const f = c.receivers.get('filelog/app')!;
    expect(f.type).toBe('filelog');
    if (f.type !== 'filelog') return;
    expect(f).toMatchObject({
      include: ['/var/log/app/*.log'],
      exclude: ['/var/log/app/*.gz'],
      startAt: 'beginning',
      pollIntervalMs: 250,
      maxLogSizeBytes: 512 * 1024,
      maxLogSizeAction: 'truncate',
      encoding: 'latin1',
      multiline: { lineStartPattern: '^\\d{4}-\\d{2}-\\d{2}' },
      includeProvenance: true,
      includeFileName: true,
      watch: true,
      forceFlushPeriodMs: 500,
      maxBatchLines: 4096,
    });
    expect(f.parsers).toEqual([
      { type: 'regex', regex: '^(?<time>\\S+) (?<level>\\w+) (?<msg>.*)$' },
      { type: 'timestamp', parseFrom: 'time', layout: 'rfc3339' },
      { type: 'severity', parseFrom: 'level', mapping: { warn: ['W', 'warning'], error2: ['CRIT'] } },
      { type: 'json', target: 'attributes', bodyField: 'msg' },
    ]);
  });

  it('expands env references and applies defaults for an otlp receiver', () => {
    const o = c.receivers.get('otlp')!;
    if (o.type !== 'otlp') throw new Error('wrong type');
    expect(o.http).toEqual({
      endpoint: '127.0.0.1:14318',
      maxRequestBodyBytes: 8 * 1024 * 1024,
      maxConcurrentRequests: 64,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1024,
      bodyTimeoutMs: 10_000,
      maxConcurrentRequestsPerClient: 16,
    });
    expect(o.grpc).toEqual({
      endpoint: '127.0.0.1:4317',
      maxRecvMessageBytes: 20 * 1024 * 1024,
      maxConcurrentStreams: 64,
      messageTimeoutMs: 10_000,
      maxConcurrentStreamsPerClient: 16,
    });
    expect(o.maxInFlightBytes).toBe(64 * 1024 * 1024);
    expect(o.auth).toEqual({ bearerToken: 'secret-token' });
    expect(o.maxNestingDepth).toBe(32);
  });

  it('reads processors', () => {
    expect(c.processors.get('attributes/tag')).toEqual({
      type: 'attributes',
      id: 'attributes/tag',
      actions: [
        { key: 'env', action: 'insert', value: 'prod' },
        { key: 'user.email', action: 'hash' },
        { key: 'copy', action: 'upsert', fromAttribute: 'env' },
        { key: 'tmp', action: 'delete' },
      ],
    });
    expect(c.processors.get('resource')).toEqual({ type: 'resource', id: 'resource', detect: true, actions: [{ key: 'deployment.environment', action: 'upsert', value: 'prod' }] });
    expect(c.processors.get('filter/noise')).toEqual({
      type: 'filter',
      id: 'filter/noise',
      rules: [
        { name: 'debug', minSeverity: 9 },
        { name: 'health', bodyRegex: 'GET /healthz' },
        { name: 'rule2', attribute: { key: 'http.status_code', value: '200' } },
      ],
    });
    expect(c.processors.get('redact')).toEqual({
      type: 'redact',
      id: 'redact',
      named: ['credit_card', 'email'],
      patterns: ['secret=\\w+'],
      replacement: '****',
      allowKeys: ['trace.note'],
      summary: true,
    });
  });

  it('reads exporters with defaults for what is not set', () => {
    const x = c.exporters.get('otlphttp/primary')!;
    if (x.type !== 'otlphttp') throw new Error('wrong type');
    expect(x).toMatchObject({
      endpoint: 'https://collector.example:4318',
      encoding: 'proto',
      compression: 'none',
      headers: { authorization: 'Bearer none', 'x-scope-orgid': '42' },
      timeoutMs: 90_000,
      tls: { insecureSkipVerify: false },
      maxBatchRecords: 8192,
      maxBatchBytes: 4 * 1024 * 1024,
      maxInFlight: 4,
      retry: { initialIntervalMs: 500, maxIntervalMs: 60_000, multiplier: 1.5, randomizationFactor: 0.5, maxElapsedMs: 0 },
      sealsOnly: false,
    });
    expect(x.logsEndpoint).toBeUndefined();
    expect(c.exporters.get('file/witness')).toEqual({
      type: 'file',
      id: 'file/witness',
      path: '/var/lib/sealog/witness.jsonl',
      sealsOnly: true,
      rotation: { maxMegabytes: 50, maxBackups: 100, compress: false },
      flushIntervalMs: 1000,
      maxBatchRecords: 1024,
    });
  });

  it('reads integrity, spool and service', () => {
    expect(c.integrity).toEqual({ keyFile: '/etc/sealog/sealog.key', generateKey: false, sealEveryRecords: 500, sealIntervalMs: 2000, heartbeatMs: 60_000, rotateMs: 86_400_000 });
    expect(c.spool).toEqual({
      dir: '/var/lib/sealog/spool',
      maxSizeBytes: 2 * 1024 ** 3,
      segmentSizeBytes: 32 * 1024 ** 2,
      sync: 'always',
      syncIntervalMs: 100,
      whenFull: 'drop_newest',
      retainMs: 168 * 3_600_000,
    });
    expect(c.service).toEqual({ logLevel: 'debug', shutdownTimeoutMs: 15_000 });
  });
});

// One fixture per class of invalid config; each pins the exact line and path
// of every issue, so a fixture that produces an extra or a misplaced issue fails.
describe('invalid fixtures', () => {
  it('unknown key, with a did-you-mean hint', () => {
    const issues = fixtureIssues('bad_unknown_key.yaml');
    expect(places(issues)).toEqual(['8: exporters.file.flush_intervall']);
    expect(issues[0]).toMatchObject({ file: FIXTURES + 'bad_unknown_key.yaml', message: 'unknown key', hint: 'did you mean "flush_interval"?' });
  });

  it('wrong types', () => {
    const issues = fixtureIssues('bad_wrong_type.yaml');
    expect(places(issues)).toEqual(['4: receivers.filelog.watch', '5: receivers.filelog.max_concurrent_files']);
    expect(issues[0]!.message).toBe('expected true or false, got the string "yes"');
    expect(issues[1]!.message).toBe('expected an integer, got the string "many"');
  });

  it('references to undefined components', () => {
    const issues = fixtureIssues('bad_undefined_component.yaml');
    expect(places(issues)).toEqual(['14: service.pipelines.logs.processors[0]', '15: service.pipelines.logs.exporters[1]']);
    expect(issues[0]!.message).toBe('processor "redact/pii" is not defined');
    expect(issues[1]!.message).toBe('exporter "otlphttp" is not defined');
    expect(issues[1]!.hint).toBe('defined exporters: file');
  });

  it('a pipeline without receivers', () => {
    expect(places(fixtureIssues('bad_no_receivers.yaml'))).toEqual(['11: service.pipelines.logs.receivers']);
  });

  it('a pipeline without exporters', () => {
    const issues = fixtureIssues('bad_no_exporters.yaml');
    expect(places(issues)).toEqual(['10: service.pipelines.logs.exporters']);
    expect(issues[0]!.message).toBe('a pipeline needs at least one exporter');
  });

  it('a receiver used by two pipelines', () => {
    const issues = fixtureIssues('bad_receiver_two_pipelines.yaml');
    expect(places(issues)).toEqual(['15: service.pipelines.logs/b.receivers[0]']);
    expect(issues[0]!.message).toBe('receiver "otlp" is already used by pipeline logs/a');
  });

  it('duplicate endpoints across receivers and the telemetry endpoint', () => {
    const issues = fixtureIssues('bad_duplicate_endpoint.yaml');
    expect(places(issues)).toEqual(['8: receivers.otlp/second.protocols.http.endpoint', '16: service.telemetry.metrics']);
    expect(issues[0]!.message).toBe('endpoint 0.0.0.0:4318 is already used by receivers.otlp.protocols.http.endpoint (127.0.0.1:4318)');
  });

  it('negative sizes and max_size smaller than segment_size', () => {
    const issues = fixtureIssues('bad_sizes.yaml');
    expect(places(issues)).toEqual(['3: receivers.otlp.protocols.http.max_request_body_size', '9: spool.max_size']);
    expect(issues[0]!.message).toBe('size "-5MiB" is negative');
    expect(issues[1]!.message).toBe('max_size (16MiB) is smaller than segment_size (64MiB)');
  });

  it('seal every_records below 1', () => {
    const issues = fixtureIssues('bad_seal_every_records.yaml');
    expect(places(issues)).toEqual(['9: integrity.seal.every_records']);
    expect(issues[0]!.message).toBe('must be at least 1, got 0');
  });

  it('a port out of range', () => {
    const issues = fixtureIssues('bad_port_range.yaml');
    expect(places(issues)).toEqual(['5: receivers.otlp.protocols.grpc.endpoint']);
    expect(issues[0]!.message).toBe('port 70000 is out of range in "127.0.0.1:70000"');
  });

  it('invalid regexes in multiline, regex parser, redact and filter', () => {
    const issues = fixtureIssues('bad_regex.yaml');
    expect(places(issues)).toEqual([
      '5: receivers.filelog.multiline.line_start_pattern',
      '8: receivers.filelog.parsers[0].regex',
      '11: processors.redact.patterns[0]',
      '14: processors.filter.rules[0].body_regex',
    ]);
    for (const i of issues) expect(i.message).toMatch(/^invalid regular expression: /);
  });

  it('a TLS key without its certificate', () => {
    const issues = fixtureIssues('bad_tls_key_without_cert.yaml');
    expect(places(issues)).toEqual(['5: receivers.otlp.protocols.http.tls.cert_file']);
    expect(issues[0]!.hint).toBe('a TLS key needs its certificate: set cert_file');
  });

  it('a seals_only exporter as the only exporter of a pipeline', () => {
    const issues = fixtureIssues('bad_seals_only_only.yaml');
    expect(places(issues)).toEqual(['14: service.pipelines.logs.exporters']);
    expect(issues[0]!.message).toMatch(/seals_only/);
  });

  it('an unset environment variable without a default', () => {
    const issues = fixtureIssues('bad_env_unset.yaml');
    expect(places(issues)).toEqual(['8: exporters.otlphttp.headers.authorization']);
    expect(issues[0]!.message).toBe('environment variable SEALOG_TEST_UNSET_TOKEN is not set');
  });

  it('durations without a unit or with days', () => {
    const issues = fixtureIssues('bad_duration.yaml');
    expect(places(issues)).toEqual(['4: receivers.filelog.poll_interval', '9: integrity.rotate']);
    expect(issues[0]!.hint).toBe('write it with a unit, e.g. 200ms or 200s');
    expect(issues[1]!.hint).toBe('use hours, e.g. 24h');
  });

  it('Collector features sealog does not have', () => {
    const issues = fixtureIssues('bad_collector_only.yaml');
    expect(places(issues)).toEqual(['1: extensions', '6: receivers.kafka', '14: service.pipelines.traces']);
    expect(issues[0]!.hint).toMatch(/no extensions/);
    expect(issues[1]!.message).toBe('unknown receiver type "kafka"');
  });

  it('missing required sections and settings', () => {
    const issues = fixtureIssues('bad_missing_sections.yaml');
    expect(places(issues)).toEqual(['1: integrity', '1: spool', '5: exporters.otlphttp.endpoint']);
    expect(issues.map((i) => i.message)).toEqual(['is required', 'is required', 'is required']);
  });

  it('YAML syntax errors', () => {
    const issues = fixtureIssues('bad_yaml_syntax.yaml');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('');
    expect(issues[0]!.message).toMatch(/^YAML syntax error: /);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('every problem of a file is reported at once, in line order', () => {
    const issues = fixtureIssues('bad_many.yaml');
    expect(places(issues)).toEqual([
      '4: receivers.filelog.start_at',
      '7: exporters.otlphttp.endpoint',
      '8: exporters.otlphttp.max_batch_bytes',
      '9: integrity.generate_key',
      '10: spool.sync',
    ]);
    expect(issues[1]!.hint).toBe('add the scheme: http://collector:4318 or https://collector:4318');
    expect(issues[3]!.hint).toBe('YAML 1.2 booleans are only true and false');
  });
});
