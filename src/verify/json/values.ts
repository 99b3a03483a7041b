/**
 * The fast path's leaf values: one JSON token (a string, an id, an integer,
 * a double) read from a JsonBytes and written as its canonical bytes
 * (docs/PROTOCOL.md §3) at the output's top. Anything it does not handle
 * falls back to the general decoder.
 */
import { Tag } from '../../integrity/canonical.js';
import { hexDigit } from '../../otlp/binary-text.js';
import { fallback, type JsonBytes } from './json-bytes.js';
import { putU32 } from './regions.js';

const TWO_32 = 4294967296;

/** int32 as a bare integer (severityNumber). */
export function scanInt32(j: JsonBytes): number {
  if (j.peek() === 0x22) fallback();
  j.integer(true);
  if (j.hi !== 0) fallback();
  const v = j.neg ? -j.lo : j.lo;
  if (v < -0x80000000 || v > 0x7fffffff) fallback();
  return v;
}

/** A JSON string as str(s): u32 byte length, then its UTF-8. */
export function scanStr(j: JsonBytes): void {
  j.room(4);
  const at = j.top;
  j.top += 4;
  const n = j.string();
  putU32(j.out, at, n);
}

/** A string field that is only validated (schemaUrl). */
export function scanValidString(j: JsonBytes): void {
  const top = j.top;
  j.string();
  j.top = top;
}

/** A trace or span id as bytes(id): `size` bytes, or empty for "" and all zero. */
export function scanId(j: JsonBytes, size: number): void {
  const s = j.rawString();
  const n = j.rawLength;
  j.room(4 + size);
  const o = j.out;
  const at = j.top;
  if (n === 0) {
    putU32(o, at, 0);
    j.top += 4;
    return;
  }
  if (n !== size * 2) fallback();
  const src = j.src;
  let zero = true;
  for (let i = 0; i < size; i++) {
    const hi = hexDigit(src[s + 2 * i]!);
    const lo = hexDigit(src[s + 2 * i + 1]!);
    if ((hi | lo) < 0) fallback();
    const v = (hi << 4) | lo;
    if (v !== 0) zero = false;
    o[at + 4 + i] = v;
  }
  if (zero) {
    putU32(o, at, 0);
    j.top += 4;
  } else {
    putU32(o, at, size);
    j.top += 4 + size;
  }
}

/** tag 3 ‖ i64 from a string or a bare integer. */
export function scanInt64(j: JsonBytes): void {
  j.integer(true);
  let hi = j.hi;
  let lo = j.lo;
  if (j.neg) {
    if (hi > 0x80000000 || (hi === 0x80000000 && lo !== 0)) fallback();
    if (lo !== 0) {
      lo = TWO_32 - lo;
      hi = TWO_32 - 1 - hi;
    } else if (hi !== 0) {
      hi = TWO_32 - hi;
    }
  } else if (hi >= 0x80000000) {
    fallback();
  }
  const o = j.out;
  o[j.top] = Tag.Int;
  putU32(o, j.top + 1, hi);
  putU32(o, j.top + 5, lo);
  j.top += 9;
}

/** tag 4 ‖ f64 from a bare JSON number (strings such as "NaN" fall back). */
export function scanDouble(j: JsonBytes): void {
  if (j.peek() === 0x22) fallback();
  const s = j.number();
  let text = '';
  for (let i = s; i < j.i; i++) text += String.fromCharCode(j.src[i]!);
  const v = Number(text);
  const o = j.out;
  o[j.top] = Tag.Double;
  new DataView(o.buffer, o.byteOffset + j.top + 1, 8).setFloat64(0, v);
  j.top += 9;
}
