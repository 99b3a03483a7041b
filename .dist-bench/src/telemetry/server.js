/**
 * The agent's own HTTP endpoint (service.telemetry.metrics):
 *   GET /metrics  Prometheus text format 0.0.4
 *   GET /healthz  200 "ok" while the process runs
 *   GET /readyz   200 when ready() (pipelines started), else 503
 *   GET /         HTML status page
 * It also registers the sealog_process_* gauges (memory, CPU, open files).
 */
import { createServer } from 'node:http';
import { readdirSync } from 'node:fs';
import { AgentError, errorMessage } from '../errors.js';
import { renderStatusPage } from './status-page.js';
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
function splitEndpoint(endpoint) {
    const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(endpoint);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535) {
        throw new AgentError('CONFIG_INVALID', `telemetry endpoint "${endpoint}" is not host:port (set service.telemetry.metrics to e.g. 127.0.0.1:8888, or none)`);
    }
    return { host: m[1] ?? m[2] ?? '', port };
}
function registerProcessMetrics(registry) {
    const rss = registry.gauge('sealog_process_resident_memory_bytes', 'Resident set size of the agent process.');
    const heap = registry.gauge('sealog_process_heap_used_bytes', 'V8 heap in use.');
    const cpu = registry.counter('sealog_process_cpu_seconds_total', 'User plus system CPU time used by the agent process.');
    const fds = registry.gauge('sealog_process_open_fds', 'File descriptors open in the agent process (Linux).');
    const start = registry.gauge('sealog_process_start_time_seconds', 'Unix time the agent process started.');
    start.set(Math.floor((Date.now() - process.uptime() * 1000) / 1000));
    rss.onCollect(() => rss.set(process.memoryUsage.rss()));
    heap.onCollect(() => heap.set(process.memoryUsage().heapUsed));
    cpu.onCollect(() => {
        const u = process.cpuUsage();
        cpu.set((u.user + u.system) / 1e6);
    });
    fds.onCollect(() => {
        try {
            fds.set(readdirSync('/proc/self/fd').length);
        }
        catch {
            fds.set(NaN);
        }
    });
}
function send(res, head, status, type, body, extra = {}) {
    const buf = Buffer.from(body, 'utf8');
    res.writeHead(status, {
        'content-type': type,
        'content-length': String(buf.length),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...extra,
    });
    res.end(head ? undefined : buf);
}
export async function startTelemetryServer(opts) {
    const { host, port } = splitEndpoint(opts.endpoint);
    const log = opts.logger.child({ component: 'telemetry' });
    registerProcessMetrics(opts.registry);
    const handle = (req, res) => {
        const head = req.method === 'HEAD';
        if (req.method !== 'GET' && !head) {
            send(res, false, 405, 'text/plain; charset=utf-8', 'method not allowed: use GET\n', { allow: 'GET, HEAD' });
            return;
        }
        const path = (req.url ?? '/').split('?')[0];
        try {
            switch (path) {
                case '/metrics':
                    send(res, head, 200, METRICS_CONTENT_TYPE, opts.registry.render());
                    return;
                case '/healthz':
                    send(res, head, 200, 'text/plain; charset=utf-8', 'ok\n');
                    return;
                case '/readyz':
                    if (opts.ready())
                        send(res, head, 200, 'text/plain; charset=utf-8', 'ready\n');
                    else
                        send(res, head, 503, 'text/plain; charset=utf-8', 'not ready\n');
                    return;
                case '/':
                    send(res, head, 200, 'text/html; charset=utf-8', renderStatusPage(opts.status()), {
                        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
                    });
                    return;
                default:
                    send(res, head, 404, 'text/plain; charset=utf-8', 'not found: try /metrics, /healthz, /readyz or /\n');
            }
        }
        catch (err) {
            log.error('telemetry request failed', { path, error: errorMessage(err) });
            if (!res.headersSent)
                send(res, head, 500, 'text/plain; charset=utf-8', 'internal error\n');
            else
                res.destroy();
        }
    };
    const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, handle);
    server.maxConnections = 256;
    const sockets = new Set();
    server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
    });
    await new Promise((resolve, reject) => {
        const onError = (err) => {
            server.off('listening', onListening);
            const why = err.code === 'EADDRINUSE' ? 'the address is already in use' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EADDRNOTAVAIL' ? 'the address is not available on this host' : err.message;
            reject(new AgentError('CONFIG_INVALID', `cannot listen on telemetry endpoint ${opts.endpoint}: ${why} (set service.telemetry.metrics to a free host:port, or none)`, { cause: err }));
        };
        const onListening = () => {
            server.off('error', onError);
            resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        if (host === '')
            server.listen(port);
        else
            server.listen(port, host);
    });
    server.on('error', (err) => log.error('telemetry server error', { error: errorMessage(err) }));
    const addr = server.address();
    const address = { host: addr.address, port: addr.port };
    log.info('telemetry endpoint listening', { address: `${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` });
    let closing;
    return {
        address,
        close() {
            closing ??= new Promise((resolve) => {
                server.close(() => resolve());
                for (const s of sockets)
                    s.destroy();
            });
            return closing;
        },
    };
}
//# sourceMappingURL=server.js.map