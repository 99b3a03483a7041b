/**
 * `npm run bench` (after `npm run build`): the end-to-end scenarios in real
 * processes, the rsyslog peer, then every module's micro-benchmarks; prints
 * the tables and the issue's targets with PASS/MISS, and writes
 * bench/results.json. See docs/PERFORMANCE.md.
 *
 *   node dist/bench/run.js [--quick] [--runs N] [--lines N] [--only 1,2,...,11,micro,sdk,proof,search,browser,index] [--profile [1|2|3|5]] [--agent-node-args "..."]
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LINE_BYTES, writeInputFile } from './gen-input.js';
import { locateOtelcol, otelcolVersion, runOtelcol } from './otelcol.js';
import { locateRsyslogd, rsyslogVersion, runRsyslog } from './rsyslog.js';
import { CLI_JS } from './scenarios/agent.js';
import { EXIT_REPORT_ENV, EXIT_REPORT_JS, MEMORY_SAMPLES_ENV, type ExitReport } from './scenarios/exit-report.js';
import { runFileTail } from './scenarios/file-tail.js';
import { fmt, fmtInt, fmtShort, fmtValue, table } from './scenarios/format.js';
import { runLatency } from './scenarios/latency.js';
import { CLIENTS, runOtlpReceive } from './scenarios/otlp-receive.js';
import { cleanupAll, installCleanup, tempDir } from './scenarios/procs.js';
import { summarizeProfile } from './scenarios/profile.js';
import { ScenarioRecorder } from './scenarios/recorder.js';
import { checkSdkTargets, checkTargets, type TargetCheck } from './scenarios/targets.js';
import type { BenchContext, RunMetrics, ScenarioResult } from './scenarios/types.js';
import { runVerify } from './scenarios/verify.js';
import { runBrowser } from './scenarios/browser.js';
import { runDrain } from './scenarios/drain.js';
import { fluentBitVersion, locateFluentBit, runFluentBit } from './fluentbit.js';
import type { BenchResult } from './types.js';

const RESULTS_JSON = fileURLToPath(new URL('../../bench/results.json', import.meta.url));
const MICRO_MODULES = ['integrity', 'spool', 'filelog', 'otlp-receiver', 'exporter'] as const;
const ALL = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'micro', 'sdk', 'proof', 'search', 'browser', 'index'];
/** Per scenario: no further runs once its runs took this long (keeps `npm run bench` near 10 minutes). */
const BUDGET_MS = 120_000;

interface Options {
  quick: boolean;
  runs: number;
  only: Set<string>;
  /** Scenario to run once under `node --cpu-prof`, instead of the bench. */
  profile?: '1' | '2' | '3' | '5';
  agentNodeArgs: string[];
  /** Input lines (default 1,000,000; 100,000 with --quick). */
  lines: number;
}

const USAGE = `usage: node dist/bench/run.js [--quick] [--runs N] [--lines N] [--only 1,2,3,4,5,6,7,8,micro,sdk,proof,search,browser,index] [--profile [1|2|3|5]] [--agent-node-args "..."]
  --quick     one run per scenario on 100,000 lines (a smoke check)
  --lines N   input lines (default 1,000,000; e.g. 2,000,000 gives scenario 4 a 1 GB file)
  --runs N    runs per scenario (default 3, --quick 1)
  --only L    run only these scenarios (comma-separated; 6 = rsyslog, 7 / 8 = the OpenTelemetry Collector
              without / with its file_storage queue; 9 / 10 = Fluent Bit with memory / filesystem buffering
              (when fluent-bit is on PATH); 11 = backlog drain (backend down while --lines lines arrive at
              10,000 lines/s, then back); micro = the micro-benchmarks;
              sdk = sealog/sdk next to the SDK's BatchLogRecordProcessor; proof = inclusion proofs:
              build and verify-proof rates, proof size; search = sealog search without an index
              (records scanned, filtered and verified per CPU-second); browser = the verifier page in headless chromium
              over scenario 1's output;
              index = sealog index over 10,000,000 sealed records (1,000,000 with --quick) and queries on it)
  --profile   run scenario 1 (or the one given) once with the agent under node --cpu-prof and print its top self-time functions
  --agent-node-args "A B"  extra node options for every agent process, e.g. "--max-old-space-size=64"`;

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, runs: 0, only: new Set(ALL), agentNodeArgs: [], lines: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') o.quick = true;
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--lines') o.lines = Number(argv[++i]);
    else if (a === '--only') o.only = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()));
    else if (a === '--agent-node-args') o.agentNodeArgs = (argv[++i] ?? '').split(' ').filter(Boolean);
    else if (a === '--profile') {
      const next = argv[i + 1];
      if (next === '1' || next === '2' || next === '3' || next === '5') {
        o.profile = next;
        i++;
      } else o.profile = '1';
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else {
      throw new Error(`unknown argument "${a}"\n${USAGE}`);
    }
  }
  if (o.runs === 0) o.runs = o.quick ? 1 : 3;
  if (o.lines === 0) o.lines = o.quick ? 100_000 : 1_000_000;
  if (!Number.isInteger(o.lines) || o.lines < 1000) throw new Error(`--lines must be a whole number >= 1000\n${USAGE}`);
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error(`--runs must be a whole number >= 1\n${USAGE}`);
  for (const s of o.only) if (!ALL.includes(s)) throw new Error(`--only: unknown scenario "${s}" (use ${ALL.join(',')})`);
  return o;
}

