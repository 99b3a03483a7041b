import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../src/config/load.js';
import { didYouMean, editDistance } from '../../src/config/hint.js';
import { minimal, places, textIssues } from './helpers.js';

const pipeline = (receivers: string, exporters = 'file', processors = ''): string =>
  `  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [${receivers}], ${processors ? `processors: [${processors}], ` : ''}exporters: [${exporters}] }`;

describe('defaults and shapes', () => {
  it('a minimal config gets every default', () => {
    const c = parseConfig(minimal(), 'min.yaml', {});
    expect(c.agentId).toBe(hostname());
    expect(c.integrity).toEqual({ keyFile: '/tmp/sealog-test.key', generateKey: false, sealEveryRecords: 1000, sealIntervalMs: 1000, heartbeatMs: 30_000, rotateMs: 0 });
    expect(c.spool).toMatchObject({ maxSizeBytes: 1024 ** 3, segmentSizeBytes: 64 * 1024 ** 2, sync: 'interval', syncIntervalMs: 100, whenFull: 'block', retainMs: 0 });
    expect(c.service).toEqual({ logLevel: 'info', shutdownTimeoutMs: 10_000 });
  });

  it('the telemetry endpoint defaults to 127.0.0.1:8888 and `none` turns it off', () => {
    const on = parseConfig(minimal({ service: '  pipelines:\n    logs: { receivers: [otlp], exporters: [file] }' }), 'x.yaml', {});
    expect(on.service.metricsEndpoint).toBe('127.0.0.1:8888');
    const off = parseConfig(minimal(), 'x.yaml', {});
    expect(off.service.metricsEndpoint).toBeUndefined();
  });

  it('`http:` with no value turns the protocol on with defaults; an absent protocol is off', () => {
    const c = parseConfig(minimal({ receivers: '  otlp:\n    protocols:\n      http:\n' }), 'x.yaml', {});
    const r = c.receivers.get('otlp')!;
    if (r.type !== 'otlp') throw new Error('type');
    expect(r.http?.endpoint).toBe('127.0.0.1:4318');
    expect(r.grpc).toBeUndefined();
  });

  it('an otlp receiver without any protocol is an error', () => {
    const issues = textIssues(minimal({ receivers: '  otlp:\n    protocols: {}' }));
    expect(places(issues)).toEqual(['3: receivers.otlp.protocols']);
    expect(issues[0]!.hint).toBe('add protocols: { http: {} } and/or grpc: {}');
  });

  it('resolves relative paths against the working directory', () => {
    const yaml = minimal({ exporters: '  file: { path: out/logs.jsonl }', receivers: '  filelog: { include: [./logs/*.log] }', service: pipeline('filelog') })
      .replace('/tmp/sealog-test.key', 'keys/k')
      .replace('/tmp/sealog-test-spool', './spool');
    const c = parseConfig(yaml, 'x.yaml', {});
    const cwd = process.cwd();
    expect(c.exporters.get('file')).toMatchObject({ path: resolve(cwd, 'out/logs.jsonl') });
    expect(c.receivers.get('filelog')).toMatchObject({ include: [resolve(cwd, 'logs/*.log')] });
    expect(c.integrity.keyFile).toBe(resolve(cwd, 'keys/k'));
    expect(c.spool.dir).toBe(resolve(cwd, 'spool'));
  });

  it('unused components are allowed', () => {
    const c = parseConfig(minimal({ exporters: '  file: { path: /tmp/a.jsonl }\n  otlphttp/unused: { endpoint: "http://127.0.0.1:1" }', processors: '  redact: { named: [email] }' }), 'x.yaml', {});
    expect([...c.exporters.keys()]).toEqual(['file', 'otlphttp/unused']);
    expect(c.pipelines[0]!.exporters).toEqual(['file']);
  });

  it('an exporter with logs_endpoint only is fine', () => {
    const c = parseConfig(minimal({ exporters: '  otlphttp: { logs_endpoint: "http://loki:3100/otlp/v1/logs" }', service: pipeline('otlp', 'otlphttp') }), 'x.yaml', {});
    expect(c.exporters.get('otlphttp')).toMatchObject({ logsEndpoint: 'http://loki:3100/otlp/v1/logs' });
  });

  it('YAML anchors and aliases are resolved', () => {
    const yaml = minimal({
      exporters: '  file: { path: /tmp/a.jsonl }\n  otlphttp/a:\n    endpoint: http://a:4318\n    headers: &h { x-team: blue }\n  otlphttp/b:\n    endpoint: http://b:4318\n    headers: *h',
    });
    const c = parseConfig(yaml, 'x.yaml', {});
    expect(c.exporters.get('otlphttp/b')).toMatchObject({ headers: { 'x-team': 'blue' } });
  });

  it('filter min_severity takes a name or a number', () => {
    const yaml = minimal({ processors: '  filter:\n    rules:\n      - { min_severity: WARN }\n      - { min_severity: error2 }\n      - { min_severity: 5 }', service: pipeline('otlp', 'file', 'filter') });
    const c = parseConfig(yaml, 'x.yaml', {});
    const f = c.processors.get('filter')!;
    expect(f.type === 'filter' && f.rules.map((r) => r.minSeverity)).toEqual([13, 18, 5]);
  });
});

