import { type BenchContext, type RunMetrics } from './types.js';
export interface LatencyOptions {
    linesPerSec: number;
    seconds: number;
}
export declare function runLatency(ctx: BenchContext, o: LatencyOptions): Promise<RunMetrics>;
