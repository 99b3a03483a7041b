/**
 * The spool: a durable, append-only, segmented write-ahead log between
 * sealing and export (docs/SPOOL.md). openSpool() takes the directory's lock
 * and recovers; append() group-commits; each exporter reads through its own
 * reader and cursor; a segment is deleted once every reader has acknowledged
 * all of it (and `retain` has passed).
 *
 *   writer.ts        group commit, segments, sync policy, write failures
 *   reader.ts        per-exporter read position and cursor
 *   recovery.ts      startup scan, torn-tail cut
 *   cursor-store.ts  cursor files and their checks
 *   retention.ts     deleting acknowledged segments
 *   space.ts         max_size and full-disk handling
 *   lock.ts          the advisory lock
 *   format.ts        the bytes on disk; frame-scanner.ts reads them
 */
import { AgentError, errorMessage, isAgentError } from '../errors.js';
import type { CursorState } from './cursor-file.js';
import { removeUnknownCursors, resolveCursor, writeCursorFile, type CursorContext } from './cursor-store.js';
import { SEGMENT_HEADER_BYTES } from './format.js';
import { DEFAULT_CHUNK_BYTES, FrameScanner, SCAN_FRAME } from './frame-scanner.js';
import { acquireLock, type SpoolLock } from './lock.js';
import { checkOptions, type SpoolOptions } from './options.js';
import { Reader, type ReaderHost } from './reader.js';
import { damageKey, neighbourMetas, recoverSegments, writeDamageNote, type RecoveryReport, type SpoolDamage } from './recovery.js';
import { Retention } from './retention.js';
import { scanSegments, type ScannedFrame } from './scan.js';
import type { Segment, SegmentList } from './segment.js';
import { Signal } from './signal.js';
import { SpaceGate } from './space.js';
import { nodeSpoolFs, type SpoolFs } from './spool-fs.js';
import { SpoolMetrics } from './spool-metrics.js';
import { TimeIndex } from './time-index.js';
import type { SpoolEntry, SpoolReader, SpoolStats } from './types.js';
import { SegmentWriter } from './writer.js';

export type { SpoolOptions } from './options.js';

/** Read size for one frame's ack tag: a frame's header and meta, and usually all of it. */
const ACK_TAG_CHUNK = 64 * 1024;
export type { ScannedFrame } from './scan.js';

interface SpoolInit {
  opts: SpoolOptions;
  fs: SpoolFs;
  lock: SpoolLock;
  segments: SegmentList;
  nextId: number;
  nextRecordIndex: number;
  metas: Uint8Array[];
  report: RecoveryReport;
  cursors: Map<string, CursorState>;
  metrics: SpoolMetrics;
  chunkBytes: number;
  tailLoss: TailLoss | undefined;
}

/**
 * What recovery found when readers had acknowledged frames the spool no
 * longer holds (its tail was lost: a power cut under sync: interval/none, or
 * a segment cut or removed by hand). The owner must not continue the state
 * the remaining frames carry as if nothing happened (docs/SPOOL.md).
 */
export interface TailLoss {
  /** Id of the last frame still on disk (0 if none). */
  lastIdOnDisk: number;
  /** Highest acknowledged frame id over all readers. */
  ackedId: number;
  /** The readers whose cursor is past the end, highest acknowledged first, with their ack tags. */
  readers: Array<{ name: string; ackedId: number; tag?: Uint8Array }>;
}

