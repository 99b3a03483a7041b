/**
 * The window rule (docs/VERIFY.md "What the window cannot show") on its own:
 * which findings belong to a window, decided by seqs alone, never by a
 * record's time.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, SealRange, StreamReport } from '../../../src/verify/core/index.js';
import type { ChainWindow } from '../../../src/verify/search/collector.js';
import { parseQuery } from '../../../src/verify/search/query.js';
import { belongs, windowComplete, windowReports } from '../../../src/verify/search/window.js';

const f = (kind: Finding['kind'], seq?: number, seqEnd?: number, extra: Partial<Finding> = {}): Finding => ({
  kind,
  severity: kind === 'absent_prefix' ? 'note' : 'violation',
  message: kind,
  ...(seq !== undefined ? { seq } : {}),
  ...(seqEnd !== undefined ? { seqEnd } : {}),
  ...extra,
});
const seals: SealRange[] = [
  { seq: 101, from: 1, to: 100, timeNs: 10n, verified: true },
  { seq: 202, from: 102, to: 201, timeNs: 20n, verified: false, reason: 'forged' },
];

describe('the search window', () => {
  it('counts every finding of the chain whatever the times, unless --seq leaves its seqs out', () => {
    const all = parseQuery({ since: '2026-12-01T02:00:00Z', until: '2026-12-01T03:00:00Z' }, 0n);
    // A modified record claiming a time far outside the window still belongs.
    expect(belongs(f('modified', 50, undefined, { timeNs: 1n }), seals, all)).toBe(true);
    expect(belongs(f('missing', 300, 310), seals, all)).toBe(true);
    const narrow = parseQuery({ since: '2026-12-01T02:00:00Z', seq: '1..100' }, 0n);
    expect(belongs(f('missing', 300, 310), seals, narrow)).toBe(false);
    expect(belongs(f('missing', 90, 110), seals, narrow)).toBe(true);
    // A failed seal is about the records it covers (102..201) and itself: inside 150..160 it belongs.
    expect(belongs(f('invalid_seal', 202), seals, parseQuery({ seq: '150..160' }, 0n))).toBe(true);
    expect(belongs(f('invalid_seal', 202), seals, parseQuery({ seq: '1..100' }, 0n))).toBe(false);
    // No seq: about the whole stream.
    expect(belongs(f('inserted', undefined, undefined, { timeNs: 5n }), seals, narrow)).toBe(true);
  });

  it('makes an absent prefix a warning, and a window with any warning incomplete', () => {
    const w: ChainWindow = { stream: 's', chain: 'c', records: 10, inWindow: 3, inMin: 120, inMax: 130, lastSeq: 300 };
    const report = { stream: 's', chain: 'c', findings: [f('absent_prefix', 1, 99)] } as unknown as StreamReport;
    const r = windowReports([w], new Map([['s\u0000c', report]]), () => seals, parseQuery({}, 0n));
    expect(r[0]!.findings[0]!.severity).toBe('warning');
    expect(windowComplete(r)).toBe(false);
    const after = windowReports([w], new Map([['s\u0000c', report]]), () => seals, parseQuery({ seq: '100..300' }, 0n));
    expect(after[0]!.findings).toEqual([]);
    expect(windowComplete(after)).toBe(true);
  });
});
