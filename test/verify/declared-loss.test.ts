import { describe, expect, it } from 'vitest';
import type { Finding, VerifyReport } from '../../src/integrity/verifier.js';
import { applyDeclaredLosses, declaredRanges } from '../../src/verify/declared-loss.js';

function report(findings: Finding[]): VerifyReport {
  const stream = { stream: 'h/logs', chain: 'c1', records: 0, controlRecords: 0, seals: 0, duplicates: 0, firstSeq: 1, lastSeq: 100, lastSealSeq: 100, findings } as unknown as VerifyReport['streams'][number];
  const violations = findings.filter((f) => f.severity === 'violation').length;
  return { intact: violations === 0, violations, warnings: findings.filter((f) => f.severity === 'warning').length, streams: [stream], findings: [] };
}
const loss = (seq: number, count: number, reason: string): Finding => ({
  kind: 'loss',
  severity: 'warning',
  stream: 'h/logs',
  chain: 'c1',
  seq,
  message: `the agent declared ${count} record(s) dropped (${reason}) between 2026-01-01T00:00:00Z and 2026-01-01T00:00:00Z`,
});
const missing = (from: number, to: number): Finding => ({ kind: 'missing', severity: 'violation', stream: 'h/logs', chain: 'c1', seq: from, seqEnd: to, message: `records ${from}..${to} are missing` });

describe('missing records inside a declared loss', () => {
  it('reads only the ranges of its own stream', () => {
    expect(declaredRanges('dead_letter exporter=x status=400 h/logs 5..9, other/logs 1..3 dlq=a.pb', 'h/logs')).toEqual([[5, 9]]);
    expect(declaredRanges('spool_damaged skipped segment=s bytes=1 frames=1 records=3 h/logs 10..12 (why)', 'h/logs')).toEqual([[10, 12]]);
  });

  it('a dead letter covers its whole range; the report becomes intact', () => {
    const r = report([missing(5, 9), loss(20, 4, 'dead_letter exporter=otlphttp status=400 h/logs 5..9 dlq=x.pb')]);
    applyDeclaredLosses(r, false);
    expect(r.intact).toBe(true);
    expect(r.streams[0]!.findings[0]).toMatchObject({ kind: 'loss', severity: 'warning', seq: 5, seqEnd: 9 });
    expect(r.streams[0]!.findings[0]!.message).toContain('declared dropped by the signed loss record at seq 20');
  });

  it('a partial success accounts for at most its count; more absent records stay missing', () => {
    const r = report([missing(3, 3), missing(6, 7), loss(30, 2, 'partial_success exporter=otlphttp status=200 rejected=2 of=10 frames=2-2 h/logs 1..10')]);
    applyDeclaredLosses(r, false);
    const kinds = r.streams[0]!.findings.map((f) => `${f.kind}:${f.seq}`);
    expect(kinds).toEqual(['loss:3', 'missing:6', 'loss:30']);
    expect(r.intact).toBe(false);
  });

  it('outside the range, another stream, or with --strict', () => {
    const r = report([missing(11, 12), loss(30, 5, 'dead_letter exporter=x status=400 h/logs 1..10 other/logs 11..12')]);
    applyDeclaredLosses(r, false);
    expect(r.streams[0]!.findings[0]!.kind).toBe('missing');
    const s = report([missing(2, 2), loss(30, 1, 'dead_letter exporter=x status=400 h/logs 1..10')]);
    applyDeclaredLosses(s, true);
    expect(s.streams[0]!.findings[0]).toMatchObject({ kind: 'loss', severity: 'violation' });
  });
});
