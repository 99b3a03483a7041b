import type { BenchResult } from './types.js';
export declare function bench(o: {
    quick: boolean;
}): Promise<BenchResult[]>;
