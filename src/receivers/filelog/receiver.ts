/**
 * The filelog receiver: discovery (polling plus chokidar hints), file
 * identity across rotation, a bounded pool of open descriptors, a small pool
 * of readers, and delivery of batches whose positions advance only once the
 * pipeline made them durable. See docs/FILELOG.md.
 */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { FilelogReceiverConfig } from '../../config/types.js';
import type { Component, FilePosition, InputGap, LogBatch, LogsConsumer } from '../../pipeline/types.js';
import { SETTLED } from '../../pipeline/types.js';
import type { LogsData } from '../../otlp/types.js';
import { newResource, newScope } from '../../otlp/types.js';
import { AgentError, errorMessage } from '../../errors.js';
import type { Logger } from '../../telemetry/logger.js';
import type { CompiledGlob } from './glob.js';
import { compileGlobs } from './glob.js';
import { discover } from './discovery.js';
import type { DiscoveryOptions, DiscoveryResult, FoundFile } from './discovery.js';
import { compatible, parsePositionKey, positionKey } from './identity.js';
import type { FilelogMetrics } from './metrics.js';
import { BatchBuilder } from './records.js';
import type { PendingBatch } from './records.js';
import { RecordScanner, newScanState } from './scanner.js';
import { compileParsers } from './parsers.js';
import { Sender } from './sender.js';
import { TrackedFile } from './tracked.js';
import { IdentityResolver, readHead } from './resolver.js';
import type { Unmatched } from './resolver.js';
import { DirectoryListings, searchDirectory } from './search.js';
import type { SearchHit } from './search.js';
import { CHANGE_THROTTLE_MS, startWatcher } from './watcher.js';
import { HandlePool } from './handles.js';
import { readAvailable, readDecompressed } from './reader.js';
import type { ReaderContext } from './reader.js';

export const SCOPE_NAME = 'sealog/filelog';

const MIN_READ_BUFFER = 256 * 1024;
const EMPTY_TAIL = Buffer.alloc(0);
const MAX_READERS = 8;
/** How far a file's mtime may lag the write that set it (coarse file timestamps). */
const MTIME_SLACK_MS = 25;

export interface ReceiverDeps {
  consumer: LogsConsumer;
  logger: Logger;
  metrics: FilelogMetrics;
  recovered: FilePosition[];
  now: () => bigint;
  /** The agent's own key file and spool directory: never read (docs/FILELOG.md, Security). */
  protectedFiles?: readonly string[];
  protectedDirs?: readonly string[];
}

/** Opened read-only, never through a symlink in the last path component. */
const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW;

function defaultNow(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1_000_000));
}
export { defaultNow };

function compileRegex(source: string, what: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    throw new AgentError('CONFIG_INVALID', `filelog ${what}: invalid regex ${JSON.stringify(source)}: ${errorMessage(err)}`);
  }
}

const SKIP_MESSAGES: Record<DiscoveryResult['skipped'][number]['reason'], string> = {
  symlink: 'filelog: skipped a symlink the include globs select (follow_symlinks is off)',
  symlink_target: 'filelog: skipped a symlink whose target the include globs do not select (or exclude does)',
  protected: "filelog: refused to read the agent's own key material or spool",
};

function isActive(t: TrackedFile): boolean {
  return t.state === 'active';
}

export class FilelogReceiver implements Component {
  readonly #cfg: FilelogReceiverConfig;
  readonly #consumer: LogsConsumer;
  readonly #log: Logger;
  readonly #m: FilelogMetrics;
  readonly #now: () => bigint;
  readonly #include: CompiledGlob[];
  readonly #exclude: CompiledGlob[];
  readonly #scanner: RecordScanner;
  readonly #builder: () => BatchBuilder;
  readonly #bufferSize: number;
  readonly #fpSize: number;
  readonly #maxOpen: number;
  readonly #maxReaders: number;
  readonly #orphanIdleMs: number;

  readonly #files = new Map<string, TrackedFile>();
  #byPath = new Map<string, TrackedFile>();
  readonly #ids: IdentityResolver;

  readonly #queue: TrackedFile[] = [];
  #running = 0;
  #holding = true;
  readonly #turns = new Set<Promise<void>>();
  readonly #handles: HandlePool;
  readonly #reader: ReaderContext;
  readonly #buffers: Buffer[] = [];

  readonly #abort = new AbortController();
  readonly #sender: Sender;
  #started = false;
  #starting: Promise<void> | null = null;
  #stopped = false;
  #pollTimer: NodeJS.Timeout | null = null;
  #soonTimer: NodeJS.Timeout | null = null;
  #scanning: Promise<void> | null = null;
  #scanAgain = false;
  #watcher: FSWatcher | null = null;
  readonly #warnedPaths = new Set<string>();
  /** Gap records and forgotten positions on their way into the chain (awaited at shutdown). */
  readonly #settling = new Set<Promise<unknown>>();
  readonly #listings: DirectoryListings;
  /** device:inode of every recovered position (settled ones too): files the receiver has read before. */
  readonly #knownIds = new Set<string>();
  #searching: Promise<unknown> = Promise.resolve();
  readonly #discovery: DiscoveryOptions;

