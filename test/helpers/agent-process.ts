/**
 * Runs the real `sealog` CLI (dist/) as a child process for end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface AgentProc {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  stderr: () => string;
  /** Resolves with the first log line matching, or rejects after timeoutMs. */
  waitForLog(pred: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startAgent(configPath: string, env: Record<string, string> = {}): AgentProc {
  const child = spawn(process.execPath, [CLI, 'run', '-c', configPath], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let err = '';
  let partial = '';
  const waiters: Array<{ pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    partial += b.toString();
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      try {
        const l = JSON.parse(line) as Record<string, unknown>;
        logs.push(l);
        for (const w of [...waiters]) {
          if (w.pred(l)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(l);
          }
        }
      } catch {
        // not a log line
      }
    }
  });
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    logs,
    stderr: () => err,
    exited,
    waitForLog(pred, timeoutMs = 60_000) {
      const found = logs.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for a log line; stderr so far:\n${err.slice(-3000)}`)), timeoutMs);
        const w = {
          pred,
          resolve: (l: Record<string, unknown>) => {
            clearTimeout(t);
            resolve(l);
          },
        };
        waiters.push(w);
        exited.then(() => {
          clearTimeout(t);
          reject(new Error(`agent exited while waiting for a log line; stderr:\n${err.slice(-3000)}`));
        });
      });
    },
  };
}

export async function stopAgent(a: AgentProc, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill(signal);
  return a.exited;
}

export async function tempDir(prefix = 'sealog-e2e-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeConfig(path: string, yaml: string): Promise<void> {
  await writeFile(path, yaml);
}

/** Runs the CLI to completion (in `cwd` when given) and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Polls `cond` every 50 ms until it holds; throws naming `what` after timeoutMs (generous: machines are loaded). */
export async function waitUntil(what: string, cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
}
