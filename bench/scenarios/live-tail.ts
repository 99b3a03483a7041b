/**
 * The agent tailing a file that starts empty (scenarios 5 and 11): a temp
 * dir with the file, a sink process, the bench's agent config (filelog from
 * the beginning -> otlphttp protobuf + gzip to the sink), started and ready.
 * The scenario appends and measures; the agent must then stop cleanly on
 * SIGTERM. Everything is stopped and removed at the end, on errors too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentProcess, agentConfig, agentStartOptions, writeConfig } from './agent.js';
import { removeDir, tempDir } from './procs.js';
import { SinkProcess, type SinkOptions } from './sink-proc.js';
import type { BenchContext } from './types.js';

export interface LiveTail {
  agent: AgentProcess;
  sink: SinkProcess;
  /** The file the agent tails (empty when the scenario starts). */
  input: string;
}

export async function withLiveTail<T>(ctx: BenchContext, name: string, sinkOpts: SinkOptions, run: (t: LiveTail) => Promise<T>): Promise<T> {
  const dir = tempDir(name);
  const input = join(dir, 'app.log');
  writeFileSync(input, '');
  const sink = await SinkProcess.start(sinkOpts);
  let agent: AgentProcess | undefined;
  try {
    const config = agentConfig({
      dir,
      sync: 'interval',
      receivers: { filelog: { include: [input], start_at: 'beginning' } },
      exporters: { otlphttp: { endpoint: sink.url, encoding: 'proto', compression: 'gzip' } },
    });
    agent = AgentProcess.start(writeConfig(dir, config), agentStartOptions(ctx));
    await agent.waitReady();
    const out = await run({ agent, sink, input });
    const code = await agent.stop();
    if (code !== 0) throw new Error(`the agent did not stop cleanly on SIGTERM (${code})\n${agent.logTail()}`);
    return out;
  } finally {
    if (agent) await agent.stop(5_000);
    await sink.stop();
    removeDir(dir);
  }
}
