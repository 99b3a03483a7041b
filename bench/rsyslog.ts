/**
 * The peer: rsyslog (Debian's package) tailing the same input file with
 * imfile and forwarding every line over TCP (omfwd) to the bench's counting
 * sink in another process. rsyslog runs as its own process with a private
 * config (`rsyslogd -n -f <conf> -i <pidfile>`): no system sockets, no
 * hashing, signing or disk queue. Measured from spawning rsyslogd to the sink
 * having counted every line; CPU and peak RSS are rsyslogd's.
 *
 * When rsyslogd is missing and we are root, it is installed with
 * `apt-get install -y rsyslog` (after `apt-get update` if that fails);
 * otherwise the scenario is skipped with a message.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { runPeer } from './scenarios/peer-proc.js';
import { removeDir, tempDir } from './scenarios/procs.js';
import { SinkProcess } from './scenarios/sink-proc.js';
import type { BenchContext, RunMetrics } from './scenarios/types.js';

const run = promisify(execFile);

/** An executable `name` on PATH, in the sbin directories, or in `more`. */
export function findOnPath(name: string, more: readonly string[] = []): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin', ...more];
  for (const dir of dirs) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function aptInstall(log: (s: string) => void): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<unknown> => run('apt-get', ['install', '-y', '--no-install-recommends', 'rsyslog'], { env, maxBuffer: 64 << 20, timeout: 300_000 });
  try {
    await install();
  } catch {
    log('  apt-get install rsyslog failed; running apt-get update and trying again');
    await run('apt-get', ['update'], { env, maxBuffer: 64 << 20, timeout: 300_000 });
    await install();
  }
}

/** The rsyslogd path, or why the peer cannot run (a message to print). */
export async function locateRsyslogd(log: (s: string) => void): Promise<{ path: string } | { skip: string }> {
  const found = findOnPath('rsyslogd');
  if (found) return { path: found };
  if (process.getuid?.() !== 0) return { skip: 'rsyslogd is not installed and the bench is not running as root; install the Debian package `rsyslog` to compare' };
  log('  rsyslogd not found: installing Debian\'s rsyslog package (apt-get install -y rsyslog)');
  try {
    await aptInstall(log);
  } catch (err) {
    return { skip: `installing rsyslog with apt-get failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const path = findOnPath('rsyslogd');
  return path ? { path } : { skip: 'apt-get installed rsyslog but rsyslogd is still not found on PATH or in /usr/sbin' };
}

/** rsyslogd's version line, e.g. "rsyslogd  8.2302.0 (aka 2023.02) ...". */
export async function rsyslogVersion(path: string): Promise<string> {
  try {
    const { stdout } = await run(path, ['-v']);
    return String(stdout).split('\n')[0]!.replace(/ compiled with:?$/, '').trim();
  } catch {
    return 'unknown';
  }
}

/**
 * A private rsyslog config: imfile (inotify) on the input, everything
 * forwarded over plain TCP in rsyslog's default forwarding format, with the
 * default in-memory queues; no input sockets, state files in `work`.
 */
export function rsyslogConf(input: string, work: string, port: number): string {
  return [
    `global(workDirectory="${work}")`,
    'module(load="imfile" mode="inotify")',
    `input(type="imfile" File="${input}" Tag="app:" Facility="local0" Severity="info" ruleset="forward")`,
    'ruleset(name="forward") {',
    `  action(type="omfwd" target="127.0.0.1" port="${port}" protocol="tcp")`,
    '}',
    '',
  ].join('\n');
}

export async function runRsyslog(ctx: BenchContext, rsyslogd: string): Promise<RunMetrics> {
  const dir = tempDir('rsyslog');
  const work = join(dir, 'work');
  mkdirSync(work);
  const sink = await SinkProcess.start({ mode: 'tcp', expect: ctx.input.lines });
  try {
    const conf = join(dir, 'rsyslog.conf');
    writeFileSync(conf, rsyslogConf(ctx.input.path, work, sink.port));
    const { metrics: m, report } = await runPeer(ctx, sink, 'rsyslogd', rsyslogd, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')]);
    m.extra = { wireMB: Number((report.wireBytes / 1e6).toFixed(1)), sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)) };
    return m;
  } finally {
    await sink.stop();
    removeDir(dir);
  }
}
