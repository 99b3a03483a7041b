/**
 * The file exporter: OTLP JSON lines exactly like the OpenTelemetry
 * Collector's file exporter (one ExportLogsServiceRequest per line, one line
 * per batch), appended to `path` and never truncated.
 *
 * Delivery: a batch is acknowledged on the spool only after its line has
 * been written to the file (write(2) returned; the data is in the OS page
 * cache and survives a crash of the agent). The file is fsynced at rotation,
 * at drain and at shutdown. A crash after the write but before the ack
 * writes the batch again after restart (at-least-once; identical duplicates
 * are not a finding for `sealog verify`).
 */
import type { FileExporterConfig } from '../../config/types.js';
import { AgentError, errorMessage } from '../../errors.js';
import { frameExportRequest } from '../../otlp/proto.js';
import type { SpoolFrame } from '../../spool/types.js';
import type { Logger } from '../../telemetry/logger.js';
import { CursorAcker, Progress } from '../acker.js';
import { buildJsonDocument } from '../batch.js';
import { writeDeadLetter } from '../dlq.js';
import { ExporterMetrics } from '../metrics.js';
import { sleep } from '../retry.js';
import type { Exporter, ExporterDeps } from '../types.js';
import { JsonlFileWriter } from './writer.js';

/** Upper bound of spool bytes read per batch (one line). */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** Flush before the flush interval once this much is buffered. */
const FLUSH_THRESHOLD_BYTES = 1024 * 1024;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
const ERROR_LOG_EVERY_MS = 30_000;
const DRAIN_POLL_MS = 100;

export class FileExporter implements Exporter {
  readonly id: string;
  readonly #cfg: FileExporterConfig;
  readonly #deps: ExporterDeps;
  readonly #log: Logger;
  readonly #m: ExporterMetrics;
  readonly #progress = new Progress();
  #writer: JsonlFileWriter | undefined;
  #acker: CursorAcker;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #io: Promise<unknown> = Promise.resolve();
  #pendingRecords = 0;
  #draining = 0;
  #lastErrorLogMs = 0;
  #failing = false;
  #unsynced = false;