function log(line: string): void {
  process.stdout.write(line + '\n');
}

function machine(): Record<string, string | number> {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    kernel: release(),
    loadAvgAtStart: Number(loadavg()[0]!.toFixed(2)),
    tmpdir: tmpdir(),
  };
}

function medianRate(r: ScenarioResult | undefined): number | undefined {
  return r?.summary.recordsPerSec?.median;
}

interface PeerRatio {
  peer: string;
  /** sealog scenario 1 over the peer: above 1 means sealog is faster. */
  recordsPerSec: number;
  /** sealog's CPU seconds per record over the peer's: below 1 means sealog is cheaper. */
  cpuPerRecord: number;
  /** sealog's peak RSS over the peer's. */
  peakRss: number;
}

/** Scenario 1 beside the Collector (7, 8) and Fluent Bit (9, 10) rows that ran. */
function peerRatios(byId: Map<string, ScenarioResult>): PeerRatio[] {
  const s1 = byId.get('1');
  const out: PeerRatio[] = [];
  const peers = [
    ['7', 'Collector (scenario 7)'],
    ['8', 'Collector with file_storage queue (scenario 8)'],
    ['9', 'Fluent Bit (scenario 9)'],
    ['10', 'Fluent Bit with filesystem buffering (scenario 10)'],
  ] as const;
  for (const [id, peer] of peers) {
    const p = byId.get(id);
    const a = s1?.summary;
    const b = p?.summary;
    if (!a?.recordsPerSec || !b?.recordsPerSec || !a.cpuSecPerMRecords || !b.cpuSecPerMRecords || !a.peakRssMb || !b.peakRssMb) continue;
    out.push({
      peer,
      recordsPerSec: a.recordsPerSec.median / b.recordsPerSec.median,
      cpuPerRecord: a.cpuSecPerMRecords.median / b.cpuSecPerMRecords.median,
      peakRss: a.peakRssMb.max / b.peakRssMb.max,
    });
  }
  return out;
}

