/**
 * Runs the real OpenTelemetry Collector (.peers/otelcol, built by
 * `npm run peers`) as a child process for the interop tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { stopAgent, type AgentProc } from '../helpers/agent-process.js';

export const OTELCOL = fileURLToPath(new URL('../../.peers/otelcol', import.meta.url));

/** Fails the run with the way out when the peer has not been built. */
export function requireCollector(): void {
  if (!existsSync(OTELCOL)) {
    throw new Error(`${OTELCOL} is missing: run \`npm run peers\` (needs Go) before \`npm run test:interop\``);
  }
}

export interface CollectorProc {
  child: ChildProcess;
  output: () => string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A port the OS chose, free when this returns. The Collector cannot report the
 * port it bound for `:0`, so the test asks the OS first; `startCollector`
 * fails loudly if another process took it in between.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the Collector with `yaml` as its config (written to `configPath`) and
 * resolves once it logs that every component started. Its own telemetry is
 * off in every config here, so it opens no port the test did not choose.
 */
export async function startCollector(configPath: string, yaml: string, timeoutMs = 60_000): Promise<CollectorProc> {
  requireCollector();
  await writeFile(configPath, yaml);
  const child = spawn(OTELCOL, ['--config', `file:${configPath}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const onData = (b: Buffer) => {
    out += b.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const proc: CollectorProc = {
    child,
    output: () => out,
    exited,
    async waitForOutput(pattern, waitMs = 30_000) {
      const end = Date.now() + waitMs;
      while (!pattern.test(out)) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the Collector exited while waiting for ${pattern}; its output:\n${out.slice(-4000)}`);
        }
        if (Date.now() > end) throw new Error(`timed out waiting for ${pattern} from the Collector; its output:\n${out.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  try {
    await proc.waitForOutput(/Everything is ready/, timeoutMs);
  } catch (e) {
    await stopCollector(proc, 'SIGKILL');
    throw e;
  }
  return proc;
}

/** SIGTERM (the Collector flushes and shuts its components down) and wait for the exit. */
export async function stopCollector(c: CollectorProc, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill(signal);
  return c.exited;
}

/** Telemetry off: the Collector's own metrics endpoint would take a fixed port. */
export const COLLECTOR_TELEMETRY = `  telemetry:
    logs: { level: info }
    metrics: { level: none }
`;

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

export async function waitFor(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Counts occurrences of `needle` in `text`. */
export function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

interface OutLine {
  resourceLogs?: Array<{
    scopeLogs?: Array<{ logRecords?: Array<{ body?: { stringValue?: string }; attributes?: Array<{ key: string }> }> }>;
  }>;
}

/**
 * The bodies of the data records (not seals, genesis or loss records) in a
 * file of OTLP JSON lines, as sealog's and the Collector's file exporters
 * write them.
 */
export async function dataBodies(path: string): Promise<string[]> {
  const bodies: string[] = [];
  for (const line of (await readText(path)).split('\n')) {
    if (line === '') continue;
    const parsed = JSON.parse(line) as OutLine;
    for (const rl of parsed.resourceLogs ?? [])
      for (const sl of rl.scopeLogs ?? [])
        for (const r of sl.logRecords ?? []) {
          if (r.attributes?.some((a) => a.key === 'sealog.type')) continue;
          bodies.push(r.body?.stringValue ?? '');
        }
  }
  return bodies;
}

/**
 * What one interop test started: Collectors, agents, servers, temp dirs.
 * `stopAll()` (the files' afterEach) kills each process by its pid
 * (SIGKILL: a test that got this far without stopping it failed already),
 * closes the servers and removes the dirs.
 */
export class Started {
  readonly collectors: CollectorProc[] = [];
  readonly agents: AgentProc[] = [];
  readonly servers: Server[] = [];
  readonly dirs: Array<{ cleanup(): Promise<void> }> = [];

  async stopAll(): Promise<void> {
    for (const c of this.collectors.splice(0)) await stopCollector(c, 'SIGKILL');
    for (const a of this.agents.splice(0)) await stopAgent(a, 'SIGKILL');
    for (const s of this.servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const d of this.dirs.splice(0)) await d.cleanup();
  }
}
