/**
 * The receiver's Prometheus series, pre-bound per transport so the request
 * path only calls `inc`/`set`.
 *
 *   sealog_receiver_requests_total{receiver,transport,code}
 *   sealog_receiver_records_received_total{receiver,transport}
 *   sealog_receiver_records_accepted_total{receiver,transport}
 *   sealog_receiver_records_refused_total{receiver,transport}
 *   sealog_receiver_bytes_received_total{receiver,transport}
 *   sealog_receiver_requests_in_flight{receiver,transport}
 */
import { MetricsRegistry } from '../../telemetry/metrics.js';
export class TransportMetrics {
    recordsReceived;
    recordsAccepted;
    recordsRefused;
    bytesReceived;
    inFlight;
    #requests;
    #byCode = new Map();
    #labels;
    constructor(registry, receiver, transport) {
        const labels = { receiver, transport };
        this.#labels = labels;
        this.#requests = registry.counter('sealog_receiver_requests_total', 'OTLP requests answered by a receiver, by transport and status code (HTTP status or gRPC code name).');
        this.recordsReceived = registry
            .counter('sealog_receiver_records_received_total', 'Log records a receiver decoded from its input.')
            .labels(labels);
        this.recordsAccepted = registry
            .counter('sealog_receiver_records_accepted_total', 'Log records a receiver handed to the pipeline and saw made durable.')
            .labels(labels);
        this.recordsRefused = registry
            .counter('sealog_receiver_records_refused_total', 'Log records a receiver refused (invalid, spool full, pipeline failure); the client was told.')
            .labels(labels);
        this.bytesReceived = registry
            .counter('sealog_receiver_bytes_received_total', 'Request body bytes a receiver read (as sent on the wire).')
            .labels(labels);
        this.inFlight = registry
            .gauge('sealog_receiver_requests_in_flight', 'Requests a receiver is currently handling.')
            .labels(labels);
    }
    /** Counts one answered request with this status code. */
    request(code) {
        const key = String(code);
        let s = this.#byCode.get(key);
        if (!s) {
            s = this.#requests.labels({ ...this.#labels, code: key });
            this.#byCode.set(key, s);
        }
        s.inc();
    }
}
/** The registry to use: the agent's, or a private one when none was given. */
export function registryOrPrivate(registry) {
    return registry ?? new MetricsRegistry();
}
//# sourceMappingURL=metrics.js.map