/** Scenarios 1 and 6 to 10, run alternately so that all see the same machine. */
async function fileTailAndPeers(ctx: BenchContext, o: Options, out: ScenarioResult[], extra: Record<string, unknown>): Promise<void> {
  const s1 = new ScenarioRecorder('1', 'file tail -> OTLP/HTTP, sync interval', 'agent', log, BUDGET_MS);
  const s6 = new ScenarioRecorder('6', 'rsyslog imfile -> TCP (peer)', 'rsyslogd', log, BUDGET_MS);
  const s7 = new ScenarioRecorder('7', 'Collector filelog -> batch -> OTLP/HTTP (peer)', 'otelcol', log, BUDGET_MS);
  const s8 = new ScenarioRecorder('8', 'the same + file_storage sending queue (peer)', 'otelcol', log, BUDGET_MS);
  const s9 = new ScenarioRecorder('9', 'Fluent Bit tail -> OTLP/HTTP (peer)', 'fluent-bit', log, BUDGET_MS);
  const s10 = new ScenarioRecorder('10', 'the same + filesystem buffering (peer)', 'fluent-bit', log, BUDGET_MS);
  let rsyslogd: string | undefined;
  let otelcol: string | undefined;
  let fluentBit: { path: string; major: number } | undefined;
  if (o.only.has('6')) {
    const found = await locateRsyslogd(log);
    if ('skip' in found) {
      s6.skip(found.skip);
      extra['rsyslog'] = { skipped: found.skip };
    } else {
      rsyslogd = found.path;
      const version = await rsyslogVersion(found.path);
      extra['rsyslog'] = { path: found.path, version };
      s6.note(version);
      log(`  peer: ${version}`);
    }
  }
  if (o.only.has('7') || o.only.has('8')) {
    const found = locateOtelcol();
    if ('skip' in found) {
      s7.skip(found.skip);
      s8.skip(found.skip);
      extra['otelcol'] = { skipped: found.skip };
      log(`  peer skipped: ${found.skip}`);
    } else {
      otelcol = found.path;
      const version = await otelcolVersion(found.path);
      extra['otelcol'] = { path: found.path, version };
      s7.note(version);
      log(`  peer: ${version}`);
    }
  }
  if (o.only.has('9') || o.only.has('10')) {
    const found = locateFluentBit();
    if ('skip' in found) {
      s9.skip(found.skip);
      s10.skip(found.skip);
      extra['fluentBit'] = { skipped: found.skip };
      log(`  peer skipped: ${found.skip}`);
    } else {
      const version = await fluentBitVersion(found.path);
      fluentBit = { path: found.path, major: version.major };
      extra['fluentBit'] = { path: found.path, version: version.text };
      s9.note(version.text);
      log(`  peer: ${version.text}`);
    }
  }
  for (let i = 1; i <= ctx.runs; i++) {
    if (o.only.has('1')) await s1.run(`run ${i}/${ctx.runs}`, () => runFileTail(ctx, { sync: 'interval' }));
    if (rsyslogd) await s6.run(`run ${i}/${ctx.runs}`, () => runRsyslog(ctx, rsyslogd));
    if (otelcol && o.only.has('7')) await s7.run(`run ${i}/${ctx.runs}`, () => runOtelcol(ctx, otelcol, { persistentQueue: false }));
    if (otelcol && o.only.has('8')) await s8.run(`run ${i}/${ctx.runs}`, () => runOtelcol(ctx, otelcol, { persistentQueue: true }));
    if (fluentBit && o.only.has('9')) await s9.run(`run ${i}/${ctx.runs}`, () => runFluentBit(ctx, fluentBit, { filesystem: false }));
    if (fluentBit && o.only.has('10')) await s10.run(`run ${i}/${ctx.runs}`, () => runFluentBit(ctx, fluentBit, { filesystem: true }));
  }
  const recorders = [['1', s1], ['6', s6], ['7', s7], ['8', s8], ['9', s9], ['10', s10]] as const;
  for (const [id, s] of recorders) if (o.only.has(id)) out.push(s.result());
}

/**
 * A checker over what scenario 1's pipeline wrote with a file exporter
 * (scenario 4, the browser page): the producing run as `<id>p`, the checks
 * as `<id>`.
 */
async function checksOfProducedFile(
  ctx: BenchContext,
  id: string,
  title: string,
  measured: string,
  run: () => Promise<{ runs: RunMetrics[]; producer: RunMetrics } | { skip: string }>,
): Promise<ScenarioResult[]> {
  const producer = new ScenarioRecorder(`${id}p`, `scenario 1 + file exporter (input of ${id})`, 'agent', log);
  const s = new ScenarioRecorder(id, title, measured, log);
  try {
    const r = await run();
    if ('skip' in r) s.skip(r.skip);
    else {
      producer.add('producer', r.producer);
      r.runs.forEach((m, i) => s.add(`run ${i + 1}/${ctx.runs}`, m));
      if (r.runs.length < ctx.runs) s.note(`stopped after ${r.runs.length} run(s): the scenario's ${BUDGET_MS / 1000} s time budget was spent`);
    }
  } catch (err) {
    s.fail(err instanceof Error ? err.message : String(err));
  }
  return [producer.result(), s.result()];
}

