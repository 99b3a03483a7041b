import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelayMs, classifyHttpStatus, nextRetryDelayMs, parseRetryAfter, serverDelayCapMs } from '../../src/exporters/retry.js';

const policy = { initialIntervalMs: 1000, maxIntervalMs: 30_000, multiplier: 1.5, randomizationFactor: 0.5, maxElapsedMs: 0 };

describe('retry policy', () => {
  it('retries only 429, 502, 503 and 504; every other non-2xx status is permanent', () => {
    for (const s of [200, 201, 202, 204]) expect(classifyHttpStatus(s)).toBe('success');
    for (const s of [429, 502, 503, 504]) expect(classifyHttpStatus(s)).toBe('retryable');
    for (const s of [301, 400, 401, 403, 404, 408, 413, 415, 500, 501, 505]) expect(classifyHttpStatus(s)).toBe('permanent');
  });

  it('grows the backoff exponentially up to max_interval, jittered within ±randomization_factor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const base = Math.min(1000 * 1.5 ** (attempt - 1), 30_000);
        const d = backoffDelayMs(policy, attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(d).toBeLessThanOrEqual(Math.ceil(base * 1.5));
      }),
    );
    expect(backoffDelayMs(policy, 1, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(2250);
    expect(backoffDelayMs(policy, 100, () => 0.5)).toBe(30_000);
  });

  it('reads Retry-After as delay-seconds or as an HTTP-date', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(['2', '9'], now)).toBe(2000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it("prefers the server's delay over the backoff, capped so a bogus value cannot park the exporter", () => {
    expect(nextRetryDelayMs(policy, 5, 1234)).toBe(1234);
    expect(nextRetryDelayMs(policy, 1, 10 ** 12)).toBe(serverDelayCapMs(policy));
    expect(nextRetryDelayMs(policy, 1, undefined, () => 0.5)).toBe(1000);
  });
});
