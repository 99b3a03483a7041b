/**
 * The spool's Prometheus series (sealog_spool_*). Gauges are set when they
 * change, so several spools can share one registry through `labels`.
 */
import { MetricsRegistry } from '../telemetry/metrics.js';
export class SpoolMetrics {
    bytes;
    maxBytes;
    segments;
    fillRatio;
    framesAppended;
    recordsAppended;
    bytesAppended;
    corruptFramesSkipped;
    bytesCut;
    fullSize;
    fullDisk;
    diskErrors;
    fsyncs;
    fsyncSeconds;
    segmentsDeleted;
    missingSegments;
    #lagRecords;
    #lagBytes;
    #labels;
    constructor(registry, labels = {}) {
        const r = registry ?? new MetricsRegistry();
        const l = labels;
        this.#labels = labels;
        this.bytes = r.gauge('sealog_spool_bytes', 'Bytes of spool segment files on disk.').labels(l);
        this.maxBytes = r.gauge('sealog_spool_max_bytes', 'Configured spool max_size in bytes.').labels(l);
        this.segments = r.gauge('sealog_spool_segments', 'Spool segment files on disk.').labels(l);
        this.fillRatio = r.gauge('sealog_spool_fill_ratio', 'Spool bytes divided by max_size.').labels(l);
        this.framesAppended = r.counter('sealog_spool_frames_appended_total', 'Data frames appended to the spool.').labels(l);
        this.recordsAppended = r.counter('sealog_spool_records_appended_total', 'Log records appended to the spool.').labels(l);
        this.bytesAppended = r.counter('sealog_spool_bytes_appended_total', 'Bytes written to spool segments.').labels(l);
        this.corruptFramesSkipped = r
            .counter('sealog_spool_corrupt_frames_skipped_total', 'Frames skipped because they failed their CRC or could not be parsed.')
            .labels(l);
        this.bytesCut = r.counter('sealog_spool_bytes_cut_total', 'Bytes cut from a torn or corrupt segment tail at startup.').labels(l);
        const full = r.counter('sealog_spool_full_events_total', 'Times the spool became full (reason: size = max_size reached, disk = ENOSPC/EIO).');
        this.fullSize = full.labels({ ...l, reason: 'size' });
        this.fullDisk = full.labels({ ...l, reason: 'disk' });
        this.diskErrors = r.counter('sealog_spool_disk_errors_total', 'Failed spool writes, fsyncs and truncates (ENOSPC, EIO, ...).').labels(l);
        this.fsyncs = r.counter('sealog_spool_fsync_total', 'fdatasync calls on spool segments.').labels(l);
        this.fsyncSeconds = r.counter('sealog_spool_fsync_seconds_sum', 'Total time spent in fdatasync on spool segments.').labels(l);
        this.segmentsDeleted = r.counter('sealog_spool_segments_deleted_total', 'Segments deleted after every reader acknowledged them.').labels(l);
        this.missingSegments = r
            .counter('sealog_spool_missing_segments_total', 'Segments that disappeared from under a reader (deleted by something else).')
            .labels(l);
        this.#lagRecords = r.gauge('sealog_spool_reader_lag_records', 'Records appended but not yet acknowledged by the reader (exporter).');
        this.#lagBytes = r.gauge('sealog_spool_reader_lag_bytes', 'Spool bytes not yet acknowledged by the reader (exporter).');
    }
    /** The lag gauges of one reader, bound once. */
    lagSeries(reader) {
        const l = { ...this.#labels, reader };
        return { records: this.#lagRecords.labels(l), bytes: this.#lagBytes.labels(l) };
    }
    setSize(bytes, segments, maxBytes) {
        this.bytes.set(bytes);
        this.segments.set(segments);
        this.maxBytes.set(maxBytes);
        this.fillRatio.set(maxBytes > 0 ? bytes / maxBytes : 0);
    }
}
//# sourceMappingURL=spool-metrics.js.map