/**
 * Runs test/sdk/fixtures/app.mjs (an app on the official OpenTelemetry JS SDK
 * with SealingLogRecordProcessor from the built `sealog/sdk`) as a child
 * process, and checks what a sink received with the real `sealog verify`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAttr, type LogsData } from '../../src/otlp/types.js';
import { runCli, tempDir } from '../helpers/agent-process.js';
import { startSink, type Sink } from '../exporters/helpers/sink.js';

export const APP = fileURLToPath(new URL('./fixtures/app.mjs', import.meta.url));

export interface AppProc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout has a line matching `re` (rejects if the app exits first or after timeoutMs). */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
}

export function startApp(env: Record<string, string>): AppProc {
  const child = spawn(process.execPath, [APP], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    for (const l of [...listeners]) l();
  });
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(re, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const m = out.split('\n').find((l) => re.test(l));
          if (m === undefined) return false;
          listeners.delete(check);
          clearTimeout(t);
          resolve(m);
          return true;
        };
        const t = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`app: no line matching ${re} within ${timeoutMs} ms; stderr:\n${err.slice(-2000)}`));
        }, timeoutMs);
        if (check()) return;
        listeners.add(check);
        void exited.then(() => {
          if (check()) return;
          clearTimeout(t);
          listeners.delete(check);
          reject(new Error(`app exited before a line matching ${re}; stdout:\n${out.slice(-1000)}\nstderr:\n${err.slice(-2000)}`));
        });
      });
    },
  };
}

/** Runs the app to its end and demands exit 0. */
export async function runApp(env: Record<string, string>): Promise<AppProc> {
  const app = startApp(env);
  const { code, signal } = await app.exited;
  if (code !== 0) throw new Error(`app exited with ${code ?? signal}; stderr:\n${app.stderr().slice(-3000)}`);
  return app;
}

/** The `app.i` values of the data records in what arrived. */
export function appIndexes(data: readonly LogsData[]): number[] {
  const out: number[] = [];
  for (const d of data) {
    for (const rl of d.resourceLogs) {
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) {
          const v = getAttr(r.attributes, 'app.i');
          if (v?.type === 'int') out.push(Number(v.value));
        }
      }
    }
  }
  return out;
}

/** Writes OTLP JSON lines and runs `sealog verify --json` on them with the given keys. */
export async function verifyLines(dir: string, name: string, lines: string[], keys: string[], extra: string[] = []): Promise<{ code: number | null; report: VerifyReport; stdout: string; stderr: string }> {
  const file = join(dir, name);
  await writeFile(file, lines.join('\n') + '\n');
  const args = ['verify', '--json', '--no-progress', ...keys.flatMap((k) => ['--key', k]), ...extra, file];
  const r = await runCli(args);
  let report: VerifyReport;
  try {
    report = JSON.parse(r.stdout) as VerifyReport;
  } catch {
    throw new Error(`sealog verify printed no JSON report (exit ${r.code}); stderr:\n${r.stderr}\nstdout:\n${r.stdout.slice(0, 2000)}`);
  }
  return { ...r, report };
}

export interface Finding {
  kind: string;
  severity: string;
  stream?: string;
  seq?: number;
  message: string;
}

export interface VerifyReport {
  intact: boolean;
  violations: number;
  warnings: number;
  streams: Array<{ stream: string; chain: string; records: number; controlRecords: number; seals: number; lastSeq: number; findings: Finding[] }>;
  findings: Finding[];
}

/** What a test undoes after itself, last first. */
export type Cleanups = Array<() => Promise<unknown>>;

/** A temporary directory with an app key pair in keys/ (removed by `cleanups`). */
export async function appKey(cleanups: Cleanups, prefix: string): Promise<{ dir: string; key: string; pub: string }> {
  const t = await tempDir(prefix);
  cleanups.push(t.cleanup);
  const k = await runCli(['keygen', '--out', join(t.dir, 'keys')]);
  if (k.code !== 0) throw new Error(`sealog keygen exited with ${k.code}: ${k.stderr}`);
  return { dir: t.dir, key: join(t.dir, 'keys', 'sealog.key'), pub: join(t.dir, 'keys', 'sealog.pub') };
}

/** A real OTLP/HTTP sink on 127.0.0.1 (closed by `cleanups`). */
export async function testSink(cleanups: Cleanups): Promise<Sink> {
  const s = await startSink();
  cleanups.push(() => s.close());
  return s;
}
