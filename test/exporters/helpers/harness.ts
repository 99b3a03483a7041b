/**
 * Test harness: a temp dir, a spool, sinks, exporters, metrics and an
 * in-memory logger, all torn down by cleanup().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExporterConfig } from '../../../src/config/types.js';
import { createExporter, dlqDirFor, type Exporter, type DeadLetterMeta } from '../../../src/exporters/index.js';
import { createMemoryLogger, type LogFields } from '../../../src/telemetry/logger.js';
import { MetricsRegistry, type Labels } from '../../../src/telemetry/metrics.js';
import { openTestSpool, recordingReader, type TestSpool } from './spool.js';
import { startSink, type Behaviour, type Sink } from './sink.js';
import type { ServerOptions as HttpsOptions } from 'node:https';

export class Harness {
  readonly registry = new MetricsRegistry();
  readonly logger = createMemoryLogger('debug');
  readonly deadLetters: DeadLetterMeta[] = [];
  readonly #sinks: Sink[] = [];
  readonly #exporters: Exporter[] = [];

  private constructor(
    readonly dir: string,
    readonly spool: TestSpool,
  ) {}

  static async create(readers: string[] = ['otlphttp']): Promise<Harness> {
    const dir = await mkdtemp(join(tmpdir(), 'sealog-exp-'));
    const spool = await openTestSpool(join(dir, 'spool'), readers);
    return new Harness(dir, spool);
  }

  get spoolDir(): string {
    return join(this.dir, 'spool');
  }

  async sink(opts: { tls?: HttpsOptions; port?: number; behaviour?: Behaviour } = {}): Promise<Sink> {
    const s = await startSink(opts);
    this.#sinks.push(s);
    return s;
  }

  /** Builds (not starts) an exporter on its own cursor named after the exporter id. */
  exporter(cfg: ExporterConfig): { exporter: Exporter; reader: ReturnType<typeof recordingReader> } {
    const reader = recordingReader(this.spool.reader(cfg.id));
    const exporter = createExporter(cfg, {
      reader,
      logger: this.logger,
      metrics: this.registry,
      dlqDir: dlqDirFor(this.spoolDir, cfg.id),
      onDeadLetter: (m) => void this.deadLetters.push(m),
    });
    this.#exporters.push(exporter);
    return { exporter, reader };
  }

  metric(name: string, labels: Labels): number {
    return this.registry.get(name)?.labels(labels).get() ?? 0;
  }

  logs(match: RegExp, level?: string): LogFields[] {
    return this.logger.lines.filter((l) => match.test(String(l.msg)) && (level === undefined || l.level === level));
  }

  async waitFor(pred: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async cleanup(): Promise<void> {
    for (const e of this.#exporters) await e.shutdown();
    for (const s of this.#sinks) await s.close();
    await this.spool.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
