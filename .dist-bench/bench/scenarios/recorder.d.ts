import type { RunMetrics, ScenarioResult } from './types.js';
export declare class ScenarioRecorder {
    readonly id: string;
    readonly title: string;
    readonly measured: string;
    private readonly log;
    private readonly budgetMs;
    private readonly runs;
    private readonly notes;
    private error;
    private skipped;
    private firstStart;
    private overBudget;
    /**
     * budgetMs: once the runs so far took this long, later runs are left out
     * (with a note), so that a slow build keeps the whole bench near 10 minutes.
     */
    constructor(id: string, title: string, measured: string, log: (line: string) => void, budgetMs?: number);
    get failed(): boolean;
    /** False once a run failed or the time budget is spent. */
    get open(): boolean;
    /** Runs one measurement unless an earlier one failed or the budget is spent; a failure is kept and printed, not thrown. */
    run(label: string, fn: () => Promise<RunMetrics>): Promise<RunMetrics | undefined>;
    add(label: string, m: RunMetrics): void;
    fail(message: string): void;
    skip(why: string): void;
    note(text: string): void;
    result(): ScenarioResult;
}
