import { DEFAULTS, MAX_OTLP_REQUEST_BYTES } from './defaults.js';
import { reqPath, readTlsClient } from './common.js';
export const EXPORTER_TYPES = ['otlphttp', 'file'];
function httpUrl(s, key) {
    const v = s.str(key);
    if (v === undefined)
        return undefined;
    let u;
    try {
        u = new URL(v);
    }
    catch {
        s.issue(key, `"${v}" is not a URL`, /^[\w.-]+:\d+/.test(v) ? `add the scheme: http://${v} or https://${v}` : 'e.g. https://collector.example:4318');
        return undefined;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
        const hint = u.protocol === 'grpc:'
            ? "sealog exports OTLP over HTTP: point it at the backend's OTLP/HTTP port, usually 4318"
            : /^[\w.-]+:\d+(\/|$)/.test(v)
                ? `add the scheme: http://${v} or https://${v}`
                : undefined;
        s.issue(key, `"${v}" must be an http:// or https:// URL`, hint);
        return undefined;
    }
    return v;
}
function readHeaders(s) {
    const h = s.section('headers');
    const out = {};
    for (const name of h.keys()) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
            h.issues.add(h.keyPos(name), h.keyPath(name), `"${name}" is not a valid HTTP header name`);
            h.node(name);
            continue;
        }
        const v = h.text(name);
        if (v === undefined) {
            if (!h.has(name))
                h.issue(name, 'header value is missing');
        }
        else if (/[\r\n\0]/.test(v))
            h.issue(name, 'header value contains a line break or NUL');
        else
            out[name.toLowerCase()] = v;
    }
    h.finish();
    return out;
}
function readOtlpHttp(id, s) {
    const d = DEFAULTS.otlphttp;
    const cfg = {
        id,
        encoding: s.oneOf('encoding', ['proto', 'json'], d.encoding),
        compression: s.oneOf('compression', ['gzip', 'none'], d.compression),
        headers: readHeaders(s),
        timeoutMs: s.duration('timeout', d.timeoutMs),
        tls: readTlsClient(s),
        maxBatchRecords: s.int('max_batch_records', d.maxBatchRecords, { min: 1 }),
        maxBatchBytes: s.size('max_batch_bytes', d.maxBatchBytes, { min: 1024, minText: '1KiB', max: MAX_OTLP_REQUEST_BYTES, maxText: '64MiB (the OTLP request limit)' }),
        maxInFlight: s.int('max_in_flight', d.maxInFlight, { min: 1, max: 1024 }),
        retry: { ...d.retry },
        sealsOnly: s.bool('seals_only', d.sealsOnly),
    };
    const endpoint = httpUrl(s, 'endpoint');
    const logsEndpoint = httpUrl(s, 'logs_endpoint');
    if (endpoint !== undefined)
        cfg.endpoint = endpoint;
    if (logsEndpoint !== undefined)
        cfg.logsEndpoint = logsEndpoint;
    if (!s.has('endpoint') && !s.has('logs_endpoint')) {
        s.missing('endpoint', 'set endpoint, the base URL that /v1/logs is appended to, or logs_endpoint, used as is');
    }
    const r = s.section('retry_on_failure', {
        enabled: 'retries cannot be turned off: the spool keeps every record until the backend takes it',
    });
    const initial = r.duration('initial_interval', d.retry.initialIntervalMs);
    const max = r.duration('max_interval', d.retry.maxIntervalMs);
    cfg.retry = {
        initialIntervalMs: initial,
        maxIntervalMs: max,
        multiplier: r.num('multiplier', d.retry.multiplier, { min: 1 }),
        randomizationFactor: r.num('randomization_factor', d.retry.randomizationFactor, { min: 0, max: 1 }),
        maxElapsedMs: r.duration('max_elapsed_time', d.retry.maxElapsedMs, { min: 0 }),
    };
    if (max < initial)
        r.issue('max_interval', `must be at least initial_interval (${initial}ms), got ${max}ms`);
    r.finish();
    return cfg;
}
function readFile(id, s) {
    const d = DEFAULTS.file;
    const path = reqPath(s, 'path', 'the OTLP JSON lines file to write, e.g. /var/lib/sealog/out/logs.jsonl');
    const cfg = {
        id,
        path: path ?? '',
        flushIntervalMs: s.duration('flush_interval', d.flushIntervalMs),
        sealsOnly: s.bool('seals_only', d.sealsOnly),
        maxBatchRecords: s.int('max_batch_records', d.maxBatchRecords, { min: 1 }),
    };
    const rot = s.section('rotation');
    if (rot.present) {
        cfg.rotation = {
            maxMegabytes: rot.int('max_megabytes', d.rotation.maxMegabytes, { min: 1 }),
            maxBackups: rot.int('max_backups', d.rotation.maxBackups, { min: 0 }),
            compress: rot.bool('compress', d.rotation.compress),
        };
    }
    rot.finish();
    return cfg;
}
export const EXPORTER_HINTS = {
    sending_queue: "sealog's spool replaces the sending queue: configure spool:",
    compression_params: 'sealog compresses with gzip; set compression: gzip or none',
};
export function readExporter(id, type, s) {
    let cfg;
    if (type === 'otlphttp')
        cfg = { type, ...readOtlpHttp(id, s) };
    else if (type === 'file')
        cfg = { type, ...readFile(id, s) };
    else
        return undefined;
    s.finish();
    return cfg;
}
//# sourceMappingURL=exporters.js.map