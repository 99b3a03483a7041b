import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/exporters/buffer-pool.js';

describe('BufferPool', () => {
  it('hands a given-back buffer out again when it is large enough, else makes a new one', () => {
    const pool = new BufferPool(2, 1024);
    const a = pool.take(100);
    expect(a.length).toBeGreaterThanOrEqual(100);
    pool.give(a);
    expect(pool.take(90)).toBe(a);
    pool.give(a);
    const big = pool.take(a.length + 1);
    expect(big).not.toBe(a);
    expect(big.length).toBeGreaterThan(a.length);
    expect(pool.freeBuffers).toBe(1); // a is still free
  });

  it('keeps at most maxBuffers free buffers, none larger than maxBytes', () => {
    const pool = new BufferPool(2, 1000);
    pool.give(new Uint8Array(10));
    pool.give(new Uint8Array(20));
    pool.give(new Uint8Array(30));
    expect(pool.freeBuffers).toBe(2);
    const p2 = new BufferPool(2, 1000);
    p2.give(new Uint8Array(1001));
    expect(p2.freeBuffers).toBe(0);
  });
});
