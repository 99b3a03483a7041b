/**
 * Scenarios 1 and 2: file tail -> seal -> spool -> OTLP/HTTP protobuf+gzip
 * -> the sink process, which decodes and counts every record. Measured from
 * spawning the agent to the sink having counted the last input line, so the
 * agent's start-up is inside the figure. CPU and peak RSS are the agent's.
 */
import { AgentProcess, agentConfig, agentStartOptions, writeConfig } from './agent.js';
import { removeDir, tempDir } from './procs.js';
import { SinkProcess } from './sink-proc.js';
import { toMetrics } from './types.js';
/** How long one run may take before it counts as hung: generous, so that only a hang times out. */
export function runTimeoutMs(records) {
    return 60_000 + records / 5;
}
export async function runFileTail(ctx, opts) {
    const dir = tempDir(`tail-${opts.sync}`);
    const sink = await SinkProcess.start({ mode: 'otlp', expect: ctx.input.lines });
    let agent;
    try {
        const exporters = {
            otlphttp: { endpoint: sink.url, encoding: 'proto', compression: 'gzip' },
        };
        if (opts.fileOut)
            exporters['file'] = { path: opts.fileOut };
        const config = agentConfig({
            dir,
            sync: opts.sync,
            receivers: { filelog: { include: [ctx.input.path], start_at: 'beginning' } },
            exporters,
            ...(opts.keyFile ? { keyFile: opts.keyFile } : {}),
        });
        agent = AgentProcess.start(writeConfig(dir, config), agentStartOptions(ctx));
        const report = await sink.waitDone(runTimeoutMs(ctx.input.lines), { child: agent.child, name: 'agent', logTail: () => agent.logTail() });
        const { cpu, peakRss } = agent.measure();
        const m = toMetrics(ctx.input.lines, (report.lastAt - agent.startedAt) / 1000, ctx.input.bytes, cpu, peakRss);
        m.extra = {
            sealsAndControl: report.control,
            requests: report.requests,
            wireMB: Number((report.wireBytes / 1e6).toFixed(1)),
            sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)),
        };
        const code = await agent.stop();
        if (code !== 0)
            throw new Error(`the agent did not stop cleanly on SIGTERM (${code})\n${agent.logTail()}`);
        return m;
    }
    finally {
        if (agent)
            await agent.stop(5_000);
        await sink.stop();
        removeDir(dir);
    }
}
//# sourceMappingURL=file-tail.js.map