  constructor(cfg: FileExporterConfig, deps: ExporterDeps) {
    if (cfg.path === '') throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}.path: required (the output file)`);
    if (cfg.maxBatchRecords < 1 || cfg.flushIntervalMs < 1) {
      throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}: max_batch_records and flush_interval must be positive`);
    }
    if (cfg.rotation && !(cfg.rotation.maxMegabytes > 0)) {
      throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}.rotation.max_megabytes: must be positive`);
    }
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#deps = deps;
    this.#log = deps.logger.child({ component: `exporter/${cfg.id}` });
    this.#m = new ExporterMetrics(deps.metrics, cfg.id);
    this.#acker = this.#newAcker();
  }

  async start(): Promise<void> {
    if (this.#abort) return;
    const r = this.#cfg.rotation;
    const writer = new JsonlFileWriter({
      path: this.#cfg.path,
      logger: this.#log,
      ...(r ? { rotation: { maxBytes: Math.round(r.maxMegabytes * 1024 * 1024), maxBackups: r.maxBackups, compress: r.compress } } : {}),
      onRotate: (backup) => {
        this.#m.fileRotations.inc();
        this.#log.info('output file rotated', { backup });
      },
    });
    try {
      await writer.open();
    } catch (err) {
      throw new AgentError('CONFIG_INVALID', `exporters.${this.id}.path: cannot open ${this.#cfg.path} for appending: ${errorMessage(err)} (check the directory exists or can be created, and that sealog may write there)`, { cause: err });
    }
    this.#writer = writer;
    this.#acker = this.#newAcker();
    this.#abort = new AbortController();
    this.#deps.reader.rewind();
    this.#timer = setInterval(() => void this.#serial(() => this.#flush()), this.#cfg.flushIntervalMs);
    this.#loop = this.#run(writer, this.#abort.signal);
    this.#log.info('exporter started', { path: this.#cfg.path, rotation: r ?? 'off', sealsOnly: this.#cfg.sealsOnly });
  }

  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.#draining++;
    try {
      for (;;) {
        if (this.#writer) await this.#serial(() => this.#flush(true));
        if (this.#caughtUp()) return true;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await this.#progress.wait(Math.min(left, DRAIN_POLL_MS));
      }
    } finally {
      this.#draining--;
    }
  }

  async shutdown(): Promise<void> {
    const abort = this.#abort;
    if (!abort) return;
    abort.abort();
    clearInterval(this.#timer);
    await this.#loop;
    const writer = this.#writer!;
    await this.#serial(async () => {
      await this.#flush(true);
      try {
        await writer.close();
      } catch (err) {
        this.#log.error('could not flush and fsync the output file at shutdown; unwritten batches stay in the spool', { error: errorMessage(err) });
      }
    });
    this.#acker.close();
    await this.#acker.settle();
    this.#abort = undefined;
    this.#loop = undefined;
    this.#writer = undefined;
    this.#log.info('exporter stopped', { acked: this.#acker.acked });
  }

  #newAcker(): CursorAcker {
    return new CursorAcker(this.#deps.reader, this.#log, () => this.#progress.notify());
  }

  #caughtUp(): boolean {
    const w = this.#writer;
    const flushed = w === undefined || (w.pendingBytes === 0 && this.#acker.acked >= w.flushedTag);
    return flushed && this.#acker.idle && this.#deps.reader.lag().records === 0;
  }

  /** Runs writer operations one at a time (the loop, the flush timer, drain and shutdown share the file). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.#io.then(fn, fn);
    this.#io = p.catch(() => undefined);
    return p;
  }

  #requestAck(): void {
    const w = this.#writer;
    if (w) this.#acker.request(w.flushedTag);
  }

  /** Writes the buffer (and fsyncs when asked); true on success. Errors are counted and logged (rate-limited), never thrown. */
  async #flush(fsync = false): Promise<boolean> {
    const w = this.#writer;
    if (!w) return false;
    try {
      const bytes = await w.flush();
      if (bytes > 0) this.#unsynced = true;
      if (fsync && this.#unsynced) {
        await w.sync();
        this.#unsynced = false;
      }
      if (bytes > 0) {
        this.#m.bytesSent.inc(bytes);
        this.#m.recordsSent.inc(this.#pendingRecords);
        this.#pendingRecords = 0;
      }
      if (this.#failing) this.#log.info('writing the output file works again', { path: w.path });
      this.#failing = false;
      this.#requestAck();
      return true;
    } catch (err) {
      this.#writeFailed(err);
      return false;
    }
  }

  #writeFailed(err: unknown): void {
    this.#m.fileWriteErrors.inc();
    const now = Date.now();
    if (!this.#failing || now - this.#lastErrorLogMs >= ERROR_LOG_EVERY_MS) {
      this.#log.error('cannot write the output file; will retry (unwritten batches stay in the spool)', {
        path: this.#cfg.path,
        error: errorMessage(err),
      });
      this.#lastErrorLogMs = now;
    }
    this.#failing = true;
  }

  async #run(writer: JsonlFileWriter, signal: AbortSignal): Promise<void> {
    const readOpts = { maxRecords: this.#cfg.maxBatchRecords, maxBytes: MAX_BATCH_BYTES, signal };
    while (!signal.aborted) {
      let frames: SpoolFrame[];
      try {
        frames = await this.#deps.reader.next(readOpts);
      } catch (err) {
        if (signal.aborted) break;
        this.#log.error('cannot read from the spool; will retry', { error: errorMessage(err) });
        await sleep(RETRY_MIN_MS * 2, signal);
        continue;
      }
      if (frames.length === 0) continue;
      const last = frames[frames.length - 1]!.id;
      const encoded = await this.#encode(frames, signal);
      this.#deps.reader.release(frames); // the line holds a copy of everything
      if (encoded === undefined) return; // aborted while dead-lettering
      const { line, records } = encoded;
      // Buffer the line (rotating first if needed); on a write error, retry the same line with backoff.
      for (let attempt = 0; !signal.aborted; attempt++) {
        const ok = await this.#serial(async () => {
          try {
            await writer.write(line, last);
          } catch (err) {
            this.#writeFailed(err);
            return false;
          }
          this.#pendingRecords += records;
          if (writer.pendingBytes >= FLUSH_THRESHOLD_BYTES || this.#draining > 0) await this.#flush(this.#draining > 0);
          else if (writer.pendingBytes === 0) this.#requestAck();
          return true;
        });
        if (ok) break;
        await sleep(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt), signal);
      }
      // Do not buffer without bound while the disk refuses writes.
      for (let attempt = 0; writer.pendingBytes >= 4 * FLUSH_THRESHOLD_BYTES && !signal.aborted; attempt++) {
        if (await this.#serial(() => this.#flush())) break;
        await sleep(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt), signal);
      }
    }
  }

  /** The JSON line for a batch (undefined line when nothing is exported); corrupt payloads go to the dead-letter area. */
  async #encode(frames: SpoolFrame[], signal: AbortSignal): Promise<{ line: Buffer | undefined; records: number } | undefined> {
    try {
      const { body, records } = buildJsonDocument(frames, this.#cfg.sealsOnly, '\n');
      return { line: records === 0 ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength), records };
    } catch (err) {
      const first = frames[0]!.id;
      const last = frames[frames.length - 1]!.id;
      const records = frames.reduce((n, f) => n + f.records, 0);
      this.#log.error('a batch from the spool could not be decoded; kept in the dead-letter area as stored', {
        frames: `${first}-${last}`,
        error: errorMessage(err),
      });
      for (let attempt = 0; ; attempt++) {
        try {
          const entry = await writeDeadLetter(this.#deps.dlqDir, frameExportRequest(frames.map((f) => f.payload)), {
            exporter: this.id,
            reason: 'unencodable',
            status: 0,
            message: errorMessage(err),
            endpoint: this.#cfg.path,
            records,
            encoding: 'proto',
            contentType: 'application/x-protobuf',
            frames: { first, last },
            streams: [],
            attempts: 0,
          });
          this.#m.deadLetteredRecords.inc(records);
          await this.#deps.onDeadLetter?.(entry.meta, entry.metaPath);
          return { line: undefined, records: 0 };
        } catch (dlqErr) {
          this.#log.error('cannot write to the dead-letter area; will retry', { dir: this.#deps.dlqDir, error: errorMessage(dlqErr) });
          await sleep(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt), signal);
          if (signal.aborted) return undefined;
        }
      }
    }
  }
}
