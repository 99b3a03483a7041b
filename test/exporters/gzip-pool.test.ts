import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipPool } from '../../src/exporters/otlphttp/gzip-pool.js';

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
});
