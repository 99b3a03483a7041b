/**
 * Runs the real agent, `node dist/src/cli/main.js run -c <config>`, as a
 * child process: writes its config, waits until it logs "sealog started",
 * samples its CPU and peak RSS from /proc, and stops it with SIGTERM.
 */
import { type ChildProcess } from 'node:child_process';
import { ProcSampler } from './procstat.js';
import type { BenchContext } from './types.js';
/** How a scenario starts its agent: the bench's --agent-node-args and --profile. */
export declare function agentStartOptions(ctx: BenchContext): AgentStartOptions;
export interface AgentStartOptions {
    /** Adds `--cpu-prof --cpu-prof-dir=<dir>` (the profile is written when the agent exits). */
    cpuProfDir?: string;
    /** Node options before the script, e.g. --max-old-space-size=64. */
    nodeArgs?: string[];
    /** Extra environment variables. */
    env?: Record<string, string>;
}
export declare const CLI_JS: string;
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
export declare function agentConfig(o: AgentConfigOptions): Record<string, unknown>;
/** Writes the config as YAML (JSON is valid YAML) and returns its path. */
export declare function writeConfig(dir: string, config: Record<string, unknown>): string;
export declare class AgentProcess {
    readonly child: ChildProcess;
    /** Epoch ms just before the process was spawned. */
    readonly startedAt: number;
    readonly sampler: ProcSampler;
    private readonly tail;
    private partial;
    private readyWaiters;
    private ready;
    private constructor();
    static start(configPath: string, opts?: AgentStartOptions): AgentProcess;
    get pid(): number;
    private onOutput;
    /** The agent's last log lines, for error messages. */
    logTail(): string;
    /** Resolves once the agent logged "sealog started"; rejects if it exits or takes longer than timeoutMs. */
    waitReady(timeoutMs?: number): Promise<void>;
    /** CPU seconds and peak RSS bytes right now (sampled from /proc). */
    measure(): {
        cpu: number;
        peakRss: number;
    };
    /** SIGTERM, then waits for a clean exit (SIGKILL after graceMs). Returns the exit code or a description. */
    stop(graceMs?: number): Promise<number | string>;
}
