/**
 * Shared pieces for the filelog tests: a consumer that records batches and
 * commits positions the way the pipeline does (only once consume resolved),
 * real files written with fsync, and a receiver factory that cleans up.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilelogReceiverConfig } from '../../../src/config/types.js';
import type { FilePosition, InputGap, LogBatch, LogsConsumer } from '../../../src/pipeline/types.js';
import type { AnyValue, LogRecord } from '../../../src/otlp/types.js';
import { AgentError } from '../../../src/errors.js';
import { createMemoryLogger } from '../../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../../src/telemetry/metrics.js';
import { createFilelogReceiver } from '../../../src/receivers/filelog/index.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
}

export class TestConsumer implements LogsConsumer {
  readonly batches: LogBatch[] = [];
  readonly positions = new Map<string, FilePosition>();
  /** Delay before a batch becomes "durable". */
  delayMs = 0;
  /** While true, consume rejects with SPOOL_FULL. */
  full = false;
  fullRejections = 0;
  consumeCalls = 0;
  #spaceWaiters: Array<() => void> = [];

  async consume(batch: LogBatch): Promise<void> {
    this.consumeCalls++;
    if (this.full) {
      this.fullRejections++;
      throw new AgentError('SPOOL_FULL', 'test spool is full');
    }
    if (this.delayMs > 0) await sleep(this.delayMs);
    this.batches.push(batch);
    for (const p of batch.positions ?? []) this.positions.set(p.key, p);
  }

  waitForSpace(signal?: AbortSignal): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => {
      this.#spaceWaiters.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  setFull(full: boolean): void {
    this.full = full;
    if (!full) {
      const w = this.#spaceWaiters;
      this.#spaceWaiters = [];
      for (const r of w) r();
    }
  }

  records(): LogRecord[] {
    const out: LogRecord[] = [];
    for (const b of this.batches) for (const rl of b.data.resourceLogs) for (const sl of rl.scopeLogs) out.push(...sl.logRecords);
    return out;
  }

  bodies(): string[] {
    return this.records().map((r) => (r.body.type === 'string' ? r.body.value : JSON.stringify(r.body)));
  }

  count(): number {
    let n = 0;
    for (const b of this.batches) for (const rl of b.data.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
    return n;
  }

  /** What the pipeline would hand a restarted receiver. */
  recovered(): FilePosition[] {
    return [...this.positions.values()];
  }
}

/** A consumer that also takes gap records, committing the positions each settles with it (as the sealing pipeline does). */
export class GapConsumer extends TestConsumer {
  readonly gaps: InputGap[] = [];
  readonly delivered = new Set<string>();

  override async consume(batch: LogBatch): Promise<void> {
    await super.consume(batch);
    for (const rl of batch.data.resourceLogs) for (const sl of rl.scopeLogs) for (const r of sl.logRecords) if (r.body.type === 'string') this.delivered.add(r.body.value);
  }

  declareGap(gap: InputGap, positions: FilePosition[]): Promise<void> {
    this.gaps.push(gap);
    for (const p of positions) this.positions.set(p.key, p);
    return Promise.resolve();
  }
}

export function attr(rec: LogRecord, key: string): AnyValue | undefined {
  return rec.attributes.find((a) => a.key === key)?.value;
}

export function attrValue(rec: LogRecord, key: string): unknown {
  const v = attr(rec, key);
  if (!v) return undefined;
  return v.type === 'empty' ? null : v.value;
}

export function baseConfig(overrides: Partial<FilelogReceiverConfig> & { include: string[] }): FilelogReceiverConfig {
  return {
    id: 'filelog/test',
    exclude: [],
    startAt: 'beginning',
    pollIntervalMs: 50,
    watch: true,
    forceFlushPeriodMs: 100,
    maxLogSizeBytes: 1024 * 1024,
    maxLogSizeAction: 'split',
    encoding: 'utf-8',
    compression: 'none',
    maxConcurrentFiles: 64,
    fingerprintSizeBytes: 1024,
    includeFileName: true,
    includeFilePath: false,
    includeProvenance: false,
    parsers: [],
    maxBatchLines: 100,
    followSymlinks: false,
    ...overrides,
  };
}

/** Appends bytes and makes them durable (fsync), like a careful writer. */
export function appendDurable(path: string, data: string | Buffer): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function lines(prefix: string, from: number, to: number, pad = 0): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(`${prefix} ${String(i).padStart(6, '0')}${'x'.repeat(pad)}`);
  return out;
}

export function appendLines(path: string, ls: string[]): void {
  if (ls.length > 0) appendDurable(path, ls.join('\n') + '\n');
}

/** A temp dir, receivers and consumers that are all cleaned up by `cleanup()`. */
export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'sealog-filelog-'));
  readonly logger = createMemoryLogger('debug');
  readonly metrics = new MetricsRegistry();
  readonly #receivers: Array<{ shutdown(): Promise<void> }> = [];

  path(name: string): string {
    return join(this.dir, name);
  }

  async start(cfg: FilelogReceiverConfig, consumer: LogsConsumer, recovered: FilePosition[] = []) {
    const r = createFilelogReceiver(cfg, { consumer, logger: this.logger, metrics: this.metrics, recovered });
    this.#receivers.push(r);
    await r.start();
    return r;
  }

  metric(name: string, labels: Record<string, string> = { receiver: 'filelog/test' }): number {
    return this.metrics.get(name)?.labels(labels).get() ?? 0;
  }

  async cleanup(): Promise<void> {
    for (const r of this.#receivers) await r.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Open descriptors of this process. */
export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Every expected line arrived exactly once (reports missing and duplicated lines). */
export function expectExactlyOnce(got: string[], expected: string[]): { missing: string[]; duplicated: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const g of got) counts.set(g, (counts.get(g) ?? 0) + 1);
  const exp = new Set(expected);
  const missing = expected.filter((e) => !counts.has(e));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
  const unexpected = [...counts.keys()].filter((k) => !exp.has(k));
  return { missing, duplicated, unexpected };
}

/** Lines of one generation arrive in the order they were written. */
export function inOrder(got: string[], prefix: string): boolean {
  const mine = got.filter((g) => g.startsWith(prefix + ' '));
  for (let i = 1; i < mine.length; i++) if (mine[i]! <= mine[i - 1]!) return false;
  return true;
}