async function scenarios(ctx: BenchContext, o: Options, extra: Record<string, unknown>): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  if (['1', '6', '7', '8', '9', '10'].some((id) => o.only.has(id))) {
    log(`\n== 1 / 6 / 7 / 8 / 9 / 10: file tail, ${fmtInt(ctx.input.lines)} lines, sealog, rsyslog, the OpenTelemetry Collector and Fluent Bit alternately`);
    await fileTailAndPeers(ctx, o, out, extra);
  }
  if (o.only.has('2')) {
    log('\n== 2: the same with spool sync: always');
    const s = new ScenarioRecorder('2', 'file tail -> OTLP/HTTP, sync always', 'agent', log, BUDGET_MS);
    for (let i = 1; i <= ctx.runs; i++) await s.run(`run ${i}/${ctx.runs}`, () => runFileTail(ctx, { sync: 'always' }));
    out.push(s.result());
  }
  if (o.only.has('3')) {
    log(`\n== 3: OTLP/HTTP receive from ${CLIENTS} clients (protobuf, 1000 records a request)`);
    const s = new ScenarioRecorder('3', `OTLP/HTTP in (${CLIENTS} clients) -> OTLP/HTTP`, 'agent', log, BUDGET_MS);
    for (let i = 1; i <= ctx.runs; i++) await s.run(`run ${i}/${ctx.runs}`, () => runOtlpReceive(ctx));
    out.push(s.result());
  }
  if (o.only.has('4')) {
    log('\n== 4: sealog verify over the file exporter output of scenario 1');
    out.push(...(await checksOfProducedFile(ctx, '4', 'sealog verify (OTLP JSON lines)', 'sealog verify', () => runVerify(ctx, BUDGET_MS))));
  }
  if (o.only.has('browser')) {
    log('\n== browser: the verifier page in headless chromium over the file exporter output of scenario 1');
    out.push(...(await checksOfProducedFile(ctx, 'browser', 'verifier page in chromium (OTLP JSON lines)', 'chromium', () => runBrowser(ctx, BUDGET_MS))));
  }
  if (o.only.has('5')) {
    const seconds = o.quick ? 3 : 10;
    log(`\n== 5: latency, 10,000 lines/s for ${seconds} s`);
    const s = new ScenarioRecorder('5', 'latency at 10,000 lines/s', 'agent', log);
    for (let i = 1; i <= ctx.runs; i++) await s.run(`run ${i}/${ctx.runs}`, () => runLatency(ctx, { linesPerSec: 10_000, seconds }));
    out.push(s.result());
  }
  if (o.only.has('11')) {
    log(`\n== 11: backlog drain: backend down while ${fmtInt(ctx.input.lines)} lines arrive at 10,000 lines/s, then back`);
    const s = new ScenarioRecorder('11', 'backlog drain after the backend was down', 'agent', log, BUDGET_MS);
    for (let i = 1; i <= ctx.runs; i++) await s.run(`run ${i}/${ctx.runs}`, () => runDrain(ctx, { lines: ctx.input.lines, linesPerSec: 10_000 }));
    out.push(s.result());
  }
  return out;
}

interface MicroResult {
  module: string;
  results?: BenchResult[];
  error?: string;
}

async function micro(quick: boolean, modules: readonly string[] = MICRO_MODULES): Promise<MicroResult[]> {
  const out: MicroResult[] = [];
  for (const name of modules) {
    log(`\n== micro: ${name}`);
    const t = Date.now();
    try {
      const mod = (await import(new URL(`./${name}.js`, import.meta.url).href)) as { bench?: (o: { quick: boolean }) => Promise<BenchResult[]> };
      if (typeof mod.bench !== 'function') throw new Error(`dist/bench/${name}.js exports no bench() function`);
      const results = await mod.bench({ quick });
      log(table(['benchmark', 'value', 'unit', 'details'], results.map((r) => [r.name, fmtValue(r.value), r.unit, r.extra ? JSON.stringify(r.extra) : ''])));
      log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      out.push({ module: name, results });
    } catch (err) {
      const missing = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`/bench/${name}.js'`);
      const message = missing
        ? `dist/bench/${name}.js is missing (bench/${name}.ts not written yet, or not built: run \`npm run build\`)`
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err);
      log(`  micro-benchmark ${name} FAILED: ${message}`);
      out.push({ module: name, error: message });
    }
  }
  return out;
}

