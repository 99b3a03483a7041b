/**
 * HTTP header parsing for OTLP/HTTP: content type, content encoding,
 * Accept-Encoding, Content-Length. Pure: no I/O.
 */
/** The OTLP wire format a Content-Type names (parameters such as charset are ignored), or undefined. */
export function formatOfContentType(header) {
    if (header === undefined)
        return undefined;
    const semi = header.indexOf(';');
    const media = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
    if (media === 'application/x-protobuf')
        return 'proto';
    if (media === 'application/json')
        return 'json';
    return undefined;
}
/** The body encoding a Content-Encoding names; undefined when it is not supported. */
export function parseContentEncoding(header) {
    if (header === undefined)
        return 'identity';
    const v = header.trim().toLowerCase();
    if (v === '' || v === 'identity')
        return 'identity';
    if (v === 'gzip' || v === 'x-gzip')
        return 'gzip';
    if (v === 'deflate')
        return 'deflate';
    return undefined;
}
/** True when Accept-Encoding lists gzip (or `*`) without q=0. */
export function acceptsGzip(header) {
    if (header === undefined || header === '')
        return false;
    for (const part of header.split(',')) {
        const [codingRaw, ...params] = part.split(';');
        const coding = (codingRaw ?? '').trim().toLowerCase();
        if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*')
            continue;
        const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
        if (q === undefined || Number(q.slice(2)) > 0)
            return true;
    }
    return false;
}
/**
 * Content-Length as a number; undefined when absent; NaN when it is not a
 * plain non-negative decimal integer.
 */
export function parseContentLength(header) {
    if (header === undefined)
        return undefined;
    const v = header.trim();
    if (!/^\d{1,15}$/.test(v))
        return Number.NaN;
    return Number(v);
}
/** True when a deflate body starts with a zlib (RFC 1950) header rather than raw deflate (RFC 1951). */
export function hasZlibHeader(body) {
    if (body.length < 2)
        return false;
    const cmf = body[0];
    const flg = body[1];
    return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}
//# sourceMappingURL=negotiate.js.map