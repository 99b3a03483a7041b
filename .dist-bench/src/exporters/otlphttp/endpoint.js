/**
 * Where OTLP/HTTP log requests go (pure), per the OTLP exporter spec:
 * `endpoint` is a base URL to which `v1/logs` is appended (with exactly one
 * slash between), `logs_endpoint` is used exactly as given ("/" if it has no
 * path).
 */
import { AgentError } from '../../errors.js';
export const LOGS_PATH = 'v1/logs';
function parseHttpUrl(value, key, id) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new AgentError('CONFIG_INVALID', `exporters.${id}.${key}: "${value}" is not a URL; use e.g. https://collector.example:4318`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new AgentError('CONFIG_INVALID', `exporters.${id}.${key}: scheme "${url.protocol}" is not supported; use http:// or https://`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new AgentError('CONFIG_INVALID', `exporters.${id}.${key}: credentials in the URL are not allowed; put them in headers (e.g. authorization)`);
    }
    return url;
}
/** The URL log requests are POSTed to. Throws AgentError CONFIG_INVALID when neither key is set or the URL is unusable. */
export function resolveLogsUrl(cfg) {
    if (cfg.logsEndpoint !== undefined && cfg.logsEndpoint !== '') {
        return parseHttpUrl(cfg.logsEndpoint, 'logs_endpoint', cfg.id);
    }
    if (cfg.endpoint !== undefined && cfg.endpoint !== '') {
        const url = parseHttpUrl(cfg.endpoint, 'endpoint', cfg.id);
        url.pathname = (url.pathname.endsWith('/') ? url.pathname : url.pathname + '/') + LOGS_PATH;
        return url;
    }
    throw new AgentError('CONFIG_INVALID', `exporters.${cfg.id}: set endpoint (a base URL, /v1/logs is appended) or logs_endpoint (used as is)`);
}
/**
 * For `sealog spool dlq replay --endpoint`: a base URL gets `/v1/logs`
 * appended unless its path already ends with `/v1/logs`.
 */
export function resolveReplayUrl(value) {
    const url = parseHttpUrl(value, 'endpoint', 'replay');
    if (!/\/v1\/logs\/?$/.test(url.pathname)) {
        url.pathname = (url.pathname.endsWith('/') ? url.pathname : url.pathname + '/') + LOGS_PATH;
    }
    return url;
}
/** The URL for logs and messages: no query string (it may carry tokens). */
export function redactUrl(url) {
    return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
}
//# sourceMappingURL=endpoint.js.map