/** min-max of records/s, or of p99 for the latency scenario (its records/s is the fixed append rate). */
function spreadText(r: ScenarioResult): string {
  if (r.runs.length < 2) return '';
  const p99 = r.summary.p99Ms;
  if (p99) return `p99 ${fmt(p99.min, 0)}-${fmt(p99.max, 0)} ms`;
  const s = r.summary.recordsPerSec;
  return s ? `${fmtShort(s.min)}-${fmtShort(s.max)}` : '';
}

function scenarioTable(results: ScenarioResult[]): string {
  const rows = results.map((r) => {
    const s = r.summary;
    if (r.skipped) return [`${r.id} ${r.title}`, '0', 'skipped', '', '', '', '', ''];
    if (!r.runs.length) return [`${r.id} ${r.title}`, '0', 'FAILED', '', '', '', '', ''];
    const lat = s.p99Ms ? `${fmt(s.p50Ms?.median, 0)} / ${fmt(s.p99Ms.median, 0)}` : '';
    return [
      `${r.id} ${r.title}`,
      String(r.runs.length),
      fmtInt(s.recordsPerSec?.median),
      spreadText(r),
      fmt(s.mbPerSec?.median),
      fmt(s.cpuSecPerMRecords?.median, 2),
      fmt(s.peakRssMb?.max, 0),
      lat,
    ];
  });
  return table(['scenario', 'runs', 'records/s', 'min-max', 'MB/s', 'CPU s/M rec', 'peak RSS MB', 'p50 / p99 ms'], rows);
}

function targetTable(checks: TargetCheck[]): string {
  return table(['target', 'measured', 'verdict'], checks.map((c) => [c.target, c.measured, c.verdict]));
}

