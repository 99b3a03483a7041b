import type { BenchResult } from './types.js';
export declare function bench(opts: {
    quick: boolean;
}): Promise<BenchResult[]>;
