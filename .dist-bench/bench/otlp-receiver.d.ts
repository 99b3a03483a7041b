import type { LogsData } from '../src/otlp/types.js';
export interface BenchResult {
    name: string;
    value: number;
    unit: string;
    extra?: Record<string, number | string>;
}
/** A realistic batch: 200-byte lines, mixed plain text and JSON, with file and host attributes. */
export declare function makeBatch(n: number, seed?: number): LogsData;
export declare function bench(opts: {
    quick: boolean;
}): Promise<BenchResult[]>;
