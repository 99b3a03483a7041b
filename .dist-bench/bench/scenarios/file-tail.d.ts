import { type BenchContext, type RunMetrics } from './types.js';
export interface FileTailOptions {
    sync: 'interval' | 'always';
    /** Also write everything with a `file` exporter to this path (for scenario 4). */
    fileOut?: string;
    /** Private key path (generated on first start); default: inside the run's temp dir. */
    keyFile?: string;
}
/** How long one run may take before it counts as hung: generous, so that only a hang times out. */
export declare function runTimeoutMs(records: number): number;
export declare function runFileTail(ctx: BenchContext, opts: FileTailOptions): Promise<RunMetrics>;
