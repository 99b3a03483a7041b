import { describe, expect, it } from 'vitest';
import { asLines, buildStream, verifyData } from '../helpers/stream.js';

describe('sealer and verifier', () => {
  it('a clean stream verifies intact', () => {
    const s = buildStream({ records: 95, sealEvery: 10 });
    const r = verifyData(asLines(s.frames), s.signer);
    expect(r.findings).toEqual([]);
    expect(r.streams[0]!.findings).toEqual([]);
    expect(r.intact).toBe(true);
    expect(r.streams[0]!.records).toBe(95);
    expect(r.streams[0]!.seals).toBeGreaterThan(9);
  });

  it('a modified body is caught at its seq', () => {
    const s = buildStream({ records: 50, sealEvery: 10 });
    const rec = s.frames.filter((f) => f.scopeLogs[0]!.logRecords.length >= 3)[2]!.scopeLogs[0]!.logRecords[2]!;
    const seq = Number((rec.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
    rec.body = { type: 'string', value: 'tampered' };
    const r = verifyData(asLines(s.frames), s.signer);
    expect(r.intact).toBe(false);
    const f = r.streams[0]!.findings.filter((x) => x.severity === 'violation');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'modified', seq });
  });

  it('shuffled and duplicated input is not a finding', () => {
    const s = buildStream({ records: 60, sealEvery: 8 });
    const lines = asLines(s.frames);
    const all = [...lines, ...lines.slice(0, 5)];
    for (let i = all.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    const r = verifyData(all, s.signer);
    expect(r.streams[0]!.findings).toEqual([]);
    expect(r.streams[0]!.duplicates).toBeGreaterThan(0);
  });
});