  constructor(cfg: FilelogReceiverConfig, deps: ReceiverDeps) {
    this.#cfg = cfg;
    this.#consumer = deps.consumer;
    this.#log = deps.logger;
    this.#m = deps.metrics;
    this.#now = deps.now;
    if (cfg.include.length === 0) throw new AgentError('CONFIG_INVALID', `${cfg.id}: include must name at least one file glob`);
    this.#include = compileGlobs(cfg.include.map((p) => resolvePath(p)));
    this.#exclude = compileGlobs(cfg.exclude.map((p) => resolvePath(p)));
    this.#discovery = { followSymlinks: cfg.followSymlinks, protectedFiles: deps.protectedFiles ?? [], protectedDirs: deps.protectedDirs ?? [] };
    const ml = cfg.multiline;
    if (ml?.lineStartPattern !== undefined && ml.lineEndPattern !== undefined) {
      throw new AgentError('CONFIG_INVALID', `${cfg.id}: multiline takes line_start_pattern or line_end_pattern, not both`);
    }
    this.#scanner = new RecordScanner({
      encoding: cfg.encoding,
      maxLogSize: cfg.maxLogSizeBytes,
      action: cfg.maxLogSizeAction,
      ...(ml?.lineStartPattern !== undefined ? { lineStart: compileRegex(ml.lineStartPattern, 'multiline.line_start_pattern') } : {}),
      ...(ml?.lineEndPattern !== undefined ? { lineEnd: compileRegex(ml.lineEndPattern, 'multiline.line_end_pattern') } : {}),
    });
    const parsers = compileParsers(cfg.parsers);
    const m = this.#m;
    const parseSeries = parsers ? parsers.names.map((n, i) => m.parseErrors(`${i}:${n}`)) : [];
    const builderOpts = {
      encoding: cfg.encoding,
      maxBatchLines: cfg.maxBatchLines,
      includeFileName: cfg.includeFileName,
      includeFilePath: cfg.includeFilePath,
      includeProvenance: cfg.includeProvenance,
      parsers,
      onParseError: (i: number) => parseSeries[i]!.inc(),
      onSplit: () => m.linesSplit.inc(),
      onTruncated: () => m.linesTruncated.inc(),
    };
    this.#builder = () => new BatchBuilder(builderOpts);
    this.#bufferSize = Math.max(MIN_READ_BUFFER, this.#scanner.maxCarry + 64 * 1024);
    this.#fpSize = Math.max(16, Math.floor(cfg.fingerprintSizeBytes));
    this.#maxOpen = Math.max(1, Math.floor(cfg.maxConcurrentFiles));
    this.#handles = new HandlePool(this.#maxOpen, m.filesOpen, (t) => {
      // Reopened by its path, or found again in its directory (#relocate), when its turn comes.
      this.#log.debug('filelog: closed the descriptor of a file that left the include set before it was drained; it is reopened by name', {
        receiver: this.#cfg.id,
        path: t.path,
      });
    });
    this.#maxReaders = Math.max(1, Math.min(this.#maxOpen, MAX_READERS));
    this.#listings = new DirectoryListings(Math.max(5000, 10 * cfg.pollIntervalMs), this.#discovery);
    this.#orphanIdleMs = Math.max(1000, 2 * cfg.pollIntervalMs, cfg.forceFlushPeriodMs + cfg.pollIntervalMs);
    this.#reader = {
      scanner: this.#scanner,
      newBuilder: this.#builder,
      now: this.#now,
      stopped: () => this.#stopped,
      deliver: (t, batches) => this.#deliver(t, batches),
      forceFlushPeriodMs: cfg.forceFlushPeriodMs,
      scheduleFlush: (t, ms) => this.#scheduleFlush(t, ms),
      clearFlush: (t) => this.#clearFlushTimer(t),
    };
    this.#sender = new Sender(this.#consumer, this.#log, this.#abort.signal, m.backpressureWaits);
    this.#ids = new IdentityResolver(
      {
        cfg,
        fingerprintSize: this.#fpSize,
        copySettleMs: Math.max(3 * cfg.pollIntervalMs, 1000),
        log: this.#log,
        metrics: m,
        open: (t) => this.#ensureOpen(t),
        release: (t) => this.#handles.release(t),
        readError: (t, what, err) => this.#readError(t, what, err),
        stopped: () => this.#stopped,
        donorAdded: () => this.#markWaiting(),
      },
      deps.recovered,
    );
    for (const p of deps.recovered) {
      const k = p.receiver === cfg.id ? parsePositionKey(p.key) : undefined;
      if (k) this.#knownIds.add(k.id);
    }
  }

  /** Descriptors currently held (open files plus ones being opened). */
  openFiles(): number {
    return this.#handles.count;
  }

  async start(): Promise<void> {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    this.#starting = this.#start();
    await this.#starting;
  }

  async #start(): Promise<void> {
    const found = await discover(this.#include, this.#exclude, this.#discovery);
    this.#reportDiscoveryErrors(found);
    if (this.#stopped) return;
    this.#reconcile(found.files, true);
    // Own recovered positions first, so a copy never takes the position of a file that is still there.
    for (const t of [...this.#files.values()]) {
      if (this.#stopped) return;
      if (this.#ids.hasRecovered(t.id)) await this.#ids.matchRecovered(t);
    }
    // Positions no file in the include set resumes: rotated away (read on
    // wherever it went), or gone (a gap). Then superseded keys are forgotten.
    for (const u of this.#ids.takeUnmatched()) {
      if (this.#stopped) return;
      await this.#followRecovered(u);
    }
    const stale = this.#ids.stale.splice(0);
    if (stale.length > 0) this.#forgetKeys(stale, '');
    if (this.#cfg.watch) {
      try {
        this.#watcher = await startWatcher(this.#include, this.#exclude, {
          changed: (p) => {
            const t = this.#byPath.get(p);
            if (t) {
              this.#changed(t);
              this.#recheckAfterThrottle(t);
            } else this.#requestScan(10);
          },
          structure: () => this.#requestScan(10),
          error: (err) => this.#log.warn('filelog: file watcher error; polling continues', { receiver: this.#cfg.id, error: errorMessage(err) }),
        });
        if (this.#stopped) await this.#watcher.close();
      } catch (err) {
        this.#log.warn('filelog: could not start the file watcher; relying on polling', { receiver: this.#cfg.id, error: errorMessage(err) });
      }
    }
    if (this.#stopped) return;
    this.#holding = false;
    this.#pump();
    this.#schedulePoll();
    this.#log.info('filelog: started', { receiver: this.#cfg.id, files: this.#files.size, include: this.#cfg.include, watch: this.#cfg.watch });
  }

  async shutdown(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    if (this.#soonTimer) clearTimeout(this.#soonTimer);
    this.#pollTimer = this.#soonTimer = null;
    for (const t of this.#files.values()) this.#clearTimers(t);
    this.#queue.length = 0;
    if (this.#starting) await this.#starting.catch(() => undefined);
    if (this.#watcher) await this.#watcher.close().catch(() => undefined);
    if (this.#scanning) await this.#scanning;
    while (this.#turns.size > 0) await Promise.allSettled([...this.#turns]);
    while (this.#settling.size > 0) await Promise.allSettled([...this.#settling]);
    for (const t of this.#files.values()) this.#handles.release(t);
    await this.#handles.settled();
    this.#m.filesOpen.set(0);
  }

  // ------------------------------------------------------------ discovery

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      void this.#runScan().finally(() => this.#schedulePoll());
    }, this.#cfg.pollIntervalMs);
  }

  #requestScan(delayMs: number): void {
    if (this.#stopped || this.#holding) return;
    if (this.#scanning) {
      this.#scanAgain = true;
      return;
    }
    if (this.#soonTimer) return;
    this.#soonTimer = setTimeout(() => {
      this.#soonTimer = null;
      void this.#runScan();
    }, delayMs);
  }

  #runScan(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#scanning) {
      this.#scanAgain = true;
      return this.#scanning;
    }
    const run = (async () => {
      try {
        const found = await discover(this.#include, this.#exclude, this.#discovery);
        this.#reportDiscoveryErrors(found);
        if (!this.#stopped) this.#reconcile(found.files, false);
      } catch (err) {
        this.#m.readErrors.inc();
        this.#log.warn('filelog: discovery failed; will retry at the next poll', { receiver: this.#cfg.id, error: errorMessage(err) });
      }
    })();
    this.#scanning = run.finally(() => {
      this.#scanning = null;
      if (this.#scanAgain) {
        this.#scanAgain = false;
        this.#requestScan(0);
      }
    });
    return this.#scanning;
  }

  #reportDiscoveryErrors(found: DiscoveryResult): void {
    for (const e of found.errors) {
      this.#m.readErrors.inc();
      if (this.#warnedPaths.has(e.path)) continue;
      this.#warnedPaths.add(e.path);
      this.#log.warn('filelog: cannot read a path the include globs select; check its permissions', { receiver: this.#cfg.id, path: e.path, code: e.code });
    }
    for (const s of found.skipped) {
      const key = `${s.reason}:${s.path}`;
      if (this.#warnedPaths.has(key)) continue; // counted and told once per path, not at every poll
      this.#warnedPaths.add(key);
      this.#m.skipped(s.reason).inc();
      this.#log.warn(SKIP_MESSAGES[s.reason], { receiver: this.#cfg.id, path: s.path, ...(s.target !== undefined ? { target: s.target } : {}) });
    }
  }

  #reconcile(found: FoundFile[], initial: boolean): void {
    const now = Date.now();
    const seen = new Set<string>();
    const byPath = new Map<string, TrackedFile>();
    for (const f of found) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      let t = this.#files.get(f.id);
      if (!t) {
        const gz = this.#cfg.compression === 'gzip' && f.path.endsWith('.gz');
        t = new TrackedFile(f, initial, gz, now);
        this.#files.set(f.id, t);
        this.#m.filesDiscovered.inc();
        this.#mark(t);
      } else {
        if (t.path !== f.path) {
          this.#log.debug('filelog: file renamed', { receiver: this.#cfg.id, from: t.path, to: f.path });
          t.setPath(f.path);
          this.#m.rotations.inc();
        }
        if (t.orphan) t.orphan = t.outside = false;
        const changed = f.size !== t.seenSize || f.mtimeMs !== t.seenMtimeMs;
        if (changed) {
          t.seenSize = f.size;
          t.seenMtimeMs = f.mtimeMs;
          t.stableSince = now;
        }
        const waiting = t.state === 'unresolved' || t.state === 'deferred';
        const unread = t.state === 'active' && f.size !== t.readFrom && f.size !== t.pendingEof;
        if (changed || waiting || unread) this.#mark(t);
      }
      byPath.set(f.path, t);
    }
    this.#byPath = byPath;
    for (const t of [...this.#files.values()]) if (!seen.has(t.id)) this.#lost(t, now);
  }

  /**
   * A tracked file no longer matches: read it to its end through its
   * descriptor, or (closed) by name or wherever it went in its directory
   * (#relocate); forget it once drained.
   */
  #lost(t: TrackedFile, now: number): void {
    if (t.outside && t.state !== 'done') {
      this.#mark(t); // found outside the include set: read on by its own path
      return;
    }
    // Plain files not read to their end, and files not read at all yet (seen
    // empty, or not resolved before they left; compressed ones too): read on
    // through the descriptor, by name, or wherever they went in their
    // directory (#relocate), else a gap.
    const readable = t.state !== 'done' && (!t.gz || t.state !== 'active');
    if (readable) {
      if (!t.orphan) {
        t.orphan = true;
        t.lastGrowthAt = t.leftAt = now;
        this.#m.rotations.inc();
        this.#log.debug('filelog: file left the include set; reading it to its end', { receiver: this.#cfg.id, path: t.path });
      }
      this.#mark(t);
      return;
    }
    this.#forget(t, false, t.state === 'done');
  }

  /** Stops tracking a file; `retire`: its position may continue in a copy; `settle`: its committed positions are forgotten. */
  #forget(t: TrackedFile, retire: boolean, settle = false): void {
    if (t.removed) return;
    t.removed = true;
    if (retire) this.#ids.retire(t);
    this.#ids.forget(t);
    this.#clearTimers(t);
    if (!t.busy) this.#handles.release(t); // else when its turn ends
    this.#files.delete(t.id);
    if (settle) this.#forgetKeys(keysOf(t), t.path);
  }

  // ------------------------------------------------------------ files that left, gaps

  /** One search at a time: it opens files outside the descriptor budget (one at a time), and many at once would thrash. */
  #search(
    dir: string,
    id: string,
    fp: { hex: string; bytes?: Buffer },
    offset: number,
    copies: boolean,
    listings?: { cache: DirectoryListings; notBefore: number },
  ): Promise<SearchHit | undefined> {
    const run = this.#searching.then(() =>
      searchDirectory({ dir, id, fpHex: fp.hex, offset, ...(fp.bytes ? { fp: fp.bytes } : {}) }, { fingerprintSize: this.#fpSize, protect: this.#discovery, isTracked: (x) => this.#files.has(x), copies, ...(listings ? { listings } : {}) }),
    );
    this.#searching = run.catch(() => undefined);
    return run;
  }

  /** At start: a recovered position no file in the include set resumes by its inode. */
  async #followRecovered(u: Unmatched): Promise<void> {
    const r = u.best;
    const hit = await this.#search(dirname(r.path), u.id, { hex: r.fpHex }, r.offset, true);
    if (this.#stopped) return;
    if (hit?.kind === 'tracked') {
      this.#ids.donate(r); // a file in the include set continues it
      return;
    }
    if (hit) {
      this.#log.info('filelog: found a file rotated while the receiver was stopped; reading it on from the recovered position', {
        receiver: this.#cfg.id,
        path: r.path,
        now: hit.file.path,
        offset: r.offset,
      });
      this.#trackOutside(hit, r.offset, u.keys, { hex: r.fpHex });
      await this.#newerRotations(r.path, hit.file);
      return;
    }
    // A truncated file (still tracked, read from 0) settles its old keys with its first batch.
    const same = u.reason === 'truncated' ? this.#files.get(u.id) : undefined;
    if (same) same.priorKeys.push(...u.keys);
    this.#declareGap({ path: r.path, file: r.key, from: r.offset, reason: u.reason }, same ? [] : u.keys);
  }

  /**
   * Files rotated out of `path` after `found` while the receiver was stopped
   * (created and rotated away without ever being seen): names that start
   * with path's name without rotation suffixes (`.N`, `.gz`), outside the include set, changed after `found`, of no
   * device:inode the receiver has a position for. Read whole, oldest first. The recorded path itself
   * is no exception: when it is a rotated name (app.log.2), a newer generation may stand there now
   * (files in the include set are tracked already).
   */
  async #newerRotations(path: string, found: FoundFile): Promise<void> {
    const base = basename(path).replace(/(\.gz)?$/, '').replace(/(\.\d+)+$/, ''); // app.log.3.gz -> app.log
    const files = await this.#listings.get(dirname(path), Date.now());
    const newer = files
      .filter((f) => f.id !== found.id && f.mtimeMs > found.mtimeMs && basename(f.path).startsWith(base) && !this.#files.has(f.id) && !this.#knownIds.has(f.id))
      .sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const f of newer) {
      const { gz, ...file } = f;
      this.#log.info('filelog: found a file rotated while the receiver was stopped that it never read; reading it whole', { receiver: this.#cfg.id, path: f.path });
      this.#trackOutside({ kind: 'copy', file, gz }, 0, [], null);
    }
  }

  /** Reads a file found outside the include set (by searchDirectory) from `offset` to its end. */
  #trackOutside(hit: Extract<SearchHit, { file: unknown }>, offset: number, keys: string[], fp: { hex: string; bytes?: Buffer } | null): void {
    const gz = hit.kind === 'copy' && hit.gz;
    const old = this.#files.get(hit.file.id);
    if (old) {
      // Discovery saw it meanwhile (it is in the include set after all): start it there, unless it has started.
      if ((old.state === 'unresolved' || old.state === 'deferred') && old.resumeAt === undefined) {
        old.resumeAt = offset;
        old.priorKeys.push(...keys);
        this.#mark(old);
      }
      return;
    }
    const t = new TrackedFile(hit.file, false, gz, Date.now());
    t.outside = true;
    t.orphan = !gz;
    t.resumeAt = offset;
    t.resumeFp = fp;
    t.priorKeys.push(...keys);
    this.#files.set(t.id, t);
    this.#m.filesDiscovered.inc();
    this.#m.rotations.inc();
    this.#mark(t);
  }

  /**
   * A file that left the include set could not be reopened by its name: look
   * for it in its directory. Found by inode: read on under its new name. A
   * copy (or .gz) continues it: read that. Nothing: a gap from its position
   * whose end is unknown (bytes may have been written after the last look).
   */
  async #relocate(t: TrackedFile, depth: number): Promise<FileHandle | null> {
    // By inode through a listing shared by files leaving together; then by content (a copy, a .gz):
    // bytes written after the last look may be unread whatever the sizes seen say.
    const known = Math.max(t.seenSize, t.lastSize);
    // Not read yet but known to continue other content (found outside the include set): that
    // content's fingerprint and position identify it, not the nothing read of it so far.
    const pending = t.state !== 'active' && t.resumeAt !== undefined && t.resumeFp !== null;
    const fp = pending ? t.resumeFp! : { hex: t.fpHex, bytes: t.fp };
    const offset = pending ? t.resumeAt! : t.offset;
    const file = t.committedKey || (pending ? positionKey(fp.hex, t.dev, t.ino) : t.key);
    if (depth >= 3) {
      // Found under a new name three times in a row, and moved on each time before it was opened (a
      // rotation in progress): look again later rather than conclude it is gone.
      this.#scheduleFlush(t, this.#cfg.pollIntervalMs);
      return null;
    }
    const hit = await this.#search(dirname(t.path), t.id, fp, offset, true, { cache: this.#listings, notBefore: t.leftAt || Date.now() });
    if (this.#stopped || t.removed) return null;
    if (hit?.kind === 'inode') {
      this.#log.debug('filelog: found a file that left the include set under a new name', { receiver: this.#cfg.id, path: t.path, now: hit.file.path });
      t.setPath(hit.file.path);
      t.outside = true;
      return this.#ensureOpen(t, depth + 1);
    }
    if (hit?.kind === 'copy') {
      this.#trackOutside(hit, offset, keysOf(t), fp);
      this.#forget(t, false);
      return null;
    }
    if (hit?.kind === 'tracked') {
      this.#forget(t, true);
      return null;
    }
    // Found nowhere: whatever it held past the position is lost, how much is unknown (at least
    // what was seen). A file not read yet (seen empty, or not resolved) is gone from 0.
    const reason = t.state === 'active' ? 'closed' : 'gone';
    this.#declareGap({ path: t.path, file, from: offset, reason }, keysOf(t), Math.max(0, known - offset));
    this.#forget(t, true);
    return null;
  }

  /**
   * Truncated (or rewritten) below what was read at run time. Bytes may have
   * been written after the last look and before the truncation (the
   * copytruncate window), so whenever the old content held anything a copy
   * is looked for: outside the include set it is read from the position on;
   * one in the include set continues through the donor pool; none: a gap
   * from the position whose end is unknown (at least the bytes seen).
   */
  async #truncatedLive(t: TrackedFile, fh: FileHandle, size: number, noticedAt: number, mtimeMs: number): Promise<void> {
    const from = t.offset;
    const lastSize = t.lastSize;
    const known = Math.max(0, lastSize - from);
    const old = { path: t.path, file: t.committedKey || t.key, fp: { hex: t.fpHex, bytes: t.fp } };
    const hadContent = from > 0 || t.fp.length > 0;
    // A copy is made before the truncation, and the truncation happened before it was noticed and
    // before the file's current mtime (give or take coarse file timestamps): a listing started after
    // either holds the copy. The earlier lets files truncated together (a mass rotation) share one.
    const listings = { cache: this.#listings, notBefore: Math.min(noticedAt, mtimeMs + MTIME_SLACK_MS) };
    const hit = hadContent ? await this.#search(dirname(t.path), t.id, { hex: t.fpHex, bytes: t.fp }, from, true, listings) : undefined;
    if (this.#stopped || t.removed) return;
    // The copy settles the old content's committed position when it commits its start, not the truncated
    // file's first batch: a stop in between would otherwise leave the copy with no position to continue
    // (read again from 0). A tracked copy already reading (not waiting for a donor) takes none: settled here.
    const waiting = hit?.kind === 'tracked' && this.#byPath.get(hit.path)?.state !== 'active';
    const keys = keysOf(t); // its committed position, and those it was to settle (a recovered one it resumed)
    await this.#ids.truncated(t, fh, size, hit?.kind !== 'copy', hit?.kind === 'copy' || waiting);
    if (hit?.kind === 'copy') {
      t.priorKeys = []; // handed over to the copy
      this.#trackOutside(hit, from, keys, old.fp);
      // Seen in the original beyond the copy's end: written between the copy and the truncation, in neither file now.
      const copied = hit.file.size;
      if (!hit.gz && lastSize > copied && copied >= from) {
        this.#declareGap({ path: old.path, file: old.file, from: copied, reason: 'truncated' }, [], lastSize - copied);
      }
    } else if (hadContent && hit?.kind !== 'tracked') this.#declareGap({ path: old.path, file: old.file, from, reason: 'truncated' }, [], known);
  }

  /**
   * Seals a gap record (docs/FILELOG.md "Gaps"), with `keys` forgotten in
   * the same frame; counts and logs it. Retried until durable or stopped (a
   * restart finds the same gap again while its positions are not forgotten).
   */
  #declareGap(g: Omit<InputGap, 'receiver'>, keys: string[], atLeast = 0): void {
    const gap: InputGap = { ...g, receiver: this.#cfg.id };
    // Known to be missed: the range, or for an unknown end the bytes seen past its start.
    const bytes = g.to !== undefined ? g.to - g.from : atLeast;
    this.#log.warn('filelog: bytes of a file could not be read; a signed gap record goes into the chain', {
      receiver: gap.receiver,
      path: g.path,
      from: g.from,
      to: g.to ?? 'unknown',
      reason: g.reason,
    });
    const positions = this.#forgotten(keys, g.path);
    this.#settle(
      this.#sender.declareGap(gap, positions).then((ok) => {
        if (!ok && this.#stopped) return;
        this.#m.gaps.inc();
        this.#m.gapBytes.inc(bytes);
      }),
    );
  }

  /** Forgets committed positions (a file drained, superseded or declared): the next start does not look for them. */
  #forgetKeys(keys: string[], path: string): void {
    if (keys.length === 0) return;
    this.#settle(this.#sender.deliver({ data: { resourceLogs: [] }, positions: this.#forgotten(keys, path) }, path));
  }

  #forgotten(keys: string[], path: string): FilePosition[] {
    return [...new Set(keys)].map((key) => ({ key, path, offset: SETTLED, receiver: this.#cfg.id }));
  }

  #settle(p: Promise<unknown>): void {
    const q = p.catch((err: unknown) => this.#log.warn('filelog: could not record a settled position', { receiver: this.#cfg.id, error: errorMessage(err) }));
    this.#settling.add(q);
    void q.finally(() => this.#settling.delete(q));
  }

  /** Deferred files may be copies waiting for their original to go: look again. */
  #markWaiting(): void {
    for (const t of this.#files.values()) if (t.state === 'deferred') this.#mark(t);
  }

  // ------------------------------------------------------------ scheduling

  #mark(t: TrackedFile): void {
    if (t.removed || this.#stopped) return;
    if (t.busy) {
      t.again = true;
      return;
    }
    if (t.queued) return;
    t.queued = true;
    this.#queue.push(t);
    this.#pump();
  }

  #pump(): void {
    if (this.#holding) return;
    while (this.#running < this.#maxReaders && this.#queue.length > 0 && !this.#stopped) {
      const t = this.#queue.shift()!;
      t.queued = false;
      if (t.removed) continue;
      this.#run(t);
    }
  }

  #run(t: TrackedFile): void {
    t.busy = true;
    this.#running++;
    const p: Promise<void> = this.#turn(t)
      .catch((err: unknown) => {
        this.#m.readErrors.inc();
        if (!t.warned) {
          t.warned = true;
          this.#log.warn('filelog: reading a file failed; will retry', { receiver: this.#cfg.id, path: t.path, error: errorMessage(err) });
        }
      })
      .finally(() => {
        t.busy = false;
        this.#running--;
        this.#turns.delete(p);
        if (t.removed) this.#handles.release(t);
        if (t.again && !t.removed) {
          t.again = false;
          this.#mark(t);
        }
        this.#pump();
      });
    this.#turns.add(p);
  }

  /** A watcher says `t` changed: read it, or (seen empty, so not resolved) let discovery see its size first. */
  #changed(t: TrackedFile): void {
    if (t.waitsForSize) this.#requestScan(10); // coalesced like the events of paths not yet tracked
    else this.#mark(t);
  }

  /** One more look once the watcher's change throttle has passed: a write it dropped is read within ~55 ms, not at the next poll. */
  #recheckAfterThrottle(t: TrackedFile): void {
    if (t.recheckTimer || this.#stopped) return;
    t.recheckTimer = setTimeout(() => {
      t.recheckTimer = null;
      this.#changed(t);
    }, CHANGE_THROTTLE_MS + 5);
  }

  #clearTimers(t: TrackedFile): void {
    this.#clearFlushTimer(t);
    if (t.recheckTimer) clearTimeout(t.recheckTimer);
    t.recheckTimer = null;
  }

  #clearFlushTimer(t: TrackedFile): void {
    if (t.flushTimer) {
      clearTimeout(t.flushTimer);
      t.flushTimer = null;
    }
  }

  // ------------------------------------------------------------ descriptors

  /** The file's open handle, opening (and checking identity) if needed; null if unavailable now. */
  async #ensureOpen(t: TrackedFile, depth = 0): Promise<FileHandle | null> {
    if (t.fh) {
      this.#handles.touch(t);
      return t.fh;
    }
    this.#handles.reserve();
    let fh: FileHandle;
    try {
      fh = await open(t.path, OPEN_FLAGS);
    } catch (err) {
      this.#handles.cancel();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && t.orphan && !this.#stopped) return this.#relocate(t, depth);
      // ELOOP: a symlink was put where the discovered file was; the next scan looks again.
      if (code === 'ENOENT' || code === 'ELOOP') this.#requestScan(0);
      else this.#readError(t, 'cannot open file', err);
      return null;
    }
    this.#handles.attach(t, fh);
    let same = false;
    try {
      const st = await fh.stat({ bigint: true });
      same = `${st.dev}:${st.ino}` === t.id;
    } catch (err) {
      this.#readError(t, 'cannot stat file', err);
    }
    if (!same || this.#stopped || t.removed) {
      this.#handles.release(t);
      if (!same && t.orphan && !this.#stopped && !t.removed) return this.#relocate(t, depth);
      if (!same) this.#requestScan(0);
      return null;
    }
    return fh;
  }

  #readError(t: TrackedFile, what: string, err: unknown): void {
    this.#m.readErrors.inc();
    if (t.warned) return;
    t.warned = true;
    this.#log.warn(`filelog: ${what}; will retry`, { receiver: this.#cfg.id, path: t.path, code: (err as NodeJS.ErrnoException).code, error: errorMessage(err) });
  }

  #takeBuffer(): Buffer {
    return this.#buffers.pop() ?? Buffer.allocUnsafe(this.#bufferSize);
  }

  #giveBuffer(b: Buffer): void {
    if (this.#buffers.length < this.#maxReaders) this.#buffers.push(b);
  }

  // ------------------------------------------------------------ reading

  async #turn(t: TrackedFile): Promise<void> {
    if (this.#stopped || t.removed) return;
    if (t.state === 'done') {
      if (!t.gz || t.seenSize === t.lastSize) return;
      t.state = 'active'; // a compressed file changed after it was read: read on from its position
    }
    if (t.state === 'unresolved' || t.state === 'deferred') {
      if (t.gz) await this.#ids.resolveGz(t);
      else if (!t.waitsForSize) await this.#ids.resolve(t);
      if (!isActive(t)) {
        if (t.orphan && !t.removed) this.#idleOrphan(t);
        return;
      }
      // Continues where another key left off (a copy, a rotated or recovered file): commit that
      // start under its own key now, so a restart finds it even if it has nothing more to read.
      // A file found outside the include set and read whole commits its start (0) too: a restart before its
      // first batch then looks for it by that position, instead of not knowing it.
      if ((t.offset > 0 || (t.outside && !t.gz)) && t.committedKey !== t.key && !(await this.#deliver(t, [{ records: [], end: t.offset, tail: EMPTY_TAIL }]))) return;
    }
    if (t.gz) await this.#readGz(t);
    else await this.#readPlain(t);
  }

  #batch(t: TrackedFile, b: PendingBatch): LogBatch {
    const data: LogsData = {
      resourceLogs: [
        {
          resource: newResource(),
          scopeLogs: [{ scope: newScope(SCOPE_NAME, ''), logRecords: b.records, schemaUrl: '' }],
          schemaUrl: '',
        },
      ],
    };
    const positions: FilePosition[] = [{ key: t.key, path: t.path, offset: b.end, receiver: this.#cfg.id }];
    // Keys this file's reading supersedes (an older fingerprint, a recovered or donated position) are forgotten with it.
    if (t.committedKey !== t.key || t.priorKeys.length > 0) {
      for (const key of keysOf(t)) if (key !== t.key) positions.push({ key, path: t.path, offset: SETTLED, receiver: this.#cfg.id });
    }
    return { data, positions };
  }

  /** Delivers batches in order, committing each file position once durable; false if stopped. */
  async #deliver(t: TrackedFile, batches: PendingBatch[]): Promise<boolean> {
    for (const b of batches) {
      if (!t.gz && b.end > t.fp.length && t.fp.length < this.#fpSize) await this.#growBefore(t, b.end);
      const ok = await this.#sender.deliver(this.#batch(t, b), t.path);
      if (!ok) return false;
      this.#m.linesRead.inc(b.records.length);
      this.#m.bytesRead.inc(Math.max(0, b.end - t.offset));
      t.offset = b.end;
      t.committedKey = t.key;
      if (t.priorKeys.length > 0) t.priorKeys = [];
      if (b.tail.length > 0) t.tail = b.tail;
      if (t.warned) t.warned = false;
    }
    return true;
  }

  /**
   * A position is committed under a key that hashes at least min(position, fingerprint_size) bytes: a
   * restart matches a recovered key only with prefixes that long (prefixHashes). The fingerprint is
   * taken before a turn reads, but the read goes on to the end of what is there by then, so a short
   * file that grew meanwhile is read past its fingerprint: it grows here first (the bytes read are
   * there, in this same file). Left as it is when the file no longer starts with it (truncated: the
   * next turn sees to that).
   */
  async #growBefore(t: TrackedFile, end: number): Promise<void> {
    const fh = t.fh;
    if (!fh) return;
    try {
      const head = await readHead(fh, Math.min(end, this.#fpSize));
      if (head.length > t.fp.length && (t.fp.length === 0 || compatible(head, t.fp))) this.#ids.grewFingerprint(t, head);
    } catch {
      // unreadable now: the next turn reports it
    }
  }

  async #readPlain(t: TrackedFile): Promise<void> {
    const fh = await this.#ensureOpen(t);
    if (!fh) return;
    const lookedAt = Date.now();
    const st = await fh.stat();
    const size = st.size;
    const now = Date.now();
    // Truncated or rewritten in place? (Also grows a fingerprint shorter than fingerprint_size.)
    let truncated = size < t.readFrom || size < t.fp.length;
    if (!truncated && (t.fp.length < this.#fpSize || size !== t.lastSize || st.mtimeMs !== t.lastMtimeMs)) {
      const want = Math.min(size, this.#fpSize);
      if (want > 0 && (want > t.fp.length || st.mtimeMs !== t.lastMtimeMs)) {
        const head = await readHead(fh, want);
        if (t.fp.length > 0 && !compatible(head, t.fp)) truncated = true;
        else if (head.length > t.fp.length) this.#ids.grewFingerprint(t, head);
      }
    }
    if (truncated) {
      await this.#truncatedLive(t, fh, size, lookedAt, st.mtimeMs);
      this.#clearFlushTimer(t);
    }
    if (size !== t.lastSize) t.lastGrowthAt = now;
    t.lastSize = size;
    t.lastMtimeMs = st.mtimeMs;
    if (this.#stopped || t.removed) return;

    if (size > t.readFrom || t.scan.kept !== null || t.pendingEof >= 0) {
      const buf = this.#takeBuffer();
      try {
        await readAvailable(this.#reader, t, fh, buf);
      } finally {
        this.#giveBuffer(buf);
      }
    }
    if (t.orphan && !t.again && t.pendingEof < 0 && t.scan.kept === null && Date.now() - t.lastGrowthAt >= this.#orphanIdleMs) {
      this.#log.debug('filelog: finished a file that left the include set', { receiver: this.#cfg.id, path: t.path, offset: t.offset });
      this.#forget(t, true, true);
    }
  }

  /**
   * A file that left the include set before it was resolved: opened and still
   * empty, it is forgotten once idle; else (a look-alike waiting, or not
   * opened) it is looked at again.
   */
  #idleOrphan(t: TrackedFile): void {
    const idle = Date.now() - t.lastGrowthAt;
    if (t.state === 'unresolved' && t.fh !== null && idle >= this.#orphanIdleMs) {
      this.#log.debug('filelog: forgot a file that left the include set without ever holding a byte to read', { receiver: this.#cfg.id, path: t.path });
      this.#forget(t, false, true);
    } else this.#scheduleFlush(t, Math.max(this.#cfg.pollIntervalMs, this.#orphanIdleMs - idle));
  }

  #scheduleFlush(t: TrackedFile, ms: number): void {
    this.#clearFlushTimer(t);
    if (this.#stopped) return;
    t.flushTimer = setTimeout(() => {
      t.flushTimer = null;
      this.#mark(t);
    }, Math.max(1, ms));
  }

  async #readGz(t: TrackedFile): Promise<void> {
    const fh = await this.#ensureOpen(t);
    if (!fh) return;
    const st = await fh.stat();
    // Always from the committed position with fresh framing (an earlier attempt may have stopped mid-stream).
    const start = t.offset;
    t.readFrom = start;
    t.scan = newScanState();
    const buf = this.#takeBuffer();
    try {
      let result = await readDecompressed(this.#reader, t, fh, buf, start, start > 0 ? t.tail : null);
      if (result === 'mismatch') {
        this.#log.debug('filelog: compressed file does not continue the file it looked like; reading all of it', { receiver: this.#cfg.id, path: t.path });
        t.offset = t.readFrom = 0;
        t.scan = newScanState();
        result = await readDecompressed(this.#reader, t, fh, buf, 0, null);
      }
      if (result === 'stopped') return;
    } catch (err) {
      if (this.#stopped) return;
      // Corrupt, or still being written: read on from the committed position when it changes.
      this.#readError(t, 'cannot decompress gzip file (corrupt or still being written)', err);
    } finally {
      this.#giveBuffer(buf);
    }
    t.lastSize = st.size;
    t.state = 'done';
    this.#handles.release(t);
  }
}

/** Every position key a file's reading stands for: its committed one and those it supersedes. */
function keysOf(t: TrackedFile): string[] {
  const keys = t.priorKeys.slice();
  if (t.committedKey) keys.push(t.committedKey);
  return keys;
}
