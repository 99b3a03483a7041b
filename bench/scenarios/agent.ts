/**
 * Runs the real agent, `node dist/src/cli/main.js run -c <config>`, as a
 * child process: writes its config, waits until it logs "sealog started",
 * samples its CPU and peak RSS from /proc, and stops it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMs } from '../sink.js';
import { ProcSampler } from './procstat.js';
import { exited, stopChild, track } from './procs.js';
import type { BenchContext } from './types.js';

/** How a scenario starts its agent: the bench's --agent-node-args and --profile. */
export function agentStartOptions(ctx: BenchContext): AgentStartOptions {
  const o: AgentStartOptions = { nodeArgs: ctx.agentNodeArgs };
  if (ctx.cpuProfDir) o.cpuProfDir = ctx.cpuProfDir;
  if (ctx.agentEnv) o.env = ctx.agentEnv;
  return o;
}

export interface AgentStartOptions {
  /** Adds `--cpu-prof --cpu-prof-dir=<dir>` (the profile is written when the agent exits). */
  cpuProfDir?: string;
  /** Node options before the script, e.g. --max-old-space-size=64. */
  nodeArgs?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}

export const CLI_JS = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface AgentConfigOptions {
  dir: string;
  receivers: Record<string, unknown>;
  exporters: Record<string, unknown>;
  sync: 'always' | 'interval' | 'none';
  /** Private key path; default `<dir>/keys/sealog.key`. Generated on first start. */
  keyFile?: string;
}

/**
 * The bench's agent config: the defaults a user gets, with the seal policy of
 * the quickstart (every 1000 records or 1 s), a spool in `dir` and the
 * metrics endpoint on (an OS-assigned port), as in production.
 */
export function agentConfig(o: AgentConfigOptions): Record<string, unknown> {
  return {
    agent: { id: 'bench' },
    receivers: o.receivers,
    exporters: o.exporters,
    integrity: {
      key: o.keyFile ?? join(o.dir, 'keys', 'sealog.key'),
      generate_key: true,
      seal: { every_records: 1000, interval: '1s', heartbeat: '30s' },
    },
    spool: { dir: join(o.dir, 'spool'), sync: o.sync, sync_interval: '100ms' },
    service: {
      shutdown_timeout: '60s',
      telemetry: { metrics: '127.0.0.1:0' },
      pipelines: { logs: { receivers: Object.keys(o.receivers), exporters: Object.keys(o.exporters) } },
    },
  };
}

/** Writes the config as YAML (JSON is valid YAML) and returns its path. */
export function writeConfig(dir: string, config: Record<string, unknown>): string {
  const path = join(dir, 'sealog.yaml');
  writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
  return path;
}

const TAIL_LINES = 40;

export class AgentProcess {
  /** Epoch ms just before the process was spawned. */
  readonly startedAt: number;
  readonly sampler: ProcSampler;
  private readonly tail: string[] = [];
  private partial = '';
  private readyWaiters: Array<() => void> = [];
  private ready = false;
  /** host:port of the agent's metrics endpoint, from its "sealog started" line. */
  private metricsAddress: string | undefined;

  private constructor(readonly child: ChildProcess, startedAt: number) {
    this.startedAt = startedAt;
    this.sampler = new ProcSampler(child.pid!, 200);
    const onData = (chunk: Buffer): void => this.onOutput(chunk.toString('utf8'));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  }

  static start(configPath: string, opts: AgentStartOptions = {}): AgentProcess {
    const nodeArgs = [...(opts.nodeArgs ?? []), ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [])];
    const at = nowMs();
    const child = track(spawn(process.execPath, [...nodeArgs, CLI_JS, 'run', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } }));
    if (child.pid === undefined) throw new Error(`could not start the agent (${process.execPath} ${CLI_JS})`);
    return new AgentProcess(child, at);
  }

  get pid(): number {
    return this.child.pid!;
  }

  private onOutput(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      if (!this.ready && line.includes('"msg":"sealog started"')) {
        this.ready = true;
        try {
          const m = (JSON.parse(line) as { metrics?: unknown }).metrics;
          if (typeof m === 'string') this.metricsAddress = m;
        } catch {
          // not JSON: no metrics address
        }
        for (const w of this.readyWaiters.splice(0)) w();
      }
    }
  }

  /** The agent's last log lines, for error messages. */
  logTail(): string {
    return [...this.tail, this.partial].filter(Boolean).join('\n');
  }

  /** Resolves once the agent logged "sealog started"; rejects if it exits or takes longer than timeoutMs. */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    if (this.ready) return;
    let timer: NodeJS.Timeout | undefined;
    const ok = new Promise<'ready'>((resolve) => this.readyWaiters.push(() => resolve('ready')));
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const r = await Promise.race([ok, timeout, exited(this.child)]);
    clearTimeout(timer);
    if (r === 'ready') return;
    throw new Error(`the agent did not start (${r === 'timeout' ? `no "sealog started" within ${timeoutMs / 1000} s` : `exited with ${r}`})\n--- agent log (last lines) ---\n${this.logTail()}`);
  }

  /** The sum of every series of a counter or gauge on the agent's Prometheus endpoint. */
  async metric(name: string): Promise<number> {
    if (!this.metricsAddress) throw new Error('the agent did not say where its metrics endpoint listens');
    const text = await (await fetch(`http://${this.metricsAddress}/metrics`)).text();
    let sum = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{')) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return sum;
  }

  /** CPU seconds and peak RSS bytes right now (sampled from /proc). */
  measure(): { cpu: number; peakRss: number } {
    this.sampler.sample();
    return { cpu: this.sampler.cpu, peakRss: this.sampler.peakRss };
  }

  /** SIGTERM, then waits for a clean exit (SIGKILL after graceMs). Returns the exit code or a description. */
  async stop(graceMs = 90_000): Promise<number | string> {
    this.sampler.sample();
    const r = await stopChild(this.child, 'SIGTERM', graceMs);
    this.sampler.stop();
    return r;
  }
}
