/** Collects the runs of one scenario, prints each as it finishes, and keeps the first error. */
import { fmt, fmtInt } from './format.js';
import { summarize } from './stats.js';
import type { RunMetrics, ScenarioResult } from './types.js';

export class ScenarioRecorder {
  private readonly runs: RunMetrics[] = [];
  private readonly notes: string[] = [];
  private error: string | undefined;
  private skipped: string | undefined;

  private firstStart: number | undefined;
  private overBudget = false;

  /**
   * budgetMs: once the runs so far took this long, later runs are left out
   * (with a note), so that a slow build keeps the whole bench near 10 minutes.
   */
  constructor(
    readonly id: string,
    readonly title: string,
    readonly measured: string,
    private readonly log: (line: string) => void,
    private readonly budgetMs = Infinity,
  ) {}

  get failed(): boolean {
    return this.error !== undefined || this.skipped !== undefined;
  }

  /** False once a run failed or the time budget is spent. */
  get open(): boolean {
    if (this.failed || this.overBudget) return false;
    if (this.firstStart !== undefined && Date.now() - this.firstStart > this.budgetMs) {
      this.overBudget = true;
      this.note(`stopped after ${this.runs.length} run(s): the scenario's ${Math.round(this.budgetMs / 1000)} s time budget was spent`);
      this.log(`  ${this.id}: time budget of ${Math.round(this.budgetMs / 1000)} s spent after ${this.runs.length} run(s); skipping the rest`);
      return false;
    }
    return true;
  }

  /** Runs one measurement unless an earlier one failed or the budget is spent; a failure is kept and printed, not thrown. */
  async run(label: string, fn: () => Promise<RunMetrics>): Promise<RunMetrics | undefined> {
    if (!this.open) return undefined;
    this.firstStart ??= Date.now();
    try {
      const m = await fn();
      this.add(label, m);
      return m;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.log(`  ${this.id} ${label}: FAILED: ${this.error}`);
      return undefined;
    }
  }

  add(label: string, m: RunMetrics): void {
    this.runs.push(m);
    const read = m.extra?.['readP99Ms'] !== undefined ? ` (append -> read p50 ${m.extra['readP50Ms']} p99 ${m.extra['readP99Ms']} max ${m.extra['readMaxMs']} ms)` : '';
    const lat = m.p99Ms !== undefined ? `, latency p50 ${fmt(m.p50Ms)} ms p99 ${fmt(m.p99Ms)} ms max ${fmt(m.maxMs)} ms${read}` : '';
    const drain = m.extra?.['drainOverArrival'] !== undefined ? `, ${m.extra['drainOverArrival']} x the arrival rate, reconnect wait ${m.extra['reconnectWaitS']} s` : '';
    this.log(
      `  ${this.id} ${label}: ${fmtInt(m.recordsPerSec)} records/s, ${fmt(m.mbPerSec)} MB/s, ${fmt(m.cpuSecPerMRecords, 2)} CPU s/M records, peak RSS ${fmt(m.peakRssMb, 0)} MB, ${fmt(m.seconds, 2)} s${lat}${drain}`,
    );
  }

  fail(message: string): void {
    this.error ??= message;
    this.log(`  ${this.id}: FAILED: ${message}`);
  }

  skip(why: string): void {
    this.skipped = why;
    this.log(`  ${this.id}: skipped: ${why}`);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  result(): ScenarioResult {
    const r: ScenarioResult = { id: this.id, title: this.title, measured: this.measured, runs: this.runs, summary: summarize(this.runs), notes: this.notes };
    if (this.error !== undefined) r.error = this.error;
    if (this.skipped !== undefined) r.skipped = this.skipped;
    return r;
  }
}
