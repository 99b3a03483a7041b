import { errorMessage, isAgentError } from '../../errors.js';
const BACKOFF_START_MS = 100;
const BACKOFF_MAX_MS = 5_000;
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const onAbort = () => {
            clearTimeout(t);
            resolve();
        };
        const t = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
export class Sender {
    #consumer;
    #logger;
    #signal;
    #waits;
    constructor(consumer, logger, signal, backpressureWaits) {
        this.#consumer = consumer;
        this.#logger = logger;
        this.#signal = signal;
        this.#waits = backpressureWaits;
    }
    /** Resolves true once the batch is durable, false if the receiver stopped first. */
    async deliver(batch, path) {
        let delay = BACKOFF_START_MS;
        let failures = 0;
        while (!this.#signal.aborted) {
            try {
                await this.#consumer.consume(batch);
                if (failures > 0)
                    this.#logger.info('filelog: pipeline accepts batches again', { path, failedAttempts: failures });
                return true;
            }
            catch (err) {
                if (isAgentError(err, 'SPOOL_FULL')) {
                    this.#waits.inc();
                    try {
                        await this.#consumer.waitForSpace(this.#signal);
                    }
                    catch (waitErr) {
                        if (this.#signal.aborted)
                            return false;
                        this.#logger.warn('filelog: waiting for spool space failed; retrying', { path, error: errorMessage(waitErr) });
                        await sleep(delay, this.#signal);
                        delay = Math.min(delay * 2, BACKOFF_MAX_MS);
                    }
                    continue;
                }
                if (this.#signal.aborted)
                    return false;
                failures++;
                if (failures === 1 || failures % 20 === 0) {
                    this.#logger.warn('filelog: pipeline rejected a batch; retrying the same batch with backoff', {
                        path,
                        attempt: failures,
                        retryInMs: delay,
                        code: isAgentError(err) ? err.code : undefined,
                        error: errorMessage(err),
                    });
                }
                await sleep(delay, this.#signal);
                delay = Math.min(delay * 2, BACKOFF_MAX_MS);
            }
        }
        return false;
    }
}
//# sourceMappingURL=sender.js.map