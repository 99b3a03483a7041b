/**
 * RFC 9162 inclusion proofs (audit paths, §2.1.3) over the leaf hashes of
 * one seal range. In sealog a leaf hash is the record's chain hash (it
 * starts with the 0x00 leaf byte, src/integrity/merkle.ts), and a node is
 * H(0x01 ‖ left ‖ right).
 *
 * The tree is built bottom-up, a level at a time, an unpaired last node
 * moving up unchanged: that is the same tree as RFC 9162's split at the
 * largest power of two below n (checked against MerkleAccumulator for every
 * size up to 300 in test/verify/proof-audit-path.test.ts), and it gives the
 * path of every leaf from one build, so proving each record of a range costs
 * one tree, not one tree per record.
 */
import { sha256Bytes, type HashProvider } from '../../integrity/crypto.js';

const HASH = 32;

function nodeHash(crypto: HashProvider, scratch: Uint8Array, left: Uint8Array, right: Uint8Array): Uint8Array {
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 1 + HASH);
  return sha256Bytes(crypto, scratch);
}

/** Every level of the tree over `leaves`, the leaves first, for the paths of any of them. */
export class MerkleTree {
  /** levels[j]: the nodes of level j, 32 bytes each, packed. */
  readonly #levels: Uint8Array[] = [];
  readonly size: number;

  constructor(crypto: HashProvider, leaves: readonly Uint8Array[]) {
    if (leaves.length === 0) throw new RangeError('merkle: a tree needs at least one leaf (an empty range has no inclusion proofs)');
    this.size = leaves.length;
    const first = new Uint8Array(leaves.length * HASH);
    leaves.forEach((l, i) => first.set(l, i * HASH));
    this.#levels.push(first);
    const scratch = new Uint8Array(1 + 2 * HASH);
    let level = first;
    let n = leaves.length;
    while (n > 1) {
      const m = Math.ceil(n / 2);
      const up = new Uint8Array(m * HASH);
      for (let i = 0; i + 1 < n; i += 2) {
        up.set(nodeHash(crypto, scratch, level.subarray(i * HASH, i * HASH + HASH), level.subarray((i + 1) * HASH, (i + 2) * HASH)), (i / 2) * HASH);
      }
      if (n % 2 === 1) up.set(level.subarray((n - 1) * HASH, n * HASH), (m - 1) * HASH);
      this.#levels.push(up);
      level = up;
      n = m;
    }
  }

  root(): Uint8Array {
    return this.#levels[this.#levels.length - 1]!.slice(0, HASH);
  }

  leaf(index: number): Uint8Array {
    return this.#levels[0]!.slice(index * HASH, index * HASH + HASH);
  }

  /** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1: the sibling hashes from the leaf up. */
  path(index: number): Uint8Array[] {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`merkle: leaf ${index} is not in a tree of ${this.size}`);
    const out: Uint8Array[] = [];
    let i = index;
    for (let j = 0; j < this.#levels.length - 1; j++) {
      const level = this.#levels[j]!;
      const sibling = i % 2 === 1 ? i - 1 : i + 1;
      if (sibling * HASH < level.length) out.push(level.slice(sibling * HASH, sibling * HASH + HASH));
      i = Math.floor(i / 2);
    }
    return out;
  }
}

/** How many hashes the audit path of leaf `index` in a tree of `size` leaves holds. */
export function auditPathLength(index: number, size: number): number {
  let n = 0;
  for (let i = index, last = size - 1; last > 0; i = Math.floor(i / 2), last = Math.floor(last / 2)) {
    if (i % 2 === 1 || i < last) n++;
  }
  return n;
}

/**
 * The root an audit path leads to (RFC 9162 §2.1.3.2), or undefined when the
 * path cannot be one of leaf `index` in a tree of `size` (wrong length, index
 * outside the tree). The caller compares the root with the signed one.
 */
export function rootFromAuditPath(crypto: HashProvider, leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[]): Uint8Array | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return undefined;
  const scratch = new Uint8Array(1 + 2 * HASH);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(crypto, scratch, p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(crypto, scratch, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}
