import { type BenchContext, type RunMetrics } from './types.js';
export declare const CLIENTS = 4;
/** A port that was free a moment ago (the OS picks it; the agent binds it right after). */
export declare function freePort(): Promise<number>;
export declare function runOtlpReceive(ctx: BenchContext): Promise<RunMetrics>;
