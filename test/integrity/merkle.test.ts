import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { MerkleAccumulator, merkleRootRecursive, subtreeSizes } from '../../src/integrity/merkle.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';

const leaf = (i: number) => nodeCrypto.sha256(Uint8Array.of(0, i & 0xff, i >> 8));

describe('Merkle accumulator', () => {
  it('equals the RFC 9162 recursive definition for every size, and survives snapshot/restore', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (n, cut) => {
        const leaves = Array.from({ length: n }, (_, i) => leaf(i));
        const acc = new MerkleAccumulator(nodeCrypto);
        const k = n === 0 ? 0 : cut % (n + 1);
        leaves.slice(0, k).forEach((l) => acc.push(l));
        acc.root(); // taking a root must not disturb the range
        const resumed = new MerkleAccumulator(portableCrypto);
        resumed.restore(acc.snapshot());
        leaves.slice(k).forEach((l) => resumed.push(l));
        expect(toHex(resumed.root())).toBe(toHex(merkleRootRecursive(nodeCrypto, leaves)));
        expect(resumed.count).toBe(n);
      }),
      { numRuns: 150 },
    );
  });

  it('its subtree sizes are the set bits of the leaf count, largest first', () => {
    expect(subtreeSizes(0)).toEqual([]);
    expect(subtreeSizes(1)).toEqual([1]);
    expect(subtreeSizes(6)).toEqual([4, 2]);
    expect(subtreeSizes(1000)).toEqual([512, 256, 128, 64, 32, 8]);
    expect(subtreeSizes(2 ** 40 + 3)).toEqual([2 ** 40, 2, 1]);
    const acc = new MerkleAccumulator(nodeCrypto);
    for (let i = 0; i < 13; i++) acc.push(leaf(i));
    expect(acc.snapshot().sizes).toEqual([8, 4, 1]);
  });

  it('refuses to restore a range whose sizes or hashes do not fit its count (damaged state)', () => {
    const acc = new MerkleAccumulator(nodeCrypto);
    for (let i = 0; i < 6; i++) acc.push(leaf(i));
    const s = acc.snapshot();
    const other = new MerkleAccumulator(nodeCrypto);
    expect(() => other.restore({ ...s, count: 7 })).toThrow(/not the compact range of 7 leaves/);
    expect(() => other.restore({ ...s, sizes: [2, 4] })).toThrow(RangeError);
    expect(() => other.restore({ ...s, hashes: s.hashes.slice(0, 1) })).toThrow(RangeError);
    other.restore(s);
    expect(toHex(other.root())).toBe(toHex(acc.root()));
  });

  it('the empty tree is SHA-256 of nothing (RFC 9162 §2.1)', () => {
    // printf '' | sha256sum
    expect(toHex(new MerkleAccumulator(nodeCrypto).root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
