/**
 * `agent:`, `integrity:`, `spool:` and `service:` (telemetry, pipelines).
 */
import { hostname } from 'node:os';
import { DEFAULTS } from './defaults.js';
import { readListenEndpoint, reqPath } from './common.js';
import { formatSize } from './units.js';
export function readAgentId(s) {
    const id = s.str('id');
    s.finish();
    if (id === undefined)
        return hostname();
    if (id.trim() === '') {
        s.issue('id', 'must not be empty', 'leave it out to use the host name');
        return hostname();
    }
    if (/[\s\u0000-\u001f\u007f]/.test(id)) {
        s.issue('id', 'must not contain spaces or control characters', 'it names the streams: <agent id>/<pipeline>');
        return hostname();
    }
    return id;
}
export function readIntegrity(s) {
    const d = DEFAULTS.integrity;
    if (!s.present && s.absent)
        s.issues.add(s.pos, s.path, 'is required', 'add integrity: { key: /etc/sealog/sealog.key }; create the key with sealog keygen, or set generate_key: true');
    const keyFile = s.present ? reqPath(s, 'key', 'the private key file written by sealog keygen') : undefined;
    const seal = s.section('seal');
    const cfg = {
        keyFile: keyFile ?? '',
        generateKey: s.bool('generate_key', d.generateKey),
        sealEveryRecords: seal.int('every_records', d.sealEveryRecords, { min: 1, max: 10_000_000 }),
        sealIntervalMs: seal.duration('interval', d.sealIntervalMs),
        heartbeatMs: seal.duration('heartbeat', d.heartbeatMs),
        rotateMs: s.duration('rotate', d.rotateMs, { min: 0 }),
    };
    seal.finish();
    s.finish();
    return cfg;
}
export function readSpool(s) {
    const d = DEFAULTS.spool;
    if (!s.present && s.absent)
        s.issues.add(s.pos, s.path, 'is required', 'add spool: { dir: /var/lib/sealog/spool }');
    const dir = s.present ? reqPath(s, 'dir', 'a directory for the write-ahead log, e.g. /var/lib/sealog/spool') : undefined;
    const cfg = {
        dir: dir ?? '',
        maxSizeBytes: s.size('max_size', d.maxSizeBytes, { min: 4096, minText: '4KiB' }),
        segmentSizeBytes: s.size('segment_size', d.segmentSizeBytes, { min: 4096, minText: '4KiB' }),
        sync: s.oneOf('sync', ['always', 'interval', 'none'], d.sync),
        syncIntervalMs: s.duration('sync_interval', d.syncIntervalMs),
        whenFull: s.oneOf('when_full', ['block', 'drop_newest'], d.whenFull),
        retainMs: s.duration('retain', d.retainMs, { min: 0 }),
    };
    if (cfg.maxSizeBytes < cfg.segmentSizeBytes) {
        const hasMax = s.has('max_size');
        s.issue(hasMax ? 'max_size' : 'segment_size', `max_size (${formatSize(cfg.maxSizeBytes)}) is smaller than segment_size (${formatSize(cfg.segmentSizeBytes)})`, 'max_size must hold at least one segment; a few segments is better');
    }
    s.finish();
    return cfg;
}
function refs(p, key) {
    return p.strList(key).map((id, i) => ({ id, pos: p.itemPos(key, i), path: `${p.keyPath(key)}[${i}]` }));
}
export function readService(s) {
    const d = DEFAULTS.service;
    const tel = s.section('telemetry');
    const logs = tel.section('logs');
    const config = {
        logLevel: logs.oneOf('level', ['debug', 'info', 'warn', 'error'], d.logLevel),
        shutdownTimeoutMs: s.duration('shutdown_timeout', d.shutdownTimeoutMs),
    };
    logs.finish();
    let metrics;
    const metricsText = tel.str('metrics');
    if (metricsText === 'none') {
        // disabled
    }
    else {
        const ep = readListenEndpoint(tel, 'metrics', d.metricsEndpoint);
        config.metricsEndpoint = ep.text;
        metrics = ep.parsed;
        if (metrics && !tel.has('metrics'))
            metrics = { ...metrics, pos: tel.present ? tel.pos : s.pos };
    }
    tel.finish();
    const pipelines = [];
    const ps = s.section('pipelines', { traces: 'sealog forwards logs only', metrics: 'sealog forwards logs only' });
    if (!ps.present || ps.keys().length === 0) {
        s.issues.add(ps.pos, ps.path, 'no pipelines defined', 'e.g. pipelines: { logs: { receivers: [otlp], exporters: [file] } }');
    }
    for (const name of ps.keys()) {
        const m = /^([^/]+)(?:\/(.*))?$/.exec(name);
        if (m[1] !== 'logs') {
            ps.node(name);
            const hint = m[1] === 'traces' || m[1] === 'metrics' ? 'sealog forwards logs only: name pipelines logs or logs/<name>' : 'pipelines are named logs or logs/<name>';
            ps.issues.add(ps.keyPos(name), ps.keyPath(name), `invalid pipeline name "${name}"`, hint);
            continue;
        }
        if (m[2] !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(m[2])) {
            ps.node(name);
            ps.issues.add(ps.keyPos(name), ps.keyPath(name), `invalid pipeline name "${name}"`, 'names after logs/ are letters, digits, _, . and -');
            continue;
        }
        const p = ps.section(name);
        const read = {
            config: { name, receivers: [], processors: [], exporters: [] },
            pos: ps.keyPos(name),
            path: ps.keyPath(name),
            receivers: refs(p, 'receivers'),
            processors: refs(p, 'processors'),
            exporters: refs(p, 'exporters'),
        };
        if (p.bool('process_sealed', false))
            read.config.processSealed = true;
        if (read.receivers.length === 0)
            p.issues.add(p.has('receivers') ? p.keyPos('receivers') : p.pos, p.keyPath('receivers'), 'a pipeline needs at least one receiver');
        if (read.exporters.length === 0)
            p.issues.add(p.has('exporters') ? p.keyPos('exporters') : p.pos, p.keyPath('exporters'), 'a pipeline needs at least one exporter');
        p.finish();
        pipelines.push(read);
    }
    ps.finish();
    s.finish();
    const out = { config, pipelines };
    if (metrics)
        out.metrics = metrics;
    return out;
}
//# sourceMappingURL=service.js.map