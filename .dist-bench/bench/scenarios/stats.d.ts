/** Median and spread over runs. */
import type { RunMetrics, ScenarioResult, Spread } from './types.js';
export declare function median(values: readonly number[]): number;
export declare function spread(values: readonly number[]): Spread;
export declare function summarize(runs: readonly RunMetrics[]): ScenarioResult['summary'];
