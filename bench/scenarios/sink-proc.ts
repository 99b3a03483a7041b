/** Parent side of bench/sink.ts: start the sink process, wait for its count. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SinkMessage, SinkReport } from '../sink.js';
import { cpuSeconds } from './procstat.js';
import { exited, stopChild, track } from './procs.js';

const SINK_JS = fileURLToPath(new URL('../sink.js', import.meta.url));

export interface SinkOptions {
  mode: 'otlp' | 'tcp';
  /** Data records (or lines) after which the sink reports `done`; 0 = not yet known. */
  expect: number;
  latency?: boolean;
  /** Start as a backend that is down (every connection closed unanswered) until up(). */
  down?: boolean;
}

function describe(r: SinkReport): string {
  return `${r.records} records, ${r.control} control records, ${r.requests} requests, ${r.errors} errors${r.lastError ? ` (last: ${r.lastError})` : ''}`;
}

export class SinkProcess {
  private doneReport: SinkReport | undefined;
  private readonly doneWaiters: Array<(r: SinkReport) => void> = [];
  private readonly statusWaiters: Array<(r: SinkReport) => void> = [];

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (m: SinkMessage) => {
      if (m.type === 'done') {
        this.doneReport = m;
        for (const w of this.doneWaiters.splice(0)) w(m);
      } else if (m.type === 'status') {
        for (const w of this.statusWaiters.splice(0)) w(m);
      }
    });
  }

  static async start(opts: SinkOptions): Promise<SinkProcess> {
    const args = [opts.mode === 'tcp' ? '--tcp' : '--otlp', '--expect', String(opts.expect)];
    if (opts.latency) args.push('--latency');
    if (opts.down) args.push('--down');
    const child = track(fork(SINK_JS, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const port = await new Promise<number>((resolve, reject) => {
      const onMsg = (m: SinkMessage): void => {
        if (m.type === 'ready') {
          child.off('exit', onExit);
          resolve(m.port);
        }
      };
      const onExit = (code: number | null): void => reject(new Error(`bench sink exited (code ${code}) before listening; run \`npm run build\` and check dist/bench/sink.js`));
      child.once('message', onMsg);
      child.once('exit', onExit);
    });
    return new SinkProcess(child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  expect(count: number): void {
    this.child.send({ type: 'expect', count });
  }

  /** A sink started with `down` starts answering. */
  up(): void {
    this.child.send({ type: 'up' });
  }

  status(): Promise<SinkReport> {
    return new Promise((resolve) => {
      this.statusWaiters.push(resolve);
      this.child.send({ type: 'status' });
    });
  }

  cpuSeconds(): number {
    return this.child.pid === undefined ? NaN : cpuSeconds(this.child.pid) ?? NaN;
  }

  /**
   * Resolves with the sink's report once every expected record arrived.
   * Rejects after timeoutMs, or as soon as `watch` (the process feeding the
   * sink) exits, with what the sink had counted by then.
   */
  async waitDone(timeoutMs: number, watch?: { child: ChildProcess; name: string; logTail?: () => string }): Promise<SinkReport> {
    if (this.doneReport) return this.doneReport;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<SinkReport>((resolve) => this.doneWaiters.push(resolve));
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const died = watch ? exited(watch.child).then((code) => ({ code })) : new Promise<never>(() => {});
    const r = await Promise.race([done, timeout, died]);
    clearTimeout(timer);
    if (typeof r === 'object' && 'records' in r) return r;
    const status = await this.status();
    const why = r === 'timeout' ? `timed out after ${timeoutMs / 1000} s` : `${watch!.name} exited with ${r.code}`;
    const tail = watch?.logTail?.();
    throw new Error(`sink did not receive every record: ${why}; sink has ${describe(status)}${tail ? `\n--- ${watch!.name} log (last lines) ---\n${tail}` : ''}`);
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGTERM', 5_000);
  }
}
