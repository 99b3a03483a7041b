/**
 * The receiver's Prometheus series, pre-bound to the label receiver=<id> so
 * the hot path only calls inc().
 */
import type { MetricsRegistry, Series } from '../../telemetry/metrics.js';
export interface FilelogMetrics {
    linesRead: Series;
    bytesRead: Series;
    filesOpen: Series;
    filesDiscovered: Series;
    rotations: Series;
    truncations: Series;
    linesTruncated: Series;
    linesSplit: Series;
    readErrors: Series;
    parseErrors: (parser: string) => Series;
    backpressureWaits: Series;
}
export declare function createFilelogMetrics(registry: MetricsRegistry | undefined, receiver: string): FilelogMetrics;
