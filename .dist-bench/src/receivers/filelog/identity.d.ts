export declare function sha256Hex(bytes: Uint8Array): string;
export declare function positionKey(fpHex: string, dev: string, ino: string): string;
/** Splits a position key into fingerprint hash and `dev:ino`; undefined when malformed. */
export declare function parsePositionKey(key: string): {
    fpHex: string;
    id: string;
} | undefined;
/** True when the shorter of a and b is a prefix of the longer (both non-empty). */
export declare function compatible(a: Uint8Array, b: Uint8Array): boolean;
/**
 * Hashes of `head`'s first k bytes, as [k, hex]: first k = head.length, then
 * every k in [from, min(head.length, fingerprintSize)). A key recorded at
 * offset `from` was made when the file had at least `from` bytes, so these are
 * the only lengths it can have hashed. One running hash, digests of copies.
 */
export declare function prefixHashes(head: Uint8Array, from: number, fingerprintSize: number): Generator<[number, string]>;
/** The length k whose prefix hash is fpHex (see prefixHashes), or -1. */
export declare function findFingerprintLength(head: Uint8Array, fpHex: string, offset: number, fingerprintSize: number): number;
export declare function prefixKey(fp: Uint8Array): string | null;
