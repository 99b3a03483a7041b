/**
 * Signed loss records for what a pipeline could not deliver (docs/SPOOL.md,
 * docs/EXPORTERS.md, "what each drop site does"): dead letters, a backend's
 * partial success, and spool damage found at recovery or by a reader. Each
 * loss record is made durable (fdatasync, whatever spool.sync says) before
 * the thing it declares is forgotten; losses raised before the sealing stage
 * exists (exporters start first) wait for it.
 */
import { join } from 'node:path';
import { errorMessage } from '../errors.js';
import { listDeadLetters, markLossDeclared, type DeadLetterMeta } from '../exporters/dlq.js';
import type { SpoolDamage } from '../spool/recovery.js';
import type { Spool } from '../spool/spool.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import { deadLetterDataRecords, deadLetterLossReason } from './dead-letter-loss.js';
import { decodeMeta } from './meta.js';
import type { SealingPipeline } from './sealing-pipeline.js';

/** How long a failed dead-letter declaration waits before it is tried again. */
const RECONCILE_RETRY_MS = 5000;

/** The loss record of one damaged spool region: the records and seqs lost where the frames around it say, else frames and bytes. */
export function damageLoss(d: SpoolDamage, sync: string, stream: string): { count: number; reason: string } {
  const chainOf = (m: Uint8Array | undefined) => {
    if (!m) return undefined;
    try {
      const c = decodeMeta(m).chain;
      return c && c.stream === stream ? c : undefined;
    } catch {
      return undefined;
    }
  };
  const before = chainOf(d.before);
  const after = chainOf(d.after);
  let records: number | undefined;
  let seqs = '';
  if (before && after && after.chain === before.chain && d.afterRecords !== undefined) {
    const first = before.seq + 1;
    const last = after.seq - d.afterRecords;
    records = Math.max(0, last - first + 1);
    if (last >= first) seqs = ` ${stream} ${first}..${last}`;
  }
  const why =
    d.kind === 'skipped'
      ? 'damaged frames between intact ones, skipped'
      : d.kind === 'torn_tail'
        ? `a torn tail cut (sync: ${sync}: its records may have been acknowledged)`
        : d.kind === 'missing_segment'
          ? 'a segment removed by something other than sealog before every exporter had read it'
          : 'a segment with a damaged header, moved aside to .corrupt';
  const reason = `spool_damaged ${d.kind} segment=${d.segment} bytes=${d.bytes} frames=${d.frames ?? 'unknown'} records=${records ?? 'unknown'}${seqs} (${why})`;
  return { count: records ?? 0, reason };
}

export interface LossDeclarationsDeps {
  pipeline: string;
  stream: string;
  spoolDir: string;
  spool: () => Spool;
  sync: () => string;
  logger: Logger;
  metrics: MetricsRegistry;
}

