/**
 * One pipeline's sealing stage: the LogsConsumer its receivers feed.
 *
 *   consume(batch) ─► quarantine sealog.* ─► processors ─► queue
 *                                                          │ one worker, group commit
 *                                                          ▼
 *                    sealer.stamp (seq, hash, seals) ─► proto encode ─► spool.append (one write)
 *                                                          │ durable per spool.sync
 *                                                          ▼
 *                                             resolve every batch in the group
 *
 * The chain state is snapshotted before each group and restored if the
 * append fails, so a refused batch leaves no hole in the chain. Seals on
 * interval, heartbeat seals and key rotation go through the same queue.
 */
import { AgentError, errorMessage, isAgentError } from '../errors.js';
import type { ChainState, Sealer } from '../integrity/sealer.js';
import { isUpstreamSealed, quarantineUpstream } from '../integrity/sealer.js';
import { countRecords, type LogsData, type ResourceLogs } from '../otlp/types.js';
import type { Spool } from '../spool/spool.js';
import { SpoolFrameStore, type FrameStore, type SealedFrame as Frame } from './frame-store.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry, Series } from '../telemetry/metrics.js';
import type { KeyManager } from './key-manager.js';
import type { LossLedger } from './loss-ledger.js';
import { applyPosition, encodeMeta } from './meta.js';
import type { FilePosition, InputGap, LogBatch, LogsConsumer, Processor } from './types.js';

interface SealingBase {
  name: string;
  sealer: Sealer;
  keys: KeyManager;
  processors: Processor[];
  sealIntervalMs: number;
  heartbeatMs: number;
  rotateMs: number;
  whenFull: 'block' | 'drop_newest';
  /** Where drops without a loss record yet are kept across a crash or a full disk (drop_newest). */
  ledger?: LossLedger;
  /** Processors change records that arrived sealed upstream too (default: those pass unchanged). */
  processSealed?: boolean;
  /** Committed file positions recovered from the spool (written into every checkpoint). */
  positions: Map<string, Map<string, FilePosition>>;
  logger: Logger;
  metrics: MetricsRegistry;
  nowMs?: () => number;
}

/** The spool (the agent), or another FrameStore (the SDK processor's memory outbox). */
export type SealingOptions = SealingBase & ({ spool: Spool } | { store: FrameStore });

type ItemInput =
  | { kind: 'batch'; data: LogsData; records: number; positions: FilePosition[] }
  | { kind: 'seal'; rotate: boolean }
  | { kind: 'loss'; count: number; reason: string; sinceNs?: bigint; untilNs?: bigint; flush?: boolean }
  | { kind: 'gap'; gap: InputGap; positions: FilePosition[] };
type Item = ItemInput & { resolve: () => void; reject: (e: unknown) => void };

/** Most records one group commit takes. */
const MAX_GROUP_RECORDS = 16_384;

