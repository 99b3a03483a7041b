/**
 * Contracts between receivers, processors and the sealing pipeline.
 *
 *   receiver --LogBatch--> consumer.consume() --> processors --> chain+seal --> spool.append()
 *                          (resolves when durable per spool.sync)
 */
import type { LogsData } from '../otlp/types.js';

/** Lifecycle of every component: start, then shutdown (idempotent, safe before start). */
export interface Component {
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Where a file receiver has read up to. `key` identifies the file across
 * renames: `${fingerprintHex}:${dev}:${ino}`. `offset` is the byte offset just
 * past the last line included in the batch (in the file's raw bytes, i.e.
 * compressed bytes are never used: gzip files are tracked by decompressed
 * offset under the key of their compressed fingerprint).
 */
export interface FilePosition {
  key: string;
  path: string;
  /**
   * -1 (SETTLED): the receiver is done with this file (read to its end, or
   * its loss declared in a gap record). Kept so its path still counts as
   * known, but never resumed or looked for again.
   */
  offset: number;
  /** The receiver id that owns this position (e.g. 'filelog/app'). */
  receiver: string;
}

/** The offset of a settled position (FilePosition.offset). */
export const SETTLED = -1;

/**
 * Input bytes a receiver knew existed and can no longer read (a file gone or
 * truncated before it was read to its end). Sealed as a gap record.
 */
export interface InputGap {
  receiver: string;
  path: string;
  /** The file's position key. */
  file: string;
  from: number;
  /** End of the range known to be missed; undefined when unknown. */
  to?: number;
  reason: 'gone' | 'truncated' | 'closed';
}

export interface LogBatch {
  data: LogsData;
  /** File read positions that become committed once this batch is durable. */
  positions?: FilePosition[];
}

export interface LogsConsumer {
  /**
   * Hands a batch to the pipeline. Resolves once it is durable in the spool
   * (per the spool's sync policy). Rejects with AgentError code 'SPOOL_FULL'
   * when the spool is full and when_full is `block` (nothing was taken; retry
   * after `waitForSpace()`), or with another AgentError on shutdown.
   */
  consume(batch: LogBatch): Promise<void>;
  /** Resolves when the spool has room again (immediately if it has). */
  waitForSpace(signal?: AbortSignal): Promise<void>;
  /**
   * Seals a gap record into the chain, together with `positions` (committed
   * in the same frame). Resolves once durable. Consumers without a chain
   * (tests) may leave it out; the receiver then only logs and counts.
   */
  declareGap?(gap: InputGap, positions: FilePosition[]): Promise<void>;
}

/** A processor transforms a batch in place before sealing; it may remove records. */
export interface Processor {
  readonly id: string;
  process(data: LogsData): void;
}
