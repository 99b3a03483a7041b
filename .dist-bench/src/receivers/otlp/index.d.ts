/**
 * The OTLP receiver: OTLP/HTTP and OTLP/gRPC servers that decode
 * ExportLogsServiceRequests, validate them and hand them to the pipeline,
 * answering success only once the records are durable in the spool.
 * See docs/OTLP-RECEIVER.md.
 */
import type { OtlpReceiverConfig } from '../../config/types.js';
import type { Component, LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { MetricsRegistry } from '../../telemetry/metrics.js';
export interface OtlpReceiverDeps {
    consumer: LogsConsumer;
    logger: Logger;
    metrics?: MetricsRegistry;
    /** How long shutdown lets requests in flight finish before cutting them (default 10 s). */
    drainTimeoutMs?: number;
}
export interface OtlpReceiver extends Component {
    /** Where OTLP/HTTP listens once started; undefined when HTTP is off or not started. */
    httpAddress(): {
        host: string;
        port: number;
    } | undefined;
    /** Where OTLP/gRPC listens once started; undefined when gRPC is off or not started. */
    grpcAddress(): {
        host: string;
        port: number;
    } | undefined;
}
export declare function createOtlpReceiver(cfg: OtlpReceiverConfig, deps: OtlpReceiverDeps): OtlpReceiver;
