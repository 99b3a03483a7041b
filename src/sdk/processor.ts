/**
 * SealingLogRecordProcessor: sealog's chain and seals inside an application,
 * as a LogRecordProcessor of the OpenTelemetry JS SDK (@opentelemetry/sdk-logs).
 *
 *   onEmit(record) ─► bounded queue (drop newest when full: counted, then a signed loss record)
 *        │ every `batchRecords` records or `scheduledDelayMs`, off the emit path
 *        ▼
 *   SealingPipeline (the agent's sealing stage: seq/hash, seals, heartbeat, rotation, loss records)
 *        ▼
 *   spool (spoolDir, durable) or memory (without) ─► export loop ─► the app's SDK exporter,
 *                                                    or sealog's own OTLP/HTTP (`otlp`)
 *                                    retry with backoff; ack in order, only on success
 *
 * One implementation of the protocol: records are converted into sealog's
 * OTLP model (convert.ts) and chained by src/integrity's Sealer through the
 * same SealingPipeline the agent runs. Nothing here imports an SDK package at
 * run time; the app brings its own (peer dependencies, types only).
 */
import { hostname } from 'node:os';
import type { Context } from '@opentelemetry/api';
import type { LogAttributes } from '@opentelemetry/api-logs';
import type { LogRecordExporter, LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { DEFAULTS } from '../config/defaults.js';
import type { RetryConfig } from '../config/types.js';
import { parseDuration } from '../config/units.js';
import { errorMessage } from '../errors.js';
import { nextRetryDelayMs } from '../exporters/retry.js';
import type { LossFields } from '../integrity/control.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { kv, newResource, str, type LogsData, type ResourceLogs, type ScopeLogs } from '../otlp/types.js';
import { CONTROL_SCOPE, startChain } from '../pipeline/chain-start.js';
import { recordsIn } from '../pipeline/frame-store.js';
import { KeyManager } from '../pipeline/key-manager.js';
import { encodeMeta, recoverState, type RecoveredState } from '../pipeline/meta.js';
import { SealingPipeline } from '../pipeline/sealing-pipeline.js';
import { writeStreamMarker } from '../pipeline/stream-marker.js';
import { openSpool } from '../spool/spool.js';
import { createLogger, type Logger } from '../telemetry/logger.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { accountFrames, type CallAccount } from './call-account.js';
import { toLogRecord, toResource, toScope } from './convert.js';
import { SdkExporterTarget, type Attempt, type ExportTarget } from './export-target.js';
import { MemoryOutbox } from './memory-outbox.js';
import { OtlpTarget, type OtlpOptions } from './otlp-target.js';
import type { Outbox } from './outbox.js';
import { SpoolOutbox } from './spool-outbox.js';

export interface SealingProcessorOptions {
  /** Where sealed records go: any LogRecordExporter of the SDK (e.g. OTLPLogExporter). Exactly one of `exporter` and `otlp`. */
  exporter?: LogRecordExporter;
  /**
   * Where sealed records go instead of an SDK exporter: an OTLP/HTTP
   * endpoint, sent as protobuf that sealog encodes itself (the records as
   * chained), with sealog's HTTP client. Exactly one of `exporter` and `otlp`.
   */
  otlp?: OtlpOptions;
  /** A key file made by `sealog keygen` (mode 0600). */
  key: string;
  /** The chain's stream id; default `<service.name>/<host.name>` of the first record's resource. */
  stream?: string;
  seal?: { everyRecords?: number; intervalMs?: number; heartbeatMs?: number };
  /** Key rotation period (ms or a duration such as '24h'); 0 = never (the default). */
  rotate?: number | string;
  /**
   * A directory for sealog's spool: records are durable there before
   * export, a crash loses nothing forceFlush() acknowledged, and the chain
   * resumes on restart. Without it sealed records wait for export in
   * memory (bounded by maxBufferedRecords) and nothing survives a crash.
   */
  spoolDir?: string;
  /** Records waiting to be chained; when full, new records are dropped, counted and sealed as a loss record. */
  maxQueue?: number;
  /** Records per chaining batch and per export call. */
  batchRecords?: number;
  /** Longest time a record waits in the queue before it is chained. */
  scheduledDelayMs?: number;
  /** With spoolDir: bound on the spool's size (when full, records are dropped and sealed as a loss record). */
  maxSpoolBytes?: number;
  /** Without spoolDir: sealed records held in memory until delivered, a hard bound (records that would go past it are dropped and sealed as a loss record). */
  maxBufferedRecords?: number;
  /** Export calls at once (acknowledged in order). */
  maxInFlight?: number;
  /**
   * Retry of failed exports. A batch undelivered after retry.maxElapsedMs
   * (0 = never; the default with spoolDir, 60 s without) is sealed as
   * export_failed loss, and acknowledged out of the spool with spoolDir.
   */
  retry?: Partial<RetryConfig>;
  /** One export call's time limit. */
  exportTimeoutMs?: number;
  /** How long shutdown() waits for the exporter to catch up and shut down (one deadline for both). */
  shutdownTimeoutMs?: number;
  /** Where the processor's own messages go (default: JSON lines on stderr, warnings and errors). */
  logger?: Logger;
}

const READER = 'sdk';
/** Without spoolDir, how long a batch may stay undeliverable before it is sealed as loss. */
const MEMORY_MAX_ELAPSED_MS = 60_000;
/** Without spoolDir, the default bound on sealed records held in memory for the exporter. */
const MEMORY_MAX_RECORDS = 131_072;
/** The reason of a loss record this processor wrote for a lost export call: stream, first and last seq. */
const EXPORT_FAILED = /^export_failed (\S+) (\d+)\.\.(\d+)$/;

/**
 * Control-record times in milliseconds that are multiples of 4: an int64 of
 * nanoseconds then has an exact double and an exact shortest decimal form,
 * so it survives the SDK's number-typed attribute path (docs/SDK.md).
 */
function controlNowMs(): number {
  const ms = Date.now();
  return ms - (ms % 4);
}

/** One export call: what it carries (its loss records are declared again if it is lost) and how it ended. */
interface ExportCall extends CallAccount {
  lastId: number;
  state: 'running' | 'delivered' | 'lost' | 'aborted';
}

interface Running {
  outbox: Outbox;
  sealing: SealingPipeline;
  keys: KeyManager;
  stream: string;
}

export class SealingLogRecordProcessor implements LogRecordProcessor {
  readonly #o: SealingProcessorOptions;
  readonly #log: Logger;
  readonly #maxQueue: number;
  readonly #batch: number;
  readonly #delayMs: number;
  readonly #retry: RetryConfig;
  readonly #target: ExportTarget;
  readonly #maxBuffered: number;
  #queue: ReadableLogRecord[] = [];
  /** Records handed to the sealing stage and not yet durable (they count against maxQueue). */
  #inFlight = 0;
  readonly #consuming = new Set<Promise<void>>();
  #dropped = 0;
  #droppedSinceMs = 0;
  #droppedUntilMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #running: Promise<Running> | undefined;
  #r: Running | undefined;
  #closed = false;
  #shutdown: Promise<void> | undefined;
  readonly #abort = new AbortController();
  #exportLoop: Promise<void> | undefined;
  /** Waiting for the acknowledgements to reach a frame id (forceFlush, shutdown). */
  #ackWaiters: Array<{ id: number; done: () => void }> = [];
  readonly #maxInFlight: number;
  /** Export calls in chain order, acknowledged from the front. */
  readonly #inExport: ExportCall[] = [];
  /** The last run of lost calls (seqs from..to, data records lost, since when). */
  #lostRun: { from: number; to: number; count: number; sinceNs: bigint } | undefined;
  #acks: Promise<void> = Promise.resolve();
  #freeSlot: () => void = () => undefined;
  #slotFreed: Promise<void> = new Promise((res) => (this.#freeSlot = res));

  constructor(options: SealingProcessorOptions) {
    if (!options) throw new TypeError('SealingLogRecordProcessor: options are required');
    if ((options.exporter === undefined) === (options.otlp === undefined)) throw new TypeError('SealingLogRecordProcessor: give exactly one of options.exporter (an SDK LogRecordExporter) and options.otlp ({ url, headers, compression })');
    if (options.exporter !== undefined && typeof options.exporter.export !== 'function') throw new TypeError('SealingLogRecordProcessor: options.exporter must be a LogRecordExporter');
    if (typeof options.key !== 'string' || options.key === '') throw new TypeError('SealingLogRecordProcessor: options.key must be the path of a `sealog keygen` key file');
    this.#o = options;
    this.#log = options.logger ?? createLogger({ level: 'warn', fields: { component: 'sealog/sdk' } });
    this.#maxQueue = positive(options.maxQueue, 65_536, 'maxQueue');
    this.#batch = positive(options.batchRecords, 1024, 'batchRecords');
    this.#delayMs = positive(options.scheduledDelayMs, 200, 'scheduledDelayMs');
    this.#maxInFlight = positive(options.maxInFlight, DEFAULTS.otlphttp.maxInFlight, 'maxInFlight');
    this.#retry = { ...DEFAULTS.otlphttp.retry, ...(options.spoolDir ? {} : { maxElapsedMs: MEMORY_MAX_ELAPSED_MS }), ...options.retry };
    this.#maxBuffered = positive(options.maxBufferedRecords, MEMORY_MAX_RECORDS, 'maxBufferedRecords');
    if (options.spoolDir === undefined && options.maxSpoolBytes !== undefined) this.#log.warn('maxSpoolBytes applies with spoolDir only: without it, maxBufferedRecords bounds the sealed records held in memory');
    if (options.spoolDir === undefined && this.#maxBuffered < this.#batch) this.#log.warn('maxBufferedRecords is below batchRecords: a chaining batch larger than the bound is dropped whole', { maxBufferedRecords: this.#maxBuffered, batchRecords: this.#batch });
    if (options.spoolDir !== undefined && options.maxBufferedRecords !== undefined) this.#log.warn('maxBufferedRecords applies without spoolDir only: with it, maxSpoolBytes bounds the spool');
    const timeoutMs = options.exportTimeoutMs ?? DEFAULTS.otlphttp.timeoutMs;
    this.#target = options.otlp !== undefined ? new OtlpTarget(options.otlp, timeoutMs, this.#maxInFlight) : new SdkExporterTarget(options.exporter!, timeoutMs);
    if (options.stream !== undefined) this.#start(options.stream);
  }

  /** The chain's stream id, once the processor has started (at the first record). */
  get stream(): string | undefined {
    return this.#r?.stream;
  }

  /** The emit path: a push, or a count when the queue is full. Chaining happens in batches, later. */
  onEmit(logRecord: ReadWriteLogRecord, _context?: Context): void {
    if (this.#closed) return;
    if (this.#queue.length + this.#inFlight >= this.#maxQueue) {
      const now = Date.now();
      if (this.#dropped++ === 0) this.#droppedSinceMs = now;
      this.#droppedUntilMs = now;
      // The queue may be empty (the records that fill it are being written):
      // nothing else would hand the count over, so every drop makes sure a
      // flush is due within scheduledDelayMs.
      this.#schedule();
      return;
    }
    const n = this.#queue.push(logRecord);
    if (n >= this.#batch) {
      if (this.#immediate === undefined) this.#immediate = setImmediate(() => this.#pump());
    } else {
      this.#schedule();
    }
  }

  /** A pump within scheduledDelayMs, unless one is already due. */
  #schedule(): void {
    if (this.#timer !== undefined || this.#immediate !== undefined) return;
    this.#timer = setTimeout(() => this.#pump(), this.#delayMs);
    this.#timer.unref();
  }

  /**
   * Chains what is queued and resolves once it is durable in the spool
   * (with spoolDir: a crash from now on loses none of it), or once it is
   * chained (without spoolDir). Does not wait for export.
   */
  async persist(): Promise<void> {
    await this.#drain(await this.#ensureStarted());
  }

  /**
   * Chains what is queued, seals it, and waits until the exporter has
   * delivered everything sealed so far (records emitted later do not hold
   * it). Rejects when that takes longer than exportTimeoutMs.
   */
  async forceFlush(): Promise<void> {
    const r = await this.#ensureStarted();
    await this.#drain(r);
    if (r.sealing.unsealed > 0) await r.sealing.sealNow();
    const timeoutMs = this.#o.exportTimeoutMs ?? DEFAULTS.otlphttp.timeoutMs;
    if (!(await this.#waitAcked(r, r.outbox.lastAppended(), timeoutMs))) {
      throw new Error(`SealingLogRecordProcessor.forceFlush: the exporter did not deliver the records sealed so far within exportTimeoutMs (${timeoutMs} ms); they are still being exported`);
    }
  }

  /** Chains what is queued, writes a final seal, drains the exporter (up to shutdownTimeoutMs) and stops. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#doShutdown();
    return this.#shutdown;
  }

  async #doShutdown(): Promise<void> {
    this.#closed = true;
    // One deadline for the whole shutdown: catching up, and the exporter's own shutdown (an SDK
    // exporter's waits for its pending exports, for its own timeout) share shutdownTimeoutMs.
    const timeoutMs = this.#o.shutdownTimeoutMs ?? DEFAULTS.service.shutdownTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const r = await this.#ensureStarted();
    await this.#drain(r);
    await r.sealing.close();
    const caughtUp = await this.#waitAcked(r, r.outbox.lastAppended(), Math.max(0, deadline - Date.now()));
    if (!caughtUp) {
      const lag = r.outbox.lag();
      this.#log.warn(this.#o.spoolDir === undefined ? 'exporter did not catch up before shutdown: undelivered records are lost (no spoolDir)' : 'exporter did not catch up before shutdown: the rest stays in the spool and is sent at the next start', { records: lag, stream: r.stream });
    }
    this.#abort.abort();
    await this.#exportLoop;
    const stopped = this.#target.shutdown().then(
      () => true,
      (err: unknown) => {
        this.#log.warn('exporter shutdown failed', { error: errorMessage(err) });
        return true;
      },
    );
    if (!(await beforeDeadline(stopped, deadline))) this.#log.warn('the exporter did not shut down within shutdownTimeoutMs; not waiting for it', { shutdownTimeoutMs: timeoutMs });
    r.keys.unregister(READER);
    await r.outbox.close();
  }

  #ensureStarted(): Promise<Running> {
    return this.#running ?? this.#start(this.#defaultStream(this.#queue[0]?.resource.attributes));
  }

  #defaultStream(attrs: LogAttributes | undefined): string {
    const svc = attrs?.['service.name'];
    const host = attrs?.['host.name'];
    return `${typeof svc === 'string' && svc !== '' ? svc : (process.env.OTEL_SERVICE_NAME ?? 'unknown_service:node')}/${typeof host === 'string' && host !== '' ? host : hostname()}`;
  }

  #start(stream: string): Promise<Running> {
    this.#running = this.#open(stream).then((r) => {
      this.#r = r;
      this.#exportLoop = this.#exportFrames(r);
      return r;
    });
    this.#running.catch((err: unknown) => this.#log.error('sealing processor could not start; records are not sealed', { error: errorMessage(err) }));
    return this.#running;
  }

  async #open(stream: string): Promise<Running> {
    const o = this.#o;
    const keys = KeyManager.open(o.key, { generate: false });
    keys.register(READER);
    const metrics = new MetricsRegistry();
    let memory: MemoryOutbox | undefined;
    let recovered: RecoveredState | undefined;
    let sealing: SealingPipeline | undefined;
    let boot: Uint8Array | undefined;
    let spool: Awaited<ReturnType<typeof openSpool>> | undefined;
    if (o.spoolDir === undefined) {
      memory = new MemoryOutbox(this.#maxBuffered);
    } else {
      spool = await openSpool({
        dir: o.spoolDir,
        maxSizeBytes: o.maxSpoolBytes ?? DEFAULTS.spool.maxSizeBytes,
        segmentSizeBytes: DEFAULTS.spool.segmentSizeBytes,
        sync: DEFAULTS.spool.sync,
        syncIntervalMs: DEFAULTS.spool.syncIntervalMs,
        retainMs: 0,
        readers: [READER],
        checkpoint: () => sealing?.checkpointMeta() ?? boot ?? encodeMeta({ checkpoint: true, positions: [] }),
        logger: this.#log.child({ component: 'sealog/sdk spool' }),
        metrics,
      });
      recovered = recoverState(spool.recoveryMeta());
    }
    for (const msg of recovered?.problems ?? []) this.#log.warn(msg);
    const chainStream = recovered?.chain?.stream ?? stream;
    if (chainStream !== stream) this.#log.warn('the spool holds another stream: it continues that chain', { spoolDir: o.spoolDir, stream: chainStream, configured: stream });
    const [svc, host] = splitStream(chainStream);
    const { sealer, genesis } = startChain({
      keys,
      stream: chainStream,
      recovered: recovered?.chain,
      sealerOpts: {
        crypto: nodeCrypto,
        signer: keys.signer,
        now: () => BigInt(controlNowMs()) * 1_000_000n,
        sealEveryRecords: o.seal?.everyRecords ?? DEFAULTS.integrity.sealEveryRecords,
        controlResource: newResource([kv('service.name', str(svc)), kv('host.name', str(host))]),
        controlScope: CONTROL_SCOPE,
      },
      logger: this.#log,
    });
    if (genesis) boot = encodeMeta({ checkpoint: true, chain: sealer.snapshot(), positions: [] });
    const rotate = o.rotate ?? DEFAULTS.integrity.rotateMs;
    sealing = new SealingPipeline({
      name: READER,
      ...(memory ? { store: memory } : { spool: spool! }),
      sealer,
      keys,
      processors: [],
      sealIntervalMs: o.seal?.intervalMs ?? DEFAULTS.integrity.sealIntervalMs,
      heartbeatMs: o.seal?.heartbeatMs ?? DEFAULTS.integrity.heartbeatMs,
      rotateMs: typeof rotate === 'string' ? parseDuration(rotate) : rotate,
      whenFull: 'drop_newest',
      positions: recovered?.positions ?? new Map(),
      logger: this.#log,
      metrics,
      nowMs: controlNowMs,
    });
    await sealing.start(genesis);
    if (genesis) {
      try {
        writeStreamMarker(keys.path, chainStream, sealer.id.chain);
      } catch (err) {
        this.#log.warn('could not write the stream marker beside the key (a lost spool will show as a new chain, not spool_lost)', { error: errorMessage(err) });
      }
    }
    return { outbox: memory ?? new SpoolOutbox(spool!, READER), sealing, keys, stream: chainStream };
  }

  #pump(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
    if (this.#queue.length === 0 && this.#dropped === 0) return;
    this.#ensureStarted().then(
      (r) => this.#handOver(r),
      () => undefined,
    );
  }

  /** Moves the queue into the sealing stage (as batches of at most batchRecords), and the drop count into a loss record. */
  #handOver(r: Running): void {
    while (this.#queue.length > 0) {
      const take = this.#queue.length <= this.#batch ? this.#queue : this.#queue.slice(0, this.#batch);
      this.#queue = take === this.#queue ? [] : this.#queue.slice(this.#batch);
      const n = take.length;
      this.#inFlight += n;
      const p = r.sealing.consume({ data: toLogsData(take) }).then(
        () => undefined,
        (err: unknown) => this.#lose(r, n, 'spool_error', Date.now(), Date.now(), err),
      );
      this.#track(
        p.finally(() => {
          this.#inFlight -= n;
        }),
      );
    }
    if (this.#dropped > 0) {
      const n = this.#dropped;
      this.#dropped = 0;
      this.#log.warn('queue full: records dropped; a loss record goes into the chain', { records: n, maxQueue: this.#maxQueue });
      this.#lose(r, n, 'queue_full', this.#droppedSinceMs, this.#droppedUntilMs);
    }
  }

  #track(p: Promise<void>): void {
    this.#consuming.add(p);
    void p.finally(() => this.#consuming.delete(p));
  }

  #lose(r: Running, n: number, reason: string, sinceMs: number, untilMs: number, cause?: unknown): void {
    if (cause !== undefined) this.#log.error('records could not be chained; a loss record goes into the chain', { records: n, error: errorMessage(cause) });
    this.#declare(r, n, reason, msToNs(sinceMs), msToNs(untilMs));
  }

  async #drain(r: Running): Promise<void> {
    this.#pump();
    this.#handOver(r);
    while (this.#consuming.size > 0) await Promise.all([...this.#consuming]);
  }

  /** Resolves true once the frames up to `id` are acknowledged (or nothing is left unacknowledged), false at the deadline. */
  #waitAcked(r: Running, id: number, timeoutMs: number): Promise<boolean> {
    if (r.outbox.acked() >= id || r.outbox.lag() === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        id,
        done: (): void => {
          clearTimeout(t);
          resolve(true);
        },
      };
      const t = setTimeout(() => {
        this.#ackWaiters = this.#ackWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.#ackWaiters.push(waiter);
    });
  }

  /**
   * Reads the outbox and keeps up to maxInFlight export calls going. Frames
   * are acknowledged in chain order, once every earlier call has finished
   * (delivered, or given up and sealed as loss).
   */
  async #exportFrames(r: Running): Promise<void> {
    const signal = this.#abort.signal;
    const deliveries = new Set<Promise<void>>();
    while (!signal.aborted) {
      if (this.#inExport.length >= this.#maxInFlight) {
        await this.#slotFreed;
        continue;
      }
      let batch: Awaited<ReturnType<Outbox['next']>>;
      try {
        batch = await r.outbox.next(this.#batch, signal);
      } catch (err) {
        if (signal.aborted) break;
        this.#log.error('spool read failed; retrying', { error: errorMessage(err) });
        await sleep(1000, signal);
        continue;
      }
      if (batch === undefined) continue;
      const call: ExportCall = { ...accountFrames(batch.frames), lastId: batch.lastId, state: 'running' };
      this.#inExport.push(call);
      const done = this.#deliver(r, batch.frames, call, signal).then((ok) => {
        call.state = ok ? 'delivered' : signal.aborted ? 'aborted' : 'lost';
        this.#acks = this.#acks.then(() => this.#ackFinished(r)).catch((err: unknown) => this.#log.error('spool cursor update failed', { error: errorMessage(err) }));
      });
      deliveries.add(done);
      void done.finally(() => deliveries.delete(done));
    }
    await Promise.all([...deliveries]);
    await this.#acks;
  }

  /**
   * A call given up. Its seqs are named in an `export_failed` loss record
   * (the checker then reports them as declared loss, not missing). Calls
   * lost one after another (nothing delivered between them) form one run:
   * each new loss record names the whole run, from its first seq, with the
   * count of data records lost in it, because the checker accounts a run of
   * missing seqs only to one range that holds it all. Every other loss
   * record the call carried is declared again with its own count and reason
   * (a loss record that does not arrive must not leave its loss silent).
   */
  #lostCall(r: Running, call: ExportCall): void {
    const now = Date.now();
    const ns = msToNs(now);
    if (call.firstSeq === 0) {
      if (call.data > 0) this.#lose(r, call.data, 'export_failed', now, now);
      return;
    }
    let run = this.#lostRun;
    if (run === undefined || call.firstSeq !== run.to + 1) run = { from: call.firstSeq, to: call.lastSeq, count: call.data, sinceNs: ns };
    else run = { ...run, to: call.lastSeq, count: run.count + call.data };
    const again: LossFields[] = [];
    for (const l of call.losses) {
      const m = EXPORT_FAILED.exec(l.reason);
      if (m && m[1] === r.stream) {
        const a = Number(m[2]);
        const b = Number(m[3]);
        if (a >= run.from && b <= run.to) continue; // inside the run
        if (a < run.from && b + 1 >= run.from) {
          // The run this record declared continues into this one.
          run = { from: a, to: Math.max(run.to, b), count: run.count + l.count, sinceNs: l.sinceNs < run.sinceNs ? l.sinceNs : run.sinceNs };
          continue;
        }
      }
      if (l.count > 0 || l.reason !== '') again.push(l);
    }
    this.#lostRun = run;
    this.#declare(r, run.count, `export_failed ${r.stream} ${run.from}..${run.to}`, run.sinceNs, ns);
    for (const l of again) this.#declare(r, l.count, l.reason, l.sinceNs, l.untilNs);
  }

  /**
   * A call the backend accepted as a partial success. Rejected records are
   * the backend's decision, not retried: a signed `partial_success` loss
   * record names the call's seqs (the backend does not say which records it
   * refused), so the checker accounts at most `rejected` missing seqs there
   * as declared loss (docs/PROTOCOL.md §7). A call of control records only
   * declares nothing (as the agent: a backend refusing them would otherwise
   * be fed loss records one call after another).
   */
  #partialSuccess(r: Running, call: ExportCall, records: number, p: NonNullable<Attempt['partial']>): void {
    const fields = { records, rejected: p.rejected, serverMessage: p.message };
    if (p.rejected <= 0) {
      this.#log.warn('the backend accepted the batch with a message (partial success, no record rejected)', fields);
      return;
    }
    if (call.data === 0) {
      this.#log.warn('the backend rejected records of a batch of control records only (partial success); no loss record is written for it', fields);
      return;
    }
    this.#log.warn('the backend accepted the batch only partly (partial success); rejected records are not retried, a signed loss record declares them', fields);
    const range = call.firstSeq > 0 ? ` ${r.stream} ${call.firstSeq}..${call.lastSeq}` : '';
    const ns = nowNs();
    this.#declare(r, p.rejected, `partial_success exporter=sdk status=${p.status} rejected=${p.rejected} of=${records}${range}`, ns, ns);
  }

  /** Writes a loss record through the sealing stage (tracked: shutdown and persist() wait for it). */
  #declare(r: Running, count: number, reason: string, sinceNs: bigint, untilNs: bigint): void {
    this.#track(r.sealing.declareLoss(count, reason, { sinceNs, untilNs }).catch((err: unknown) => this.#log.error('a loss record could not be written', { records: count, reason, error: errorMessage(err) })));
  }

  /** Acknowledges the finished calls at the front of the window, in order. */
  async #ackFinished(r: Running): Promise<void> {
    let acked = false;
    // An aborted call (shutdown) stops the acknowledgements: it and what follows are sent again at the next start.
    while (this.#inExport.length > 0 && this.#inExport[0]!.state !== 'running' && this.#inExport[0]!.state !== 'aborted') {
      const call = this.#inExport.shift()!;
      if (call.state === 'lost') this.#lostCall(r, call);
      await r.outbox.ack(call.lastId);
      acked = true;
    }
    const free = this.#freeSlot;
    this.#slotFreed = new Promise((res) => (this.#freeSlot = res));
    free();
    if (acked && this.#ackWaiters.length > 0) {
      const upTo = r.outbox.lag() === 0 ? Infinity : r.outbox.acked();
      const done = this.#ackWaiters.filter((w) => w.id <= upTo);
      this.#ackWaiters = this.#ackWaiters.filter((w) => w.id > upTo);
      for (const w of done) w.done();
    }
  }

  /** One export call with retries; false when it gave up (retry.maxElapsedMs, a permanent error) or was aborted. */
  async #deliver(r: Running, frames: readonly ResourceLogs[], call: ExportCall, signal: AbortSignal): Promise<boolean> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const res = await this.#target.send(frames, signal);
      if (res.warning !== undefined) this.#log.warn(res.warning, { records: countIn(frames) });
      if (res.partial !== undefined) this.#partialSuccess(r, call, countIn(frames), res.partial);
      if (res.ok) return true;
      if (signal.aborted) return false;
      // A permanent error ends a call with data at once. Seals and loss records only are retried with
      // backoff instead: declaring them lost would write a loss record that the backend refuses in turn.
      if (res.permanent === true && call.data > 0) {
        this.#log.error('export refused for good (a permanent error, not retried); the records are sealed as lost', { records: countIn(frames), attempts: attempt, error: res.error });
        return false;
      }
      const max = this.#retry.maxElapsedMs;
      if (max > 0 && Date.now() - started >= max) {
        this.#log.error('export failed for good; the records are sealed as lost', { records: countIn(frames), attempts: attempt, error: res.error });
        return false;
      }
      if (attempt === 1 && res.permanent === true) this.#log.error('export of control records (seals, loss records) refused with a permanent error; retrying with backoff', { records: countIn(frames), error: res.error });
      else if (attempt === 1) this.#log.warn('export failed; retrying with backoff', { records: countIn(frames), error: res.error });
      await sleep(nextRetryDelayMs(this.#retry, attempt, res.retryAfterMs), signal);
      if (signal.aborted) return false;
    }
  }
}

