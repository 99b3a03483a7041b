/**
 * Deterministic bench input: realistic log lines of exactly LINE_BYTES bytes
 * (newline included), a mix of plain text (web access, application, sshd)
 * and JSON. Line i depends only on i, so any range can be generated alone
 * and every run of the bench reads the same bytes.
 *
 * Standalone: `node dist/bench/gen-input.js OUT_FILE LINES` writes a file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
/** Bytes per line, the trailing newline included. */
export const LINE_BYTES = 200;
const TEXT_BYTES = LINE_BYTES - 1;
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const PATHS = ['/api/v1/orders', '/api/v1/users', '/login', '/static/app.js', '/api/v2/payments', '/healthz', '/api/v1/cart/items'];
const STATUS = [200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 500, 503];
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const SERVICES = ['c.e.OrderService', 'c.e.AuthController', 'c.e.PaymentGateway', 'c.e.CartRepository', 'c.e.MailSender'];
const EVENTS = ['order placed', 'payment accepted', 'session renewed', 'cache miss', 'retrying upstream call', 'user logged out'];
const USERS = ['alice', 'bob', 'carol', 'deploy', 'backup', 'svc-ci', 'mallory'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'curl/8.5.0', 'Go-http-client/2.0', 'okhttp/4.12.0'];
const FILLER = ' region=eu-west-1 pod=api-7f9c6d5b8-x2x9q ns=prod build=2026.11.3 flags=checkout_v2,new_cart tls=1.3 cache=hit upstream=10.0.4.17:8443';
const FILLER_RUN = FILLER.repeat(Math.ceil((2 * LINE_BYTES) / FILLER.length));
/** A 32-bit mix of i (splitmix-style), so line content looks random but is fixed. */
function mix(i) {
    let x = (i + 0x9e3779b9) | 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
}
function pick(list, r) {
    return list[r % list.length];
}
function pad2(n) {
    return n < 10 ? `0${n}` : String(n);
}
/** Fixed base time 2026-11-26T10:00:00Z plus i milliseconds, as ISO-8601. */
function isoTime(i) {
    const ms = i % 1000;
    const s = Math.floor(i / 1000);
    return `2026-11-26T${pad2(10 + Math.floor(s / 3600) % 14)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${String(ms).padStart(3, '0')}Z`;
}
function hex(r, len) {
    let out = '';
    let x = r;
    while (out.length < len) {
        out += (x >>> 0).toString(16).padStart(8, '0');
        x = mix(x);
    }
    return out.slice(0, len);
}
/** Pads (with deterministic filler) or cuts `s` to exactly `len` characters. */
function fit(s, len, r) {
    if (s.length >= len)
        return s.slice(0, len);
    const from = r % FILLER.length;
    return s + FILLER_RUN.slice(from, from + len - s.length);
}
function accessLine(i, r) {
    const ip = `10.${(r >>> 8) & 255}.${(r >>> 16) & 255}.${r & 255}`;
    const path = `${pick(PATHS, r >>> 3)}/${i % 100000}`;
    const core = `${ip} - ${pick(USERS, r >>> 5)} [26/Nov/2026:10:${pad2((i >>> 10) % 60)}:${pad2(i % 60)} +0000] "${pick(METHODS, r >>> 7)} ${path} HTTP/1.1" ${pick(STATUS, r >>> 11)} ${r % 90000} "-" "${pick(AGENTS, r >>> 13)}"`;
    return fit(core, TEXT_BYTES, r);
}
function appLine(i, r) {
    const core = `${isoTime(i)} ${pick(LEVELS, r >>> 2)} [worker-${r % 16}] ${pick(SERVICES, r >>> 6)} ${pick(EVENTS, r >>> 9)} order=${i} user=${pick(USERS, r >>> 12)} latency_ms=${r % 900} trace=${hex(r, 32)}`;
    return fit(core, TEXT_BYTES, r);
}
function sshdLine(i, r) {
    const core = `Nov 26 10:${pad2((i >>> 10) % 60)}:${pad2(i % 60)} web-01 sshd[${1000 + (r % 60000)}]: Accepted publickey for ${pick(USERS, r >>> 4)} from 192.168.${(r >>> 8) & 255}.${(r >>> 16) & 255} port ${1024 + (r % 60000)} ssh2: ED25519 SHA256:${hex(mix(r), 43)}`;
    return fit(core, TEXT_BYTES, r);
}
function jsonLine(i, r) {
    const head = `{"ts":"${isoTime(i)}","level":"${pick(LEVELS, r >>> 2).toLowerCase()}","msg":"${pick(EVENTS, r >>> 9)}","order":${i},"amount":${r % 10000}.${r % 100},"user":"${pick(USERS, r >>> 12)}","pad":"`;
    const tail = '"}';
    return fit(head, TEXT_BYTES - tail.length, r) + tail;
}
/** Line i without its newline: exactly LINE_BYTES - 1 ASCII characters. */
export function makeLine(i) {
    const r = mix(i);
    switch (r % 4) {
        case 0:
            return accessLine(i, r);
        case 1:
            return appLine(i, r);
        case 2:
            return sshdLine(i, r);
        default:
            return jsonLine(i, r);
    }
}
/** Prefix that carries the append time for the latency scenario. */
export const STAMP_PREFIX = 't=';
/**
 * Line i with its append time (epoch milliseconds, fractional) at the front:
 * `t=1764151200123.456 <line i>`, cut to the same LINE_BYTES - 1 characters.
 */
export function makeStampedLine(i, epochMs) {
    return (STAMP_PREFIX + epochMs.toFixed(3) + ' ' + makeLine(i)).slice(0, TEXT_BYTES);
}
/** Parses the time written by makeStampedLine, or returns NaN. */
export function parseStamp(body) {
    if (!body.startsWith(STAMP_PREFIX))
        return NaN;
    const end = body.indexOf(' ', STAMP_PREFIX.length);
    return Number(body.slice(STAMP_PREFIX.length, end < 0 ? undefined : end));
}
/** Lines [from, to) joined with newlines, ready to write. */
export function makeChunk(from, to) {
    const parts = new Array(to - from);
    for (let i = from; i < to; i++)
        parts[i - from] = makeLine(i);
    return parts.join('\n') + '\n';
}
/** Writes `lines` lines to `path` (truncating it); returns the bytes written. */
export function writeInputFile(path, lines) {
    const fd = openSync(path, 'w');
    let bytes = 0;
    try {
        const step = 10_000;
        for (let from = 0; from < lines; from += step) {
            const buf = Buffer.from(makeChunk(from, Math.min(lines, from + step)), 'latin1');
            writeSync(fd, buf);
            bytes += buf.length;
        }
    }
    finally {
        closeSync(fd);
    }
    return bytes;
}
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    const [out, count] = process.argv.slice(2);
    const n = Number(count);
    if (!out || !Number.isInteger(n) || n <= 0) {
        process.stderr.write('usage: node dist/bench/gen-input.js OUT_FILE LINES\n');
        process.exit(2);
    }
    const bytes = writeInputFile(out, n);
    process.stdout.write(`${out}: ${n} lines, ${bytes} bytes\n`);
}
//# sourceMappingURL=gen-input.js.map