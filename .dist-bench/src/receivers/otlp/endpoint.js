/**
 * Parsing of listen endpoints (`host:port`) as written in the config.
 * Pure: no I/O.
 */
import { AgentError } from '../../errors.js';
/**
 * Parses `host:port`, `[v6addr]:port` or `:port` (all interfaces, like the
 * Collector). Port 0 asks the OS for a free port.
 */
export function parseEndpoint(endpoint, where) {
    const text = endpoint.trim();
    let host;
    let portText;
    if (text.startsWith('[')) {
        const close = text.indexOf(']');
        if (close === -1 || text[close + 1] !== ':')
            throw badEndpoint(endpoint, where);
        host = text.slice(1, close);
        portText = text.slice(close + 2);
    }
    else {
        const colon = text.lastIndexOf(':');
        if (colon === -1 || text.indexOf(':') !== colon)
            throw badEndpoint(endpoint, where);
        host = text.slice(0, colon);
        portText = text.slice(colon + 1);
    }
    if (!/^\d{1,5}$/.test(portText))
        throw badEndpoint(endpoint, where);
    const port = Number(portText);
    if (port > 65535)
        throw badEndpoint(endpoint, where);
    if (host === '')
        host = '0.0.0.0';
    return { host, port };
}
/** `host:port` with brackets around IPv6 literals, as grpc-js and URLs want it. */
export function formatHostPort(addr) {
    return addr.host.includes(':') ? `[${addr.host}]:${addr.port}` : `${addr.host}:${addr.port}`;
}
function badEndpoint(endpoint, where) {
    return new AgentError('CONFIG_INVALID', `${where}: endpoint "${endpoint}" is not host:port; write e.g. 127.0.0.1:4318, [::1]:4318 or :4318 (all interfaces)`);
}
/** The error for a listen endpoint that cannot be bound; `detail` says why (an errno code or message). */
export function listenError(where, endpoint, detail, cause) {
    return new AgentError('CONFIG_INVALID', `${where}.endpoint: cannot listen on ${endpoint}: ${detail}; pick a free address or stop the other process`, { cause });
}
//# sourceMappingURL=endpoint.js.map