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
 *   sealog_receiver_times_unrepresentable_total{receiver,transport}
 *   sealog_receiver_body_pool_bytes{receiver,transport}
 */
import { MetricsRegistry, type Metric, type Series } from '../../telemetry/metrics.js';

export type Transport = 'http' | 'grpc';

export class TransportMetrics {
  readonly recordsReceived: Series;
  readonly recordsAccepted: Series;
  readonly recordsRefused: Series;
  readonly bytesReceived: Series;
  readonly inFlight: Series;
  readonly timesUnrepresentable: Series;
  /** Bytes of request-body buffers kept for reuse (HTTP; let go 5-10 s after the last request). */
  readonly poolBytes: Series;
  /** For the decoder: one record's event time could not be represented (kept as 0 plus the text). */
  readonly countUnrepresentableTime = (): void => this.timesUnrepresentable.inc();
  readonly #requests: Metric;
  readonly #byCode = new Map<string, Series>();
  readonly #labels: { receiver: string; transport: Transport };

  constructor(registry: MetricsRegistry, receiver: string, transport: Transport) {
    const labels = { receiver, transport };
    this.#labels = labels;
    this.#requests = registry.counter(
      'sealog_receiver_requests_total',
      'OTLP requests answered by a receiver, by transport and status code (HTTP status or gRPC code name).',
    );
    this.recordsReceived = registry
      .counter('sealog_receiver_records_received_total', 'Log records a receiver decoded from its input.')
      .labels(labels);
    this.recordsAccepted = registry
      .counter('sealog_receiver_records_accepted_total', 'Log records a receiver handed to the pipeline and saw made durable.')
      .labels(labels);
    this.recordsRefused = registry
      .counter(
        'sealog_receiver_records_refused_total',
        'Log records a receiver refused (invalid, spool full, pipeline failure); the client was told.',
      )
      .labels(labels);
    this.bytesReceived = registry
      .counter('sealog_receiver_bytes_received_total', 'Request body bytes a receiver read (as sent on the wire).')
      .labels(labels);
    this.timesUnrepresentable = registry
      .counter(
        'sealog_receiver_times_unrepresentable_total',
        'Log records whose event time no uint64 ns can hold (before 1970 or after 2554): kept with time 0 and log.record.original_time.',
      )
      .labels(labels);
    this.inFlight = registry
      .gauge('sealog_receiver_requests_in_flight', 'Requests a receiver is currently handling.')
      .labels(labels);
    this.poolBytes = registry
      .gauge('sealog_receiver_body_pool_bytes', 'Bytes of request-body buffers a receiver keeps for reuse (HTTP); let go once no request came for 5 s.')
      .labels(labels);
  }

  /** Counts one answered request with this status code. */
  request(code: string | number): void {
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
export function registryOrPrivate(registry: MetricsRegistry | undefined): MetricsRegistry {
  return registry ?? new MetricsRegistry();
}
