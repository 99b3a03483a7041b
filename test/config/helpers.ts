import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile, parseConfig, type ConfigIssue } from '../../src/config/load.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The issues a config produces (fails the test if it loads). */
export function issuesOf(load: () => unknown): ConfigIssue[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the config to be rejected, but it loaded');
}

export function fixtureIssues(name: string, env: Record<string, string> = {}): ConfigIssue[] {
  return issuesOf(() => loadConfigFile(FIXTURES + name, env));
}

export function textIssues(yaml: string, env: Record<string, string> = {}): ConfigIssue[] {
  return issuesOf(() => parseConfig(yaml, 'inline.yaml', env));
}

/** `line: path` pairs, the part of each issue the tests pin exactly. */
export function places(issues: ConfigIssue[]): string[] {
  return issues.map((i) => `${i.line}: ${i.path}`);
}

/** A minimal valid config with `extra` YAML appended at top level or replacing sections. */
export function minimal(parts: { receivers?: string; processors?: string; exporters?: string; service?: string; extra?: string } = {}): string {
  return [
    'receivers:',
    parts.receivers ?? '  otlp:\n    protocols: { http: { endpoint: "127.0.0.1:0" } }',
    parts.processors ? `processors:\n${parts.processors}` : '',
    'exporters:',
    parts.exporters ?? '  file: { path: /tmp/sealog-test-out.jsonl }',
    'integrity: { key: /tmp/sealog-test.key }',
    'spool: { dir: /tmp/sealog-test-spool }',
    'service:',
    parts.service ?? '  telemetry: { metrics: none }\n  pipelines:\n    logs: { receivers: [otlp], exporters: [file] }',
    parts.extra ?? '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
