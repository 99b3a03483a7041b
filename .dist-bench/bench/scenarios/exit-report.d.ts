export interface ExitReport {
    cpuSeconds: number;
    peakRssBytes: number;
    /** Peaks of process.memoryUsage() fields, when sampling was asked for. */
    memoryPeaks?: Record<string, number>;
}
/** This file, compiled: what NODE_OPTIONS=--import= must name. */
export declare const EXIT_REPORT_JS: string;
export declare const EXIT_REPORT_ENV = "SEALOG_BENCH_EXIT_REPORT";
export declare const MEMORY_SAMPLES_ENV = "SEALOG_BENCH_MEMORY_SAMPLES";
