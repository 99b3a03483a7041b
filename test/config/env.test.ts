import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { expandEnv } from '../../src/config/env.js';
import { minimal, places, textIssues } from './helpers.js';

describe('expandEnv', () => {
  const env = { HOST: 'db.local', PORT: '5432', EMPTY: '' };

  it('replaces ${env:VAR} anywhere in a value', () => {
    expect(expandEnv('${env:HOST}:${env:PORT}/x', env)).toEqual({ ok: true, value: 'db.local:5432/x', whole: false });
  });

  it('uses the default when the variable is unset or empty', () => {
    expect(expandEnv('${env:NOPE:-fallback}', env)).toEqual({ ok: true, value: 'fallback', whole: true });
    expect(expandEnv('${env:EMPTY:-fallback}', env)).toMatchObject({ value: 'fallback' });
    expect(expandEnv('${env:HOST:-fallback}', env)).toMatchObject({ value: 'db.local' });
    expect(expandEnv('a${env:NOPE:-}b', env)).toMatchObject({ value: 'ab' });
  });

  it('expands a set-but-empty variable without default to nothing', () => {
    expect(expandEnv('[${env:EMPTY}]', env)).toMatchObject({ ok: true, value: '[]' });
  });

  it('reports an unset variable without a default', () => {
    expect(expandEnv('x ${env:MISSING} y', env)).toEqual({
      ok: false,
      message: 'environment variable MISSING is not set',
      hint: 'set it, or give a default: ${env:MISSING:-value}',
    });
  });

  it('writes a literal ${ for $${ and leaves other dollars alone', () => {
    expect(expandEnv('$${env:HOST} costs $5 and ^a$', env)).toMatchObject({ ok: true, value: '${env:HOST} costs $5 and ^a$' });
  });

  it('rejects other reference forms with a hint', () => {
    expect(expandEnv('${HOST}', env)).toMatchObject({ ok: false, message: 'unsupported reference "${HOST}"', hint: 'write ${env:HOST}; use $${ for a literal "${"' });
    expect(expandEnv('${file:/x}', env)).toMatchObject({ ok: false });
    expect(expandEnv('${env:1BAD}', env)).toMatchObject({ ok: false, message: 'invalid environment variable name "1BAD" in "${env:1BAD}"' });
    expect(expandEnv('${env:HOST', env)).toMatchObject({ ok: false, message: 'unterminated "${" in value' });
  });
});

describe('env expansion in a config', () => {
  it('gives a whole-value reference in a plain scalar its YAML type', () => {
    const yaml = minimal({ extra: 'spool:\n  dir: /tmp/s\n  max_size: ${env:MAX}\n' }).replace('spool: { dir: /tmp/sealog-test-spool }\n', '');
    const c = parseConfig(yaml.replace('integrity: { key: /tmp/sealog-test.key }', 'integrity: { key: /tmp/k }\nagent:\n  id: ${env:ID}'), 'x.yaml', {
      MAX: '134217728',
      ID: 'host-7',
    });
    expect(c.spool.maxSizeBytes).toBe(134_217_728);
    expect(c.agentId).toBe('host-7');
  });

  it('types a whole-value reference: numbers and booleans from plain scalars', () => {
    const yaml = minimal({ receivers: '  filelog:\n    include: [/x]\n    watch: ${env:WATCH}\n    max_batch_lines: ${env:LINES}', service: '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [filelog], exporters: [file] }' });
    const c = parseConfig(yaml, 'x.yaml', { WATCH: 'false', LINES: '128' });
    const f = c.receivers.get('filelog')!;
    expect(f.type === 'filelog' && f.watch).toBe(false);
    expect(f.type === 'filelog' && f.maxBatchLines).toBe(128);
  });

  it('keeps a quoted reference a string', () => {
    const yaml = minimal({ receivers: '  filelog:\n    include: [/x]\n    max_batch_lines: "${env:LINES}"', service: '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [filelog], exporters: [file] }' });
    expect(places(textIssues(yaml, { LINES: '128' }))).toEqual(['4: receivers.filelog.max_batch_lines']);
  });

  it('does not expand keys', () => {
    const yaml = minimal({ exporters: '  file: { path: /tmp/o.jsonl }\n  otlphttp:\n    endpoint: https://x:4318\n    headers:\n      ${env:H}: v' });
    const issues = textIssues(yaml, { H: 'x-h' });
    expect(places(issues)).toEqual(['9: exporters.otlphttp.headers.${env:H}']);
    expect(issues[0]!.message).toBe('"${env:H}" is not a valid HTTP header name');
  });

  it('reports every unset variable at its own line', () => {
    const yaml = minimal({ exporters: '  file:\n    path: ${env:A}\n  otlphttp:\n    endpoint: ${env:B}' });
    expect(places(textIssues(yaml))).toEqual(['6: exporters.file.path', '8: exporters.otlphttp.endpoint']);
  });

  it('points a YAML error caused by an unquoted reference in a flow map at quoting', () => {
    const issues = textIssues(minimal({ exporters: '  file: { path: ${env:OUT} }' }), { OUT: '/tmp/o' });
    expect(issues[0]!.hint).toBe('quote values containing ${...} inside { } or [ ], e.g. "${env:VAR}"');
  });
});
