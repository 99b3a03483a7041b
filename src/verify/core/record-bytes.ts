/**
 * Pure helpers on a record's bytes as the checker takes them (RecordInput):
 * its time, its claimed hash, the chain link hashed in place, a copy the
 * checker keeps, and the digest that tells copies of one seq apart. No state.
 */
import { bytesEqual, toHex } from '../../integrity/bytes.js';
import { HASH_BYTES, RECORD_TAG } from '../../integrity/chain.js';
import { sha256Bytes, type CryptoProvider } from '../../integrity/crypto.js';
import { LINK_PREFIX, type Pending, type RecordInput } from './types.js';

export const EMPTY = new Uint8Array(0);

export function u32At(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function u64At(b: Uint8Array, o: number): bigint {
  return (BigInt(u32At(b, o)) << 32n) | BigInt(u32At(b, o + 4));
}

/** A record's time for findings: its time, else its observed time (0n if neither), from its canonical bytes. */
export function timeOf(p: Pending): bigint {
  return u64At(p.buf, p.start) || u64At(p.buf, p.start + 8);
}

/** A copy of a record the checker keeps beyond add() (its bytes in a buffer of its own). */
export function own(r: RecordInput): Pending {
  const buf = new Uint8Array(LINK_PREFIX + (r.end - r.start));
  buf.set(r.buf.subarray(r.start, r.end), LINK_PREFIX);
  const claimedBuf = r.claimedAt >= 0 ? claimedCopy(r) : EMPTY;
  return { seq: r.seq, ctx: r.ctx, buf, start: LINK_PREFIX, end: buf.length, claimedBuf, claimedAt: r.claimedAt >= 0 ? 0 : -1, control: r.control, where: r.where };
}

/** True if the record claims exactly `h` as its hash. */
export function claimedIs(r: Pending, h: Uint8Array): boolean {
  if (r.claimedAt < 0) return false;
  const b = r.claimedBuf;
  const o = r.claimedAt;
  for (let i = 0; i < HASH_BYTES; i++) if (b[o + i] !== h[i]) return false;
  return true;
}

/** The claimed hash as an array of its own. */
export function claimedCopy(r: Pending): Uint8Array {
  return r.claimedBuf.slice(r.claimedAt, r.claimedAt + HASH_BYTES);
}

/** hash_seq = H(0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ prev ‖ ctx ‖ record), the prefix written into the record's scratch room. */
export function linkInPlace(crypto: CryptoProvider, r: Pending, seq: number, prev: Uint8Array): Uint8Array {
  const b = r.buf;
  let o = r.start - LINK_PREFIX;
  const from = o;
  b[o++] = 0x00;
  b.set(RECORD_TAG, o);
  o += RECORD_TAG.length;
  const hi = Math.floor(seq / 0x100000000);
  const lo = seq >>> 0;
  b[o++] = hi >>> 24;
  b[o++] = (hi >>> 16) & 0xff;
  b[o++] = (hi >>> 8) & 0xff;
  b[o++] = hi & 0xff;
  b[o++] = lo >>> 24;
  b[o++] = (lo >>> 16) & 0xff;
  b[o++] = (lo >>> 8) & 0xff;
  b[o++] = lo & 0xff;
  b.set(prev, o);
  b.set(r.ctx, o + HASH_BYTES);
  return sha256Bytes(crypto, b.subarray(from, r.end));
}

/** Identifies one copy of a record: H(ctx ‖ u32(len) ‖ canonical bytes ‖ claimed hash or nothing), hex. */
export function copyDigest(crypto: CryptoProvider, r: RecordInput): string {
  const n = r.end - r.start;
  const b = new Uint8Array(HASH_BYTES + 4 + n + 1 + HASH_BYTES);
  b.set(r.ctx, 0);
  b[HASH_BYTES] = n >>> 24;
  b[HASH_BYTES + 1] = (n >>> 16) & 0xff;
  b[HASH_BYTES + 2] = (n >>> 8) & 0xff;
  b[HASH_BYTES + 3] = n & 0xff;
  b.set(r.buf.subarray(r.start, r.end), HASH_BYTES + 4);
  const o = HASH_BYTES + 4 + n;
  if (r.claimedAt >= 0) {
    b[o] = 1;
    b.set(r.claimedBuf.subarray(r.claimedAt, r.claimedAt + HASH_BYTES), o + 1);
  }
  return toHex(sha256Bytes(crypto, r.claimedAt >= 0 ? b : b.subarray(0, o + 1)));
}

export function sameRegion(a: Pending, b: Pending): boolean {
  const n = a.end - a.start;
  if (n !== b.end - b.start) return false;
  const x = a.buf;
  const y = b.buf;
  for (let i = 0; i < n; i++) if (x[a.start + i] !== y[b.start + i]) return false;
  return true;
}

export function samePending(a: Pending, b: Pending): boolean {
  return (
    sameRegion(a, b) &&
    bytesEqual(a.ctx, b.ctx) &&
    a.claimedAt >= 0 &&
    b.claimedAt >= 0 &&
    claimedIs(a, claimedCopy(b))
  );
}
