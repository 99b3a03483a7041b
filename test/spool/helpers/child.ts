import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line starting with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node script ...args`, collecting stdout lines and stderr. */
export function startChild(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const listeners = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const l of [...listeners]) l();
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  // Flush the last line once the pipe closes.
  const closed = new Promise<void>((resolve) => proc.stdout!.on('close', () => resolve()));
  void closed.then(() => {
    if (partial) lines.push(partial);
    partial = '';
    for (const l of [...listeners]) l();
  });
  return {
    proc,
    lines,
    stderr: () => err,
    exited: exited.then(async (r) => {
      await closed;
      return r;
    }),
    waitFor(prefix, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.find((l) => l.startsWith(prefix));
          if (hit !== undefined) {
            done();
            resolve(hit);
          } else if (proc.exitCode !== null || proc.signalCode !== null) {
            done();
            reject(new Error(`child exited (${proc.exitCode ?? proc.signalCode}) before printing ${prefix}: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`child did not print ${prefix} within ${timeoutMs} ms: ${err}`));
        }, timeoutMs);
        const onExit = (): void => check();
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          proc.off('exit', onExit);
        };
        listeners.add(check);
        proc.on('exit', onExit);
        check();
      });
    },
  };
}

/** SIGKILLs the child (if still running) and waits for it to be gone. */
export async function killChild(c: Child): Promise<void> {
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await c.exited;
}