describe('errors', () => {
  it('an unknown top-level key gets a did-you-mean hint', () => {
    const issues = textIssues(minimal().replace('receivers:', 'recievers:'));
    expect(issues.find((i) => i.path === 'recievers')).toMatchObject({ line: 1, message: 'unknown key', hint: 'did you mean "receivers"?' });
  });

  it('a shortened key is recognised as a slip', () => {
    const issues = textIssues(minimal({ receivers: '  otlp:\n    protocols: { http: {} }\n    max_nesting: 4' }));
    expect(issues).toMatchObject([{ line: 4, path: 'receivers.otlp.max_nesting', hint: 'did you mean "max_nesting_depth"?' }]);
  });

  it('an unknown key far from any known one lists the known keys', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: /tmp/a, zzz: 1 }' }));
    expect(issues[0]!.hint).toBe('known keys: path, flush_interval, seals_only, max_batch_records, rotation');
  });

  it('component ids: unknown type with a hint, invalid name', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: /tmp/a }\n  otlphtp: {}\n  file/../x: { path: /tmp/b }' }));
    expect(places(issues)).toEqual(['6: exporters.otlphtp', '7: exporters.file/../x']);
    expect(issues[0]!.hint).toBe('did you mean "otlphttp"?');
    expect(issues[1]!.message).toBe('invalid exporter name "../x" in "file/../x"');
  });

  it('a sealog.* key in an attributes action is refused', () => {
    const issues = textIssues(minimal({ processors: '  attributes:\n    actions: [{ key: sealog.seq, value: 1, action: upsert }]', service: pipeline('otlp', 'file', 'attributes') }));
    expect(issues).toMatchObject([{ line: 6, path: 'processors.attributes.actions[0].key' }]);
  });

  it('attribute actions need value or from_attribute exactly when they set something', () => {
    const issues = textIssues(
      minimal({
        processors: '  attributes:\n    actions:\n      - { key: a, action: insert }\n      - { key: b, action: delete, value: x }\n      - { key: c, action: upsert, value: x, from_attribute: y }\n      - { key: d, action: rename }',
        service: pipeline('otlp', 'file', 'attributes'),
      }),
    );
    expect(places(issues)).toEqual([
      '7: processors.attributes.actions[0].value',
      '8: processors.attributes.actions[1].value',
      '9: processors.attributes.actions[2].from_attribute',
      '10: processors.attributes.actions[3].action',
    ]);
  });

  it('redact: unknown named pattern, a pattern matching the empty string, nothing to redact', () => {
    const issues = textIssues(
      minimal({ processors: "  redact:\n    named: [creditcard]\n    patterns: ['a*']\n  redact/empty: {}", service: pipeline('otlp', 'file', 'redact') }),
    );
    expect(places(issues)).toEqual(['6: processors.redact.named[0]', '7: processors.redact.patterns[0]', '8: processors.redact/empty.patterns']);
    expect(issues[0]!.hint).toBe('did you mean "credit_card"?');
  });

  it('filter: a rule without conditions, duplicate rule names, a regex parser without named groups', () => {
    const issues = textIssues(
      minimal({
        receivers: "  filelog:\n    include: [/x]\n    parsers: [{ type: regex, regex: '^\\w+$' }]",
        processors: "  filter:\n    rules:\n      - { name: a }\n      - { name: b, body_regex: x }\n      - { name: b, body_regex: y }",
        service: pipeline('filelog', 'file', 'filter'),
      }),
    );
    expect(places(issues)).toEqual(['4: receivers.filelog.parsers[0].regex', '8: processors.filter.rules[0]', '10: processors.filter.rules[2].name']);
  });

  it('TLS: a certificate without key, client key without certificate', () => {
    const issues = textIssues(
      minimal({
        receivers: '  otlp:\n    protocols:\n      grpc:\n        tls: { cert_file: /c.pem }',
        exporters: '  file: { path: /tmp/a }\n  otlphttp:\n    endpoint: https://x\n    tls: { key_file: /k.pem }',
      }),
    );
    expect(places(issues)).toEqual(['5: receivers.otlp.protocols.grpc.tls.key_file', '10: exporters.otlphttp.tls.cert_file']);
  });

  it('exporter URLs: grpc scheme and garbage', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: /tmp/a }\n  otlphttp: { endpoint: "grpc://x:4317" }\n  otlphttp/b: { endpoint: "not a url" }' }));
    expect(places(issues)).toEqual(['6: exporters.otlphttp.endpoint', '7: exporters.otlphttp/b.endpoint']);
    expect(issues[0]!.hint).toMatch(/OTLP\/HTTP/);
  });

  it('receiver endpoints: URL instead of host:port, missing port', () => {
    const issues = textIssues(minimal({ receivers: '  otlp:\n    protocols:\n      http: { endpoint: "http://0.0.0.0:4318" }\n      grpc: { endpoint: localhost }' }));
    expect(places(issues)).toEqual(['4: receivers.otlp.protocols.http.endpoint', '5: receivers.otlp.protocols.grpc.endpoint']);
    expect(issues[0]!.hint).toBe('write it without the scheme, e.g. 0.0.0.0:4318');
    expect(issues[1]!.hint).toBe('write host:port, e.g. localhost:4318');
  });

  it('retry: max_interval below initial_interval, multiplier below 1', () => {
    const issues = textIssues(
      minimal({ exporters: '  file: { path: /tmp/a }\n  otlphttp:\n    endpoint: http://x\n    retry_on_failure:\n      initial_interval: 10s\n      max_interval: 1s\n      multiplier: 0.5\n      enabled: false' }),
    );
    expect(places(issues)).toEqual(['10: exporters.otlphttp.retry_on_failure.max_interval', '11: exporters.otlphttp.retry_on_failure.multiplier', '12: exporters.otlphttp.retry_on_failure.enabled']);
    expect(issues[2]!.hint).toMatch(/spool keeps every record/);
  });

  it('two file exporters on one path, and an exporter path inside the spool', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: /tmp/a.jsonl }\n  file/b: { path: /tmp/a.jsonl }\n  file/c: { path: /tmp/sealog-test-spool/out.jsonl }' }));
    expect(places(issues)).toEqual(['6: exporters.file/b.path', '7: exporters.file/c.path']);
  });

  it('a file exporter shared by two pipelines (two writers on one file)', () => {
    const issues = textIssues(minimal({ receivers: '  otlp:\n    protocols: { http: {} }\n  otlp/b:\n    protocols: { grpc: {} }', service: '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [otlp], exporters: [file] }\n    logs/b: { receivers: [otlp/b], exporters: [file] }' }));
    expect(places(issues)).toEqual(['14: service.pipelines.logs/b.exporters[0]']);
    expect(issues[0]!.message).toBe('file exporter "file" is already used by pipeline logs');
  });

  it('an otlphttp exporter may serve several pipelines', () => {
    const c = parseConfig(minimal({ receivers: '  otlp:\n    protocols: { http: {} }\n  otlp/b:\n    protocols: { grpc: {} }', exporters: '  otlphttp: { endpoint: "http://x:4318" }', service: '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [otlp], exporters: [otlphttp] }\n    logs/b: { receivers: [otlp/b], exporters: [otlphttp] }' }), 'x.yaml', {});
    expect(c.pipelines.map((p) => p.exporters)).toEqual([['otlphttp'], ['otlphttp']]);
  });

  it('a component listed twice in one pipeline', () => {
    const issues = textIssues(minimal({ service: pipeline('otlp', 'file, file') }));
    expect(places(issues)).toEqual(['11: service.pipelines.logs.exporters[1]']);
  });

  it('pipelines missing, invalid pipeline names', () => {
    expect(places(textIssues(minimal({ service: '  telemetry: { metrics: none }' })))).toEqual(['8: service.pipelines']);
    expect(places(textIssues(minimal({ service: '  pipelines:\n    logs/: { receivers: [otlp], exporters: [file] }' })))).toEqual(['10: service.pipelines.logs/']);
  });

  it('YAML duplicate keys are reported', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: /tmp/a }\n  file: { path: /tmp/b }' }));
    expect(issues[0]!.message).toMatch(/YAML syntax error: Map keys must be unique/);
    expect(issues[0]!.line).toBe(6);
  });

  it('an empty file', () => {
    expect(textIssues('# nothing here\n')).toMatchObject([{ line: 1, message: 'the config is empty' }]);
  });

  it('a file that is not a map', () => {
    expect(textIssues('- a\n- b\n')).toMatchObject([{ line: 1, path: '', message: 'expected a map of settings, got a list' }]);
  });

  it('agent.id with a space', () => {
    expect(places(textIssues(minimal({ extra: 'agent: { id: "web 01" }' })))).toEqual(['12: agent.id']);
  });
});

