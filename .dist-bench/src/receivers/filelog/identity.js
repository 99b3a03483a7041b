/**
 * File identity helpers (pure apart from node:crypto hashing).
 *
 * A file is known by its fingerprint (its first `fingerprint_size` bytes, or
 * all of them while it is shorter) plus device and inode. The position key is
 * `${sha256hex(fingerprint)}:${dev}:${ino}`. While a file is shorter than
 * fingerprint_size its fingerprint, and so its key, grows with it: a key made
 * when the file had k bytes hashes exactly the first k bytes.
 */
import { createHash } from 'node:crypto';
export function sha256Hex(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
export function positionKey(fpHex, dev, ino) {
    return `${fpHex}:${dev}:${ino}`;
}
/** Splits a position key into fingerprint hash and `dev:ino`; undefined when malformed. */
export function parsePositionKey(key) {
    const a = key.lastIndexOf(':');
    const b = a > 0 ? key.lastIndexOf(':', a - 1) : -1;
    if (b <= 0)
        return undefined;
    const fpHex = key.slice(0, b);
    if (!/^[0-9a-f]{64}$/.test(fpHex))
        return undefined;
    return { fpHex, id: key.slice(b + 1) };
}
/** True when the shorter of a and b is a prefix of the longer (both non-empty). */
export function compatible(a, b) {
    const n = Math.min(a.length, b.length);
    if (n === 0)
        return false;
    return Buffer.compare(a.subarray(0, n), b.subarray(0, n)) === 0;
}
/**
 * Hashes of `head`'s first k bytes, as [k, hex]: first k = head.length, then
 * every k in [from, min(head.length, fingerprintSize)). A key recorded at
 * offset `from` was made when the file had at least `from` bytes, so these are
 * the only lengths it can have hashed. One running hash, digests of copies.
 */
export function* prefixHashes(head, from, fingerprintSize) {
    if (head.length === 0)
        return;
    yield [head.length, sha256Hex(head)];
    const to = Math.min(head.length, fingerprintSize);
    const start = Math.max(1, Math.min(from, to));
    if (start >= to)
        return;
    const h = createHash('sha256');
    h.update(head.subarray(0, start));
    for (let k = start; k < to; k++) {
        if (k > start)
            h.update(head.subarray(k - 1, k));
        yield [k, h.copy().digest('hex')];
    }
}
/** The length k whose prefix hash is fpHex (see prefixHashes), or -1. */
export function findFingerprintLength(head, fpHex, offset, fingerprintSize) {
    for (const [k, hex] of prefixHashes(head, offset, fingerprintSize))
        if (hex === fpHex)
            return k;
    return -1;
}
/** Index key for quick "same beginning" lookups: the first 64 bytes, or null when shorter. */
const INDEX_PREFIX = 64;
export function prefixKey(fp) {
    return fp.length >= INDEX_PREFIX ? Buffer.from(fp.buffer, fp.byteOffset, INDEX_PREFIX).toString('latin1') : null;
}
//# sourceMappingURL=identity.js.map