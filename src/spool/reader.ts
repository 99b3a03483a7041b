/**
 * One exporter's view of the spool: a read position that runs ahead of an
 * acknowledged cursor. Frames are read in large chunks and returned as
 * views into the chunk; chunks are reused once the exporter has released
 * every frame read from them (see chunk-pool.ts).
 *
 *   oldest ─────────── acked ░░░░░░░ delivered, unacked ░░░░ read pos ──── visible end
 *                        │                                    │
 *                  cursor file                           next() continues here
 *
 * Checkpoint frames are skipped; damaged frames are skipped and counted; a
 * segment that vanished from the directory is logged and counted, and the
 * reader jumps to the next one that exists.
 */
import { AgentError, errorMessage } from '../errors.js';
import type { Logger } from '../telemetry/logger.js';
import type { Series } from '../telemetry/metrics.js';
import { ChunkPool } from './chunk-pool.js';
import type { CursorState } from './cursor-file.js';
import { FRAME_TYPE_DATA, SEGMENT_HEADER_BYTES } from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME, SCAN_SKIP, SCAN_TAIL, describeTail } from './frame-scanner.js';
import type { Segment, SegmentList } from './segment.js';
import { lastAtOrBefore } from './sorted.js';
import type { SpoolMetrics } from './spool-metrics.js';
import { errnoCode, type SpoolFileHandle, type SpoolFs } from './spool-fs.js';
import type { TimeIndex } from './time-index.js';
import type { ReadOptions, SpoolFrame, SpoolReader } from './types.js';

/** What a reader needs from its spool. */
export interface ReaderHost {
  readonly segments: SegmentList;
  readonly fs: SpoolFs;
  readonly logger: Logger;
  readonly metrics: SpoolMetrics;
  readonly chunkBytes: number;
  readonly timeIndex: TimeIndex;
  now(): number;
  closed(): boolean;
  /** Resolves at the next commit, on abort, or when the spool closes. */
  waitForCommit(signal?: AbortSignal): Promise<void>;
  /** Record index after the last frame readers can see. */
  visibleRecordsEnd(): number;
  persistCursor(reader: string, state: CursorState): Promise<void>;
  /** The ack tag of frame `id` starting at `offset` in `seg`; absent when the spool's owner gives none. */
  ackTag?(seg: Segment, offset: number, id: number): Promise<Uint8Array | undefined>;
  /** A cursor became durable: segments may be deletable. */
  cursorDurable(): void;
  /** The file of `seg` is gone: drop it from the spool (logs and counts once). */
  segmentMissing(seg: Segment, reader: string): void;
  /** A damaged region was skipped in `seg` at [from, to) (reported to the owner once per region). */
  damaged?(seg: Segment, from: number, to: number, frames: number | undefined): void;
}

export class Reader implements SpoolReader {
  readonly #host: ReaderHost;
  #acked: CursorState;
  /** Where the acknowledged frame starts in its segment (-1: not delivered by this reader, e.g. the start position). */
  #ackedStart = -1;
  #durable: CursorState;
  #persisting: Promise<void> | undefined;
  // Read position: the next frame is at #offset in #seg; #lastId is the last id passed.
  #seg: Segment | undefined;
  #offset = 0;
  #lastId = 0;
  #recordsEnd = 0;
  #gen = 0;
  #scanner: FrameScanner | undefined;
  readonly #chunks: ChunkPool;
  #fh: SpoolFileHandle | undefined;
  #scanSeg: Segment | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  // Delivered, not yet acknowledged: id -> position just past it.
  #ids: number[] = [];
  #segIds: number[] = [];
  #offsets: number[] = [];
  #starts: number[] = [];
  #records: number[] = [];
  #head = 0;
  readonly #lag: { records: Series; bytes: Series };

  constructor(
    readonly name: string,
    host: ReaderHost,
    start: CursorState,
  ) {
    this.#host = host;
    this.#chunks = new ChunkPool(host.chunkBytes);
    this.#acked = start;
    this.#durable = start;
    this.#lag = host.metrics.lagSeries(name);
    this.#moveTo(start);
  }

  /** The acknowledged frame id that is durable on disk (what retention goes by). */
  get durableAckedId(): number {
    return this.#durable.ackedId;
  }

  get ackedId(): number {
    return this.#acked.ackedId;
  }

  release(frames: readonly SpoolFrame[]): void {
    for (const f of frames) this.#chunks.release(f.payload);
  }