/** Opens (creating if needed) the spool in opts.dir: takes the lock, recovers, loads cursors. */
export async function openSpool(opts: SpoolOptions): Promise<Spool> {
  checkOptions(opts);
  const started = performance.now();
  const fs = opts.fs ?? nodeSpoolFs;
  const chunkBytes = opts.readChunkBytes ?? DEFAULT_CHUNK_BYTES;
  try {
    await fs.mkdir(opts.dir);
  } catch (err) {
    throw new AgentError('SPOOL_IO', `cannot create spool directory ${opts.dir}: ${errorMessage(err)}`, { cause: err });
  }
  let lock: SpoolLock;
  try {
    lock = await acquireLock(fs, opts.dir, opts.logger);
  } catch (err) {
    if (isAgentError(err)) throw err;
    throw new AgentError('SPOOL_IO', `cannot take the lock of spool ${opts.dir}: ${errorMessage(err)}`, { cause: err });
  }
  try {
    const rec = await recoverSegments(fs, opts.dir, opts.logger, chunkBytes);
    const metrics = new SpoolMetrics(opts.metrics, opts.metricLabels);
    metrics.bytesCut.inc(rec.report.cutBytes);
    metrics.corruptFramesSkipped.inc(rec.report.skippedFrames);
    const ctx: CursorContext = {
      fs,
      dir: opts.dir,
      segments: rec.segments,
      lastId: rec.lastId,
      recordsEnd: rec.recordsEnd,
      logger: opts.logger,
      chunkBytes,
      note: (m) => rec.report.messages.push(m),
    };
    await removeUnknownCursors(ctx, rec.files, new Set(opts.readers));
    const cursors = new Map<string, CursorState>();
    let maxAcked = rec.lastId;
    const pastEnd: TailLoss['readers'] = [];
    for (const name of opts.readers) {
      const r = await resolveCursor(ctx, name);
      cursors.set(name, r.state);
      maxAcked = Math.max(maxAcked, r.state.ackedId);
      if (r.origin === 'past-end') {
        // The file stays as it is: it is the evidence of what was acknowledged (its id and ack tag).
        pastEnd.push({ name, ackedId: r.state.ackedId, ...(r.state.tag ? { tag: r.state.tag } : {}) });
      } else if (r.origin !== 'stored') {
        // Make the resolved position durable now; an existing cursor file also lets acks proceed on a full disk.
        await writeCursorFile(fs, opts.dir, name, { ...r.state, writtenAtMs: (opts.now ?? Date.now)() }, opts.logger).catch((err: unknown) =>
          opts.logger.warn('could not write the initial cursor file', { reader: name, error: errorMessage(err) }),
        );
      }
    }
    const spool = new Spool({
      opts,
      fs,
      lock,
      segments: rec.segments,
      nextId: maxAcked + 1,
      nextRecordIndex: rec.recordsEnd,
      metas: rec.metas,
      report: rec.report,
      cursors,
      metrics,
      chunkBytes,
      tailLoss: pastEnd.length ? { lastIdOnDisk: rec.lastId, ackedId: maxAcked, readers: pastEnd.sort((a, b) => b.ackedId - a.ackedId) } : undefined,
    });
    rec.report.durationMs = performance.now() - started;
    opts.logger.info('spool opened', {
      dir: opts.dir,
      segments: rec.segments.items.length,
      bytes: rec.segments.diskBytes(),
      nextId: maxAcked + 1,
      cutBytes: rec.report.cutBytes,
      skippedFrames: rec.report.skippedFrames,
      recoveryMs: Math.round(rec.report.durationMs),
    });
    await spool.collectGarbage();
    return spool;
  } catch (err) {
    await lock.release().catch(() => undefined);
    if (isAgentError(err)) throw err;
    throw new AgentError('SPOOL_IO', `cannot open spool ${opts.dir}: ${errorMessage(err)}`, { cause: err });
  }
}

export class Spool {
  readonly recovery: RecoveryReport;
  /** Set when readers had acknowledged frames beyond the end of what recovery found on disk. */
  readonly tailLoss: TailLoss | undefined;
  readonly #o: SpoolOptions;
  readonly #fs: SpoolFs;
  readonly #lock: SpoolLock;
  readonly #segments: SegmentList;
  readonly #metas: Uint8Array[];
  readonly #metrics: SpoolMetrics;
  readonly #space: SpaceGate;
  readonly #writer: SegmentWriter;
  readonly #timeIndex = new TimeIndex();
  readonly #cursors: Map<string, CursorState>;
  readonly #readers = new Map<string, Reader>();
  readonly #host: ReaderHost;
  readonly #now: () => number;
  readonly #commits = new Signal();
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #retention: Retention;
  #gaugesAt = 0;

