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

/** Copies 32 bytes without making a view (subarray) per copy. */
function copy32(src: Uint8Array, from: number, dst: Uint8Array, to: number): void {
  for (let i = 0; i < 32; i++) dst[to + i] = src[from + i]!;
}

/** Perfect subtrees a compact range can hold: one per bit of the leaf count. */
const MAX_LEVELS = 64;
/** An accumulator's hashes before its first leaf: none (room is made at the first push). */
const NO_HASHES = new Uint8Array(0);
/**
 * 0x01 ‖ left ‖ right, hashed in place. One for all accumulators: it is used
 * only within one synchronous call, and a checker holds one accumulator per
 * stream, where a buffer each cost ~250 bytes.
 */
const NODE = new Uint8Array(65);
NODE[0] = 0x01;

export class MerkleAccumulator {
  /**
   * The compact range's subtree hashes, left to right, 32 bytes each (no
   * allocation per leaf). None before the first leaf, then room for 4 subtrees, doubled as needed up
   * to MAX_LEVELS: a checker holds one accumulator per stream, and a stream of
   * a few records should cost bytes, not 2 KiB.
   */
  #hashes: Uint8Array = NO_HASHES;
  /**
   * Subtrees in the range: one per set bit of the leaf count, the largest
   * first (their sizes follow from the count, so none are stored).
   */
  #levels = 0;
  #count = 0;

  constructor(private readonly crypto: HashProvider) {}

  get count(): number {
    return this.#count;
  }

  reset(): void {
    this.#levels = 0;
    this.#count = 0;
  }

  /** The compact range (perfect subtrees, left to right) for saving and restoring. */
  snapshot(): { hashes: Uint8Array[]; sizes: number[]; count: number } {
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < this.#levels; i++) hashes.push(this.#hashes.slice(i * 32, i * 32 + 32));
    return { hashes, sizes: subtreeSizes(this.#count), count: this.#count };
  }

  restore(s: { hashes: readonly Uint8Array[]; sizes: readonly number[]; count: number }): void {
    this.reset();
    if (s.hashes.length > MAX_LEVELS) throw new RangeError(`merkle: a compact range of ${s.hashes.length} subtrees is impossible`);
    const sizes = Number.isSafeInteger(s.count) && s.count >= 0 ? subtreeSizes(s.count) : undefined;
    if (!sizes || sizes.length !== s.hashes.length || sizes.length !== s.sizes.length || sizes.some((n, i) => n !== s.sizes[i])) {
      throw new RangeError(`merkle: subtrees of sizes [${s.sizes.join(',')}] with ${s.hashes.length} hashes are not the compact range of ${s.count} leaves`);
    }
    this.#room(s.hashes.length);
    for (let i = 0; i < s.hashes.length; i++) this.#hashes.set(s.hashes[i]!, i * 32);
    this.#levels = s.hashes.length;
    this.#count = s.count;
  }

  /** Adds a leaf hash (already domain-separated with 0x00); the bytes are copied. */
  push(leafHash: Uint8Array): void {
    let top = this.#levels;
    this.#room(top + 1);
    const hashes = this.#hashes;
    const count = this.#count;
    if (count % 2 === 0) {
      // The newest subtree has more than one leaf (or there is none): the leaf starts a subtree of its own.
      hashes.set(leafHash, top * 32);
      this.#levels = top + 1;
      this.#count = count + 1;
      return;
    }
    // Merge with equal-sized neighbours, one per trailing 1 bit of the count:
    // node = H(0x01 ‖ left ‖ right), right first the leaf, then each result.
    const node = NODE;
    node.set(leafHash, 33);
    for (let c = count; c % 2 === 1; c = (c - 1) / 2) {
      top--;
      copy32(hashes, top * 32, node, 1);
      this.#hashInto(node, top * 32);
      copy32(hashes, top * 32, node, 33);
    }
    this.#levels = top + 1;
    this.#count = count + 1;
  }

  /** Makes room for `levels` subtree hashes. */
  #room(levels: number): void {
    if (levels * 32 <= this.#hashes.length) return;
    const grown = new Uint8Array(Math.min(MAX_LEVELS, Math.max(levels, (this.#hashes.length / 32) * 2)) * 32);
    grown.set(this.#hashes);
    this.#hashes = grown;
  }

  /** The RFC 9162 root over every leaf pushed since the last reset. */
  root(): Uint8Array {
    const n = this.#levels;
    if (n === 0) return this.crypto.sha256(new Uint8Array(0));
    const node = NODE;
    const acc = this.#hashes.slice((n - 1) * 32, n * 32);
    for (let i = n - 2; i >= 0; i--) {
      node.set(this.#hashes.subarray(i * 32, i * 32 + 32), 1);
      node.set(acc, 33);
      acc.set(sha256Bytes(this.crypto, node));
    }
    return acc;
  }

  /** SHA-256 of `data` into this.#hashes at `offset`. */
  #hashInto(data: Uint8Array, offset: number): void {
    const p = this.crypto;
    if (p.sha256Into) p.sha256Into(data, this.#hashes, offset);
    else this.#hashes.set(p.sha256(data), offset);
  }
}

/** The sizes of the perfect subtrees of a compact range of `count` leaves, largest first: the set bits of the count. */
export function subtreeSizes(count: number): number[] {
  const out: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(count, 1))); bit >= 1; bit /= 2) {
    if (count >= bit) {
      out.push(bit);
      count -= bit;
    }
  }
  return out;
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
