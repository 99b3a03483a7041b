/**
 * The transport-independent part of a request: validate the decoded records,
 * hand the valid ones to the pipeline, and say what to answer. A success is
 * returned only once `consumer.consume()` resolved, i.e. the records are
 * durable in the spool.
 */
import { errorMessage, isAgentError } from '../../errors.js';
import { describe, failures } from './failures.js';
import { validateRecords } from './validate.js';
const FULL_SUCCESS = Object.freeze({});
export async function ingest(data, consumer, metrics, logger) {
    const v = validateRecords(data);
    metrics.recordsReceived.inc(v.received);
    if (v.received === 0)
        return { ok: true, response: FULL_SUCCESS };
    if (v.acceptedCount === 0) {
        metrics.recordsRefused.inc(v.rejectedCount);
        return { ok: false, failure: failures.allRecordsInvalid(v.rejectedCount, v.violations) };
    }
    try {
        await consumer.consume({ data: v.accepted });
    }
    catch (err) {
        metrics.recordsRefused.inc(v.received);
        if (isAgentError(err, 'SPOOL_FULL')) {
            logger.debug('spool full: refusing request', { records: v.received });
            return { ok: false, failure: failures.spoolFull() };
        }
        const detail = errorMessage(err);
        logger.warn('pipeline refused records', { records: v.received, error: detail });
        return { ok: false, failure: failures.pipelineFailed(detail) };
    }
    metrics.recordsAccepted.inc(v.acceptedCount);
    if (v.rejectedCount === 0)
        return { ok: true, response: FULL_SUCCESS };
    metrics.recordsRefused.inc(v.rejectedCount);
    return {
        ok: true,
        response: {
            partialSuccess: {
                rejectedLogRecords: BigInt(v.rejectedCount),
                errorMessage: `${v.rejectedCount} of ${v.received} log records rejected: ${describe(v.violations, v.rejectedCount)}`,
            },
        },
    };
}
//# sourceMappingURL=ingest.js.map