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
import { MetricsRegistry, type Series } from '../../telemetry/metrics.js';
export type Transport = 'http' | 'grpc';
export declare class TransportMetrics {
    #private;
    readonly recordsReceived: Series;
    readonly recordsAccepted: Series;
    readonly recordsRefused: Series;
    readonly bytesReceived: Series;
    readonly inFlight: Series;
    constructor(registry: MetricsRegistry, receiver: string, transport: Transport);
    /** Counts one answered request with this status code. */
    request(code: string | number): void;
}
/** The registry to use: the agent's, or a private one when none was given. */
export declare function registryOrPrivate(registry: MetricsRegistry | undefined): MetricsRegistry;
