import { gunzip, inflate, inflateRaw } from 'node:zlib';
import { hasZlibHeader } from './negotiate.js';
/**
 * Reads the whole body. With a known Content-Length the bytes go straight
 * into one buffer of that size, from `pool` when one is given; otherwise
 * chunks are joined at the end. On `too-large` the request is paused and its
 * listeners removed.
 *
 * Why a pool: a body lives until its records are durable, long enough for
 * V8 to promote it, and a promoted ArrayBuffer is freed only by a full GC; a
 * new buffer per request piled up tens of MB of dead bodies between them.
 */
export function readBody(req, limit, contentLength, pool) {
    return new Promise((resolve) => {
        let pooled;
        let exact;
        if (contentLength !== undefined && contentLength <= limit) {
            if (pool && pool.fits(contentLength)) {
                pooled = pool.take(contentLength);
                exact = Buffer.from(pooled.buffer, pooled.byteOffset, contentLength);
            }
            else
                exact = Buffer.allocUnsafe(contentLength);
        }
        const chunks = [];
        let total = 0;
        let settled = false;
        // Once finished, no listener writes into the buffer any more.
        const giveBack = () => {
            if (pooled)
                pool.give(pooled);
        };
        const finish = (result) => {
            if (settled)
                return false;
            settled = true;
            req.off('data', onData);
            req.off('end', onEnd);
            req.off('error', onAbort);
            req.off('close', onClose);
            resolve(result);
            return true;
        };
        const onData = (chunk) => {
            const next = total + chunk.length;
            if (next > limit) {
                req.pause();
                if (finish({ kind: 'too-large' }))
                    giveBack();
                return;
            }
            if (exact !== undefined && next <= exact.length)
                chunk.copy(exact, total);
            else
                chunks.push(chunk);
            total = next;
        };
        const onEnd = () => {
            if (exact !== undefined && total === exact.length && chunks.length === 0) {
                finish({ kind: 'ok', body: exact, pooled });
                return;
            }
            // Content-Length and the bytes seen disagree (node's parser prevents this); join what arrived.
            const head = exact !== undefined ? exact.subarray(0, Math.min(total, exact.length)) : undefined;
            const body = head ? Buffer.concat([head, ...chunks], total) : Buffer.concat(chunks, total);
            if (finish({ kind: 'ok', body, pooled: undefined }))
                giveBack();
        };
        const onAbort = () => {
            if (finish({ kind: 'aborted' }))
                giveBack();
        };
        const onClose = () => {
            if (!req.complete && finish({ kind: 'aborted' }))
                giveBack();
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onAbort);
        req.on('close', onClose);
    });
}
/** Decompresses on the libuv thread pool, stopping once the output exceeds `limit`. */
export function decompress(body, encoding, limit) {
    if (encoding === 'identity' || body.length === 0)
        return Promise.resolve({ kind: 'ok', body });
    const opts = { maxOutputLength: Math.max(1, limit) };
    const run = encoding === 'gzip' ? gunzip : hasZlibHeader(body) ? inflate : inflateRaw;
    return new Promise((resolve) => {
        run(body, opts, (err, out) => {
            if (!err) {
                resolve(out.length > limit ? { kind: 'too-large' } : { kind: 'ok', body: out });
                return;
            }
            const code = err.code;
            if (code === 'ERR_BUFFER_TOO_LARGE')
                resolve({ kind: 'too-large' });
            else
                resolve({ kind: 'corrupt', message: err.message });
        });
    });
}
//# sourceMappingURL=body.js.map