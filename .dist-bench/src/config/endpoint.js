const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
/**
 * Parses `host:port`, `[ipv6]:port` or `:port` (all interfaces). The port is
 * 0..65535 (0 = any free port, reported by the component once listening).
 */
export function parseHostPort(s) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
        return { ok: false, message: `"${s}" is a URL, not host:port`, hint: `write it without the scheme, e.g. ${s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '')}` };
    }
    let host;
    let portText;
    if (s.startsWith('[')) {
        const close = s.indexOf(']');
        if (close < 0 || s[close + 1] !== ':')
            return { ok: false, message: `invalid endpoint "${s}"`, hint: 'IPv6 endpoints look like [::1]:4318' };
        host = s.slice(1, close);
        portText = s.slice(close + 2);
        if (!IPV6.test(host))
            return { ok: false, message: `invalid IPv6 address "${host}" in "${s}"` };
    }
    else {
        const colon = s.lastIndexOf(':');
        if (colon < 0)
            return { ok: false, message: `endpoint "${s}" has no port`, hint: `write host:port, e.g. ${s || '127.0.0.1'}:4318` };
        host = s.slice(0, colon);
        portText = s.slice(colon + 1);
        if (host.includes(':'))
            return { ok: false, message: `invalid endpoint "${s}"`, hint: 'put IPv6 addresses in brackets, e.g. [::1]:4318' };
        if (host !== '' && !HOSTNAME.test(host))
            return { ok: false, message: `invalid host "${host}" in "${s}"` };
    }
    if (!/^\d{1,5}$/.test(portText))
        return { ok: false, message: `invalid port "${portText}" in "${s}"`, hint: 'ports are 0..65535' };
    const port = Number(portText);
    if (port > 65535)
        return { ok: false, message: `port ${port} is out of range in "${s}"`, hint: 'ports are 0..65535' };
    return { ok: true, host, port };
}
const WILDCARDS = new Set(['', '0.0.0.0', '::', '*']);
/** Whether two listeners would fight over one socket (same non-zero port, same or wildcard host). */
export function endpointsClash(a, b) {
    if (a.port === 0 || b.port !== a.port)
        return false;
    const ha = a.host.toLowerCase() === 'localhost' ? '127.0.0.1' : a.host.toLowerCase();
    const hb = b.host.toLowerCase() === 'localhost' ? '127.0.0.1' : b.host.toLowerCase();
    return ha === hb || WILDCARDS.has(ha) || WILDCARDS.has(hb);
}
//# sourceMappingURL=endpoint.js.map