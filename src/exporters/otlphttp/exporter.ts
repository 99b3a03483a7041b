/**
 * The otlphttp exporter: reads batches from its spool cursor, sends them as
 * OTLP/HTTP requests (up to max_in_flight at once), retries transient
 * failures without giving up (unless max_elapsed_time is set), keeps
 * permanently rejected batches in the dead-letter area, and moves the cursor
 * only past batches that are contiguously done.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, constants as zlibConstants } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { OtlpHttpExporterConfig } from '../../config/types.js';
import { AgentError, errorMessage } from '../../errors.js';
import { decodeLogsJson } from '../../otlp/json.js';
import { ATTR_TYPE } from '../../integrity/canonical.js';
import { getAttr, type LogsData } from '../../otlp/types.js';
import { decodeLogsProto, frameExportRequest } from '../../otlp/proto.js';
import type { SpoolFrame } from '../../spool/types.js';
import type { Logger } from '../../telemetry/logger.js';
import { AckWindow } from '../ack-window.js';
import { CursorAcker, Progress } from '../acker.js';
import { BufferPool } from '../../otlp/buffer-pool.js';
import { buildJsonBatch, buildProtoBatch, seqRanges, type EncodedBatch, type SeqRange } from '../batch.js';
import { writeDeadLetter, type DeadLetterMeta } from '../dlq.js';
import { ExporterMetrics } from '../metrics.js';
import { nextRetryDelayMs, sleep } from '../retry.js';
import type { Exporter, ExporterDeps } from '../types.js';
import { createDispatcher, loadTlsOptions } from './dispatcher.js';
import { GzipPool, gzipBound } from './gzip-pool.js';
import { redactUrl, resolveLogsUrl } from './endpoint.js';
import { sendRequest, type SendOutcome } from './send.js';

const gunzipAsync = promisify(gunzip);

/** A batch as built from its frames (which may be released once it exists). */
type Built =
  | { kind: 'batch'; first: number; last: number; batch: EncodedBatch; pooled: Uint8Array | undefined }
  | { kind: 'unencodable'; first: number; last: number; raw: Uint8Array; records: number; error: string };

/** One batch ready to send. */
interface Job {
  first: number;
  last: number;
  records: number;
  /** The request body as sent (gzip-compressed, in a buffer of the gzip pool, when `gzipped`). */
  wire: Uint8Array;
  gzipped: boolean;
}
const CONTENT_TYPE = { proto: 'application/x-protobuf', json: 'application/json' } as const;
const READ_ERROR_RETRY_MS = 1000;
const DLQ_WRITE_RETRY_MS = 5000;
const DRAIN_POLL_MS = 100;

