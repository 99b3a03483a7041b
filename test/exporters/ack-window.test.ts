import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AckWindow } from '../../src/exporters/ack-window.js';

describe('AckWindow', () => {
  it('moves the cursor only past contiguously completed batches', () => {
    const w = new AckWindow();
    const a = w.push(10);
    const b = w.push(20);
    const c = w.push(30);
    expect(w.complete(b)).toBeUndefined();
    expect(w.complete(c)).toBeUndefined();
    expect(w.open).toBe(3);
    expect(w.complete(a)).toBe(30);
    expect(w.open).toBe(0);
  });

  it('refuses to complete a slot twice', () => {
    const w = new AckWindow();
    const a = w.push(1);
    w.complete(a);
    expect(() => w.complete(a)).toThrow(/not open/);
  });

  it('matches a model for any completion order (the ack never passes an unfinished batch)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }))), ([n, order]) => {
        const w = new AckWindow();
        const slots = Array.from({ length: n }, (_, i) => w.push((i + 1) * 3));
        const done = new Set<number>();
        let acked = 0;
        for (const i of order) {
          done.add(i);
          const r = w.complete(slots[i]!);
          let expect0 = 0;
          while (done.has(expect0)) expect0++;
          const expected = expect0 * 3;
          if (r !== undefined) acked = r;
          expect(acked).toBe(expected);
        }
        expect(w.open).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('stays correct over many slots (internal compaction)', () => {
    const w = new AckWindow();
    let last = 0;
    for (let i = 1; i <= 5000; i++) {
      const a = w.push(i * 2 - 1);
      const b = w.push(i * 2);
      expect(w.complete(b)).toBeUndefined();
      last = w.complete(a)!;
    }
    expect(last).toBe(10_000);
    expect(w.open).toBe(0);
  });
});
