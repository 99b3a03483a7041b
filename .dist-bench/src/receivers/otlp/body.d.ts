/**
 * Reading and decompressing an HTTP request body under a byte limit. The raw
 * body is never buffered past the limit, and decompression stops as soon as
 * its output passes the limit, so a gzip bomb costs at most `limit` bytes.
 */
import type { IncomingMessage } from 'node:http';
import type { BufferPool } from '../../otlp/buffer-pool.js';
import { type BodyEncoding } from './negotiate.js';
export type ReadResult = 
/**
 * `pooled` is the pool's buffer behind `body` when it came from the pool:
 * give it back once nothing reads the body (decoded values are copies).
 */
{
    kind: 'ok';
    body: Buffer;
    pooled: Uint8Array | undefined;
} | {
    kind: 'too-large';
}
/** The client went away or the socket failed before the body ended. */
 | {
    kind: 'aborted';
};
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
export declare function readBody(req: IncomingMessage, limit: number, contentLength: number | undefined, pool?: BufferPool): Promise<ReadResult>;
export type DecompressResult = {
    kind: 'ok';
    body: Buffer;
} | {
    kind: 'too-large';
} | {
    kind: 'corrupt';
    message: string;
};
/** Decompresses on the libuv thread pool, stopping once the output exceeds `limit`. */
export declare function decompress(body: Buffer, encoding: BodyEncoding, limit: number): Promise<DecompressResult>;
