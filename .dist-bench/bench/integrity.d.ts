import { type LogsData } from '../src/otlp/types.js';
import type { BenchResult } from './types.js';
/** Realistic ~200-byte records (plain text and JSON bodies, a few attributes). */
export declare function benchRecords(n: number): LogsData;
export declare function bench(opts: {
    quick: boolean;
}): Promise<BenchResult[]>;
