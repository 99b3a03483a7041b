import { describe, expect, it } from 'vitest';
import { parseCondition, parseQuery, parseSeqRange, parseSeverity, parseTextTerms, parseTimeArg, severityLabel } from '../../../src/verify/search/query.js';

const NOW = 1_796_090_400_000_000_000n; // 2026-12-01T02:00:00Z

describe('search query parsing', () => {
  it('reads times as RFC 3339 (with nanoseconds), unix seconds, or a duration back from now', () => {
    expect(parseTimeArg('2026-12-01T02:00:00Z', '--since', 0n)).toBe(NOW);
    expect(parseTimeArg('2026-12-01T03:00:00+01:00', '--since', 0n)).toBe(NOW);
    expect(parseTimeArg('2026-12-01T02:00:00.123456789Z', '--since', 0n)).toBe(NOW + 123_456_789n);
    expect(parseTimeArg('1796090400', '--since', 0n)).toBe(NOW);
    expect(parseTimeArg('2h', '--since', NOW)).toBe(NOW - 7_200_000_000_000n);
    expect(parseTimeArg('1h30m', '--since', NOW)).toBe(NOW - 5_400_000_000_000n);
    expect(() => parseTimeArg('yesterday', '--since', NOW)).toThrow(/--since: "yesterday" is not a time/);
    // A time without an offset is ambiguous (local time): refused.
    expect(() => parseTimeArg('2026-12-01T02:00:00', '--until', NOW)).toThrow(/--until/);
  });

  it('reads severities by name (with a 2-4 suffix) or number', () => {
    expect(parseSeverity('warn')).toBe(13);
    expect(parseSeverity('WARNING')).toBe(13);
    expect(parseSeverity('ERROR3')).toBe(19);
    expect(parseSeverity('21')).toBe(21);
    expect(() => parseSeverity('25')).toThrow(/--severity/);
    expect(() => parseSeverity('LOUD')).toThrow(/--severity/);
    expect(severityLabel(17)).toBe('ERROR');
    expect(severityLabel(18)).toBe('ERROR2');
    expect(severityLabel(0)).toBe('');
  });

  it('splits --text into lower-cased words and quoted phrases', () => {
    expect(parseTextTerms('Alice "Login FAILED"  root')).toEqual(['alice', 'login failed', 'root']);
    expect(() => parseTextTerms('"open')).toThrow(/unbalanced quote/);
    expect(() => parseTextTerms('  ')).toThrow(/no words/);
  });

  it('reads KEY=VALUE and KEY~REGEX, the first operator splitting', () => {
    expect(parseCondition('user=alice', '--where')).toEqual({ key: 'user', op: '=', value: 'alice' });
    expect(parseCondition('url=/a=b', '--where').value).toBe('/a=b');
    const c = parseCondition('http.status~^5\\d\\d$', '--where');
    expect(c.op).toBe('~');
    expect(c.regex!.test('503')).toBe(true);
    expect(() => parseCondition('=x', '--where')).toThrow(/KEY=VALUE/);
    expect(() => parseCondition('k~(', '--where')).toThrow(/not a valid regular expression/);
  });

  it('reads seq ranges', () => {
    expect(parseSeqRange('7')).toEqual({ from: 7, to: 7 });
    expect(parseSeqRange('3..9')).toEqual({ from: 3, to: 9 });
    expect(parseSeqRange('3..')).toEqual({ from: 3 });
    expect(parseSeqRange('..9')).toEqual({ to: 9 });
    expect(() => parseSeqRange('9..3')).toThrow(/ends before it starts/);
    expect(() => parseSeqRange('..')).toThrow(/--seq/);
    expect(() => parseSeqRange('0')).toThrow(/--seq/);
  });

  it('refuses an empty window', () => {
    expect(() => parseQuery({ since: '2026-12-01T03:00:00Z', until: '2026-12-01T02:00:00Z' }, NOW)).toThrow(/empty/);
  });
});
