/** Parent side of bench/sink.ts: start the sink process, wait for its count. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSeconds } from './procstat.js';
import { exited, stopChild, track } from './procs.js';
const SINK_JS = fileURLToPath(new URL('../sink.js', import.meta.url));
function describe(r) {
    return `${r.records} records, ${r.control} control records, ${r.requests} requests, ${r.errors} errors${r.lastError ? ` (last: ${r.lastError})` : ''}`;
}
export class SinkProcess {
    child;
    port;
    doneReport;
    doneWaiters = [];
    statusWaiters = [];
    constructor(child, port) {
        this.child = child;
        this.port = port;
        child.on('message', (m) => {
            if (m.type === 'done') {
                this.doneReport = m;
                for (const w of this.doneWaiters.splice(0))
                    w(m);
            }
            else if (m.type === 'status') {
                for (const w of this.statusWaiters.splice(0))
                    w(m);
            }
        });
    }
    static async start(opts) {
        const args = [opts.mode === 'tcp' ? '--tcp' : '--otlp', '--expect', String(opts.expect)];
        if (opts.latency)
            args.push('--latency');
        const child = track(fork(SINK_JS, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
        const port = await new Promise((resolve, reject) => {
            const onMsg = (m) => {
                if (m.type === 'ready') {
                    child.off('exit', onExit);
                    resolve(m.port);
                }
            };
            const onExit = (code) => reject(new Error(`bench sink exited (code ${code}) before listening; run \`npm run build\` and check dist/bench/sink.js`));
            child.once('message', onMsg);
            child.once('exit', onExit);
        });
        return new SinkProcess(child, port);
    }
    get url() {
        return `http://127.0.0.1:${this.port}`;
    }
    expect(count) {
        this.child.send({ type: 'expect', count });
    }
    status() {
        return new Promise((resolve) => {
            this.statusWaiters.push(resolve);
            this.child.send({ type: 'status' });
        });
    }
    cpuSeconds() {
        return this.child.pid === undefined ? NaN : cpuSeconds(this.child.pid) ?? NaN;
    }
    /**
     * Resolves with the sink's report once every expected record arrived.
     * Rejects after timeoutMs, or as soon as `watch` (the process feeding the
     * sink) exits, with what the sink had counted by then.
     */
    async waitDone(timeoutMs, watch) {
        if (this.doneReport)
            return this.doneReport;
        let timer;
        const done = new Promise((resolve) => this.doneWaiters.push(resolve));
        const timeout = new Promise((resolve) => {
            timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const died = watch ? exited(watch.child).then((code) => ({ code })) : new Promise(() => { });
        const r = await Promise.race([done, timeout, died]);
        clearTimeout(timer);
        if (typeof r === 'object' && 'records' in r)
            return r;
        const status = await this.status();
        const why = r === 'timeout' ? `timed out after ${timeoutMs / 1000} s` : `${watch.name} exited with ${r.code}`;
        const tail = watch?.logTail?.();
        throw new Error(`sink did not receive every record: ${why}; sink has ${describe(status)}${tail ? `\n--- ${watch.name} log (last lines) ---\n${tail}` : ''}`);
    }
    async stop() {
        await stopChild(this.child, 'SIGTERM', 5_000);
    }
}
//# sourceMappingURL=sink-proc.js.map