/**
 * The Fluent Bit peer (scenarios 9 and 10), when a `fluent-bit` binary is on
 * PATH (or in /opt/fluent-bit/bin, where its packages install it); skipped
 * with a message otherwise: no Debian package exists and the bench installs
 * nothing else. Fluent Bit tails the same input file as scenario 1 (`tail`,
 * read from head) and sends OTLP/HTTP protobuf + gzip (`opentelemetry`
 * output) to the same counting sink process:
 *
 *   9   memory buffering (the default `storage.type memory`, no position db);
 *   10  filesystem buffering (`storage.type filesystem` under a
 *       `storage.path`, `storage.sync normal`) and the tail's position
 *       database: its nearest to sealog's durable spool and cursor.
 *
 * Everything else is Fluent Bit's default (Flush 1 s, inotify watcher). No
 * hashing or signing. Measured from spawning it to the sink having counted
 * every line; CPU and peak RSS are the fluent-bit process's.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from './rsyslog.js';
import { runPeer } from './scenarios/peer-proc.js';
import { removeDir, tempDir } from './scenarios/procs.js';
import { SinkProcess } from './scenarios/sink-proc.js';
import type { BenchContext, RunMetrics } from './scenarios/types.js';

/** The fluent-bit binary, or why its rows are skipped. */
export function locateFluentBit(): { path: string } | { skip: string } {
  const path = findOnPath('fluent-bit', ['/opt/fluent-bit/bin']);
  if (path) return { path };
  return { skip: 'fluent-bit is not on PATH (nor in /opt/fluent-bit/bin): install Fluent Bit (https://docs.fluentbit.io/manual/installation) to compare with it' };
}

export interface FluentBitVersion {
  text: string;
  major: number;
}

/** `fluent-bit --version`'s first line, e.g. "Fluent Bit v4.0.3", and its major version (0 when unknown). */
export async function fluentBitVersion(path: string): Promise<FluentBitVersion> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version']);
    const text = String(stdout).split('\n')[0]!.trim();
    const m = /v?(\d+)\.\d+/.exec(text);
    return { text, major: m ? Number(m[1]) : 0 };
  } catch {
    return { text: 'unknown', major: 0 };
  }
}

export interface FluentBitConfOptions {
  input: string;
  port: number;
  major: number;
  /** Filesystem buffering under this directory (with the tail's position database); memory buffering when undefined. */
  storageDir?: string;
}

/** A classic-mode config: tail -> opentelemetry (protobuf + gzip over HTTP/1.1). */
export function fluentBitConf(o: FluentBitConfOptions): string {
  const service = ['[SERVICE]', '    Flush        1', '    Log_Level    warn', '    HTTP_Server  Off'];
  const input = ['[INPUT]', '    Name            tail', `    Path            ${o.input}`, '    Read_from_Head  On'];
  if (o.storageDir) {
    service.push(`    storage.path ${join(o.storageDir, 'buffer')}`, '    storage.sync normal');
    input.push(`    DB              ${join(o.storageDir, 'tail.db')}`, '    storage.type    filesystem');
  }
  const output = ['[OUTPUT]', '    Name      opentelemetry', '    Match     *', '    Host      127.0.0.1', `    Port      ${o.port}`, '    Logs_uri  /v1/logs', '    compress  gzip'];
  // Since v4 the output negotiates HTTP/2 by default; the sink speaks HTTP/1.1, as sealog's and the Collector's exporters do.
  if (o.major >= 4) output.push('    http2     off');
  return [...service, '', ...input, '', ...output, ''].join('\n');
}

export async function runFluentBit(ctx: BenchContext, fb: { path: string; major: number }, opts: { filesystem: boolean }): Promise<RunMetrics> {
  const dir = tempDir(opts.filesystem ? 'fluentbit-fs' : 'fluentbit');
  const storageDir = opts.filesystem ? join(dir, 'storage') : undefined;
  if (storageDir) mkdirSync(storageDir);
  const sink = await SinkProcess.start({ mode: 'otlp', expect: ctx.input.lines });
  try {
    const conf = join(dir, 'fluent-bit.conf');
    writeFileSync(conf, fluentBitConf({ input: ctx.input.path, port: sink.port, major: fb.major, ...(storageDir ? { storageDir } : {}) }));
    const { metrics: m, report } = await runPeer(ctx, sink, 'fluent-bit', fb.path, ['-c', conf]);
    m.extra = { requests: report.requests, wireMB: Number((report.wireBytes / 1e6).toFixed(1)), sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)) };
    return m;
  } finally {
    await sink.stop();
    removeDir(dir);
  }
}
