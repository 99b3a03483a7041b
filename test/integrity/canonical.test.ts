import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { canonicalRecord } from '../../src/integrity/canonical.js';
import type { AnyValue, KeyValue, LogRecord } from '../../src/otlp/types.js';
import { arbKeyValue, arbLogRecord } from '../otlp/arbitraries.js';

/** The same value with every kvlist's (and the attribute list's) order permuted by `seed`. */
function permuted(attrs: readonly KeyValue[], seed: number): KeyValue[] {
  const out = attrs.map((kv) => ({ key: kv.key, value: permutedValue(kv.value, seed + 1) }));
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * 31 + i * 17) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function permutedValue(v: AnyValue, seed: number): AnyValue {
  if (v.type === 'kvlist') return { type: 'kvlist', value: permuted(v.value, seed) };
  if (v.type === 'array') return { type: 'array', value: v.value.map((x) => permutedValue(x, seed)) };
  return v;
}

describe('canonical encoding', () => {
  it('does not depend on the order of attributes or kvlist entries (duplicate keys, nesting, and lists longer than the insertion sort included)', () => {
    const arbAttrs = fc.oneof(
      fc.array(arbKeyValue(), { maxLength: 8 }),
      // more entries than INSERTION_SORT_MAX, with repeated keys so ties are ordered by value
      fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'é', 'z', 'k.1', 'k.2'), value: arbKeyValue().map((kv) => kv.value) }), { minLength: 25, maxLength: 60 }),
    );
    fc.assert(
      fc.property(arbLogRecord(), arbAttrs, fc.nat(), (rec, attrs, seed) => {
        const a: LogRecord = { ...rec, attributes: attrs };
        const b: LogRecord = { ...rec, attributes: permuted(attrs, seed) };
        expect(toHex(canonicalRecord(b))).toBe(toHex(canonicalRecord(a)));
      }),
      { numRuns: 300 },
    );
  });
});
