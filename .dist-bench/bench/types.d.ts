/** What every bench module returns: one row per figure. */
export interface BenchResult {
    name: string;
    value: number;
    unit: string;
    extra?: Record<string, number | string>;
}
