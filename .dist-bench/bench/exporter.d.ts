export interface BenchResult {
    name: string;
    value: number;
    unit: string;
    extra?: Record<string, number | string>;
}
export declare function bench(opts: {
    quick: boolean;
    only?: string[];
}): Promise<BenchResult[]>;
