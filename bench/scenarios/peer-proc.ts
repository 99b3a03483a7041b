/**
 * One run of a peer forwarder (rsyslogd, the OpenTelemetry Collector): spawn
 * it, wait until the sink counted every input line, read its CPU and peak RSS
 * from /proc, and stop it by its pid.
 */
import { spawn } from 'node:child_process';
import { nowMs, type SinkReport } from '../sink.js';
import { runTimeoutMs } from './file-tail.js';
import { ProcSampler } from './procstat.js';
import { stopChild, track } from './procs.js';
import type { SinkProcess } from './sink-proc.js';
import { toMetrics, type BenchContext, type RunMetrics } from './types.js';

export async function runPeer(ctx: BenchContext, sink: SinkProcess, name: string, cmd: string, args: string[]): Promise<{ metrics: RunMetrics; report: SinkReport }> {
  const out: string[] = [];
  const t0 = nowMs();
  const child = track(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  try {
    const keep = (c: Buffer): void => {
      out.push(c.toString('utf8'));
      if (out.length > 40) out.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const sampler = new ProcSampler(child.pid!, 200);
    const report = await sink.waitDone(runTimeoutMs(ctx.input.lines), { child, name, logTail: () => out.join('') });
    sampler.sample();
    sampler.stop();
    const metrics = toMetrics(ctx.input.lines, (report.lastAt! - t0) / 1000, ctx.input.bytes, sampler.cpu, sampler.peakRss);
    return { metrics, report };
  } finally {
    await stopChild(child, 'SIGTERM', 10_000);
  }
}
