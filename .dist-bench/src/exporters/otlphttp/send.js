/**
 * One OTLP/HTTP export attempt and what it means: success (maybe a partial
 * success), a retryable failure (network error, timeout, 429/502/503/504,
 * with the server's delay hint), a permanent failure (any other status, with
 * the server's message), or aborted by shutdown. Response bodies are read up
 * to RESPONSE_CAP_BYTES; the rest is discarded.
 */
import { gunzipSync } from 'node:zlib';
import { decodeExportResponseJson } from '../../otlp/json.js';
import { decodeExportResponseProto } from '../../otlp/proto.js';
import { decodeStatusJson, decodeStatusProto } from '../../otlp/status.js';
import { errorMessage } from '../../errors.js';
import { classifyHttpStatus, parseRetryAfter } from '../retry.js';
export const RESPONSE_CAP_BYTES = 64 * 1024;
const MESSAGE_CAP_CHARS = 2048;
class RequestTimeout extends Error {
    constructor(ms) {
        super(`no complete response within the timeout of ${ms} ms`);
        this.name = 'RequestTimeout';
    }
}
/** Sends one request and classifies the result; never throws. */
export async function sendRequest(dispatcher, req, now = Date.now) {
    if (req.signal?.aborted)
        return { kind: 'aborted' };
    const ac = new AbortController();
    const onAbort = () => ac.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        ac.abort(new RequestTimeout(req.timeoutMs));
    }, req.timeoutMs);
    try {
        const res = await dispatcher.request({
            origin: req.url.origin,
            path: req.url.pathname + req.url.search,
            method: 'POST',
            headers: req.headers,
            body: req.body,
            signal: ac.signal,
        });
        const body = await readCapped(res.body, RESPONSE_CAP_BYTES);
        const headers = res.headers;
        const cls = classifyHttpStatus(res.statusCode);
        const payload = decodeBodyEncoding(body, headerValue(headers['content-encoding']));
        const kind = responseKind(headerValue(headers['content-type']), req.encoding);
        if (cls === 'success')
            return successOutcome(res.statusCode, payload, kind);
        const status = readStatus(payload, kind);
        const message = status.message !== '' ? status.message : `HTTP ${res.statusCode} with no message`;
        if (cls === 'retryable') {
            const retryAfterMs = parseRetryAfter(headers['retry-after'], now()) ?? status.retryDelayMs;
            return retryAfterMs === undefined
                ? { kind: 'retryable', status: res.statusCode, message, timedOut: false }
                : { kind: 'retryable', status: res.statusCode, message, retryAfterMs, timedOut: false };
        }
        return { kind: 'permanent', status: res.statusCode, message };
    }
    catch (err) {
        if (timedOut)
            return { kind: 'retryable', status: 0, message: new RequestTimeout(req.timeoutMs).message, timedOut: true };
        if (req.signal?.aborted)
            return { kind: 'aborted' };
        return { kind: 'retryable', status: 0, message: describeNetworkError(err), timedOut: false };
    }
    finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
    }
}
function headerValue(v) {
    return (Array.isArray(v) ? v[0] : v) ?? '';
}
/** Reads at most cap bytes of a response body and discards the rest (destroying the stream frees the connection). */
async function readCapped(body, cap) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        const room = cap - size;
        if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            body.destroy();
            break;
        }
        chunks.push(chunk);
        size += chunk.length;
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}
function decodeBodyEncoding(body, contentEncoding) {
    if (body.length === 0 || contentEncoding.trim().toLowerCase() !== 'gzip')
        return body;
    try {
        return gunzipSync(body, { maxOutputLength: RESPONSE_CAP_BYTES });
    }
    catch {
        return body;
    }
}
function responseKind(contentType, requestEncoding) {
    const mt = contentType.split(';')[0].trim().toLowerCase();
    if (mt === 'application/x-protobuf' || mt === 'application/protobuf')
        return 'proto';
    if (mt === 'application/json')
        return 'json';
    if (mt === '')
        return requestEncoding;
    return 'text';
}
function successOutcome(status, body, kind) {
    if (body.length === 0 || kind === 'text')
        return { kind: 'ok', status };
    try {
        const r = kind === 'proto' ? decodeExportResponseProto(body) : decodeExportResponseJson(body);
        const ps = r.partialSuccess;
        if (ps && (ps.rejectedLogRecords > 0n || ps.errorMessage !== '')) {
            return { kind: 'ok', status, partial: { rejected: Number(ps.rejectedLogRecords), message: clip(ps.errorMessage) } };
        }
        return { kind: 'ok', status };
    }
    catch (err) {
        return { kind: 'ok', status, note: `the success response could not be decoded (${errorMessage(err)}); treated as full success` };
    }
}
/** The server's message and retry hint from a google.rpc.Status body, falling back to the body as text. */
function readStatus(body, kind) {
    if (body.length === 0)
        return { message: '' };
    if (kind !== 'text') {
        try {
            const s = kind === 'proto' ? decodeStatusProto(body) : decodeStatusJson(body);
            let message = s.message;
            if (s.badRequest && s.badRequest.length > 0) {
                message += ' [' + s.badRequest.map((v) => `${v.field}: ${v.description}`).join('; ') + ']';
            }
            if (message !== '' || s.retryDelayMs !== undefined) {
                return s.retryDelayMs === undefined ? { message: clip(message) } : { message: clip(message), retryDelayMs: s.retryDelayMs };
            }
        }
        catch {
            // not a Status: fall through to text
        }
    }
    return { message: clip(body.toString('utf8')) };
}
/** A message safe for one log line: control characters replaced, length capped. */
export function clip(s) {
    // eslint-disable-next-line no-control-regex
    const clean = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    return clean.length > MESSAGE_CAP_CHARS ? clean.slice(0, MESSAGE_CAP_CHARS) + '…' : clean;
}
function describeNetworkError(err) {
    const e = err;
    let msg = errorMessage(err);
    if (e.code && !msg.includes(e.code))
        msg = `${e.code}: ${msg}`;
    const cause = e.cause;
    if (cause && cause.message && !msg.includes(cause.message))
        msg += ` (${cause.code ? cause.code + ': ' : ''}${cause.message})`;
    return clip(msg);
}
//# sourceMappingURL=send.js.map