/** Shapes shared by the end-to-end scenarios and the runner. */
/** The generated input file every file scenario reads. */
export interface InputFile {
    path: string;
    lines: number;
    bytes: number;
}
export interface BenchContext {
    quick: boolean;
    /** Runs per scenario (median and spread are over these). */
    runs: number;
    input: InputFile;
    /** When set, agents run with `node --cpu-prof --cpu-prof-dir=<dir>`. */
    cpuProfDir?: string;
    /** Extra node options for every agent (`--agent-node-args`), e.g. ['--max-old-space-size=64']. */
    agentNodeArgs: string[];
    /** Extra environment for every agent (the profile mode's memory sampling). */
    agentEnv?: Record<string, string>;
    log(line: string): void;
}
/** One run of one scenario. Rates are per wall-clock second of the measured interval. */
export interface RunMetrics {
    records: number;
    seconds: number;
    recordsPerSec: number;
    mbPerSec: number;
    /** CPU seconds (user + system) of the measured process. */
    cpuSeconds: number;
    cpuSecPerMRecords: number;
    peakRssMb: number;
    p50Ms?: number;
    p99Ms?: number;
    maxMs?: number;
    extra?: Record<string, number | string>;
}
export type MetricKey = 'recordsPerSec' | 'mbPerSec' | 'cpuSecPerMRecords' | 'peakRssMb' | 'p50Ms' | 'p99Ms' | 'maxMs' | 'seconds';
export interface Spread {
    median: number;
    min: number;
    max: number;
}
export interface ScenarioResult {
    /** '1'..'6', and '4p' for the agent run that produces scenario 4's input. */
    id: string;
    title: string;
    /** Which process the CPU and RSS figures belong to. */
    measured: string;
    runs: RunMetrics[];
    summary: Partial<Record<MetricKey, Spread>>;
    /** Why the scenario did not run (e.g. rsyslog missing). */
    skipped?: string;
    /** What went wrong when it failed. */
    error?: string;
    notes: string[];
}
export declare function toMetrics(records: number, seconds: number, bytes: number, cpu: number, peakRssBytes: number): RunMetrics;
