/**
 * Regions of the fast path's output buffer: big-endian u32s, the size of an
 * optional part, bytewise comparison, where a canonical value ends, and the
 * sort of attribute entries into canonical order. Pure functions on bytes.
 */
import { Tag } from '../../integrity/canonical.js';
import type { JsonBytes } from './json-bytes.js';

export function regionSize(start: number, end: number): number {
  return start < 0 ? 4 : end - start;
}

/** Appends out[start, end) at top, or 4 zero bytes (an empty string or list) when start is -1. Room is the caller's. */
export function copyRegion(j: JsonBytes, start: number, end: number): void {
  const o = j.out;
  if (start < 0) {
    o[j.top] = 0;
    o[j.top + 1] = 0;
    o[j.top + 2] = 0;
    o[j.top + 3] = 0;
    j.top += 4;
    return;
  }
  o.copyWithin(j.top, start, end);
  j.top += end - start;
}

export function putU32(o: Uint8Array, p: number, v: number): number {
  o[p] = v >>> 24;
  o[p + 1] = (v >>> 16) & 0xff;
  o[p + 2] = (v >>> 8) & 0xff;
  o[p + 3] = v & 0xff;
  return p + 4;
}

export function getU32(o: Uint8Array, p: number): number {
  return ((o[p]! << 24) | (o[p + 1]! << 16) | (o[p + 2]! << 8) | o[p + 3]!) >>> 0;
}

export function regionIs(o: Uint8Array, at: number, len: number, name: Uint8Array): boolean {
  if (len !== name.length) return false;
  for (let i = 0; i < len; i++) if (o[at + i] !== name[i]) return false;
  return true;
}

/** Bytewise order of two regions of `o` (a prefix sorts first). */
export function compareRegions(o: Uint8Array, a: number, la: number, b: number, lb: number): number {
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const d = o[a + i]! - o[b + i]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/** The end of the canonical value that starts at p (any tag: search reads records the general decoder wrote too). */
export function valueEnd(o: Uint8Array, p: number): number {
  switch (o[p]) {
    case Tag.Empty:
      return p + 1;
    case Tag.String:
    case Tag.Bytes:
      return p + 5 + getU32(o, p + 1);
    case Tag.Bool:
      return p + 2;
    case Tag.Int:
    case Tag.Double:
      return p + 9;
    case Tag.Array: {
      const n = getU32(o, p + 1);
      let q = p + 5;
      for (let k = 0; k < n; k++) q = valueEnd(o, q);
      return q;
    }
    default: {
      // KvList
      const n = getU32(o, p + 1);
      let q = p + 5;
      for (let k = 0; k < n; k++) q = valueEnd(o, q + 4 + getU32(o, q));
      return q;
    }
  }
}

/** Sorts the n entries in out[from, to) by key bytes (ties by encoded value), as writeAttrs does. */
export function sortEntries(j: JsonBytes, from: number, to: number, n: number): void {
  const o = j.out;
  const starts: number[] = [];
  const ends: number[] = [];
  let p = from;
  for (let k = 0; k < n; k++) {
    starts.push(p);
    p = valueEnd(o, p + 4 + getU32(o, p));
    ends.push(p);
  }
  const order = starts.map((_, k) => k);
  order.sort((a, b) => {
    const ka = starts[a]!;
    const kb = starts[b]!;
    const la = getU32(o, ka);
    const lb = getU32(o, kb);
    const c = compareRegions(o, ka + 4, la, kb + 4, lb);
    // Equal keys are ordered by value even when the scan saw no duplicates: it compares neighbours only.
    if (c !== 0) return c;
    const va = ka + 4 + la;
    const vb = kb + 4 + lb;
    return compareRegions(o, va, ends[a]! - va, vb, ends[b]! - vb);
  });
  // Copy the entries after `to`, in order, then back over [from, to).
  j.room(to - from);
  const out = j.out;
  let q = to;
  for (const k of order) {
    out.copyWithin(q, starts[k]!, ends[k]!);
    q += ends[k]! - starts[k]!;
  }
  out.copyWithin(from, to, q);
}
