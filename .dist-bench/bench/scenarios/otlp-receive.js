/**
 * Scenario 3: 4 OTLP/HTTP clients (separate processes, 1000-record protobuf
 * requests) -> the agent's OTLP receiver -> seal -> spool -> OTLP/HTTP
 * protobuf+gzip -> the sink. Measured from `go` (the agent up, the clients
 * ready) to the sink having counted every record; CPU is the agent's over
 * that interval.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nowMs } from '../sink.js';
import { AgentProcess, agentConfig, agentStartOptions, writeConfig } from './agent.js';
import { runTimeoutMs } from './file-tail.js';
import { RECORDS_PER_REQUEST } from './otlp-client.js';
import { exited, removeDir, stopChild, tempDir, track } from './procs.js';
import { SinkProcess } from './sink-proc.js';
import { toMetrics } from './types.js';
const CLIENT_JS = fileURLToPath(new URL('./otlp-client.js', import.meta.url));
export const CLIENTS = 4;
/** A port that was free a moment ago (the OS picks it; the agent binds it right after). */
export function freePort() {
    return new Promise((resolve, reject) => {
        const srv = createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}
async function startClient(url, requests, index) {
    const child = track(fork(CLIENT_JS, [url, String(requests), String(index)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const ready = new Promise((resolve, reject) => {
        child.once('message', (m) => (m.type === 'ready' ? resolve(m.bodyBytes) : reject(new Error(`OTLP client ${index}: ${JSON.stringify(m)}`))));
        child.once('exit', (code) => reject(new Error(`OTLP client ${index} exited (code ${code}) before it was ready`)));
    });
    const done = new Promise((resolve) => {
        child.on('message', (m) => {
            if (m.type !== 'ready')
                resolve(m);
        });
        void exited(child).then((code) => resolve({ type: 'failed', message: `exited with ${code}` }));
    });
    return { child, bodyBytes: await ready, done };
}
export async function runOtlpReceive(ctx) {
    const perClient = Math.max(1, Math.round(ctx.input.lines / CLIENTS / RECORDS_PER_REQUEST));
    const total = perClient * CLIENTS * RECORDS_PER_REQUEST;
    const dir = tempDir('otlp');
    const sink = await SinkProcess.start({ mode: 'otlp', expect: total });
    const clients = [];
    let agent;
    try {
        const port = await freePort();
        const config = agentConfig({
            dir,
            sync: 'interval',
            receivers: { otlp: { protocols: { http: { endpoint: `127.0.0.1:${port}` } } } },
            exporters: { otlphttp: { endpoint: sink.url, encoding: 'proto', compression: 'gzip' } },
        });
        agent = AgentProcess.start(writeConfig(dir, config), agentStartOptions(ctx));
        await agent.waitReady();
        for (let i = 0; i < CLIENTS; i++)
            clients.push(await startClient(`http://127.0.0.1:${port}`, perClient, i));
        const cpu0 = agent.measure().cpu;
        const t0 = nowMs();
        for (const c of clients)
            c.child.send({ type: 'go' });
        // Settles only when a client fails, so the race below ends at once.
        const failed = new Promise((_, reject) => {
            for (const c of clients)
                void c.done.then((m) => m.type === 'failed' && reject(new Error(`an OTLP client failed: ${m.message}`)));
        });
        const report = await Promise.race([sink.waitDone(runTimeoutMs(total), { child: agent.child, name: 'agent', logTail: () => agent.logTail() }), failed]);
        const { cpu, peakRss } = agent.measure();
        const answers = await Promise.all(clients.map((c) => c.done));
        const bodyBytes = clients.reduce((s, c) => s + c.bodyBytes * perClient, 0);
        const m = toMetrics(total, (report.lastAt - t0) / 1000, bodyBytes, cpu - cpu0, peakRss);
        m.extra = {
            clients: CLIENTS,
            requestsPerClient: perClient,
            retries: answers.reduce((s, a) => s + (a.type === 'done' ? a.retries : 0), 0),
            sinkRequests: report.requests,
            sinkCpuSeconds: Number(sink.cpuSeconds().toFixed(2)),
        };
        const code = await agent.stop();
        if (code !== 0)
            throw new Error(`the agent did not stop cleanly on SIGTERM (${code})\n${agent.logTail()}`);
        return m;
    }
    finally {
        for (const c of clients)
            await stopChild(c.child, 'SIGTERM', 2_000);
        if (agent)
            await agent.stop(5_000);
        await sink.stop();
        removeDir(dir);
    }
}
//# sourceMappingURL=otlp-receive.js.map