  next(opts: ReadOptions): Promise<SpoolFrame[]> {
    // Calls are served one at a time: they share the read position.
    const run = this.#queue.then(() => this.#read(opts));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async ack(id: number): Promise<void> {
    if (this.#host.closed()) throw new AgentError('SPOOL_IO', `spool reader ${this.name}: ack(${id}) after the spool was closed`);
    if (id > this.#acked.ackedId) {
      const n = this.#ids.length;
      const lastDelivered = n > this.#head ? this.#ids[n - 1] : this.#acked.ackedId;
      if (id > lastDelivered) {
        throw new AgentError('USAGE', `spool reader ${this.name}: ack(${id}) is past the last delivered frame (${lastDelivered})`);
      }
      const i = this.#lastDeliveredAtOrBefore(id);
      if (i >= 0) {
        this.#acked = { ackedId: this.#ids[i], segmentFirstId: this.#segIds[i], offset: this.#offsets[i], recordsEnd: this.#records[i], writtenAtMs: this.#host.now() };
        this.#ackedStart = this.#starts[i];
        this.#dropDelivered(i + 1);
      }
    }
    await this.#persist(this.#acked.ackedId);
    this.refreshGauges();
  }

  rewind(): void {
    this.#gen++;
    this.#ids.length = this.#segIds.length = this.#offsets.length = this.#starts.length = this.#records.length = 0;
    this.#head = 0;
    this.#moveTo(this.#acked);
  }

  lag(): { records: number; bytes: number; oldestMs: number | undefined } {
    const a = this.#acked;
    const records = Math.max(0, this.#host.visibleRecordsEnd() - a.recordsEnd);
    let bytes = 0;
    for (const s of this.#host.segments.items) {
      if (s.firstId > a.segmentFirstId && s.lastId > a.ackedId) bytes += s.visibleEnd;
      else if (s.firstId === a.segmentFirstId) bytes += Math.max(0, s.visibleEnd - a.offset);
    }
    let oldestMs: number | undefined;
    if (records > 0) {
      const t = this.#host.timeIndex.timeOf(a.ackedId + 1);
      if (t !== undefined) oldestMs = Math.max(0, this.#host.now() - t);
    }
    return { records, bytes, oldestMs };
  }

  atEnd(): boolean {
    const seg = this.#seg;
    const readable = seg !== undefined && (!seg.deleted || this.#scanSeg === seg);
    if (readable && this.#offset < seg.visibleEnd) return false;
    const next = this.#following();
    return !(next && next !== seg);
  }

  refreshGauges(): void {
    const l = this.lag();
    this.#lag.records.set(l.records);
    this.#lag.bytes.set(l.bytes);
  }

  /** Waits for a cursor write in flight and closes the open segment file. */
  async close(): Promise<void> {
    this.#gen++;
    await this.#queue;
    await this.#persisting?.catch(() => undefined);
    await this.#closeFile();
  }

  // ------------------------------------------------------------------ reading

  #moveTo(c: CursorState): void {
    this.#seg = c.segmentFirstId > 0 ? this.#host.segments.items.find((s) => s.firstId === c.segmentFirstId) : undefined;
    this.#offset = c.offset;
    this.#lastId = c.ackedId;
    this.#recordsEnd = c.recordsEnd;
    this.#dropScanner();
  }

  /** The segment to read after the current one (or to start with when there is none). */
  #following(): Segment | undefined {
    const list = this.#host.segments;
    if (this.#seg) return list.visibleAfterId(this.#seg.firstId);
    const h = list.holding(this.#lastId + 1);
    if (h && h.visibleEnd > 0 && h.lastId > this.#lastId) return h;
    return list.visibleAfterId(this.#lastId);
  }

  async #read(opts: ReadOptions): Promise<SpoolFrame[]> {
    const gen = this.#gen;
    const out: SpoolFrame[] = [];
    let records = 0;
    let bytes = 0;
    const host = this.#host;
    for (;;) {
      if (gen !== this.#gen) return [];
      if (opts.signal?.aborted || host.closed()) return out;
      const seg = this.#seg;
      const readable = seg !== undefined && (!seg.deleted || this.#scanSeg === seg);
      if (!readable || this.#offset >= seg.visibleEnd) {
        const next = this.#following();
        if (next && next !== seg) {
          this.#seg = next;
          this.#offset = SEGMENT_HEADER_BYTES;
          this.#recordsEnd = next.firstRecordIndex;
          this.#dropScanner();
          continue;
        }
        if (!readable) this.#seg = undefined;
        if (out.length > 0) return out;
        await host.waitForCommit(opts.signal);
        continue;
      }
      const sc = this.#scanner ?? (await this.#open(seg));
      if (gen !== this.#gen) return [];
      if (!sc) continue;
      sc.limit = seg.visibleEnd;
      const prevScanLast = sc.lastId;
      const ev = await sc.next();
      if (gen !== this.#gen) return [];
      if (ev === SCAN_FRAME) {
        const v = sc.view;
        if (v.type !== FRAME_TYPE_DATA || v.id <= this.#lastId) {
          // A checkpoint, a frame type this version does not know, or a frame acknowledged before.
          this.#offset = sc.pos;
          if (v.type === FRAME_TYPE_DATA) this.#recordsEnd += v.records;
          if (v.id > this.#lastId) this.#lastId = v.id;
          continue;
        }
        const size = v.payloadEnd - v.payloadStart;
        if (out.length > 0 && (records + v.records > opts.maxRecords || bytes + size > opts.maxBytes)) {
          sc.pos = sc.frameOffset; // leave it for the next call
          sc.lastId = prevScanLast;
          return out;
        }
        const payload = sc.buf.subarray(v.payloadStart, v.payloadEnd);
        this.#chunks.hold(payload);
        out.push({ id: v.id, records: v.records, flags: v.flags, payload, appendedAtMs: v.appendedAtMs });
        records += v.records;
        bytes += size;
        this.#offset = sc.pos;
        this.#lastId = v.id;
        this.#recordsEnd += v.records;
        this.#ids.push(v.id);
        this.#segIds.push(seg.firstId);
        this.#offsets.push(sc.pos);
        this.#starts.push(sc.frameOffset);
        this.#records.push(this.#recordsEnd);
        if (records >= opts.maxRecords || bytes >= opts.maxBytes) return out;
      } else if (ev === SCAN_SKIP) {
        host.metrics.corruptFramesSkipped.inc(sc.skipFrames);
        host.logger.warn('skipped damaged spool frames while reading', {
          reader: this.name,
          segment: seg.name,
          from: sc.skipFrom,
          to: sc.skipTo,
          frames: sc.skipFrames,
        });
        host.damaged?.(seg, sc.skipFrom, sc.skipTo, sc.skipFrames);
        this.#offset = sc.pos;
      } else if (ev === SCAN_TAIL) {
        host.metrics.corruptFramesSkipped.inc(1);
        host.logger.warn('skipped unreadable bytes at the end of a spool segment', {
          reader: this.name,
          segment: seg.name,
          from: sc.tailFrom,
          to: sc.limit,
          reason: describeTail(sc.tailReason),
        });
        host.damaged?.(seg, sc.tailFrom, sc.limit, undefined);
        this.#offset = seg.visibleEnd;
      } else if (ev === SCAN_END) {
        // The file ended before the visible end (cut by something else): nothing more to read in it.
        this.#offset = sc.pos < seg.visibleEnd ? seg.visibleEnd : sc.pos;
      }
    }
  }

  async #open(seg: Segment): Promise<FrameScanner | undefined> {
    await this.#closeFile();
    try {
      this.#fh = await this.#host.fs.open(seg.path, 'r');
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') {
        throw new AgentError('SPOOL_IO', `cannot read spool segment ${seg.path}: ${errorMessage(err)}`, { cause: err });
      }
      this.#host.segmentMissing(seg, this.name);
      this.#seg = undefined;
      return undefined;
    }
    this.#scanSeg = seg;
    const startLast = this.#offset <= SEGMENT_HEADER_BYTES ? seg.firstId - 1 : this.#lastId;
    this.#scanner = new FrameScanner(this.#fh, this.#offset, startLast, seg.visibleEnd, this.#host.chunkBytes, this.#chunks);
    return this.#scanner;
  }

  #dropScanner(): void {
    this.#scanner?.dispose();
    this.#scanner = undefined;
  }

  async #closeFile(): Promise<void> {
    const fh = this.#fh;
    this.#fh = undefined;
    this.#scanSeg = undefined;
    this.#dropScanner();
    await fh?.close().catch(() => undefined);
  }

  // ---------------------------------------------------------------- acking

  #lastDeliveredAtOrBefore(id: number): number {
    return lastAtOrBefore(this.#ids, this.#head, id);
  }

  #dropDelivered(upTo: number): void {
    this.#head = upTo;
    if (this.#head >= 4096 && this.#head * 2 >= this.#ids.length) {
      this.#ids = this.#ids.slice(this.#head);
      this.#segIds = this.#segIds.slice(this.#head);
      this.#offsets = this.#offsets.slice(this.#head);
      this.#starts = this.#starts.slice(this.#head);
      this.#records = this.#records.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Fills in the ack tag of the acknowledged frame (once per cursor state), if the spool's owner gives tags. */
  async #withTag(s: CursorState, start: number): Promise<void> {
    const host = this.#host;
    if (!host.ackTag || start < 0 || s.tag !== undefined) return;
    const seg = host.segments.items.find((x) => x.firstId === s.segmentFirstId);
    const tag = seg ? await host.ackTag(seg, start, s.ackedId) : undefined;
    if (tag) s.tag = tag;
  }

  /** Writes the cursor until the durable one covers `target`; concurrent acks share writes. */
  async #persist(target: number): Promise<void> {
    while (this.#durable.ackedId < target) {
      if (this.#persisting) {
        await this.#persisting.catch(() => undefined);
        continue;
      }
      const s = this.#acked;
      const p = this.#withTag(s, this.#ackedStart)
        .then(() => this.#host.persistCursor(this.name, s))
        .then(() => {
          if (s.ackedId > this.#durable.ackedId) this.#durable = s;
        });
      this.#persisting = p;
      try {
        await p;
      } catch (err) {
        throw new AgentError('SPOOL_IO', `could not save the cursor of spool reader ${this.name}: ${errorMessage(err)}`, { cause: err });
      } finally {
        if (this.#persisting === p) this.#persisting = undefined;
      }
      this.#host.cursorDurable();
    }
  }
}
