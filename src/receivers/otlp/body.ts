/**
 * Reading and decompressing an HTTP request body under a byte limit. The raw
 * body is never buffered past the limit, and decompression stops as soon as
 * its output passes the limit, so a gzip bomb costs at most `limit` bytes.
 */
import type { IncomingMessage } from 'node:http';
import { gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import { hasZlibHeader, type BodyEncoding } from './negotiate.js';

export type ReadResult =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large' }
  /** The client went away or the socket failed before the body ended. */
  | { kind: 'aborted' };

/**
 * Reads the whole body. With a known Content-Length the bytes go straight
 * into one buffer of that size; otherwise chunks are joined at the end.
 * On `too-large` the request is paused and its listeners removed.
 */
export function readBody(req: IncomingMessage, limit: number, contentLength: number | undefined): Promise<ReadResult> {
  return new Promise((resolve) => {
    const exact = contentLength !== undefined && contentLength <= limit ? Buffer.allocUnsafe(contentLength) : undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (result: ReadResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      const next = total + chunk.length;
      if (next > limit) {
        req.pause();
        finish({ kind: 'too-large' });
        return;
      }
      if (exact !== undefined && next <= exact.length) chunk.copy(exact, total);
      else chunks.push(chunk);
      total = next;
    };
    const onEnd = (): void => {
      if (exact !== undefined && total === exact.length && chunks.length === 0) {
        finish({ kind: 'ok', body: exact });
        return;
      }
      // Content-Length and the bytes seen disagree (node's parser prevents this); join what arrived.
      const head = exact !== undefined ? exact.subarray(0, Math.min(total, exact.length)) : undefined;
      finish({ kind: 'ok', body: head ? Buffer.concat([head, ...chunks], total) : Buffer.concat(chunks, total) });
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

export type DecompressResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'corrupt'; message: string };

/** Decompresses on the libuv thread pool, stopping once the output exceeds `limit`. */
export function decompress(body: Buffer, encoding: BodyEncoding, limit: number): Promise<DecompressResult> {
  if (encoding === 'identity' || body.length === 0) return Promise.resolve({ kind: 'ok', body });
  const opts: ZlibOptions = { maxOutputLength: Math.max(1, limit) };
  const run = encoding === 'gzip' ? gunzip : hasZlibHeader(body) ? inflate : inflateRaw;
  return new Promise((resolve) => {
    run(body, opts, (err, out) => {
      if (!err) {
        resolve(out.length > limit ? { kind: 'too-large' } : { kind: 'ok', body: out });
        return;
      }
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') resolve({ kind: 'too-large' });
      else resolve({ kind: 'corrupt', message: err.message });
    });
  });
}