/** Validates user headers once; names are lower-cased. Values are never logged. */
export function buildHeaders(cfg: Pick<OtlpHttpExporterConfig, 'id' | 'headers' | 'encoding' | 'compression'>): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': 'sealog' };
  for (const [name, value] of Object.entries(cfg.headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}.headers: "${name}" is not a valid HTTP header name/value (value not shown)`);
    }
    h[name.toLowerCase()] = value;
  }
  h['content-type'] = CONTENT_TYPE[cfg.encoding];
  if (cfg.compression === 'gzip') h['content-encoding'] = 'gzip';
  else delete h['content-encoding'];
  return h;
}

export class OtlpHttpExporter implements Exporter {
  readonly id: string;
  readonly #cfg: OtlpHttpExporterConfig;
  readonly #deps: ExporterDeps;
  readonly #log: Logger;
  readonly #m: ExporterMetrics;
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #progress = new Progress();
  #dispatcher: Dispatcher | undefined;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #window = new AckWindow();
  #acker: CursorAcker;
  readonly #inFlight = new Set<Promise<void>>();
  /** Uncompressed protobuf bodies, which live only until gzip has read them. */
  readonly #bodies: BufferPool;
  /** Compressors reused across requests (one per request in flight). */
  readonly #gzip: GzipPool;

  constructor(cfg: OtlpHttpExporterConfig, deps: ExporterDeps) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#deps = deps;
    this.#log = deps.logger.child({ component: `exporter/${cfg.id}` });
    this.#m = new ExporterMetrics(deps.metrics, cfg.id);
    this.#url = resolveLogsUrl(cfg);
    this.#headers = buildHeaders(cfg);
    this.#acker = this.#newAcker();
    // Bodies live only while gzip reads them, rarely more than two at a time; keeping more would only hold memory.
    this.#bodies = new BufferPool(2, 2 * cfg.maxBatchBytes);
    // zlib's output chunk holds a whole request, so that each request takes one threadpool round trip (see gzip-pool.ts).
    this.#gzip = new GzipPool(Math.max(1, cfg.maxInFlight), zlibConstants.Z_BEST_SPEED, gzipBound(cfg.maxBatchBytes));
    if (cfg.maxInFlight < 1 || cfg.maxBatchRecords < 1 || cfg.maxBatchBytes < 1 || cfg.timeoutMs < 1) {
      throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}: max_in_flight, max_batch_records, max_batch_bytes and timeout must be positive`);
    }
  }

  async start(): Promise<void> {
    if (this.#abort) return;
    const tls = loadTlsOptions(this.#cfg.tls, this.id);
    const endpoint = redactUrl(this.#url);
    if (this.#cfg.tls.insecureSkipVerify) {
      this.#log.warn(
        'TLS CERTIFICATE VERIFICATION IS OFF (tls.insecure_skip_verify: true): anyone on the network path can impersonate the backend and read or drop these logs; use tls.ca_file instead',
        { endpoint },
      );
    }
    if (this.#url.protocol === 'http:' && (this.#cfg.tls.caFile || this.#cfg.tls.certFile || this.#cfg.tls.insecureSkipVerify)) {
      this.#log.warn('tls settings are ignored: the endpoint uses http://, so requests are not encrypted', { endpoint });
    }
    this.#dispatcher = createDispatcher({ tls, connections: this.#cfg.maxInFlight, timeoutMs: this.#cfg.timeoutMs });
    this.#abort = new AbortController();
    this.#window = new AckWindow();
    this.#acker = this.#newAcker();
    this.#deps.reader.rewind();
    this.#loop = this.#run(this.#abort.signal);
    this.#log.info('exporter started', {
      endpoint,
      encoding: this.#cfg.encoding,
      compression: this.#cfg.compression,
      maxInFlight: this.#cfg.maxInFlight,
      sealsOnly: this.#cfg.sealsOnly,
    });
  }

  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#caughtUp()) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.#progress.wait(Math.min(left, DRAIN_POLL_MS));
    }
  }

  async shutdown(): Promise<void> {
    const abort = this.#abort;
    if (!abort) return;
    abort.abort();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
    this.#acker.close();
    await this.#acker.settle();
    const d = this.#dispatcher;
    this.#dispatcher = undefined;
    this.#abort = undefined;
    this.#loop = undefined;
    await d?.destroy();
    this.#gzip.close();
    this.#log.info('exporter stopped', { acked: this.#acker.acked });
  }

  #newAcker(): CursorAcker {
    return new CursorAcker(this.#deps.reader, this.#log, () => this.#progress.notify());
  }

  #caughtUp(): boolean {
    return this.#window.open === 0 && this.#acker.idle && this.#deps.reader.lag().records === 0;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { reader } = this.#deps;
    const readOpts = { maxRecords: this.#cfg.maxBatchRecords, maxBytes: this.#cfg.maxBatchBytes, signal };
    while (!signal.aborted) {
      if (this.#inFlight.size >= this.#cfg.maxInFlight) {
        await Promise.race(this.#inFlight);
        continue;
      }
      let frames: SpoolFrame[];
      try {
        frames = await reader.next(readOpts);
      } catch (err) {
        if (signal.aborted) break;
        this.#log.error('cannot read from the spool; will retry', { error: errorMessage(err) });
        await sleep(READ_ERROR_RETRY_MS, signal);
        continue;
      }
      if (frames.length === 0) continue;
      const slot = this.#window.push(frames[frames.length - 1]!.id);
      const task = this.#deliverGuarded(frames, slot, signal);
      this.#inFlight.add(task);
      void task.finally(() => this.#inFlight.delete(task));
    }
  }

  #complete(slot: number): void {
    const ackTo = this.#window.complete(slot);
    if (ackTo !== undefined) this.#acker.request(ackTo);
    this.#progress.notify();
  }

  /**
   * Encodes the batch once (copying what it needs out of the frames, which
   * are then released to the spool reader), then compresses and sends it
   * until it is accepted or dead-lettered; an unexpected error starts the
   * step that threw again after a backoff (every expected failure is
   * handled inside).
   */
  async #deliverGuarded(frames: SpoolFrame[], slot: number, signal: AbortSignal): Promise<void> {
    const built = this.#build(frames);
    this.#deps.reader.release(frames);
    frames.length = 0;
    let job: Job | null | undefined;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        job ??= await this.#prepare(built, slot, signal);
        if (job !== null) await this.#deliver(job, slot, signal);
        return;
      } catch (err) {
        const delay = nextRetryDelayMs(this.#cfg.retry, attempt, undefined);
        this.#log.error('unexpected error while exporting a batch; trying it again', { error: errorMessage(err), retryInMs: delay });
        await sleep(delay, signal);
      }
    }
  }

  /** The request body, built from the frames at once (a batch that cannot be encoded is kept as stored). */
  #build(frames: SpoolFrame[]): Built {
    const first = frames[0]!.id;
    const last = frames[frames.length - 1]!.id;
    // A protobuf body that is compressed right away is built in a pooled buffer, given back once compressed.
    let pooled: Uint8Array | undefined;
    const alloc = this.#cfg.compression === 'gzip' ? (size: number): Uint8Array => (pooled = this.#bodies.take(size)) : undefined;
    try {
      const batch = this.#cfg.encoding === 'proto' ? buildProtoBatch(frames, this.#cfg.sealsOnly, alloc) : buildJsonBatch(frames, this.#cfg.sealsOnly);
      return { kind: 'batch', first, last, batch, pooled };
    } catch (err) {
      const raw = frameExportRequest(frames.map((f) => f.payload));
      const records = frames.reduce((n, f) => n + f.records, 0);
      return { kind: 'unencodable', first, last, raw, records, error: errorMessage(err) };
    }
  }

  /**
   * The request body as it goes on the wire (compressed when configured), or
   * null when there is nothing to send: no records, or a batch that cannot
   * be encoded (kept in the dead-letter area as stored).
   */
  async #prepare(built: Built, slot: number, signal: AbortSignal): Promise<Job | null> {
    const { first, last } = built;
    if (built.kind === 'unencodable') {
      this.#log.error('a batch from the spool could not be encoded; kept in the dead-letter area as stored', { frames: `${first}-${last}`, error: built.error });
      const info = { reason: 'unencodable' as const, status: 0, message: built.error, records: built.records, first, last, attempts: 0 };
      if (await this.#deadLetter(built.raw, 'proto', info, signal)) this.#complete(slot);
      return null;
    }
    const { batch, pooled } = built;
    if (batch.records === 0) {
      if (pooled) this.#bodies.give(pooled);
      this.#complete(slot);
      return null;
    }
    // Only the wire form is kept while the request is retried; a dead letter gets the body back by gunzip.
    const gzipped = this.#cfg.compression === 'gzip';
    const wire = gzipped ? await this.#gzip.gzip(batch.body) : batch.body;
    // Not before: should gzip fail, the retry compresses the same body again.
    if (pooled) this.#bodies.give(pooled);
    return { first, last, records: batch.records, wire, gzipped };
  }

  /** The uncompressed request body of a job (for the dead-letter area). */
  async #plainBody(job: Job): Promise<Uint8Array> {
    return job.gzipped ? await gunzipAsync(job.wire) : job.wire;
  }

  /** Sends one encoded batch until it is accepted or dead-lettered; returns without completing the slot only when aborted. */
  async #deliver(job: Job, slot: number, signal: AbortSignal): Promise<void> {
    const { first, last, records, wire: body } = job;
    const started = Date.now();
    this.#m.inFlight.inc();
    try {
      for (let attempt = 1; ; attempt++) {
        const t0 = performance.now();
        const out = await sendRequest(this.#dispatcher!, {
          url: this.#url,
          body,
          headers: this.#headers,
          encoding: this.#cfg.encoding,
          timeoutMs: this.#cfg.timeoutMs,
          signal,
        });
        if (out.kind === 'aborted') return;
        this.#m.durationSum.inc((performance.now() - t0) / 1000);
        this.#m.durationCount.inc();
        this.#m.requests(statusLabel(out)).inc();
        if (out.kind === 'ok') {
          this.#m.recordsSent.inc(records);
          this.#m.bytesSent.inc(body.length);
          if (out.partial) {
            this.#m.partialRejectedRecords.inc(out.partial.rejected);
            this.#log.warn('the backend accepted the batch only partly (partial success); rejected records are not retried, a signed loss record declares them', {
              rejected: out.partial.rejected,
              records,
              serverMessage: out.partial.message,
              frames: `${first}-${last}`,
            });
            if (out.partial.rejected > 0 && !(await this.#declarePartial(job, out.partial.rejected, out.status, signal))) return;
          }
          if (out.note) this.#log.warn(out.note, { status: out.status });
          // The backend has read the whole body, so its buffer can be reused. After any other outcome it is
          // left to the GC: the socket may still be writing it.
          if (job.gzipped) this.#gzip.recycle(body);
          this.#complete(slot);
          return;
        }
        this.#m.failedRequests.inc();
        if (out.kind === 'permanent') {
          this.#log.error('the backend rejected the batch permanently; it is kept in the dead-letter area (see `sealog spool dlq list`)', {
            status: out.status,
            serverMessage: out.message,
            records,
            frames: `${first}-${last}`,
          });
          const ok = await this.#deadLetter(
            await this.#plainBody(job),
            this.#cfg.encoding,
            { reason: 'rejected', status: out.status, message: out.message, records, first, last, attempts: attempt },
            signal,
          );
          if (ok) this.#complete(slot);
          return;
        }
        const delay = nextRetryDelayMs(this.#cfg.retry, attempt, out.retryAfterMs);
        if (this.#cfg.retry.maxElapsedMs > 0 && Date.now() - started + delay > this.#cfg.retry.maxElapsedMs) {
          this.#log.error('giving up on the batch after retry_on_failure.max_elapsed_time; it is kept in the dead-letter area', {
            status: out.status,
            error: out.message,
            attempts: attempt,
            records,
            frames: `${first}-${last}`,
          });
          const ok = await this.#deadLetter(
            await this.#plainBody(job),
            this.#cfg.encoding,
            { reason: 'retries_exhausted', status: out.status, message: out.message, records, first, last, attempts: attempt },
            signal,
          );
          if (ok) this.#complete(slot);
          return;
        }
        this.#m.retries.inc();
        this.#log.warn('export failed; will retry (the data stays in the spool)', {
          status: out.status === 0 ? undefined : out.status,
          error: out.message,
          attempt,
          retryInMs: delay,
          serverDelay: out.retryAfterMs !== undefined,
          records,
        });
        await sleep(delay, signal);
        if (signal.aborted) return;
      }
    } finally {
      this.#m.inFlight.inc(-1);
    }
  }

  /**
   * A partial success: the rejected records get a signed loss record (the
   * batch's seq ranges, as the backend does not say which records it
   * rejected) before the batch is acknowledged. Retried until it is durable;
   * false only when aborted first (the batch is then sent again next time).
   */
  async #declarePartial(job: Job, rejected: number, status: number, signal: AbortSignal): Promise<boolean> {
    const onLoss = this.#deps.onLoss;
    if (!onLoss) return true;
    let ranges = '';
    try {
      const plain = await this.#plainBody(job);
      const data = this.#cfg.encoding === 'proto' ? decodeLogsProto(plain) : decodeLogsJson(plain);
      if (!hasDataRecords(data)) {
        // Only control records (seals, loss records): declaring them would feed a backend that refuses
        // them an endless loop of loss records (the same rule as for dead letters).
        this.#log.warn('a batch of control records only was partly rejected; no loss record is written for it', { rejected, frames: `${job.first}-${job.last}` });
        return true;
      }
      ranges = seqRanges(data)
        .map((r) => `${r.stream} ${r.first}..${r.last}`)
        .join(', ');
    } catch {
      // the seq ranges are a convenience; the count and frames are declared either way
    }
    const reason = `partial_success exporter=${this.id} status=${status} rejected=${rejected} of=${job.records} frames=${job.first}-${job.last} ${ranges}`.trim();
    for (;;) {
      try {
        await onLoss(rejected, reason);
        return true;
      } catch (err) {
        this.#log.error('cannot write the loss record of a partial success; the batch stays unacknowledged until it is written', { error: errorMessage(err) });
        await sleep(DLQ_WRITE_RETRY_MS, signal);
        if (signal.aborted) return false;
      }
    }
  }

  /** Writes a dead letter, retrying I/O errors until it is stored; false only when aborted first. */
  async #deadLetter(
    body: Uint8Array,
    encoding: 'proto' | 'json',
    info: { reason: DeadLetterMeta['reason']; status: number; message: string; records: number; first: number; last: number; attempts: number },
    signal: AbortSignal,
  ): Promise<boolean> {
    let streams: SeqRange[] = [];
    try {
      streams = seqRanges(encoding === 'proto' ? decodeLogsProto(body) : decodeLogsJson(body));
    } catch {
      // the seq ranges are a convenience; the body is kept either way
    }
    for (;;) {
      try {
        const entry = await writeDeadLetter(this.#deps.dlqDir, body, {
          exporter: this.id,
          reason: info.reason,
          status: info.status,
          message: info.message,
          endpoint: redactUrl(this.#url),
          records: info.records,
          encoding,
          contentType: CONTENT_TYPE[encoding],
          frames: { first: info.first, last: info.last },
          streams,
          attempts: info.attempts,
        });
        this.#m.deadLetteredRecords.inc(info.records);
        this.#log.warn('batch written to the dead-letter area', { path: entry.metaPath, records: info.records });
        await this.#deps.onDeadLetter?.(entry.meta, entry.metaPath);
        return true;
      } catch (err) {
        this.#log.error('cannot write to the dead-letter area; the batch stays unacknowledged and will be retried', {
          dir: this.#deps.dlqDir,
          error: errorMessage(err),
        });
        await sleep(DLQ_WRITE_RETRY_MS, signal);
        if (signal.aborted) return false;
      }
    }
  }
}

/** Whether a batch holds any record that is not a control record (seal, genesis, loss, gap). */
function hasDataRecords(data: LogsData): boolean {
  for (const rl of data.resourceLogs) for (const sl of rl.scopeLogs) for (const r of sl.logRecords) if (getAttr(r.attributes, ATTR_TYPE) === undefined) return true;
  return false;
}

function statusLabel(out: Exclude<SendOutcome, { kind: 'aborted' }>): string {
  if (out.status > 0) return String(out.status);
  return out.kind === 'retryable' && out.timedOut ? 'timeout' : 'error';
}
