/**
 * RFC 9162 Merkle Tree Hash, computed incrementally (a compact range of
 * perfect subtrees), so a seal's root costs one node hash per leaf and O(log n)
 * memory.
 *
 *   MTH({})      = SHA-256()
 *   leaf hash    = SHA-256(0x00 || leaf data)      -- in sealog this IS the record's chain hash
 *   node hash    = SHA-256(0x01 || left || right)
 *
 * Pushing leaves left to right and merging equal-sized neighbours yields the
 * same tree as RFC 9162's "largest power of two smaller than n" split.
 */
import { sha256Bytes, type HashProvider } from './crypto.js';

export class MerkleAccumulator {
  readonly #hashes: Uint8Array[] = [];
  readonly #sizes: number[] = [];
  readonly #node = new Uint8Array(65);
  #count = 0;

  constructor(private readonly crypto: HashProvider) {
    this.#node[0] = 0x01;
  }

  get count(): number {
    return this.#count;
  }

  reset(): void {
    this.#hashes.length = 0;
    this.#sizes.length = 0;
    this.#count = 0;
  }

  /** The compact range (perfect subtrees, left to right) for saving and restoring. */
  snapshot(): { hashes: Uint8Array[]; sizes: number[]; count: number } {
    return { hashes: [...this.#hashes], sizes: [...this.#sizes], count: this.#count };
  }

  restore(s: { hashes: readonly Uint8Array[]; sizes: readonly number[]; count: number }): void {
    this.reset();
    this.#hashes.push(...s.hashes);
    this.#sizes.push(...s.sizes);
    this.#count = s.count;
  }

  /** Adds a leaf hash (already domain-separated with 0x00). */
  push(leafHash: Uint8Array): void {
    let h = leafHash;
    let size = 1;
    while (this.#sizes.length > 0 && this.#sizes[this.#sizes.length - 1] === size) {
      const left = this.#hashes.pop()!;
      this.#sizes.pop();
      h = this.#nodeHash(left, h);
      size *= 2;
    }
    this.#hashes.push(h);
    this.#sizes.push(size);
    this.#count++;
  }

  /** The RFC 9162 root over every leaf pushed since the last reset. */
  root(): Uint8Array {
    const n = this.#hashes.length;
    if (n === 0) return this.crypto.sha256(new Uint8Array(0));
    let acc = this.#hashes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) acc = this.#nodeHash(this.#hashes[i]!, acc);
    return acc;
  }

  #nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
    const node = this.#node;
    node.set(left, 1);
    node.set(right, 33);
    return sha256Bytes(this.crypto, node);
  }
}

/** The root of a list of leaf hashes, by the RFC 9162 recursive definition (for tests and tools). */
export function merkleRootRecursive(crypto: HashProvider, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return crypto.sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  const l = merkleRootRecursive(crypto, leaves.slice(0, k));
  const r = merkleRootRecursive(crypto, leaves.slice(k));
  const node = new Uint8Array(65);
  node[0] = 1;
  node.set(l, 1);
  node.set(r, 33);
  return crypto.sha256(node);
}
