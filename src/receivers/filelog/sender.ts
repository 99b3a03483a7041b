/**
 * Hands one batch to the pipeline until it is durable: on SPOOL_FULL it waits
 * for space and sends the same batch again (nothing was taken); on any other
 * failure it logs and retries with capped exponential backoff. Only stopping
 * the receiver ends the loop without delivery.
 */
import type { FilePosition, InputGap, LogBatch, LogsConsumer } from '../../pipeline/types.js';
import { errorMessage, isAgentError } from '../../errors.js';
import type { Logger } from '../../telemetry/logger.js';
import type { Series } from '../../telemetry/metrics.js';

const BACKOFF_START_MS = 100;
const BACKOFF_MAX_MS = 5_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
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
  readonly #consumer: LogsConsumer;
  readonly #logger: Logger;
  readonly #signal: AbortSignal;
  readonly #waits: Series;

  constructor(consumer: LogsConsumer, logger: Logger, signal: AbortSignal, backpressureWaits: Series) {
    this.#consumer = consumer;
    this.#logger = logger;
    this.#signal = signal;
    this.#waits = backpressureWaits;
  }

  /** Resolves true once the batch is durable, false if the receiver stopped first. */
  deliver(batch: LogBatch, path: string): Promise<boolean> {
    return this.#until(() => this.#consumer.consume(batch), path);
  }

  /** Resolves true once the gap record (and the positions it settles) is durable, false if stopped first or the consumer keeps no chain. */
  declareGap(gap: InputGap, positions: FilePosition[]): Promise<boolean> {
    const c = this.#consumer;
    if (!c.declareGap) return Promise.resolve(false);
    return this.#until(() => c.declareGap!(gap, positions), gap.path);
  }

  async #until(op: () => Promise<void>, path: string): Promise<boolean> {
    let delay = BACKOFF_START_MS;
    let failures = 0;
    while (!this.#signal.aborted) {
      try {
        await op();
        if (failures > 0) this.#logger.info('filelog: pipeline accepts batches again', { path, failedAttempts: failures });
        return true;
      } catch (err) {
        if (isAgentError(err, 'SPOOL_FULL')) {
          this.#waits.inc();
          try {
            await this.#consumer.waitForSpace(this.#signal);
          } catch (waitErr) {
            if (this.#signal.aborted) return false;
            this.#logger.warn('filelog: waiting for spool space failed; retrying', { path, error: errorMessage(waitErr) });
            await sleep(delay, this.#signal);
            delay = Math.min(delay * 2, BACKOFF_MAX_MS);
          }
          continue;
        }
        if (this.#signal.aborted) return false;
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
