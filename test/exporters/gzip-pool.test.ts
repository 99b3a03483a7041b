import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipPool, gzipBound } from '../../src/exporters/otlphttp/gzip-pool.js';

function body(seed: number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (seed * 131 + i * 7 + ((i >> 9) % 13)) & 0xff;
  return b;
}

describe('GzipPool', () => {
  it('gives one complete gzip member per body, also when compressors are reused and calls overlap', async () => {
    const pool = new GzipPool(2, 1, 16 * 1024);
    try {
      // Sizes on both sides of the output chunk size, 12 calls over 2 compressors, all in flight at once.
      const inputs = Array.from({ length: 12 }, (_, i) => body(i, i % 3 === 0 ? 300_000 : 1 + i * 997));
      const outs = await Promise.all(inputs.map((b) => pool.gzip(b)));
      outs.forEach((z, i) => {
        expect(z[0]).toBe(0x1f); // gzip magic: each output starts a member of its own
        expect(z[1]).toBe(0x8b);
        expect(Buffer.from(gunzipSync(z)).equals(Buffer.from(inputs[i]!))).toBe(true);
      });
      // Sequential reuse after the burst, including an empty body.
      for (const b of [new Uint8Array(0), body(99, 5000)]) expect(Buffer.from(gunzipSync(await pool.gzip(b))).equals(Buffer.from(b))).toBe(true);
    } finally {
      pool.close();
    }
  });

  it('reuses recycled output buffers, and a result not yet recycled is never overwritten', async () => {
    const pool = new GzipPool(1, 1, gzipBound(64 * 1024));
    try {
      const a = body(1, 40_000);
      const za = await pool.gzip(a);
      const keep = Buffer.from(za);
      const zb = await pool.gzip(body(2, 40_000)); // za is still held: zb must use another buffer
      expect(zb.buffer).not.toBe(za.buffer);
      expect(Buffer.from(za).equals(keep)).toBe(true);
      pool.recycle(zb);
      const c = body(3, 30_000);
      const zc = await pool.gzip(c);
      expect(zc.buffer).toBe(zb.buffer); // reused
      expect(Buffer.from(gunzipSync(zc)).equals(Buffer.from(c))).toBe(true);
      expect(Buffer.from(gunzipSync(za)).equals(Buffer.from(a))).toBe(true);
    } finally {
      pool.close();
    }
  });

  it('allocates no new buffers per request once warm: zlib writes into one chunk per compressor', async () => {
    const pool = new GzipPool(1, 1, gzipBound(32 * 1024));
    try {
      // 20 outputs of 10-30 KB: together many times the chunk, so without the rewind zlib would allocate chunks again.
      const inputs = Array.from({ length: 20 }, (_, i) => new Uint8Array(randomBytes(10_000 + i * 1000)));
      pool.recycle(await pool.gzip(inputs[19]!)); // warm: compressor, its chunk and an output buffer of the largest size
      // The pool's own counters, not a process-wide spy: other work in this worker may allocate while we await.
      const warm = pool.stats();
      expect(warm.zlibChunks).toBe(1);
      const outs: Buffer[] = [];
      for (const b of inputs) {
        const z = await pool.gzip(b);
        outs.push(Buffer.from(z));
        pool.recycle(z);
      }
      expect(pool.stats()).toEqual(warm);
      outs.forEach((z, i) => expect(Buffer.from(gunzipSync(z)).equals(Buffer.from(inputs[i]!))).toBe(true));
    } finally {
      pool.close();
    }
  });

  it('still gives correct output when a body compresses to more than the chunk (zlib then adds chunks)', async () => {
    const pool = new GzipPool(1, 1, 1024);
    try {
      const noisy = new Uint8Array(randomBytes(50_000)); // incompressible
      for (let round = 0; round < 3; round++) {
        const z = await pool.gzip(noisy);
        expect(z.length).toBeGreaterThan(noisy.length);
        expect(z.length).toBeLessThanOrEqual(gzipBound(noisy.length));
        expect(Buffer.from(gunzipSync(z)).equals(Buffer.from(noisy))).toBe(true);
        pool.recycle(z);
      }
      // The counter sees zlib's extra chunks: what the "no new buffers" test relies on to fail when reuse breaks.
      expect(pool.stats().zlibChunks).toBeGreaterThan(3);
    } finally {
      pool.close();
    }
  });

  it('never exceeds gzipBound, at the memory level the pool uses, for incompressible bodies up to 4 MiB', async () => {
    const pool = new GzipPool(1, 1, 1024);
    try {
      for (const n of [0, 1, 100, 16_383, 16_384, 65_535, 65_536, 200_001, 1 << 20, 4 << 20]) {
        const noisy = new Uint8Array(randomBytes(n));
        const z = await pool.gzip(noisy);
        expect(z.length).toBeLessThanOrEqual(gzipBound(n));
        pool.recycle(z);
      }
    } finally {
      pool.close();
    }
  });
});
