/**
 * Scenario 11: backlog drain. The backend is down (the sink closes every
 * connection unanswered) while lines are appended at a steady rate (10,000
 * lines/s), so everything the agent reads waits in its spool; once the agent
 * has read every line, the backend comes back and the spool drains.
 *
 * Reported: the drain rate, records / (last record's arrival - first
 * request's arrival), against the arrival rate; the reconnect wait (backend
 * up -> first request: the exporter's retry backoff, which has grown to its
 * maximum by then); the agent's CPU per record while draining; its peak RSS.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LINE_BYTES } from '../gen-input.js';
import { nowMs } from '../sink.js';
import type { AgentProcess } from './agent.js';
import { runTimeoutMs } from './file-tail.js';
import { appendSteadily } from './latency.js';
import { withLiveTail } from './live-tail.js';
import { toMetrics, type BenchContext, type RunMetrics } from './types.js';

export interface DrainOptions {
  /** Lines appended while the backend is down. */
  lines: number;
  linesPerSec: number;
}

/** Waits until the agent has read (and spooled) `lines` lines. */
async function untilRead(agent: AgentProcess, lines: number, timeoutMs: number): Promise<void> {
  const until = nowMs() + timeoutMs;
  for (;;) {
    const read = await agent.metric('sealog_filelog_lines_read_total');
    if (read >= lines) return;
    if (nowMs() > until) throw new Error(`the agent read ${read} of ${lines} lines within ${timeoutMs / 1000} s of the last append\n${agent.logTail()}`);
    await sleep(100);
  }
}

export async function runDrain(ctx: BenchContext, o: DrainOptions): Promise<RunMetrics> {
  return withLiveTail(ctx, 'drain', { mode: 'otlp', expect: 0, down: true }, async ({ agent, sink, input }) => {
    const lines = await appendSteadily(input, { linesPerSec: o.linesPerSec, seconds: o.lines / o.linesPerSec });
    await untilRead(agent, lines, 60_000);
    const down = await sink.status();
    if (down.records > 0) throw new Error(`the sink counted ${down.records} records while it was down`);
    sink.expect(lines);
    const upAt = nowMs();
    const cpuUp = agent.measure().cpu;
    sink.up();
    // The exporter's backoff has reached its maximum (30 s, +-50 %) while the backend was down.
    const report = await sink.waitDone(60_000 + runTimeoutMs(lines), { child: agent.child, name: 'agent', logTail: () => agent.logTail() });
    const { cpu, peakRss } = agent.measure();
    const m = toMetrics(lines, (report.lastAt! - report.firstAt!) / 1000, lines * LINE_BYTES, cpu - cpuUp, peakRss);
    m.extra = {
      arrivalPerSec: o.linesPerSec,
      drainOverArrival: Number((m.recordsPerSec / o.linesPerSec).toFixed(1)),
      reconnectWaitS: Number(((report.firstAt! - upAt) / 1000).toFixed(1)),
      catchUpS: Number(((report.lastAt! - upAt) / 1000).toFixed(1)),
      refusedConnections: down.refused ?? 0,
      requests: report.requests,
    };
    return m;
  });
}
