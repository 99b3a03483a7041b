/**
 * With spoolDir the SDK processor's export loop reads the spool through
 * its cursor: frames are decoded back into ResourceLogs, and the cursor is
 * persisted as calls are acknowledged.
 */
import { decodeResourceLogsProto } from '../otlp/proto.js';
import type { ResourceLogs } from '../otlp/types.js';
import type { Spool } from '../spool/spool.js';
import type { SpoolReader } from '../spool/types.js';
import { MAX_CALL_BYTES, type Outbox, type OutboxBatch } from './outbox.js';

export class SpoolOutbox implements Outbox {
  readonly #spool: Spool;
  readonly #reader: SpoolReader;
  #ackedId = 0;

  constructor(spool: Spool, reader: string) {
    this.#spool = spool;
    this.#reader = spool.reader(reader);
    this.#reader.rewind();
  }

  async next(maxRecords: number, signal: AbortSignal): Promise<OutboxBatch | undefined> {
    for (;;) {
      const got = await this.#reader.next({ maxRecords, maxBytes: MAX_CALL_BYTES, signal });
      if (got.length === 0) {
        if (signal.aborted) return undefined;
        continue;
      }
      const frames: ResourceLogs[] = got.map((f) => decodeResourceLogsProto(f.payload));
      const lastId = got[got.length - 1]!.id;
      this.#reader.release(got);
      return { frames, lastId };
    }
  }

  async ack(id: number): Promise<void> {
    await this.#reader.ack(id);
    if (id > this.#ackedId) this.#ackedId = id;
  }

  lag(): number {
    return this.#reader.lag().records;
  }

  /** The newest frame's id (a checkpoint frame only ever starts a segment, before the frames of the append that made it). */
  lastAppended(): number {
    return this.#spool.stats().lastFrameId;
  }

  acked(): number {
    return this.#ackedId;
  }

  close(): Promise<void> {
    return this.#spool.close();
  }
}