describe('files and the error format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealog-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an unreadable file is a ConfigError at line 0', () => {
    const path = join(dir, 'missing.yaml');
    try {
      loadConfigFile(path, {});
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.issues).toEqual([{ file: path, line: 0, col: 0, path: '', message: 'cannot read the config: file not found', hint: 'check the path given with -c' }]);
      expect(e.format()).toBe(`${path}:0: cannot read the config: file not found (check the path given with -c)`);
    }
  });

  it('a directory is unreadable too', () => {
    expect(() => loadConfigFile(dir, {})).toThrow(/is a directory/);
  });

  it('format() gives one `file:line: path: message (hint)` per issue and the message carries them too', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, minimal({ exporters: '  file: { path: /tmp/a, flush_interval: 5 }' }).replace('receivers:', 'receivers:\n  otlp/x: { protocols: { grpc: { max_concurrent_streams: 0 } } }'));
    try {
      loadConfigFile(path, {});
      expect.unreachable();
    } catch (err) {
      const e = err as ConfigError;
      expect(e.format().split('\n')).toEqual([
        `${path}:2: receivers.otlp/x.protocols.grpc.max_concurrent_streams: must be at least 1, got 0`,
        `${path}:6: exporters.file.flush_interval: duration 5 has no unit (write it with a unit, e.g. 5ms or 5s)`,
      ]);
      expect(e.message).toBe(`invalid configuration ${path}: 2 problems\n${e.format()}`);
    }
  });
});

describe('hints', () => {
  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests only plausible typos', () => {
    expect(didYouMean('endpont', ['endpoint', 'encoding'])).toBe('did you mean "endpoint"?');
    expect(didYouMean('Start-At', ['start_at'])).toBe('did you mean "start_at"?');
    expect(didYouMean('xyz', ['endpoint', 'encoding'])).toBeUndefined();
  });
});
