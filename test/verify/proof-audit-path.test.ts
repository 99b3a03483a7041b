/**
 * RFC 9162 audit paths (src/verify/proof/audit-path.ts) against the
 * accumulator the agent seals with: for every tree size 1..300 and every
 * leaf, the path leads to MerkleAccumulator's root, has the length RFC 9162
 * gives, and fails for any other leaf index, size or a changed hash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { MerkleAccumulator, merkleRootRecursive } from '../../src/integrity/merkle.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';
import { MerkleTree, auditPathLength, rootFromAuditPath } from '../../src/verify/proof/audit-path.js';
import { fromB64url, toB64url } from '../../src/verify/proof/b64url.js';

const leaf = (i: number) => nodeCrypto.sha256(Uint8Array.of(0, i & 0xff, i >> 8, 7));

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), by the recursive definition. */
function pathRecursive(m: number, leaves: Uint8Array[]): Uint8Array[] {
  const n = leaves.length;
  if (n === 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k
    ? [...pathRecursive(m, leaves.slice(0, k)), merkleRootRecursive(nodeCrypto, leaves.slice(k))]
    : [...pathRecursive(m - k, leaves.slice(k)), merkleRootRecursive(nodeCrypto, leaves.slice(0, k))];
}

describe('audit paths', () => {
  it('for every size 1..300 and every leaf: the path is RFC 9162 PATH and leads to the accumulator root', () => {
    const all = Array.from({ length: 300 }, (_, i) => leaf(i));
    const acc = new MerkleAccumulator(nodeCrypto);
    for (let n = 1; n <= 300; n++) {
      acc.push(all[n - 1]!);
      const root = toHex(acc.root());
      const leaves = all.slice(0, n);
      const tree = new MerkleTree(nodeCrypto, leaves);
      expect(toHex(tree.root())).toBe(root);
      for (let i = 0; i < n; i++) {
        const path = tree.path(i);
        expect(path.length).toBe(auditPathLength(i, n));
        if (n <= 64 || i % 17 === 0) expect(path.map(toHex)).toEqual(pathRecursive(i, leaves).map(toHex));
        const r = rootFromAuditPath(nodeCrypto, leaves[i]!, i, n, path);
        expect(r && toHex(r)).toBe(root);
      }
    }
  });

  it('a path fails for another index, a changed hash, or a hash too many or too few', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (n, a, b, bit) => {
        const leaves = Array.from({ length: n }, (_, i) => leaf(i));
        const tree = new MerkleTree(portableCrypto, leaves);
        const root = toHex(tree.root());
        const i = a % n;
        const path = tree.path(i);
        const rootOf = (l: Uint8Array, idx: number, size: number, p: Uint8Array[]) => {
          const r = rootFromAuditPath(portableCrypto, l, idx, size, p);
          return r ? toHex(r) : undefined;
        };
        expect(rootOf(leaves[i]!, i, n, path)).toBe(root);
        const j = (i + 1 + (b % (n - 1))) % n;
        expect(rootOf(leaves[i]!, j, n, path)).not.toBe(root);
        // The size alone is not bound by the path (leaf 0 of 9 and of 10 leaves hash alike): the seal
        // signs it (its range), which is what the proof checks (test/verify/proof-core.test.ts).
        if (path.length) {
          const k = bit % path.length;
          const bad = path.map((p) => p.slice());
          bad[k]![(bit >> 3) % 32]! ^= 1 << (bit % 8);
          expect(rootOf(leaves[i]!, i, n, bad)).not.toBe(root);
          expect(rootOf(leaves[i]!, i, n, path.slice(1))).not.toBe(root);
        }
        expect(rootOf(leaves[i]!, i, n, [...path, leaves[0]!])).toBeUndefined();
        expect(rootFromAuditPath(portableCrypto, leaves[i]!, n, n, path)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('base64url: round trip, one spelling only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 70 }), (b) => {
        const s = toB64url(b);
        expect(s).toBe(Buffer.from(b).toString('base64url'));
        expect(toHex(fromB64url(s, b.length)!)).toBe(toHex(b));
        expect(fromB64url(s + 'A', b.length)).toBeUndefined();
      }),
    );
    const h = toB64url(leaf(1));
    // The last character of 32 bytes carries 4 unused bits: a spelling with them set is refused.
    const last = h.charCodeAt(42);
    const other = String.fromCharCode(last + 1);
    expect(fromB64url(h.slice(0, 42) + other, 32)).toBeUndefined();
    expect(fromB64url(h.replace(/.$/, '='), 32)).toBeUndefined();
    expect(fromB64url(h + '=', 32)).toBeUndefined();
  });
});
