/** readBody with a buffer pool, against a real HTTP server on 127.0.0.1. */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BufferPool } from '../../../src/otlp/buffer-pool.js';
import { readBody, type ReadResult } from '../../../src/receivers/otlp/body.js';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A server that reads each request body through `pool` and hands the results to `onResult`. */
async function serve(pool: BufferPool, limit: number, onResult: (r: ReadResult) => void): Promise<number> {
  server = http.createServer((req, res) => {
    const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    void readBody(req, limit, length, pool).then((r) => {
      onResult(r);
      res.end('done');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function rawRequest(port: number, head: string, body: Buffer, thenClose: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(head + body.toString('latin1'));
      if (thenClose) setTimeout(() => s.destroy(), 50);
      else s.end();
    });
    s.on('error', reject);
    s.on('close', () => resolve());
    s.resume();
  });
}

describe('readBody with a buffer pool', () => {
  it('reads a body with Content-Length into a pooled buffer, which can be given back and reused', async () => {
    const pool = new BufferPool(2, 4096);
    const results: ReadResult[] = [];
    const port = await serve(pool, 1 << 20, (r) => results.push(r));
    const body = Buffer.from('x'.repeat(1000));
    await rawRequest(port, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body, false);
    const r = results[0]!;
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.body.equals(body)).toBe(true);
    expect(r.pooled).toBeDefined();
    expect(r.body.buffer).toBe(r.pooled!.buffer); // no copy
    pool.give(r.pooled!);
    expect(pool.take(900)).toBe(r.pooled);
  });

  it('gives the buffer back itself when the client goes away before the body ends', async () => {
    const pool = new BufferPool(2, 4096);
    const results: ReadResult[] = [];
    const port = await serve(pool, 1 << 20, (r) => results.push(r));
    await rawRequest(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n', Buffer.from('only ten b'), true);
    await new Promise((r) => setTimeout(r, 50));
    expect(results.map((r) => r.kind)).toEqual(['aborted']);
    expect(pool.freeBuffers).toBe(1);
  });

  it('reads bodies larger than the pool keeps, and chunked bodies, without the pool', async () => {
    const pool = new BufferPool(2, 100);
    const results: ReadResult[] = [];
    const port = await serve(pool, 1 << 20, (r) => results.push(r));
    const body = Buffer.from('y'.repeat(500));
    await rawRequest(port, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body, false);
    const chunked = '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    await rawRequest(port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', Buffer.from(chunked), false);
    expect(results.map((r) => (r.kind === 'ok' ? [r.body.toString(), r.pooled] : r.kind))).toEqual([
      [body.toString(), undefined],
      ['hello world', undefined],
    ]);
    expect(pool.freeBuffers).toBe(0);
  });
});
