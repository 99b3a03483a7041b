import { describe, expect, it } from 'vitest';
import { FastPathPolicy } from '../../src/verify/json/index.js';

describe('FastPathPolicy', () => {
  it('always tries while the fast path takes most lines', () => {
    const p = new FastPathPolicy(4, 8);
    for (let i = 0; i < 1000; i++) {
      expect(p.shouldTry()).toBe(true);
      p.note(i % 3 !== 0);
    }
  });

  it('probes one line in probeEvery once refusals dominate, and tries every line again once it takes them', () => {
    const p = new FastPathPolicy(4, 8);
    for (let i = 0; i < 4; i++) {
      expect(p.shouldTry()).toBe(true);
      p.note(false);
    }
    const tried: boolean[] = [];
    for (let i = 0; i < 16; i++) {
      const t = p.shouldTry();
      tried.push(t);
      if (t) p.note(false);
    }
    expect(tried.filter(Boolean)).toHaveLength(2);
    expect(tried[7]).toBe(true);
    // The input changes: probes succeed until the lines taken catch up with the refused (6), then every line is tried.
    let accepted = 0;
    let lines = 0;
    for (; accepted < 6; lines++) {
      if (p.shouldTry()) {
        p.note(true);
        accepted++;
      }
    }
    expect(lines).toBe(6 * 8);
    for (let i = 0; i < 50; i++) {
      expect(p.shouldTry()).toBe(true);
      p.note(true);
    }
  });
});
