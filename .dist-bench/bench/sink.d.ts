export interface LatencySummary {
    samples: number;
    p50Ms: number;
    p90Ms: number;
    p99Ms: number;
    maxMs: number;
}
export interface SinkReport {
    /** Data records (OTLP mode) or lines (TCP mode) counted. */
    records: number;
    /** Control records: seals, genesis and loss records (OTLP mode). */
    control: number;
    requests: number;
    /** Request bytes as they came over the wire (compressed when gzip). */
    wireBytes: number;
    errors: number;
    lastError?: string;
    firstAt?: number;
    lastAt?: number;
    latency?: LatencySummary;
}
export type SinkMessage = ({
    type: 'ready';
    port: number;
} | ({
    type: 'done' | 'status';
} & SinkReport));
export declare function nowMs(): number;
/** Percentile by nearest rank over the first n values, which are sorted in place. */
export declare function percentile(sorted: Float64Array, n: number, p: number): number;