  /** Use openSpool(). */
  constructor(init: SpoolInit) {
    const o = init.opts;
    this.#o = o;
    this.#fs = init.fs;
    this.#lock = init.lock;
    this.#segments = init.segments;
    this.#metas = init.metas;
    this.#metrics = init.metrics;
    this.#cursors = init.cursors;
    this.#now = o.now ?? Date.now;
    this.recovery = init.report;
    this.tailLoss = init.tailLoss;
    for (const s of this.#segments.items) if (s.startedAtMs > 0) this.#timeIndex.add(s.firstId, s.startedAtMs);
    this.#space = new SpaceGate({
      maxBytes: o.maxSizeBytes,
      segmentBytes: o.segmentSizeBytes,
      usedBytes: () => this.#segments.logicalBytes(),
      releaseRetained: () => this.#retention.collect(true),
      freeBytes: () => this.#fs.freeBytes(o.dir),
      logger: o.logger,
      metrics: this.#metrics,
      retryInitialMs: o.diskRetryInitialMs ?? 200,
      retryMaxMs: o.diskRetryMaxMs ?? 5000,
    });
    this.#writer = new SegmentWriter({
      dir: o.dir,
      fs: this.#fs,
      segments: this.#segments,
      segmentSizeBytes: o.segmentSizeBytes,
      sync: o.sync,
      syncIntervalMs: o.syncIntervalMs,
      checkpoint: o.checkpoint,
      logger: o.logger,
      metrics: this.#metrics,
      space: this.#space,
      now: this.#now,
      nextId: init.nextId,
      nextRecordIndex: init.nextRecordIndex,
      onCommit: (firstId, at) => this.#onCommit(firstId, at),
    });
    this.#retention = new Retention({
      segments: this.#segments,
      fs: this.#fs,
      dir: o.dir,
      retainMs: o.retainMs,
      now: this.#now,
      logger: o.logger,
      metrics: this.#metrics,
      minDurableAcked: () => this.#minDurableAcked(),
      syncNewest: (seg) => this.#writer.syncSegment(seg),
      freed: () => {
        const first = this.#segments.first;
        if (first) this.#timeIndex.trimBefore(first.firstId);
        this.#updateSizeGauges();
        this.#space.spaceFreed();
      },
    });
    const self = this;
    this.#host = {
      segments: this.#segments,
      fs: this.#fs,
      logger: o.logger,
      metrics: this.#metrics,
      chunkBytes: init.chunkBytes,
      timeIndex: this.#timeIndex,
      now: this.#now,
      closed: () => self.#closed,
      waitForCommit: (signal) => (self.#closed ? Promise.resolve() : self.#commits.wait(signal)),
      visibleRecordsEnd: () => self.#visibleRecordsEnd(),
      persistCursor: (name, state) => writeCursorFile(self.#fs, o.dir, name, state, o.logger),
      ...(o.ackTag ? { ackTag: (seg: Segment, offset: number, id: number) => self.#ackTag(seg, offset, id) } : {}),
      cursorDurable: () => void self.#retention.collect(false),
      segmentMissing: (seg, reader) => self.#segmentMissing(seg, reader),
      damaged: (seg, from, to, frames) => self.#damaged(seg, { kind: 'skipped', segment: seg.name, bytes: to - from, from, ...(frames !== undefined ? { frames } : {}) }),
    };
    this.#updateSizeGauges();
  }

  /**
   * Appends entries as data frames in one write (concurrent calls are coalesced); resolves when durable per the sync policy.
   * The entries' bytes are copied before append() returns, so the caller may reuse their buffers at once.
   */
  append(entries: SpoolEntry[], opts?: { force?: boolean }): Promise<{ firstId: number; lastId: number }> {
    if (this.#closed) return Promise.reject(new AgentError('SPOOL_IO', `spool ${this.#o.dir} is closed: append refused`));
    return this.#writer.append(entries, opts?.force === true);
  }

  /** Meta of the newest checkpoint frame and of every data frame after it, as recovered at open (checkpoint first). */
  recoveryMeta(): Uint8Array[] {
    return this.#metas.slice();
  }

  /** The reader (and cursor) of one exporter; the same object for the same name. */
  reader(name: string): SpoolReader {
    let r = this.#readers.get(name);
    if (r) return r;
    let start = this.#cursors.get(name);
    if (!start) {
      // Not declared at open: no cursor file can exist for it (undeclared ones were removed), so it starts at the oldest frame.
      const first = this.#segments.first;
      start = first
        ? { ackedId: first.firstId - 1, segmentFirstId: first.firstId, offset: SEGMENT_HEADER_BYTES, recordsEnd: first.firstRecordIndex, writtenAtMs: 0 }
        : { ackedId: this.#writer.nextId - 1, segmentFirstId: 0, offset: 0, recordsEnd: this.#visibleRecordsEnd(), writtenAtMs: 0 };
      this.#cursors.set(name, start);
      this.#o.logger.info('spool reader added after open: it starts at the oldest frame on disk', { reader: name, fromId: start.ackedId + 1 });
    }
    r = new Reader(name, this.#host, start);
    this.#readers.set(name, r);
    return r;
  }

  isFull(): boolean {
    return this.#space.isFull();
  }

  /** Resolves when a small append would succeed again (at once if not full; also on abort or close). */
  waitForSpace(signal?: AbortSignal): Promise<void> {
    return this.#space.waitForSpace(signal);
  }

  stats(): SpoolStats {
    const items = this.#segments.items.filter((s) => s.visibleEnd > 0);
    const first = items[0];
    const last = items[items.length - 1];
    let frames = 0;
    let bytes = 0;
    for (const s of items) {
      frames += s.frames;
      bytes += s.size;
    }
    const cursors: SpoolStats['cursors'] = [];
    for (const name of this.#cursorNames()) {
      const r = this.reader(name) as Reader;
      const lag = r.lag();
      cursors.push({ name, ackedId: r.ackedId, lagRecords: lag.records, lagBytes: lag.bytes });
    }
    return {
      segments: items.length,
      bytes,
      maxBytes: this.#o.maxSizeBytes,
      records: first && last ? last.recordsEnd - first.firstRecordIndex : 0,
      frames,
      lastFrameId: last ? last.lastId : this.#writer.nextId - 1,
      full: this.isFull(),
      cursors,
    };
  }

  /**
   * The owner has declared recovery.damage (a durable signed loss record):
   * forget it, so the next start does not declare it again.
   */
  settleDamage(which?: SpoolDamage[]): Promise<void> {
    const settled = which ?? this.recovery.damage.slice();
    if (settled.length === 0) return Promise.resolve();
    return this.#writeNote(() => {
      this.recovery.damage = this.recovery.damage.filter((d) => !settled.includes(d));
      // Skipped regions stay on disk: remember them (while their segment exists) so they are not declared again.
      const present = new Set(this.#segments.items.map((s) => s.name));
      this.recovery.declared = [...this.recovery.declared, ...settled.map(damageKey).filter((k): k is string => k !== undefined)].filter((k) =>
        present.has(k.slice(0, k.lastIndexOf('@'))),
      );
    });
  }

  #noteWrites: Promise<void> = Promise.resolve();

  /** Applies `change` to the damage lists and rewrites recovery-damage.json, one write at a time. */
  #writeNote(change: () => void): Promise<void> {
    const p = this.#noteWrites.then(async () => {
      change();
      await writeDamageNote(this.#fs, this.#o.dir, this.recovery.damage, this.recovery.declared);
    });
    this.#noteWrites = p.catch(() => undefined);
    return p;
  }

  /** Damage a reader found (or a vanished segment): noted durably once per region, then handed to the owner. */
  #damaged(seg: Segment, d: SpoolDamage): void {
    const key = d.kind === 'missing_segment' ? `${d.segment}@missing` : damageKey(d);
    if (!this.#o.onDamage || key === undefined) return;
    if (this.recovery.declared.includes(key) || this.recovery.damage.some((x) => (x.kind === 'missing_segment' ? `${x.segment}@missing` : damageKey(x)) === key)) return;
    this.recovery.damage.push(d);
    const onDamage = this.#o.onDamage;
    void (async () => {
      if (d.kind === 'skipped' && d.from !== undefined) {
        try {
          Object.assign(d, await neighbourMetas(this.#fs, seg, d.from, this.#host.chunkBytes));
        } catch {
          // the seqs are a refinement; the region is declared either way
        }
      }
      await this.#writeNote(() => undefined).catch((err: unknown) => this.#o.logger.warn('could not note spool damage for the next start', { segment: d.segment, error: errorMessage(err) }));
      onDamage(d);
    })();
  }

  /** fdatasync now (after appends queued so far are written). */
  async sync(): Promise<void> {
    await this.#writer.sync();
  }

  /** Every frame still on disk with its meta, in order (checkpoint frames have records = 0). Damaged frames are left out. */
  scan(): AsyncIterable<ScannedFrame> {
    return scanSegments(this.#segments.items.slice(), this.#fs, this.#host.chunkBytes);
  }

  /** Flushes, fdatasyncs, waits for cursor writes, releases the lock; idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#doClose();
    return this.#closing;
  }

  async #doClose(): Promise<void> {
    let failure: unknown;
    try {
      await this.#writer.close();
    } catch (err) {
      failure = err;
    }
    this.#closed = true;
    this.#commits.notify();
    for (const r of this.#readers.values()) await r.close();
    this.#space.close();
    await this.#retention.close();
    try {
      await this.#lock.release();
    } catch (err) {
      failure ??= err;
    }
    if (failure !== undefined) {
      throw isAgentError(failure) ? failure : new AgentError('SPOOL_IO', `closing spool ${this.#o.dir} failed: ${errorMessage(failure)}`, { cause: failure });
    }
  }

  /** Deletes segments every reader has acknowledged (and retain allows). Used at open and after acks. */
  async collectGarbage(): Promise<void> {
    await this.#retention.collect(false);
  }

  // ---------------------------------------------------------------- internals

  #cursorNames(): string[] {
    return [...new Set([...this.#cursors.keys(), ...this.#readers.keys()])];
  }

  #minDurableAcked(): number | undefined {
    let min: number | undefined;
    for (const n of this.#cursorNames()) {
      const r = this.#readers.get(n);
      const id = r ? r.durableAckedId : this.#cursors.get(n)!.ackedId;
      min = min === undefined ? id : Math.min(min, id);
    }
    return min;
  }

  #visibleRecordsEnd(): number {
    const items = this.#segments.items;
    for (let i = items.length - 1; i >= 0; i--) if (items[i].visibleEnd > 0) return items[i].recordsEnd;
    return 0;
  }

  #onCommit(firstId: number, atMs: number): void {
    this.#timeIndex.add(firstId, atMs);
    this.#commits.notify();
    if (atMs - this.#gaugesAt >= 1000) {
      this.#gaugesAt = atMs;
      this.#updateSizeGauges();
      for (const r of this.#readers.values()) r.refreshGauges();
    }
  }

  #updateSizeGauges(): void {
    this.#metrics.setSize(this.#segments.diskBytes(), this.#segments.items.length, this.#o.maxSizeBytes);
  }

  /** The ack tag of frame `id` at `offset` in `seg` (read back from disk: once per acknowledgement, not per frame). */
  async #ackTag(seg: Segment, offset: number, id: number): Promise<Uint8Array | undefined> {
    let fh;
    try {
      fh = await this.#fs.open(seg.path, 'r');
    } catch {
      return undefined; // deleted meanwhile: the cursor keeps going without a tag
    }
    try {
      const sc = new FrameScanner(fh, offset, id - 1, seg.visibleEnd, ACK_TAG_CHUNK);
      if ((await sc.next()) !== SCAN_FRAME || sc.view.id !== id) return undefined;
      return this.#o.ackTag!(sc.buf.subarray(sc.view.metaStart, sc.view.metaEnd));
    } catch (err) {
      this.#o.logger.debug('could not read the ack tag of a frame', { segment: seg.name, id, error: errorMessage(err) });
      return undefined;
    } finally {
      await fh.close();
    }
  }

  #segmentMissing(seg: Segment, reader: string): void {
    if (seg.deleted) return;
    seg.deleted = true;
    this.#segments.remove(seg);
    this.#metrics.missingSegments.inc();
    this.#damaged(seg, { kind: 'missing_segment', segment: seg.name, bytes: seg.size, ...(seg.frames > 0 ? { frames: seg.frames } : {}) });
    this.#o.logger.error('a spool segment disappeared from the directory (removed by something other than sealog): its frames are lost for readers that had not read them', {
      segment: seg.name,
      firstId: seg.firstId,
      lastId: seg.lastId,
      reader,
    });
    this.#updateSizeGauges();
    this.#space.spaceFreed();
  }
}
