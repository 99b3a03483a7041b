import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/otlp/buffer-pool.js';

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
    expect(pool.allocated).toBe(2); // a and big: the reuse of a allocated nothing
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

  it('hands out the smallest free buffer that fits, and a full pool keeps its largest buffers', () => {
    const pool = new BufferPool(2, 10_000);
    const small = new Uint8Array(100);
    const large = new Uint8Array(5000);
    pool.give(large);
    pool.give(small);
    expect(pool.take(50)).toBe(small); // not the large one, which a later large request needs
    pool.give(small);
    const larger = new Uint8Array(8000);
    pool.give(larger); // full: replaces the smallest
    expect(pool.freeBuffers).toBe(2);
    expect(pool.take(6000)).toBe(larger);
    expect(pool.take(4000)).toBe(large);
    expect(pool.freeBuffers).toBe(0);
    pool.give(new Uint8Array(10));
    pool.give(new Uint8Array(20));
    pool.give(new Uint8Array(5)); // smaller than both: dropped
    expect(pool.take(6).length).toBe(10);
    expect(pool.take(6).length).toBe(20);
  });
});
