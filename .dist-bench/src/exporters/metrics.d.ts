/**
 * The exporter metrics, bound once per exporter (label exporter=<id>) so hot
 * paths only call inc() on pre-bound series.
 */
import { MetricsRegistry, type Series } from '../telemetry/metrics.js';
export declare class ExporterMetrics {
    #private;
    readonly recordsSent: Series;
    readonly retries: Series;
    readonly failedRequests: Series;
    readonly deadLetteredRecords: Series;
    readonly partialRejectedRecords: Series;
    readonly inFlight: Series;
    readonly bytesSent: Series;
    readonly durationSum: Series;
    readonly durationCount: Series;
    readonly fileRotations: Series;
    readonly fileWriteErrors: Series;
    constructor(registry: MetricsRegistry | undefined, exporterId: string);
    /** Counter of requests by outcome: the HTTP status code, or `error` / `timeout` when there was none. */
    requests(status: string): Series;
}
