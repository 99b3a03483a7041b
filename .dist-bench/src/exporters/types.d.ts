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
     */
    onDeadLetter?: (meta: DeadLetterMeta) => void;
}
export interface Exporter extends Component {
    readonly id: string;
    /** Export until everything appended so far is acknowledged, or until timeoutMs passes; resolves true when caught up. */
    drain(timeoutMs: number): Promise<boolean>;
}