export class LossDeclarations {
  readonly #d: LossDeclarationsDeps;
  readonly #log: Logger;
  /** Settles once the sealing stage has started. */
  readonly #sealingReady: Promise<SealingPipeline>;
  #sealingSettle!: { resolve: (s: SealingPipeline) => void; reject: (e: unknown) => void };
  /** Sidecars of dead letters whose loss record is being written now (reconciliation skips them). */
  readonly #declaring = new Set<string>();
  #reconcileTimer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: LossDeclarationsDeps) {
    this.#d = deps;
    this.#log = deps.logger;
    this.#sealingReady = new Promise((resolve, reject) => (this.#sealingSettle = { resolve, reject }));
    this.#sealingReady.catch(() => undefined);
  }

  /** The sealing stage has started: losses waiting for it are written now. */
  sealingStarted(sealing: SealingPipeline): void {
    this.#sealingSettle.resolve(sealing);
  }

  /** No more declarations: a retry timer is cleared, and losses still waiting for a sealing stage are refused. */
  stop(): void {
    this.#stopped = true;
    if (this.#reconcileTimer) clearTimeout(this.#reconcileTimer);
    this.#reconcileTimer = undefined;
    this.#sealingSettle.reject(new Error(`pipeline ${this.#d.pipeline} stopped before its sealing stage started`));
  }

  /** Writes a signed loss record and makes it durable before it resolves. */
  async durable(count: number, reason: string): Promise<void> {
    const sealing = await this.#sealingReady;
    await sealing.declareLoss(count, reason);
    await this.#d.spool().sync();
  }

  /**
   * A dead letter's loss record: declared durably, then the sidecar says so
   * (lossDeclared: true). A crash in between leaves lossDeclared: false, and
   * the next start declares it (reconcileDeadLetters): at worst twice, never
   * not at all; the reason names the dead letter, so a repeat is recognisable.
   */
  async deadLetter(exporterId: string, dlqDir: string, meta: DeadLetterMeta, metaPath: string): Promise<void> {
    if (this.#declaring.has(metaPath)) return;
    this.#declaring.add(metaPath);
    try {
      const n = await deadLetterDataRecords(dlqDir, meta);
      if (n > 0) await this.durable(n, deadLetterLossReason(exporterId, meta));
      await markLossDeclared(metaPath);
    } catch (err) {
      this.#log.error('could not write the loss record of a dead-lettered batch; retried in a few seconds and at the next start', { exporter: exporterId, deadLetter: metaPath, error: errorMessage(err) });
      this.#scheduleReconcile();
    } finally {
      this.#declaring.delete(metaPath);
    }
  }

  /** Declares every dead letter of this pipeline whose loss record is not known to be durable (lossDeclared: false). */
  async reconcileDeadLetters(): Promise<void> {
    let entries;
    try {
      entries = (await listDeadLetters(this.#d.spoolDir)).entries;
    } catch (err) {
      this.#log.warn('could not list the dead-letter area to check its loss records', { error: errorMessage(err) });
      return;
    }
    for (const e of entries) {
      if (e.meta.lossDeclared !== false || this.#declaring.has(e.metaPath) || this.#stopped) continue;
      this.#log.warn('a dead letter has no durable loss record (a crash or a failed write): declaring it now', { deadLetter: e.metaPath });
      await this.deadLetter(e.meta.exporter, join(e.bodyPath, '..'), e.meta, e.metaPath);
    }
  }

  /**
   * What spool recovery left out (damaged frames skipped, a torn tail cut, a
   * segment moved aside) becomes a signed loss record each, durable before
   * the spool forgets it. A torn tail under sync: always held nothing that
   * was acknowledged (a frame is acknowledged only once fdatasynced), so it
   * is not declared; nor is one that exporters had acknowledged frames past
   * (the spool_tail_lost genesis declares that tail).
   */
  async spoolDamage(damage: SpoolDamage[]): Promise<void> {
    if (damage.length === 0) return;
    const spool = this.#d.spool();
    try {
      for (const d of damage) {
        if (d.kind === 'torn_tail' && (this.#d.sync() === 'always' || spool.tailLoss)) continue;
        await this.#declareDamage(d, 'spool recovery left damaged data out: a signed loss record declares it');
      }
      await spool.settleDamage(damage);
    } catch (err) {
      this.#log.error('could not declare the damaged spool data in a loss record; the next start declares it', { error: errorMessage(err) });
    }
  }

  /** A damaged region a reader skipped (an older segment recovery does not scan), or a segment that vanished: declared like recovery's. */
  async readDamage(d: SpoolDamage): Promise<void> {
    try {
      await this.#declareDamage(d, 'a spool reader skipped damaged data: a signed loss record declares it');
      await this.#d.spool().settleDamage([d]);
    } catch (err) {
      this.#log.error('could not declare damaged spool data in a loss record; the next start declares it', { segment: d.segment, error: errorMessage(err) });
    }
  }

  async #declareDamage(d: SpoolDamage, what: string): Promise<void> {
    const { count, reason } = damageLoss(d, this.#d.sync(), this.#d.stream);
    this.#log.warn(what, { reason });
    this.#d.metrics
      .counter('sealog_spool_damage_declared_total', 'Damaged spool regions recovery left out, each declared in a signed loss record (reason spool_damaged).')
      .labels({ pipeline: this.#d.pipeline, kind: d.kind })
      .inc();
    await this.durable(count, reason);
  }

  #scheduleReconcile(): void {
    if (this.#reconcileTimer || this.#stopped) return;
    this.#reconcileTimer = setTimeout(() => {
      this.#reconcileTimer = undefined;
      void this.reconcileDeadLetters();
    }, RECONCILE_RETRY_MS);
    this.#reconcileTimer.unref();
  }
}
