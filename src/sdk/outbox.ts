/**
 * What the SDK processor's export loop reads sealed frames from: the spool
 * (with spoolDir, durable) or memory (without it). Frames come out in the
 * order they were chained and are acknowledged by id, in that order.
 */
import type { ResourceLogs } from '../otlp/types.js';

/** Most bytes (as protobuf) one export call reads: large records cannot make one oversized request. */
export const MAX_CALL_BYTES = 4 * 1024 * 1024;

export interface OutboxBatch {
  /** One ResourceLogs per frame, in chain order. */
  frames: ResourceLogs[];
  /** The id to acknowledge once this batch (and every one before it) is done. */
  lastId: number;
}

export interface Outbox {
  /**
   * The next frames after the read position, at least one and at most
   * `maxRecords` records and MAX_CALL_BYTES (unless one frame holds more);
   * waits for a frame.
   * Undefined when `signal` aborts the wait.
   */
  next(maxRecords: number, signal: AbortSignal): Promise<OutboxBatch | undefined>;
  /** Everything up to and including `id` is done. */
  ack(id: number): Promise<void>;
  /** Records stored and not acknowledged. */
  lag(): number;
  /** The id of the newest frame stored (0 when none): once acked() reaches it, everything stored so far is done. */
  lastAppended(): number;
  /** The highest id acknowledged in this run (0 before the first ack). */
  acked(): number;
  close(): Promise<void>;
}
