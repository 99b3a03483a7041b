/**
 * The descriptor budget: at most max_concurrent_files handles are open (or
 * being opened) at once. When the budget is spent, the least recently used
 * idle file is closed; files that left the include set are closed last, since
 * their descriptor is the only way left to read them.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Series } from '../../telemetry/metrics.js';
import type { TrackedFile } from './tracked.js';

export class HandlePool {
  readonly #max: number;
  readonly #gauge: Series;
  /** Open files, least recently used first. */
  readonly #lru = new Map<string, TrackedFile>();
  readonly #closing = new Set<Promise<void>>();
  #count = 0;

  /** `onEvictOrphan` is told when a not yet drained orphan had to be closed. */
  constructor(
    max: number,
    gauge: Series,
    private readonly onEvictOrphan: (t: TrackedFile) => void,
  ) {
    this.#max = Math.max(1, max);
    this.#gauge = gauge;
  }

  /** Handles open or reserved. */
  get count(): number {
    return this.#count;
  }

  /** Takes a slot for a handle about to be opened, closing an idle file first if needed. */
  reserve(): void {
    if (this.#count >= this.#max) {
      const victim = this.#pick((t) => !t.busy && !t.orphan) ?? this.#pick((t) => !t.busy);
      if (victim) {
        this.release(victim);
        if (victim.orphan) this.onEvictOrphan(victim);
      }
    }
    this.#count++;
  }

  /** Gives back a reserved slot whose open failed. */
  cancel(): void {
    this.#count--;
    this.#gauge.set(this.#count);
  }

  /** Records an opened handle (in a reserved slot) as the file's. */
  attach(t: TrackedFile, fh: FileHandle): void {
    t.fh = fh;
    this.#lru.set(t.id, t);
    this.#gauge.set(this.#count);
  }

  /** Marks the file's handle as just used. */
  touch(t: TrackedFile): void {
    this.#lru.delete(t.id);
    this.#lru.set(t.id, t);
  }

  /** Closes the file's handle (in the background) and frees its slot. */
  release(t: TrackedFile): void {
    const fh = t.fh;
    if (!fh) return;
    t.fh = null;
    this.#lru.delete(t.id);
    this.cancel();
    const c = fh.close().catch(() => undefined);
    this.#closing.add(c);
    void c.finally(() => this.#closing.delete(c));
  }

  /** Resolves once every close started so far has finished. */
  async settled(): Promise<void> {
    while (this.#closing.size > 0) await Promise.allSettled([...this.#closing]);
  }

  #pick(ok: (t: TrackedFile) => boolean): TrackedFile | undefined {
    for (const t of this.#lru.values()) if (ok(t)) return t;
    return undefined;
  }
}
