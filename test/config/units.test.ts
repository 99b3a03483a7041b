import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAgentError } from '../../src/errors.js';
import { formatDuration, formatSize, parseDuration, parseSize } from '../../src/config/index.js';
import { tryParseDuration, tryParseSize } from '../../src/config/units.js';

describe('parseDuration', () => {
  it.each([
    ['100ms', 100],
    ['30s', 30_000],
    ['5m', 300_000],
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250us', 0.25],
    ['2000000ns', 2],
    ['1m0.5s', 60_500],
    ['0', 0],
    [' 10s ', 10_000],
  ])('%s is %d ms', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });

  it('rejects a plain number with a hint to add a unit', () => {
    const r = tryParseDuration('200');
    expect(r).toEqual({ ok: false, message: 'duration "200" has no unit', hint: 'write it with a unit, e.g. 200ms or 200s' });
    expect(tryParseDuration(200)).toMatchObject({ ok: false, message: 'duration 200 has no unit' });
  });

  it.each(['', 'fast', '10x', '1h-30m', 's', '10 s', '-5s', '1.s'])('rejects %j', (s) => {
    expect(tryParseDuration(s).ok).toBe(false);
  });

  it('rejects days with a hint in hours', () => {
    expect(tryParseDuration('7d')).toMatchObject({ ok: false, hint: 'use hours, e.g. 168h' });
  });

  it('throws AgentError CONFIG_INVALID with the hint in the message', () => {
    try {
      parseDuration('20');
      expect.unreachable();
    } catch (err) {
      expect(isAgentError(err, 'CONFIG_INVALID')).toBe(true);
      expect((err as Error).message).toBe('duration "20" has no unit (write it with a unit, e.g. 20ms or 20s)');
    }
  });

  it('formatDuration output parses back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});

describe('parseSize', () => {
  it.each([
    ['64MiB', 64 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['500KB', 500_000],
    ['2MB', 2_000_000],
    ['1TiB', 1024 ** 4],
    ['1kib', 1024],
    ['1.5KiB', 1536],
    ['4096', 4096],
    ['10B', 10],
    ['0', 0],
  ])('%s is %d bytes', (s, n) => {
    expect(parseSize(s)).toBe(n);
  });

  it('accepts a YAML integer as bytes', () => {
    expect(tryParseSize(1234)).toEqual({ ok: true, value: 1234 });
  });

  it('rejects negative sizes, fractions of a byte, unknown units', () => {
    expect(tryParseSize('-1MiB')).toMatchObject({ ok: false, message: 'size "-1MiB" is negative' });
    expect(tryParseSize(-3)).toMatchObject({ ok: false, message: 'size -3 is negative' });
    expect(tryParseSize(1.5)).toMatchObject({ ok: false });
    expect(tryParseSize('3 parsecs')).toMatchObject({ ok: false, message: 'unknown size unit "parsecs" in "3 parsecs"' });
    expect(tryParseSize('lots')).toMatchObject({ ok: false, message: 'invalid size "lots"' });
  });

  it('formatSize output parses back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        expect(parseSize(formatSize(n))).toBe(n);
      }),
    );
  });
});