async function profile(ctx: BenchContext, which: '1' | '2' | '3' | '5'): Promise<void> {
  const dir = tempDir('cpuprof');
  const exitReport = join(dir, 'exit-report.json');
  const pctx: BenchContext = {
    ...ctx,
    cpuProfDir: dir,
    agentNodeArgs: [...ctx.agentNodeArgs, `--import=${pathToFileURL(EXIT_REPORT_JS).href}`],
    agentEnv: { [EXIT_REPORT_ENV]: exitReport, [MEMORY_SAMPLES_ENV]: '1' },
  };
  log(`\n== profiling scenario ${which} once (agent under node --cpu-prof)`);
  let m: RunMetrics;
  if (which === '1') m = await runFileTail(pctx, { sync: 'interval' });
  else if (which === '2') m = await runFileTail(pctx, { sync: 'always' });
  else if (which === '3') m = await runOtlpReceive(pctx);
  else m = await runLatency(pctx, { linesPerSec: 10_000, seconds: ctx.quick ? 3 : 10 });
  log(`  ${fmtInt(m.recordsPerSec)} records/s, ${fmt(m.cpuSecPerMRecords, 2)} CPU s/M records (profiling slows the agent down)`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the agent wrote no .cpuprofile into ${dir} (did it exit cleanly?)`);
  const keep = join(tmpdir(), `sealog-agent-scenario${which}-${Date.now()}.cpuprofile`);
  copyFileSync(join(dir, file), keep);
  const p = summarizeProfile(keep, 30);
  log(`\nagent main thread: ${fmt(p.busyMs / 1000, 2)} s busy of ${fmt(p.totalMs / 1000, 2)} s profiled`);
  log('\ntop self time by function:');
  log(table(['function', 'where', 'self ms', '% busy'], p.functions.map((f) => [f.name, f.where, fmt(f.ms, 0), fmt(f.pct)])));
  log('\nby component (each sample charged to the nearest sealog folder on its stack):');
  log(table(['component', 'ms', '% busy'], p.components.map((f) => [f.name, fmt(f.ms, 0), fmt(f.pct)])));
  log('\ntop self time by file:');
  log(table(['file', 'self ms', '% busy'], p.files.slice(0, 15).map((f) => [f.name, fmt(f.ms, 0), fmt(f.pct)])));
  const mem = (JSON.parse(readFileSync(exitReport, 'utf8')) as ExitReport).memoryPeaks ?? {};
  log(`\nagent memory peaks (MB): ${Object.entries(mem).map(([k, v]) => `${k} ${fmt(v / 2 ** 20, 0)}`).join(', ')}`);
  log(`\nprofile kept at ${keep} (open it in Chrome DevTools > Performance, or VS Code)`);
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  installCleanup();
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run \`npm run build\` first`);
  const started = new Date();
  const m = machine();
  log(`sealog bench${o.quick ? ' (quick)' : ''}: ${m['cpus']} x ${m['cpuModel']}, ${m['memoryGiB']} GiB, node ${m['node']}, Linux ${m['kernel']}, load ${m['loadAvgAtStart']}`);
  if (Number(m['loadAvgAtStart']) > 1) log(`  note: the machine is busy (1-minute load ${m['loadAvgAtStart']} on ${m['cpus']} CPUs): figures will be pessimistic`);

  const lines = o.lines;
  const inputDir = tempDir('input');
  const inputPath = join(inputDir, 'app.log');
  const t = Date.now();
  const bytes = writeInputFile(inputPath, lines);
  log(`input: ${fmtInt(lines)} lines of ${LINE_BYTES} bytes (${fmt(bytes / 1e6)} MB), generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const ctx: BenchContext = { quick: o.quick, runs: o.runs, input: { path: inputPath, lines, bytes }, agentNodeArgs: o.agentNodeArgs, log };
  if (o.agentNodeArgs.length) log(`agent node options: ${o.agentNodeArgs.join(' ')}`);

  if (o.profile) {
    await profile(ctx, o.profile);
    return 0;
  }

  const extra: Record<string, unknown> = {};
  const results = await scenarios(ctx, o, extra);
  const microResults = [
    ...(o.only.has('micro') ? await micro(o.quick) : []),
    ...(o.only.has('sdk') ? await micro(o.quick, ['sdk']) : []),
    ...(o.only.has('proof') ? await micro(o.quick, ['proof']) : []),
    ...(o.only.has('search') ? await micro(o.quick, ['search']) : []),
    ...(o.only.has('index') ? await micro(o.quick, ['index']) : []),
  ];
  const byId = new Map(results.map((r) => [r.id, r]));
  const targets = [...checkTargets(byId), ...checkSdkTargets(microResults.flatMap((m) => m.results ?? []))];
  const s1 = medianRate(byId.get('1'));
  const peer = medianRate(byId.get('6'));
  const ratio = s1 !== undefined && peer !== undefined ? s1 / peer : undefined;
  const collectorRatios = peerRatios(byId);

  log(`\n== results (medians over ${o.runs} run${o.runs > 1 ? 's' : ''}; peak RSS is the highest run; CPU and RSS are of the process named per scenario)`);
  log(scenarioTable(results));
  for (const r of results) {
    for (const n of r.notes) log(`  ${r.id}: ${n}`);
    if (r.skipped) log(`  ${r.id}: skipped: ${r.skipped}`);
    if (r.error) log(`  ${r.id}: FAILED: ${r.error.split('\n')[0]}`);
  }
  if (ratio !== undefined) log(`\nsealog scenario 1 / rsyslog: ${ratio.toFixed(2)} x (${fmtInt(s1)} vs ${fmtInt(peer)} records/s)`);
  for (const r of collectorRatios) log(`sealog scenario 1 / ${r.peer}: ${r.recordsPerSec.toFixed(2)} x records/s, ${r.cpuPerRecord.toFixed(2)} x CPU per record, ${r.peakRss.toFixed(2)} x peak RSS`);
  log('\n== targets (issues 7, 16, 17, 18 and 19, 2-core machine)');
  log(targetTable(targets));
  const finished = new Date();
  m['loadAvgAtEnd'] = Number(loadavg()[0]!.toFixed(2));
  const json = {
    format: 'sealog-bench-v1',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    quick: o.quick,
    runs: o.runs,
    machine: m,
    input: { lines, bytes, lineBytes: LINE_BYTES },
    ...extra,
    scenarios: results,
    sealogToRsyslogRatio: ratio ?? null,
    sealogToCollector: collectorRatios,
    micro: microResults,
    targets,
  };
  writeFileSync(RESULTS_JSON, JSON.stringify(json, null, 2) + '\n');
  log(`\nwrote ${RESULTS_JSON} (${json.seconds} s in all)`);
  const failed = results.some((r) => r.error !== undefined) || microResults.some((r) => r.error !== undefined);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    cleanupAll();
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    cleanupAll();
    process.exit(2);
  },
);
