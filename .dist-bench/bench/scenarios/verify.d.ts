import { type BenchContext, type RunMetrics } from './types.js';
/** Produces the file, then checks it up to ctx.runs times, starting no new check once budgetMs has passed. */
export declare function runVerify(ctx: BenchContext, budgetMs?: number): Promise<{
    runs: RunMetrics[];
    producer: RunMetrics;
}>;
