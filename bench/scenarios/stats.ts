/** Median and spread over runs. */
import type { MetricKey, RunMetrics, ScenarioResult, Spread } from './types.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const KEYS: MetricKey[] = ['recordsPerSec', 'mbPerSec', 'cpuSecPerMRecords', 'peakRssMb', 'p50Ms', 'p99Ms', 'maxMs', 'seconds'];

export function summarize(runs: readonly RunMetrics[]): ScenarioResult['summary'] {
  const out: ScenarioResult['summary'] = {};
  for (const k of KEYS) {
    const vals = runs.map((r) => r[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (vals.length) out[k] = spread(vals);
  }
  return out;
}
