import { describe, expect, it } from 'vitest';
import { createProcessor } from '../../src/processors/index.js';
import type { FilterRule } from '../../src/config/types.js';
import { int, kv, kvlist, str } from '../../src/otlp/types.js';
import { NOOP_LOGGER } from '../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import { logs, record, records, seriesValue } from './data.js';

function filter(rules: FilterRule[]) {
  const metrics = new MetricsRegistry();
  const p = createProcessor({ type: 'filter', id: 'filter/t', rules }, { logger: NOOP_LOGGER, metrics });
  const count = (rule: string): number | undefined => seriesValue(metrics.render(), 'sealog_processor_filtered_records_total', { processor: 'filter/t', rule });
  return { p, count };
}

const bodies = (d: ReturnType<typeof logs>): unknown[] => records(d).map((r) => (r.body.type === 'string' ? r.body.value : r.body.type));

describe('filter processor', () => {
  it('drops records below min_severity and keeps unspecified severity', () => {
    const { p, count } = filter([{ name: 'below_warn', minSeverity: 13 }]);
    const data = logs([record('debug', [], 5), record('info', [], 9), record('warn', [], 13), record('error', [], 17), record('unknown', [], 0)]);
    p.process(data);
    expect(bodies(data)).toEqual(['warn', 'error', 'unknown']);
    expect(count('below_warn')).toBe(2);
  });

  it('drops string bodies matching body_regex; non-string bodies never match', () => {
    const { p, count } = filter([{ name: 'health', bodyRegex: '^GET /healthz' }]);
    const data = logs([record('GET /healthz 200'), record('GET /api 200'), record(kvlist([kv('msg', str('GET /healthz'))]))]);
    p.process(data);
    expect(bodies(data)).toEqual(['GET /api 200', 'kvlist']);
    expect(count('health')).toBe(1);
  });

  it('matches an attribute by exact string form or by regex', () => {
    const { p, count } = filter([
      { name: 'ok', attribute: { key: 'http.status_code', value: '200' } },
      { name: 'bots', attribute: { key: 'user_agent', regex: 'bot' } },
    ]);
    const data = logs([
      record('a', [kv('http.status_code', int(200))]),
      record('b', [kv('http.status_code', int(500))]),
      record('c', [kv('user_agent', str('Googlebot/2.1'))]),
      record('d', []),
    ]);
    p.process(data);
    expect(bodies(data)).toEqual(['b', 'd']);
    expect(count('ok')).toBe(1);
    expect(count('bots')).toBe(1);
  });

  it('all conditions of one rule must hold', () => {
    const { p } = filter([{ name: 'debug_from_lib', minSeverity: 9, attribute: { key: 'logger', value: 'lib' } }]);
    const data = logs([record('1', [kv('logger', str('lib'))], 5), record('2', [kv('logger', str('app'))], 5), record('3', [kv('logger', str('lib'))], 9)]);
    p.process(data);
    expect(bodies(data)).toEqual(['2', '3']);
  });

  it('a record dropped by several rules is counted once, under the first', () => {
    const { p, count } = filter([
      { name: 'first', bodyRegex: 'x' },
      { name: 'second', bodyRegex: 'x' },
    ]);
    const data = logs([record('x'), record('xx')]);
    p.process(data);
    expect(records(data)).toHaveLength(0);
    expect(count('first')).toBe(2);
    expect(count('second')).toBe(0);
  });

  it('removes scopes and resources it empties, keeps those that arrived empty', () => {
    const { p } = filter([{ name: 'all_x', bodyRegex: '^x$' }]);
    const data = logs([record('x')], [record('y'), record('x')], []);
    data.resourceLogs.push(...logs([record('x')]).resourceLogs);
    p.process(data);
    expect(data.resourceLogs).toHaveLength(1);
    expect(data.resourceLogs[0]!.scopeLogs.map((s) => s.logRecords.length)).toEqual([1, 0]);
    expect(bodies(data)).toEqual(['y']);
  });

  it('keeps record order and counts across batches', () => {
    const { p, count } = filter([{ name: 'odd', bodyRegex: '[13579]$' }]);
    for (let b = 0; b < 3; b++) {
      const data = logs(Array.from({ length: 10 }, (_, i) => record(String(i))));
      p.process(data);
      expect(bodies(data)).toEqual(['0', '2', '4', '6', '8']);
    }
    expect(count('odd')).toBe(15);
  });
});
