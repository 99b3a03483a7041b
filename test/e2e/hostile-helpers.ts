/**
 * Shared parts of the hostile-host tests (test/e2e/hostile-*.test.ts): a temp
 * dir per test, the real agent process, its telemetry endpoint and polling.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { startAgent, stopAgent, tempDir, type AgentProc } from '../helpers/agent-process.js';

export interface Harness {
  started: AgentProc[];
  dirs: Array<{ cleanup(): Promise<void> }>;
}

export function harness(): Harness {
  return { started: [], dirs: [] };
}

export async function cleanup(h: Harness): Promise<void> {
  for (const a of h.started.splice(0)) await stopAgent(a, 'SIGKILL');
  for (const d of h.dirs.splice(0)) await d.cleanup();
}

export async function newDir(h: Harness, ...subdirs: string[]): Promise<string> {
  const t = await tempDir('sealog-hostile-');
  h.dirs.push(t);
  for (const s of subdirs) await mkdir(join(t.dir, s), { recursive: true });
  return t.dir;
}

export interface Running {
  agent: AgentProc;
  /** host:port of the telemetry endpoint (/metrics, /readyz, /status). */
  telemetry: string;
}

/** Starts `sealog run -c cfg` and waits until it has started. */
export async function run(h: Harness, cfg: string, env: Record<string, string> = {}): Promise<Running> {
  const agent = startAgent(cfg, env);
  h.started.push(agent);
  const t = await agent.waitForLog((x) => x.msg === 'telemetry endpoint listening', 30_000);
  await agent.waitForLog((x) => x.msg === 'sealog started', 30_000);
  return { agent, telemetry: String(t.address) };
}

export async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await request(url);
  return { status: res.statusCode, text: await res.body.text() };
}

export async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not reached in ${timeoutMs} ms`);
}

export async function readOr(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/** The value of one Prometheus series (exact label text), or undefined. */
export function metric(text: string, nameAndLabels: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(nameAndLabels + ' ')) return Number(line.slice(nameAndLabels.length + 1));
  }
  return undefined;
}

/**
 * The end of an agent config the hostile tests share: a key generated under
 * `dir`, an unsynced spool, metrics on a free port and the one pipeline
 * `logs` (its YAML flow mapping, e.g. `{ receivers: [otlp], exporters: [file] }`).
 */
export function agentTail(dir: string, pipeline: string): string {
  return `integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${dir}/spool, sync: none }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: ${pipeline}
`;
}

export { writeFile };
