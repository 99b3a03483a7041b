/**
 * The spool's Prometheus series (sealog_spool_*). Gauges are set when they
 * change, so several spools can share one registry through `labels`.
 */
import { MetricsRegistry, type Labels, type Series } from '../telemetry/metrics.js';
export declare class SpoolMetrics {
    #private;
    readonly bytes: Series;
    readonly maxBytes: Series;
    readonly segments: Series;
    readonly fillRatio: Series;
    readonly framesAppended: Series;
    readonly recordsAppended: Series;
    readonly bytesAppended: Series;
    readonly corruptFramesSkipped: Series;
    readonly bytesCut: Series;
    readonly fullSize: Series;
    readonly fullDisk: Series;
    readonly diskErrors: Series;
    readonly fsyncs: Series;
    readonly fsyncSeconds: Series;
    readonly segmentsDeleted: Series;
    readonly missingSegments: Series;
    constructor(registry: MetricsRegistry | undefined, labels?: Labels);
    /** The lag gauges of one reader, bound once. */
    lagSeries(reader: string): {
        records: Series;
        bytes: Series;
    };
    setSize(bytes: number, segments: number, maxBytes: number): void;
}
