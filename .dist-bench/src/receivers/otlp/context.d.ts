/**
 * What both transport servers of one OTLP receiver share.
 */
import type { LogsConsumer } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import type { BearerAuth } from './auth.js';
export interface ReceiverContext {
    /** Receiver id, e.g. `otlp` or `otlp/edge`; used in messages and metric labels. */
    id: string;
    consumer: LogsConsumer;
    logger: Logger;
    /** Set when auth.bearer_token is configured. */
    auth: BearerAuth | undefined;
    maxNestingDepth: number;
}
