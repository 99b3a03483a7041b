/**
 * The rule of docs/PROTOCOL.md §7 ("Seq ranges in a loss reason"): missing
 * records inside a range a verified loss record names are that loss.
 */
import { describe, expect, it } from 'vitest';
import { accountDeclaredLosses, declaredRanges, type DeclaredLoss } from '../../src/integrity/declared-loss.js';
import type { Finding } from '../../src/verify/core/index.js';

/** A verified loss record: its finding, and what it declared. */
function loss(seq: number, count: number, reason: string): { finding: Finding; declared: DeclaredLoss } {
  return {
    finding: { kind: 'loss', severity: 'warning', stream: 'h/logs', chain: 'c1', seq, message: `the agent declared ${count} record(s) dropped (${reason})` },
    declared: { seq, count, reason },
  };
}
const missing = (from: number, to: number): Finding => ({ kind: 'missing', severity: 'violation', stream: 'h/logs', chain: 'c1', seq: from, seqEnd: to, message: `records ${from}..${to} are missing` });

function account(findings: Finding[], losses: Array<ReturnType<typeof loss>>, strict = false, verified = true): Finding[] {
  const all = [...findings, ...(verified ? losses.map((l) => l.finding) : [])].sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  return accountDeclaredLosses(all, new Map(losses.map((l) => [l.declared.seq, l.declared])), 'h/logs', strict);
}

describe('missing records inside a declared loss', () => {
  it('reads only the ranges of its own stream', () => {
    expect(declaredRanges('dead_letter exporter=x status=400 h/logs 5..9, other/logs 1..3 dlq=a.pb', 'h/logs')).toEqual([[5, 9]]);
    expect(declaredRanges('spool_damaged skipped segment=s bytes=1 frames=1 records=3 h/logs 10..12 (why)', 'h/logs')).toEqual([[10, 12]]);
    expect(declaredRanges('x h/logs 9..5 h/logs 0..2 h/logs 3..4x', 'h/logs')).toEqual([]);
  });

  it('a dead letter covers its whole range', () => {
    const out = account([missing(5, 9)], [loss(20, 5, 'dead_letter exporter=otlphttp status=400 h/logs 5..9 dlq=x.pb')]);
    expect(out[0]).toMatchObject({ kind: 'loss', severity: 'warning', seq: 5, seqEnd: 9 });
    expect(out[0]!.message).toBe('records 5..9 are absent: declared dropped by the signed loss record at seq 20');
    expect(out.filter((f) => f.severity === 'violation')).toEqual([]);
  });

  it('a partial success accounts for at most its count, in seq order; more absent records stay missing', () => {
    const out = account([missing(3, 3), missing(6, 7)], [loss(30, 2, 'partial_success exporter=otlphttp status=200 rejected=2 of=10 frames=2-2 h/logs 1..10')]);
    expect(out.map((f) => `${f.kind}:${f.seq}`)).toEqual(['loss:3', 'missing:6', 'loss:30']);
  });

  it('outside the range, another stream, an unverified loss record, or with --strict', () => {
    expect(account([missing(11, 12)], [loss(30, 5, 'dead_letter exporter=x status=400 h/logs 1..10 other/logs 11..12')])[0]!.kind).toBe('missing');
    expect(account([missing(2, 2)], [loss(30, 1, 'dead_letter exporter=x status=400 h/logs 1..10')], false, false)[0]!.kind).toBe('missing');
    expect(account([missing(2, 2)], [loss(30, 1, 'dead_letter exporter=x status=400 h/logs 1..10')], true)[0]).toMatchObject({ kind: 'loss', severity: 'violation' });
  });
});
