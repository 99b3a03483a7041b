/**
 * One OTLP/HTTP client of scenario 3, run as its own process (`fork`): builds
 * one ExportLogsServiceRequest of 1000 records (gen-input lines as bodies)
 * with encodeLogsProto, tells the parent it is ready, and on `go` posts it
 * `--requests` times over one keep-alive connection, one request in flight,
 * as an OpenTelemetry SDK's batch processor does. 429/503 are retried after
 * Retry-After (as OTLP asks); any other non-200 answer fails the client.
 *
 *   IPC out: { type: 'ready', bodyBytes } then { type: 'done', requests, retries } or { type: 'failed', message }
 *   IPC in:  { type: 'go' }
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Client } from 'undici';
import { encodeLogsProto } from '../../src/otlp/proto.js';
import { kv, newLogRecord, newResource, newScope, str } from '../../src/otlp/types.js';
import { makeLine } from '../gen-input.js';
export const RECORDS_PER_REQUEST = 1000;
/** The request every client sends: `client` picks which input lines it carries. */
export function buildRequest(client) {
    const base = 1795600000000000000n;
    const logRecords = [];
    for (let i = 0; i < RECORDS_PER_REQUEST; i++) {
        const n = client * RECORDS_PER_REQUEST + i;
        const r = newLogRecord();
        r.timeUnixNano = base + BigInt(n) * 1000000n;
        r.observedTimeUnixNano = r.timeUnixNano;
        r.severityNumber = 9;
        r.severityText = 'INFO';
        r.body = str(makeLine(n));
        r.attributes = [kv('thread.name', str(`worker-${n % 8}`)), kv('code.function', str('handleRequest'))];
        logRecords.push(r);
    }
    const data = {
        resourceLogs: [
            {
                resource: newResource([kv('service.name', str('checkout')), kv('service.instance.id', str(`pod-${client}`)), kv('host.name', str('web-01'))]),
                scopeLogs: [{ scope: newScope('app.logger', '1.0.0'), logRecords, schemaUrl: '' }],
                schemaUrl: '',
            },
        ],
    };
    return encodeLogsProto(data);
}
function retryAfterMs(header) {
    const v = Array.isArray(header) ? header[0] : header;
    const s = v === undefined ? NaN : Number(v);
    return Number.isFinite(s) ? Math.min(s * 1000, 5_000) : 100;
}
async function run(url, requests, client) {
    const body = Buffer.from(buildRequest(client));
    const send = (m) => void process.send(m);
    await new Promise((resolve) => {
        process.once('message', () => resolve());
        send({ type: 'ready', bodyBytes: body.length });
    });
    const http = new Client(url, { pipelining: 1, keepAliveTimeout: 60_000 });
    let retries = 0;
    try {
        for (let i = 0; i < requests;) {
            const res = await http.request({ path: '/v1/logs', method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
            if (res.statusCode === 200) {
                await res.body.dump();
                i++;
            }
            else if (res.statusCode === 429 || res.statusCode === 503) {
                await res.body.dump();
                retries++;
                await sleep(retryAfterMs(res.headers['retry-after']));
            }
            else {
                const text = await res.body.text();
                throw new Error(`POST ${url}/v1/logs answered ${res.statusCode}: ${text.slice(0, 300)}`);
            }
        }
        send({ type: 'done', requests, retries });
    }
    finally {
        await http.close();
    }
}
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    const [url, requests, client] = process.argv.slice(2);
    process.on('disconnect', () => process.exit(0));
    run(url, Number(requests), Number(client)).catch((err) => {
        process.send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
        process.exitCode = 1;
    });
}
//# sourceMappingURL=otlp-client.js.map