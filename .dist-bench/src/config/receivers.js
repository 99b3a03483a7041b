import { DEFAULTS } from './defaults.js';
import { readListenEndpoint, readTlsServer, resolvePath } from './common.js';
import { namedGroups, regexError } from './regex.js';
export const RECEIVER_TYPES = ['filelog', 'otlp'];
/** Severity short names accepted in a severity parser mapping and in filter min_severity. */
export const SEVERITY_NAMES = (() => {
    const out = [];
    for (const base of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
        out.push(base, `${base}2`, `${base}3`, `${base}4`);
    }
    return out;
})();
/** SeverityNumber of a short name (`warn` -> 13, `error2` -> 18), case-insensitive. */
export function severityNumberOf(name) {
    const i = SEVERITY_NAMES.indexOf(name.toLowerCase());
    return i < 0 ? undefined : i + 1;
}
const TIMESTAMP_KEYWORDS = ['rfc3339', 'unix', 'unix_ms', 'unix_ns'];
function readParsers(s) {
    const out = [];
    for (const p of s.list('parsers')) {
        if (!p.present) {
            if (p.absent)
                p.issues.add(p.pos, p.path, 'expected a parser map with a type');
            continue;
        }
        const typeText = p.str('type');
        const types = ['json', 'regex', 'timestamp', 'severity'];
        if (typeText === undefined) {
            p.missing('type', `one of ${types.join(', ')}`);
            p.finish();
            continue;
        }
        const type = p.oneOf('type', types, 'json');
        if (type !== typeText) {
            p.finish();
            continue;
        }
        if (type === 'json') {
            const target = p.oneOf('target', ['attributes', 'body'], 'attributes');
            const bodyField = p.str('body_field');
            if (bodyField !== undefined && target === 'body')
                p.issue('body_field', 'body_field only applies with target: attributes');
            out.push(bodyField === undefined ? { type, target } : { type, target, bodyField });
        }
        else if (type === 'regex') {
            const regex = p.reqStr('regex', 'a JavaScript regex with named groups, e.g. ^(?<level>\\w+) (?<msg>.*)$');
            if (regex !== undefined) {
                const err = regexError(regex);
                if (err)
                    p.issue('regex', err);
                else if (namedGroups(regex).length === 0)
                    p.issue('regex', 'has no named groups, so it would extract nothing', 'name the parts: (?<level>\\w+)');
                else
                    out.push({ type, regex });
            }
        }
        else if (type === 'timestamp') {
            const parseFrom = p.reqStr('parse_from', 'the attribute holding the time, e.g. time');
            const layout = p.reqStr('layout', `${TIMESTAMP_KEYWORDS.join(', ')} or a strftime layout such as %Y-%m-%d %H:%M:%S`);
            if (layout !== undefined && !TIMESTAMP_KEYWORDS.includes(layout) && !/%[A-Za-z]/.test(layout)) {
                p.issue('layout', `"${layout}" is neither a known layout nor a strftime pattern`, `use ${TIMESTAMP_KEYWORDS.join(', ')} or %-directives like %Y-%m-%dT%H:%M:%S`);
            }
            else if (parseFrom !== undefined && layout !== undefined)
                out.push({ type, parseFrom, layout });
        }
        else {
            const parseFrom = p.reqStr('parse_from', 'the attribute holding the level, e.g. level');
            const mapping = readSeverityMapping(p);
            if (parseFrom !== undefined)
                out.push(mapping === undefined ? { type, parseFrom } : { type, parseFrom, mapping });
        }
        p.finish();
    }
    return out;
}
function readSeverityMapping(p) {
    const m = p.section('mapping');
    if (!m.present) {
        m.finish();
        return undefined;
    }
    const out = {};
    for (const name of m.keys()) {
        const n = m.node(name);
        if (!SEVERITY_NAMES.includes(name)) {
            m.issues.add(m.keyPos(name), m.keyPath(name), `unknown severity "${name}"`, `use trace, debug, info, warn, error, fatal (optionally 2-4, e.g. error2)`);
            continue;
        }
        if (n.kind === 'scalar' && n.value !== null)
            out[name] = [String(n.value)];
        else
            out[name] = m.strList(name);
    }
    m.finish();
    return out;
}
function readFilelog(id, s) {
    const d = DEFAULTS.filelog;
    const include = s.strList('include');
    if (!s.has('include'))
        s.missing('include', 'list the files to tail, e.g. include: [/var/log/app/*.log]');
    else if (include.length === 0 && s.node('include')?.kind === 'seq')
        s.issue('include', 'must list at least one path or glob');
    const cfg = {
        id,
        include: include.map(resolvePath),
        exclude: s.strList('exclude').map(resolvePath),
        startAt: s.oneOf('start_at', ['end', 'beginning'], d.startAt),
        pollIntervalMs: s.duration('poll_interval', d.pollIntervalMs),
        watch: s.bool('watch', d.watch),
        forceFlushPeriodMs: s.duration('force_flush_period', d.forceFlushPeriodMs, { min: 0 }),
        maxLogSizeBytes: s.size('max_log_size', d.maxLogSizeBytes, { min: 16, minText: '16 bytes' }),
        maxLogSizeAction: s.oneOf('max_log_size_action', ['split', 'truncate'], d.maxLogSizeAction),
        encoding: s.oneOf('encoding', ['utf-8', 'utf-16le', 'latin1'], d.encoding),
        compression: s.oneOf('compression', ['none', 'gzip'], d.compression),
        maxConcurrentFiles: s.int('max_concurrent_files', d.maxConcurrentFiles, { min: 1 }),
        fingerprintSizeBytes: s.size('fingerprint_size', d.fingerprintSizeBytes, { min: 16, minText: '16 bytes' }),
        includeFileName: s.bool('include_file_name', d.includeFileName),
        includeFilePath: s.bool('include_file_path', d.includeFilePath),
        includeProvenance: s.bool('include_provenance', d.includeProvenance),
        parsers: readParsers(s),
        maxBatchLines: s.int('max_batch_lines', d.maxBatchLines, { min: 1 }),
    };
    const ml = s.section('multiline');
    if (ml.present) {
        const start = ml.str('line_start_pattern');
        const end = ml.str('line_end_pattern');
        if (start !== undefined && end !== undefined) {
            ml.issue('line_end_pattern', 'line_start_pattern and line_end_pattern cannot both be set', 'keep one of them');
        }
        else if (start === undefined && end === undefined) {
            ml.missing('line_start_pattern', 'set line_start_pattern or line_end_pattern, or remove multiline');
        }
        else {
            const key = start !== undefined ? 'line_start_pattern' : 'line_end_pattern';
            const src = (start ?? end);
            const err = regexError(src);
            if (err)
                ml.issue(key, err);
            else if (src === '')
                ml.issue(key, 'must not be empty');
            else
                cfg.multiline = start !== undefined ? { lineStartPattern: start } : { lineEndPattern: src };
        }
    }
    ml.finish();
    return cfg;
}
function readHttpServer(s, endpoints) {
    const d = DEFAULTS.otlp;
    const ep = readListenEndpoint(s, 'endpoint', d.httpEndpoint);
    if (ep.parsed)
        endpoints.push(ep.parsed);
    const cfg = {
        endpoint: ep.text,
        maxRequestBodyBytes: s.size('max_request_body_size', d.maxRequestBodyBytes),
        maxConcurrentRequests: s.int('max_concurrent_requests', d.maxConcurrentRequests, { min: 1 }),
        headersTimeoutMs: s.duration('headers_timeout', d.headersTimeoutMs),
        requestTimeoutMs: s.duration('request_timeout', d.requestTimeoutMs),
        keepAliveTimeoutMs: s.duration('keep_alive_timeout', d.keepAliveTimeoutMs, { min: 0 }),
        maxConnections: s.int('max_connections', d.maxConnections, { min: 1 }),
    };
    const tls = readTlsServer(s);
    if (tls)
        cfg.tls = tls;
    s.finish();
    return cfg;
}
function readGrpcServer(s, endpoints) {
    const d = DEFAULTS.otlp;
    const ep = readListenEndpoint(s, 'endpoint', d.grpcEndpoint);
    if (ep.parsed)
        endpoints.push(ep.parsed);
    const cfg = {
        endpoint: ep.text,
        maxRecvMessageBytes: s.size('max_recv_msg_size', d.maxRecvMessageBytes),
        maxConcurrentStreams: s.int('max_concurrent_streams', d.maxConcurrentStreams, { min: 1 }),
    };
    const tls = readTlsServer(s);
    if (tls)
        cfg.tls = tls;
    s.finish();
    return cfg;
}
function readOtlp(id, s, endpoints) {
    const d = DEFAULTS.otlp;
    const protocols = s.section('protocols');
    // `http:` and `http: {}` both turn the protocol on with defaults; absent means off.
    const cfg = { id, auth: {}, maxNestingDepth: s.int('max_nesting_depth', d.maxNestingDepth, { min: 1, max: 1000 }) };
    const hasHttp = protocols.node('http') !== undefined;
    const hasGrpc = protocols.node('grpc') !== undefined;
    if (hasHttp)
        cfg.http = readHttpServer(protocols.section('http'), endpoints);
    if (hasGrpc)
        cfg.grpc = readGrpcServer(protocols.section('grpc'), endpoints);
    protocols.finish();
    if (!hasHttp && !hasGrpc) {
        s.issues.add(protocols.present ? protocols.pos : s.pos, protocols.path, 'no protocol enabled', 'add protocols: { http: {} } and/or grpc: {}');
    }
    const auth = s.section('auth');
    const token = auth.str('bearer_token');
    if (token !== undefined) {
        if (token === '')
            auth.issue('bearer_token', 'must not be empty', 'remove auth to accept requests without a token');
        else
            cfg.auth.bearerToken = token;
    }
    auth.finish();
    return cfg;
}
export function readReceiver(id, type, s) {
    const endpoints = [];
    let config;
    if (type === 'filelog')
        config = { type: 'filelog', ...readFilelog(id, s) };
    else if (type === 'otlp')
        config = { type: 'otlp', ...readOtlp(id, s, endpoints) };
    else
        return undefined;
    s.finish();
    return { config, endpoints };
}
//# sourceMappingURL=receivers.js.map