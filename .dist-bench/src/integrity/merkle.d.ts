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
import { type HashProvider } from './crypto.js';
export declare class MerkleAccumulator {
    #private;
    private readonly crypto;
    constructor(crypto: HashProvider);
    get count(): number;
    reset(): void;
    /** The compact range (perfect subtrees, left to right) for saving and restoring. */
    snapshot(): {
        hashes: Uint8Array[];
        sizes: number[];
        count: number;
    };
    restore(s: {
        hashes: readonly Uint8Array[];
        sizes: readonly number[];
        count: number;
    }): void;
    /** Adds a leaf hash (already domain-separated with 0x00); the bytes are copied. */
    push(leafHash: Uint8Array): void;
    /** The RFC 9162 root over every leaf pushed since the last reset. */
    root(): Uint8Array;
}
/** The root of a list of leaf hashes, by the RFC 9162 recursive definition (for tests and tools). */
export declare function merkleRootRecursive(crypto: HashProvider, leaves: readonly Uint8Array[]): Uint8Array;
