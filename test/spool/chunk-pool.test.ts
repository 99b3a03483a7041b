import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ChunkPool } from '../../src/spool/chunk-pool.js';
import type { Spool } from '../../src/spool/spool.js';
import type { SpoolFrame } from '../../src/spool/types.js';
import { entries, open, payloadFor, readN } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';

describe('ChunkPool', () => {
  test('a chunk is reused only once it is retired and every frame from it is released (twice counts once)', () => {
    const pool = new ChunkPool(1024, 2);
    const a = pool.take(600);
    expect(a.length).toBe(1024);
    const f1 = a.subarray(0, 10);
    const f2 = a.subarray(10, 20);
    pool.hold(f1);
    pool.hold(f2);
    pool.retire(a);
    pool.release(f1);
    pool.release(f1); // a double release must not free the chunk under f2
    expect(pool.freeChunks).toBe(0);
    expect(pool.take(10)).not.toBe(a);
    pool.release(f2);
    expect(pool.freeChunks).toBe(1);
    expect(pool.take(10)).toBe(a);
  });

  test('reads larger than a chunk get a buffer of their own, never pooled', () => {
    const pool = new ChunkPool(1024, 2);
    const big = pool.take(4096);
    expect(big.length).toBe(4096);
    pool.retire(big);
    expect(pool.freeChunks).toBe(0);
  });
});

describe('spool reader with released frames', () => {
  let dir = '';
  const spools: Spool[] = [];
  beforeEach(async () => {
    dir = await makeTmpDir();
  });
  afterEach(async () => {
    for (const s of spools.splice(0)) await s.close().catch(() => undefined);
    await removeDir(dir);
  });

  test('frames not yet released keep their bytes while later reads reuse released chunks', async () => {
    // Small read chunks, so reads go through many chunks and the pool recycles them.
    const s = await open(dir, { readChunkBytes: 2048 });
    spools.push(s);
    const total = 400;
    for (let i = 0; i < total; i += 20) await s.append(entries(i + 1, 20, 200));
    const reader = s.reader('r');
    const expected = Array.from({ length: total + 1 }, (_, n) => Buffer.from(payloadFor(n, 200)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: total, maxLength: total }), async (releaseNow) => {
        reader.rewind();
        const held: Array<{ frame: SpoolFrame; seq: number }> = [];
        const wrong: string[] = [];
        let n = 0;
        while (n < total) {
          const frames = await reader.next({ maxRecords: 7, maxBytes: 1 << 20 });
          // All frames were appended before: an empty read means the reader stopped early (or the spool closed).
          if (frames.length === 0) throw new Error(`the reader returned no frames after ${n} of ${total}`);
          for (const f of frames) {
            n++;
            if (!expected[n]!.equals(f.payload)) wrong.push(`frame ${n} read wrong`);
            if (releaseNow[n - 1]) reader.release([f]);
            else held.push({ frame: f, seq: n });
          }
          // Frames still held keep their bytes although later reads reuse released chunks.
          for (const h of held) if (!expected[h.seq]!.equals(h.frame.payload)) wrong.push(`frame ${h.seq} overwritten after ${n} frames`);
          if (wrong.length > 0) break;
        }
        reader.release(held.map((h) => h.frame));
        expect(wrong).toEqual([]);
      }),
      { numRuns: 20 },
    );
    expect((await readN(s.reader('other'), total)).length).toBe(total);
  });
});
