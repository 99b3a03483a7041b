/**
 * Without spoolDir the SDK processor keeps its sealed frames in memory:
 * the sealing stage appends the stamped ResourceLogs objects here (no
 * protobuf encoding, no file, no decoding back) and the export loop reads
 * them as they are. Bounded in records: data frames that would take the
 * outbox past maxRecords are refused, all of the append, with SPOOL_FULL
 * (the sealing stage then drops them and writes a signed spool_full loss
 * record); control records always fit. An export call reads at most
 * MAX_CALL_BYTES (the frames' protobuf size, as the spool reads them).
 */
import { AgentError } from '../errors.js';
import { recordsIn, type FrameStore, type SealedFrame } from '../pipeline/frame-store.js';
import { resourceLogsProtoSize } from '../otlp/proto.js';
import type { ResourceLogs } from '../otlp/types.js';
import { MAX_CALL_BYTES, type Outbox, type OutboxBatch } from './outbox.js';

interface Held {
  id: number;
  rl: ResourceLogs;
  records: number;
  bytes: number;
}

export class MemoryOutbox implements FrameStore, Outbox {
  readonly #maxRecords: number;
  /** Appended and not acknowledged, oldest first; `#read` indexes the first one not yet handed out. */
  #held: Held[] = [];
  #head = 0;
  #read = 0;
  #records = 0;
  #lastId = 0;
  #ackedId = 0;
  #wakeReader: (() => void) | undefined;
  #spaceWaiters: Array<() => void> = [];

  constructor(maxRecords: number) {
    this.#maxRecords = maxRecords;
  }

  append(frames: readonly SealedFrame[], force: boolean): Promise<unknown> {
    let incoming = 0;
    for (const f of frames) incoming += recordsIn(f.rl);
    if (!force && this.#records + incoming > this.#maxRecords) {
      return Promise.reject(new AgentError('SPOOL_FULL', `the in-memory outbox holds ${this.#records} records and cannot take ${incoming} more (maxBufferedRecords ${this.#maxRecords})`));
    }
    for (const f of frames) {
      const records = recordsIn(f.rl);
      this.#held.push({ id: ++this.#lastId, rl: f.rl, records, bytes: resourceLogsProtoSize(f.rl) });
      this.#records += records;
    }
    const wake = this.#wakeReader;
    this.#wakeReader = undefined;
    wake?.();
    return Promise.resolve();
  }

  isFull(): boolean {
    return this.#records >= this.#maxRecords;
  }

  waitForSpace(signal?: AbortSignal): Promise<void> {
    if (!this.isFull() || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.#spaceWaiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  async next(maxRecords: number, signal: AbortSignal): Promise<OutboxBatch | undefined> {
    while (this.#read >= this.#held.length) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#wakeReader = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    const frames: ResourceLogs[] = [];
    let n = 0;
    let bytes = 0;
    let last = 0;
    while (this.#read < this.#held.length) {
      const h = this.#held[this.#read]!;
      if (frames.length > 0 && (n + h.records > maxRecords || bytes + h.bytes > MAX_CALL_BYTES)) break;
      frames.push(h.rl);
      n += h.records;
      bytes += h.bytes;
      last = h.id;
      this.#read++;
    }
    return { frames, lastId: last };
  }

  ack(id: number): Promise<void> {
    if (id > this.#ackedId) this.#ackedId = id;
    while (this.#head < this.#read && this.#held[this.#head]!.id <= id) {
      this.#records -= this.#held[this.#head]!.records;
      this.#head++;
    }
    // Compact once the acknowledged prefix is large, so the array does not grow forever.
    if (this.#head > 1024 && this.#head * 2 > this.#held.length) {
      this.#held = this.#held.slice(this.#head);
      this.#read -= this.#head;
      this.#head = 0;
    }
    if (!this.isFull() && this.#spaceWaiters.length > 0) for (const w of this.#spaceWaiters.splice(0)) w();
    return Promise.resolve();
  }

  lag(): number {
    return this.#records;
  }

  lastAppended(): number {
    return this.#lastId;
  }

  acked(): number {
    return this.#ackedId;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
