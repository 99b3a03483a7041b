import type { ExportLogsServiceResponse, LogsData } from '../../otlp/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { LogsConsumer } from '../../pipeline/types.js';
import { type Failure } from './failures.js';
import type { TransportMetrics } from './metrics.js';
export type IngestResult = {
    ok: true;
    response: ExportLogsServiceResponse;
} | {
    ok: false;
    failure: Failure;
};
export declare function ingest(data: LogsData, consumer: LogsConsumer, metrics: TransportMetrics, logger: Logger): Promise<IngestResult>;
