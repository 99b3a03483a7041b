/**
 * Scenario 4: `sealog verify` over what scenario 1's pipeline wrote with a
 * `file` exporter (OTLP JSON lines). One agent run produces the file (with
 * the otlphttp exporter to the sink beside it, so the run ends when the sink
 * has every record; SIGTERM then drains the file exporter), then the checker
 * runs over it `runs` times. Each check must report the stream intact with
 * every input record; records/s is over the checker's whole wall time, node
 * start-up included. CPU and peak RSS are the checker's, written by the
 * exit-report preload.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nowMs } from '../sink.js';
import { CLI_JS } from './agent.js';
import { EXIT_REPORT_ENV, EXIT_REPORT_JS, type ExitReport } from './exit-report.js';
import { runFileTail } from './file-tail.js';
import { ProcSampler } from './procstat.js';
import { exited, removeDir, tempDir, track } from './procs.js';
import { toMetrics, type BenchContext, type RunMetrics } from './types.js';

interface VerifyJson {
  intact: boolean;
  violations: number;
  streams: Array<{ stream: string; records: number; seals: number }>;
}

/** Runs `sealog verify --json` once and checks that it found every record intact. */
async function verifyOnce(pubKey: string, file: string, expected: number, dir: string, bytes: number): Promise<RunMetrics> {
  const reportPath = join(dir, `exit-${Date.now()}.json`);
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import=${pathToFileURL(EXIT_REPORT_JS).href}`.trim(),
    [EXIT_REPORT_ENV]: reportPath,
  };
  const t0 = nowMs();
  const child = track(spawn(process.execPath, [CLI_JS, 'verify', '--key', pubKey, '--json', '--no-progress', file], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const sampler = new ProcSampler(child.pid!, 100);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => out.push(c));
  child.stderr!.on('data', (c: Buffer) => err.push(c));
  const code = await exited(child);
  const seconds = (nowMs() - t0) / 1000;
  sampler.stop();
  const stdout = Buffer.concat(out).toString('utf8');
  if (code !== 0) throw new Error(`sealog verify exited with ${code}\n${Buffer.concat(err).toString('utf8').slice(-2000)}\n${stdout.slice(0, 2000)}`);
  const report = JSON.parse(stdout) as VerifyJson;
  const records = report.streams.reduce((s, st) => s + st.records, 0);
  if (!report.intact || records !== expected) {
    throw new Error(`sealog verify: intact=${report.intact}, ${records} records, expected ${expected} intact records\n${stdout.slice(0, 2000)}`);
  }
  const exit = JSON.parse(readFileSync(reportPath, 'utf8')) as ExitReport;
  const m = toMetrics(records, seconds, bytes, exit.cpuSeconds, Math.max(exit.peakRssBytes, sampler.peakRss));
  m.extra = { seals: report.streams.reduce((s, st) => s + st.seals, 0), fileMB: Number((bytes / 1e6).toFixed(1)) };
  return m;
}

/** What scenario 1's pipeline wrote with a file exporter, in `dir`: the OTLP JSON lines, their size and the public key. */
export async function produceSealedFile(ctx: BenchContext, dir: string): Promise<{ fileOut: string; pubKey: string; bytes: number; producer: RunMetrics }> {
  const fileOut = join(dir, 'out.jsonl');
  const producer = await runFileTail(ctx, { sync: 'interval', fileOut, keyFile: join(dir, 'keys', 'sealog.key') });
  return { fileOut, pubKey: join(dir, 'keys', 'sealog.pub'), bytes: statSync(fileOut).size, producer };
}

/** Produces the file, then checks it up to ctx.runs times, starting no new check once budgetMs has passed. */
export async function runVerify(ctx: BenchContext, budgetMs = Infinity): Promise<{ runs: RunMetrics[]; producer: RunMetrics }> {
  const dir = tempDir('verify');
  try {
    const { fileOut, pubKey, bytes, producer } = await produceSealedFile(ctx, dir);
    const runs: RunMetrics[] = [];
    const t0 = Date.now();
    while (runs.length < ctx.runs && (runs.length === 0 || Date.now() - t0 < budgetMs)) {
      runs.push(await verifyOnce(pubKey, fileOut, ctx.input.lines, dir, bytes));
    }
    return { runs, producer };
  } finally {
    removeDir(dir);
  }
}
