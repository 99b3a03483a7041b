/**
 * The exporter metrics, bound once per exporter (label exporter=<id>) so hot
 * paths only call inc() on pre-bound series.
 */
import { MetricsRegistry } from '../telemetry/metrics.js';
export class ExporterMetrics {
    recordsSent;
    retries;
    failedRequests;
    deadLetteredRecords;
    partialRejectedRecords;
    inFlight;
    bytesSent;
    durationSum;
    durationCount;
    fileRotations;
    fileWriteErrors;
    #requests = new Map();
    #registry;
    #id;
    constructor(registry, exporterId) {
        const r = (this.#registry = registry ?? new MetricsRegistry());
        this.#id = exporterId;
        const l = { exporter: exporterId };
        this.recordsSent = r.counter('sealog_exporter_records_sent_total', 'Log records accepted by the destination.').labels(l);
        this.retries = r.counter('sealog_exporter_retries_total', 'Export attempts that failed transiently and were scheduled again.').labels(l);
        this.failedRequests = r
            .counter('sealog_exporter_failed_requests_total', 'Export requests that failed (network error, timeout, non-2xx status).')
            .labels(l);
        this.deadLetteredRecords = r
            .counter('sealog_exporter_dead_lettered_records_total', 'Log records written to the dead-letter area instead of the destination.')
            .labels(l);
        this.partialRejectedRecords = r
            .counter('sealog_exporter_partial_rejected_records_total', 'Log records the destination rejected in a partial-success response.')
            .labels(l);
        this.inFlight = r.gauge('sealog_exporter_in_flight', 'Export requests currently in flight.').labels(l);
        this.bytesSent = r.counter('sealog_exporter_bytes_sent_total', 'Bytes written to the destination (request bodies as sent, or file bytes).').labels(l);
        this.durationSum = r.counter('sealog_exporter_export_duration_seconds_sum', 'Total seconds spent in export requests.').labels(l);
        this.durationCount = r.counter('sealog_exporter_export_duration_seconds_count', 'Number of export requests timed.').labels(l);
        this.fileRotations = r.counter('sealog_exporter_file_rotations_total', 'Output files rotated by the file exporter.').labels(l);
        this.fileWriteErrors = r.counter('sealog_exporter_file_write_errors_total', 'Failed writes or fsyncs of the file exporter (retried).').labels(l);
    }
    /** Counter of requests by outcome: the HTTP status code, or `error` / `timeout` when there was none. */
    requests(status) {
        let s = this.#requests.get(status);
        if (!s) {
            s = this.#registry
                .counter('sealog_exporter_requests_total', 'Export requests by result (HTTP status, error or timeout).')
                .labels({ exporter: this.#id, status });
            this.#requests.set(status, s);
        }
        return s;
    }
}
//# sourceMappingURL=metrics.js.map