export class SealingPipeline implements LogsConsumer {
  readonly #o: SealingOptions;
  readonly #queue: Item[] = [];
  #working = false;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #processors: Processor[];
  readonly #prepared = new WeakSet<LogsData>();
  readonly #store: FrameStore;
  /** Records dropped by drop_newest whose loss record is not in the spool yet. */
  #pendingLoss: { count: number; sinceNs: bigint; untilNs: bigint } | undefined;
  /** Positions waiting for the next frame to carry them (from batches that produced no records). */
  #carry: FilePosition[] = [];
  #lastSealAtMs: number;
  #idle: Promise<void> = Promise.resolve();
  #idleResolve: (() => void) | undefined;
  readonly #now: () => number;
  readonly #m: {
    accepted: Series;
    refused: Series;
    dropped: Series;
    seals: Series;
    frames: Series;
    lastSeq: Series;
    lastSeal: Series;
    epoch: Series;
    losses: Series;
    gaps: Series;
  };

  constructor(o: SealingOptions) {
    this.#o = o;
    this.#store = 'store' in o ? o.store : new SpoolFrameStore(o.spool);
    this.#processors = o.processors;
    this.#now = o.nowMs ?? Date.now;
    this.#lastSealAtMs = Number(o.sealer.lastSealTimeNs / 1_000_000n);
    // Drops of an earlier run whose loss record never made it into the chain: declared as soon as there is room.
    if (o.ledger?.recovered) this.#pendingLoss = { ...o.ledger.recovered };
    const l = { pipeline: o.name };
    const m = o.metrics;
    this.#m = {
      accepted: m.counter('sealog_pipeline_records_accepted_total', 'Records chained and durable in the spool.').labels(l),
      refused: m.counter('sealog_pipeline_records_refused_total', 'Records refused because the spool was full or failing (the sender retries).').labels(l),
      dropped: m.counter('sealog_pipeline_records_dropped_total', 'Records dropped by the when_full: drop_newest policy (each drop is a signed loss record in the chain).').labels(l),
      seals: m.counter('sealog_seals_total', 'Seals made.').labels(l),
      frames: m.counter('sealog_pipeline_frames_total', 'Spool frames written by the pipeline.').labels(l),
      lastSeq: m.gauge('sealog_chain_last_seq', 'Last sequence number assigned in the chain.').labels(l),
      lastSeal: m.gauge('sealog_last_seal_timestamp_seconds', 'Unix time of the last durable seal.').labels(l),
      epoch: m.gauge('sealog_key_epoch', 'Current signing key epoch.').labels(l),
      losses: m.counter('sealog_loss_records_total', 'Loss records written into the chain.').labels(l),
      gaps: m.counter('sealog_gap_records_total', 'Gap records (input bytes a receiver could not read) written into the chain.').labels(l),
    };
    m.gauge('sealog_seconds_since_last_seal', 'Seconds since the last durable seal.').onCollect(() =>
      m.gauge('sealog_seconds_since_last_seal', '').set((this.#now() - this.#lastSealAtMs) / 1000, l),
    );
    this.#m.lastSeq.set(o.sealer.seq);
    this.#m.epoch.set(o.sealer.epoch);
    this.#m.lastSeal.set(this.#lastSealAtMs / 1000);
  }

  get name(): string {
    return this.#o.name;
  }
  get lastSeq(): number {
    return this.#o.sealer.seq;
  }
  /** Records (of any kind) chained since the last seal. */
  get unsealed(): number {
    return this.#o.sealer.unsealed;
  }
  get lastSealAtMs(): number {
    return this.#lastSealAtMs;
  }
  get keyEpoch(): number {
    return this.#o.sealer.epoch;
  }
  get stream(): string {
    return this.#o.sealer.id.stream;
  }

  setProcessors(p: Processor[]): void {
    this.#processors = p;
  }

  setTiming(t: { sealEveryRecords: number; sealIntervalMs: number; heartbeatMs: number; rotateMs: number }): void {
    this.#o.sealer.setSealEvery(t.sealEveryRecords);
    this.#o.sealIntervalMs = t.sealIntervalMs;
    this.#o.heartbeatMs = t.heartbeatMs;
    this.#o.rotateMs = t.rotateMs;
    this.#startTimer();
  }

  /** Writes the checkpoint for a new spool segment: every committed position. */
  checkpointMeta(): Uint8Array {
    const all: FilePosition[] = [];
    for (const byKey of this.#o.positions.values()) for (const p of byKey.values()) all.push(p);
    return encodeMeta({ checkpoint: true, chain: this.#committed, positions: all });
  }

  #committed: ChainState | undefined;

  /** Writes the genesis record of a new chain, finishes a rotation interrupted by a crash, starts timers. */
  async start(genesis?: ResourceLogs): Promise<void> {
    if (genesis) {
      const frames = [this.#frame(genesis)];
      await this.#append(frames, true);
      this.#afterCommit(frames);
    } else {
      this.#committed = this.#o.sealer.snapshot();
    }
    const keys = this.#o.keys;
    if (keys.pending) {
      if (this.#o.sealer.epoch === keys.pending.epoch) {
        await keys.commit(this.#o.name);
      } else {
        await this.#enqueue({ kind: 'seal', rotate: true });
      }
    }
    this.#startTimer();
  }

  #startTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    const tick = Math.max(10, Math.min(this.#o.sealIntervalMs, this.#o.heartbeatMs, 1000) / 4);
    this.#timer = setInterval(() => this.#onTick(), tick);
    this.#timer.unref();
  }

  #onTick(): void {
    if (this.#closed || this.#queue.some((i) => i.kind !== 'batch')) return;
    if (this.#pendingLoss && !this.#store.isFull()) {
      this.#enqueue({ kind: 'loss', count: 0, reason: '', flush: true }).catch(() => undefined);
      return;
    }
    const now = this.#now();
    const since = now - this.#lastSealAtMs;
    const s = this.#o.sealer;
    const rotateDue = this.#o.rotateMs > 0 && now - this.#o.keys.createdMs(s.epoch) >= this.#o.rotateMs;
    if (rotateDue) {
      this.#enqueue({ kind: 'seal', rotate: true }).catch((err) => this.#warnDeferred('key rotation deferred; retrying', err));
    } else if ((s.unsealed > 0 && since >= this.#o.sealIntervalMs) || since >= this.#o.heartbeatMs) {
      this.#enqueue({ kind: 'seal', rotate: false }).catch((err) => this.#warnDeferred('seal deferred; retrying', err));
    }
  }

  #lastDeferredWarnMs = 0;

  /** A seal that could not be written is retried every tick; say so at most once a minute. */
  #warnDeferred(msg: string, err: unknown): void {
    const now = this.#now();
    if (now - this.#lastDeferredWarnMs < 60_000) return;
    this.#lastDeferredWarnMs = now;
    this.#o.logger.warn(msg, { pipeline: this.#o.name, error: errorMessage(err) });
  }

  consume(batch: LogBatch): Promise<void> {
    if (this.#closed) return Promise.reject(new AgentError('SPOOL_IO', `pipeline ${this.#o.name} is shutting down`));
    const data = batch.data;
    // A batch refused earlier (spool full) comes back as the same object: it was
    // already quarantined and processed, and must not be again (hash actions,
    // and its own stamp attributes renamed as if they came from upstream).
    if (!this.#prepared.has(data)) {
      quarantineUpstream(data);
      this.#process(data);
      this.#prepared.add(data);
    }
    const records = countRecords(data);
    return this.#enqueue({ kind: 'batch', data, records, positions: batch.positions ?? [] });
  }

  /**
   * Runs the processors. Resources that arrived sealed by an upstream chain
   * are held out (a change would break that chain) unless processSealed is
   * set; they keep their place in the batch.
   */
  #process(data: LogsData): void {
    if (this.#processors.length === 0) return;
    const all = data.resourceLogs;
    if (this.#o.processSealed || !all.some((rl) => isUpstreamSealed(rl.resource))) {
      for (const p of this.#processors) p.process(data);
      return;
    }
    const open: LogsData = { resourceLogs: all.filter((rl) => !isUpstreamSealed(rl.resource)) };
    for (const p of this.#processors) p.process(open);
    // Sealed resources keep their places; the processed ones (which a processor may drop) fill the others in order.
    const out: ResourceLogs[] = [];
    let next = 0;
    for (const rl of all) {
      if (isUpstreamSealed(rl.resource)) out.push(rl);
      else if (next < open.resourceLogs.length) out.push(open.resourceLogs[next++]!);
    }
    while (next < open.resourceLogs.length) out.push(open.resourceLogs[next++]!);
    data.resourceLogs = out;
  }

  setProcessSealed(on: boolean): void {
    this.#o.processSealed = on;
  }

  waitForSpace(signal?: AbortSignal): Promise<void> {
    return this.#store.waitForSpace(signal);
  }

  /**
   * Writes a signed loss record: `count` records that will not reach a
   * destination by policy (e.g. a batch a backend rejected as permanently
   * invalid and that went to the dead-letter area). `range` is when they
   * were dropped (default: now).
   */
  declareLoss(count: number, reason: string, range?: { sinceNs: bigint; untilNs: bigint }): Promise<void> {
    return this.#enqueue({ kind: 'loss', count, reason, ...range });
  }

  /** Writes a signed gap record (input bytes a receiver could not read) with the positions it settles. */
  declareGap(gap: InputGap, positions: FilePosition[]): Promise<void> {
    if (this.#closed) return Promise.reject(new AgentError('SPOOL_IO', `pipeline ${this.#o.name} is shutting down`));
    return this.#enqueue({ kind: 'gap', gap, positions });
  }

  /** Seals what is unsealed now (used at shutdown and by tests). */
  sealNow(): Promise<void> {
    return this.#enqueue({ kind: 'seal', rotate: false });
  }

  #enqueue(item: ItemInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ...item, resolve, reject });
      if (!this.#working) void this.#work();
    });
  }

  async #work(): Promise<void> {
    this.#working = true;
    this.#idle = new Promise((r) => (this.#idleResolve = r));
    try {
      while (this.#queue.length > 0) {
        const first = this.#queue[0]!;
        if (first.kind === 'seal') {
          this.#queue.shift();
          await this.#runSeal(first);
          continue;
        }
        if (first.kind === 'loss') {
          this.#queue.shift();
          await this.#runLoss(first);
          continue;
        }
        if (first.kind === 'gap') {
          this.#queue.shift();
          await this.#runControl(() => this.#o.sealer.gap(first.gap), first.positions).then(() => {
            this.#m.gaps.inc();
            first.resolve();
          }, first.reject);
          continue;
        }
        const group: Extract<Item, { kind: 'batch' }>[] = [];
        let n = 0;
        while (this.#queue.length > 0 && this.#queue[0]!.kind === 'batch' && (group.length === 0 || n + (this.#queue[0] as { records: number }).records <= MAX_GROUP_RECORDS)) {
          const it = this.#queue.shift() as Extract<Item, { kind: 'batch' }>;
          group.push(it);
          n += it.records;
        }
        await this.#runGroup(group, n);
      }
    } finally {
      this.#working = false;
      this.#idleResolve?.();
    }
  }

  /** Captures one stamped ResourceLogs with the chain state right after it. */
  #frame(rl: ResourceLogs, positions: FilePosition[] = []): Frame {
    return { rl, state: this.#o.sealer.snapshot(), positions };
  }

  /** Hands the frames to the store (the spool: encoded and appended in one write). */
  #append(frames: Frame[], force: boolean): Promise<unknown> {
    return this.#store.append(frames, force);
  }

  async #runGroup(group: Extract<Item, { kind: 'batch' }>[], records: number): Promise<void> {
    const sealer = this.#o.sealer;
    const before = sealer.snapshot();
    const frames: Frame[] = [];
    let carry = this.#carry;
    for (const item of group) {
      const start = frames.length;
      sealer.stamp(item.data, (rl) => frames.push(this.#frame(rl)));
      const positions = carry.length ? carry.concat(item.positions) : item.positions;
      if (frames.length > start) {
        // The batch's last frame commits its file positions.
        frames[frames.length - 1]!.positions = positions;
        carry = [];
      } else {
        carry = positions;
      }
    }
    try {
      if (frames.length) await this.#append(frames, false);
    } catch (err) {
      sealer.restore(before);
      if (isAgentError(err, 'SPOOL_FULL') && this.#o.whenFull === 'drop_newest') {
        await this.#dropGroup(group, records, carry);
        return;
      }
      this.#m.refused.inc(records);
      for (const it of group) it.reject(err);
      return;
    }
    this.#carry = carry;
    this.#afterCommit(frames);
    this.#m.accepted.inc(records);
    for (const it of group) it.resolve();
  }

  /**
   * when_full: drop_newest: the group's records are dropped and a signed loss
   * record says so. When even the loss record does not fit (the spool is past
   * max_size plus one segment), the count is kept and written as soon as
   * there is room (see #onTick), summed with later drops.
   */
  async #dropGroup(group: Extract<Item, { kind: 'batch' }>[], records: number, carry: FilePosition[]): Promise<void> {
    const nowNs = BigInt(this.#now()) * 1_000_000n;
    const p = this.#pendingLoss;
    this.#pendingLoss = { count: (p?.count ?? 0) + records, sinceNs: p?.sinceNs ?? nowNs, untilNs: nowNs };
    this.#carry = carry.concat(...group.map((g) => g.positions));
    this.#m.dropped.inc(records);
    this.#o.logger.warn('spool full: records dropped; a loss record goes into the chain', { pipeline: this.#o.name, records });
    // The count is durable before the drops are acknowledged, even when no loss record fits yet.
    await this.#o.ledger?.record(this.#pendingLoss).catch((err) =>
      this.#o.logger.error('could not record dropped records in the loss ledger; a crash before their loss record is written would lose the count', { pipeline: this.#o.name, records, error: errorMessage(err) }),
    );
    for (const it of group) it.resolve();
    await this.#flushLoss().catch(() => undefined);
  }

  /** Writes the pending drop count as one signed loss record; keeps it pending if the spool refuses. */
  async #flushLoss(): Promise<void> {
    const loss = this.#pendingLoss;
    if (!loss) return;
    const sealer = this.#o.sealer;
    const before = sealer.snapshot();
    const frames = [this.#frame(sealer.loss(loss.count, 'spool_full', loss.sinceNs, loss.untilNs), this.#carry)];
    try {
      await this.#append(frames, true);
    } catch (err) {
      sealer.restore(before);
      throw err;
    }
    this.#pendingLoss = undefined;
    this.#carry = [];
    this.#afterCommit(frames);
    this.#m.losses.inc();
    // The ledger is the only durable account of these drops until the loss record is: under sync: interval
    // or none, append() resolved once written, not fdatasynced, so sync before clearing it.
    if (this.#o.ledger) {
      try {
        await this.#store.sync();
      } catch (err) {
        this.#o.logger.warn('could not fdatasync the loss record; the loss ledger keeps the count (the next start may declare these drops again)', { pipeline: this.#o.name, error: errorMessage(err) });
        return;
      }
    }
    await this.#o.ledger?.clear().catch((err) => this.#o.logger.warn('could not clear the loss ledger; the next start may declare these drops again', { pipeline: this.#o.name, error: errorMessage(err) }));
  }

  async #runSeal(item: Extract<Item, { kind: 'seal' }>): Promise<void> {
    const sealer = this.#o.sealer;
    const keys = this.#o.keys;
    const before = sealer.snapshot();
    try {
      let nextKey: Uint8Array | undefined;
      if (item.rotate) nextKey = keys.prepare().publicKey;
      const frames = [this.#frame(sealer.seal(nextKey ? { nextKey } : {}), this.#carry)];
      await this.#append(frames, true);
      this.#carry = [];
      this.#afterCommit(frames);
      if (item.rotate) {
        const next = await keys.commit(this.#o.name);
        sealer.setSigner(next);
        this.#m.epoch.set(next.epoch);
        this.#o.logger.info('signing key rotated; the previous private key was destroyed', { pipeline: this.#o.name, epoch: next.epoch, keyId: next.keyId });
      }
      item.resolve();
    } catch (err) {
      sealer.restore(before);
      item.reject(err);
    }
  }

  async #runLoss(item: Extract<Item, { kind: 'loss' }>): Promise<void> {
    if (item.flush) {
      // A retry of pending drop_newest losses.
      await this.#flushLoss().then(item.resolve, item.reject);
      return;
    }
    const nowNs = BigInt(this.#now()) * 1_000_000n;
    await this.#runControl(() => this.#o.sealer.loss(item.count, item.reason, item.sinceNs ?? nowNs, item.untilNs ?? nowNs), []).then(() => {
      this.#m.losses.inc();
      item.resolve();
    }, item.reject);
  }

  /** Chains one control record, appends it (forced) with the carried positions and `positions`; rolls back on failure. */
  async #runControl(make: () => ResourceLogs, positions: FilePosition[]): Promise<void> {
    const sealer = this.#o.sealer;
    const before = sealer.snapshot();
    try {
      const frames = [this.#frame(make(), positions.length ? this.#carry.concat(positions) : this.#carry)];
      await this.#append(frames, true);
      this.#carry = [];
      this.#afterCommit(frames);
    } catch (err) {
      sealer.restore(before);
      throw err;
    }
  }

  #afterCommit(frames: Frame[]): void {
    if (frames.length === 0) return; // a group whose records processors removed: its positions are carried
    let seals = 0;
    let lastSeal = this.#committed?.lastSealSeq ?? 0;
    this.#committed = frames[frames.length - 1]!.state;
    for (const f of frames) {
      if (f.state.lastSealSeq !== lastSeal) {
        seals++;
        lastSeal = f.state.lastSealSeq;
      }
      for (const p of f.positions) applyPosition(this.#o.positions, p);
    }
    this.#m.frames.inc(frames.length);
    this.#m.lastSeq.set(this.#o.sealer.seq);
    if (seals > 0) {
      this.#lastSealAtMs = Number(this.#o.sealer.lastSealTimeNs / 1_000_000n);
      this.#m.seals.inc(seals);
      this.#m.lastSeal.set(this.#lastSealAtMs / 1000);
    }
  }

  /** Stops timers, seals what is unsealed, and waits for the queue to empty. Idempotent. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#closed) return this.#idle;
    await this.#idle;
    if (this.#pendingLoss) {
      await this.#enqueue({ kind: 'loss', count: 0, reason: '', flush: true }).catch((err) =>
        this.#o.logger.warn('records dropped while the spool was full could not be recorded before stopping', { pipeline: this.#o.name, records: this.#pendingLoss?.count, error: errorMessage(err) }),
      );
    }
    if (this.#o.sealer.unsealed > 0) {
      try {
        await this.sealNow();
      } catch (err) {
        this.#o.logger.warn('final seal failed; the tail stays unsealed until the next start', { pipeline: this.#o.name, error: errorMessage(err) });
      }
    }
    this.#closed = true;
    await this.#idle;
  }
}
