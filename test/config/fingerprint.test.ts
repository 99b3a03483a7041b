import { describe, expect, it } from 'vitest';
import { configFingerprint, parseConfig } from '../../src/config/load.js';
import { minimal } from './helpers.js';

const base = minimal({
  exporters: '  file: { path: /tmp/a.jsonl }\n  otlphttp:\n    endpoint: http://x:4318\n    headers: { a: "1", b: "2" }',
  service: '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [otlp], exporters: [file, otlphttp] }',
});

describe('configFingerprint', () => {
  const c1 = parseConfig(base, 'a.yaml', {});

  it('is a hex SHA-256 and the same for the same settings', () => {
    const f = configFingerprint(c1, 'otlphttp');
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(configFingerprint(parseConfig(base, 'other-name.yaml', {}), 'otlphttp')).toBe(f);
  });

  it('does not depend on key order or on defaults being written out', () => {
    const reordered = base.replace('headers: { a: "1", b: "2" }', 'headers: { b: "2", a: "1" }\n    compression: gzip');
    const c2 = parseConfig(reordered, 'a.yaml', {});
    expect(configFingerprint(c2, 'otlphttp')).toBe(configFingerprint(c1, 'otlphttp'));
  });

  it('changes only for the component whose settings changed', () => {
    const c2 = parseConfig(base.replace('headers: { a: "1", b: "2" }', 'headers: { a: "1", b: "3" }'), 'a.yaml', {});
    expect(configFingerprint(c2, 'otlphttp')).not.toBe(configFingerprint(c1, 'otlphttp'));
    for (const id of ['file', 'otlp', 'logs', 'spool', 'integrity', 'service', 'agent']) {
      expect(configFingerprint(c2, id)).toBe(configFingerprint(c1, id));
    }
  });

  it('covers pipelines and the top-level sections', () => {
    const c2 = parseConfig(base.replace('exporters: [file, otlphttp]', 'exporters: [otlphttp, file]').replace('/tmp/sealog-test-spool', '/tmp/other-spool'), 'a.yaml', {});
    expect(configFingerprint(c2, 'logs')).not.toBe(configFingerprint(c1, 'logs'));
    expect(configFingerprint(c2, 'spool')).not.toBe(configFingerprint(c1, 'spool'));
    expect(configFingerprint(c2, 'integrity')).toBe(configFingerprint(c1, 'integrity'));
  });

  it("is '' for a part the config does not have", () => {
    expect(configFingerprint(c1, 'otlphttp/gone')).toBe('');
    expect(configFingerprint(c1, 'logs/other')).toBe('');
  });
});
