/**
 * The exporter contract: what the pipeline passes in and what it calls.
 * Every exporter pulls frames through its own SpoolReader (its own cursor)
 * and acknowledges only what its destination has accepted.
 */
import type { Component } from '../pipeline/types.js';
import type { SpoolReader } from '../spool/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { DeadLetterMeta } from './dlq.js';

export interface ExporterDeps {
  reader: SpoolReader;
  logger: Logger;
  metrics?: MetricsRegistry;
  /** Directory for dead letters of this exporter, e.g. `<spool dir>/dlq/<exporter id>` (see `dlqDirFor`). */
  dlqDir: string;
  /**
   * Called after a batch was written to the dead-letter area (and before it
   * is acknowledged), so the pipeline can count it or write a loss record.
   * The exporter waits for the returned promise (which must not reject)
   * before it acknowledges the batch. `metaPath` is the entry's sidecar.
   */
  onDeadLetter?: (meta: DeadLetterMeta, metaPath: string) => Promise<void> | void;
  /**
   * Records the destination accepted the batch without (a partial success:
   * `records` rejected). Resolves once a signed loss record for them is
   * durable; the exporter acknowledges the batch only then (a crash before
   * that re-sends the batch, and the loss is declared on the retry). Rejects
   * when the loss record cannot be written; the exporter retries.
   */
  onLoss?: (records: number, reason: string) => Promise<void>;
}

export interface Exporter extends Component {
  readonly id: string;
  /** Export until everything appended so far is acknowledged, or until timeoutMs passes; resolves true when caught up. */
  drain(timeoutMs: number): Promise<boolean>;
}