/** A time in ms as ns, on the 4 ms grid of control-record times (controlNowMs). */
function msToNs(ms: number): bigint {
  return BigInt(ms - (ms % 4)) * 1_000_000n;
}

function nowNs(): bigint {
  return msToNs(Date.now());
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v <= 0) throw new TypeError(`SealingLogRecordProcessor: ${name} must be a positive integer (got ${String(v)})`);
  return v;
}

function countIn(frames: readonly ResourceLogs[]): number {
  let n = 0;
  for (const rl of frames) n += recordsIn(rl);
  return n;
}

function splitStream(stream: string): [string, string] {
  const i = stream.lastIndexOf('/');
  return i < 0 ? [stream, hostname()] : [stream.slice(0, i), stream.slice(i + 1)];
}

/** The queued SDK records in sealog's model, grouped by resource and scope objects (as the SDK's transformer does). */
function toLogsData(records: readonly ReadableLogRecord[]): LogsData {
  const byResource = new Map<object, { rl: ResourceLogs; scopes: Map<object, ScopeLogs> }>();
  for (const rec of records) {
    let g = byResource.get(rec.resource);
    if (!g) {
      const rl: ResourceLogs = { resource: toResource(rec.resource.attributes as LogAttributes), scopeLogs: [], schemaUrl: rec.resource.schemaUrl ?? '' };
      byResource.set(rec.resource, (g = { rl, scopes: new Map() }));
    }
    let sl = g.scopes.get(rec.instrumentationScope);
    if (!sl) {
      sl = { scope: toScope(rec.instrumentationScope), logRecords: [], schemaUrl: rec.instrumentationScope.schemaUrl ?? '' };
      g.scopes.set(rec.instrumentationScope, sl);
      g.rl.scopeLogs.push(sl);
    }
    sl.logRecords.push(toLogRecord(rec));
  }
  const resourceLogs: ResourceLogs[] = [];
  for (const g of byResource.values()) resourceLogs.push(g.rl);
  return { resourceLogs };
}

/** `p`'s value, or false once Date.now() passes `deadline` first. */
function beforeDeadline(p: Promise<boolean>, deadline: number): Promise<boolean> {
  let t: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    t = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    t.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(t));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
