/**
 * Scenario 5: latency. With the agent up and tailing an empty file, lines are
 * appended at a steady rate (10,000 lines/s by default), each carrying its
 * append time (gen-input.ts makeStampedLine); the sink takes arrival minus
 * append for every record. Reports p50/p99/max over every line, and the
 * agent's CPU over the appending interval.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LINE_BYTES, makeStampedLine } from '../gen-input.js';
import { nowMs } from '../sink.js';
import { withLiveTail } from './live-tail.js';
import { toMetrics, type BenchContext, type RunMetrics } from './types.js';

export interface LatencyOptions {
  linesPerSec: number;
  seconds: number;
}

/** Appends stamped lines at `linesPerSec` for `seconds`; returns how many were written. */
export async function appendSteadily(path: string, o: LatencyOptions): Promise<number> {
  const fd = openSync(path, 'a');
  try {
    const start = nowMs();
    const end = start + o.seconds * 1000;
    let written = 0;
    for (let now = start; now < end; now = nowMs()) {
      const due = Math.floor(((now - start) / 1000) * o.linesPerSec);
      if (due > written) {
        const parts: string[] = new Array(due - written);
        for (let i = written; i < due; i++) parts[i - written] = makeStampedLine(i, now);
        writeSync(fd, parts.join('\n') + '\n');
        written = due;
      }
      await sleep(5);
    }
    return written;
  } finally {
    closeSync(fd);
  }
}

export async function runLatency(ctx: BenchContext, o: LatencyOptions): Promise<RunMetrics> {
  return withLiveTail(ctx, 'latency', { mode: 'otlp', expect: 0, latency: true }, async ({ agent, sink, input }) => {
    const cpu0 = agent.measure().cpu;
    const t0 = nowMs();
    const lines = await appendSteadily(input, o);
    const seconds = (nowMs() - t0) / 1000;
    sink.expect(lines);
    const report = await sink.waitDone(60_000, { child: agent.child, name: 'agent', logTail: () => agent.logTail() });
    const { cpu, peakRss } = agent.measure();
    const m = toMetrics(lines, seconds, lines * LINE_BYTES, cpu - cpu0, peakRss);
    const lat = report.latency!;
    m.p50Ms = lat.p50Ms;
    m.p99Ms = lat.p99Ms;
    m.maxMs = lat.maxMs;
    const ms = (v: number): number => Number(v.toFixed(1));
    // Append -> the agent's read (the records' observed time) apart: the rest of the latency is sealing, spool and export.
    m.extra = { samples: lat.samples, p90Ms: ms(lat.p90Ms), readP50Ms: ms(lat.read.p50Ms), readP99Ms: ms(lat.read.p99Ms), readMaxMs: ms(lat.read.maxMs), sinkRequests: report.requests };
    return m;
  });
}
