/**
 * Deletes segments that every reader has acknowledged, once `retain` has
 * passed (at once under space pressure). Runs are serialised; a request made
 * during a run causes one more run.
 *
 * Never deleted: the newest segment readers can see (it holds the newest
 * checkpoint and the id high-water mark), a segment still being written, or
 * anything while there are no readers. Before deleting, the newest segment
 * is fdatasynced, so a power cut cannot leave a spool with neither the old
 * segments nor a durable new one.
 */
import { errorMessage } from '../errors.js';
import type { Logger } from '../telemetry/logger.js';
import type { Segment, SegmentList } from './segment.js';
import type { SpoolMetrics } from './spool-metrics.js';
import { errnoCode, type SpoolFs } from './spool-fs.js';

export interface RetentionOptions {
  segments: SegmentList;
  fs: SpoolFs;
  dir: string;
  retainMs: number;
  now: () => number;
  logger: Logger;
  metrics: SpoolMetrics;
  /** Smallest durable acknowledged frame id over all readers; undefined when there are no readers. */
  minDurableAcked: () => number | undefined;
  /** Makes the newest visible segment durable (fdatasync if it has unsynced bytes). */
  syncNewest: (seg: Segment) => Promise<void>;
  /** Called after segments were deleted. */
  freed: () => void;
}

export class Retention {
  #running: Promise<boolean> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly o: RetentionOptions) {}

  /** Deletes what may go; `pressure` ignores retain (the spool is full). Resolves true if it deleted any. */
  collect(pressure: boolean): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async (): Promise<boolean> => {
      let freed = false;
      do {
        this.#again = false;
        if (await this.#once(pressure)) freed = true;
      } while (this.#again && !this.#closed);
      return freed;
    };
    this.#running = run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the retain timer and waits for a run in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #once(pressure: boolean): Promise<boolean> {
    const minAcked = this.o.minDurableAcked();
    if (minAcked === undefined) return false;
    const now = this.o.now();
    const items = this.o.segments.items;
    let newest = items.length - 1;
    while (newest >= 0 && items[newest].visibleEnd === 0) newest--;
    const doomed: Segment[] = [];
    let nextExpiry = Infinity;
    for (let i = 0; i < newest; i++) {
      const seg = items[i];
      if (!seg.sealed || seg.lastId > minAcked) break;
      if (seg.ackedAtMs === 0) seg.ackedAtMs = now;
      const keepUntil = seg.ackedAtMs + this.o.retainMs;
      if (pressure || now >= keepUntil) doomed.push(seg);
      else nextExpiry = Math.min(nextExpiry, keepUntil);
    }
    if (nextExpiry < Infinity) this.#schedule(nextExpiry - now);
    if (doomed.length === 0) return false;
    try {
      await this.o.syncNewest(items[newest]);
    } catch (err) {
      this.o.logger.warn('not deleting acknowledged segments: fdatasync of the newest segment failed', { error: errorMessage(err) });
      return false;
    }
    for (const seg of doomed) {
      seg.deleted = true;
      this.o.segments.remove(seg);
      try {
        await this.o.fs.unlink(seg.path);
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT') this.o.logger.error('could not delete an acknowledged spool segment', { segment: seg.name, error: errorMessage(err) });
      }
      this.o.metrics.segmentsDeleted.inc();
    }
    try {
      await this.o.fs.syncDir(this.o.dir);
    } catch (err) {
      this.o.logger.warn('fsync of the spool directory failed after deleting segments', { error: errorMessage(err) });
    }
    this.o.logger.debug('deleted acknowledged spool segments', { segments: doomed.map((s) => s.name), pressure });
    this.o.freed();
    return true;
  }

  #schedule(ms: number): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.collect(false);
    }, ms);
    this.#timer.unref();
  }
}
