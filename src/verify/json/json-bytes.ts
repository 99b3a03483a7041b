/**
 * A strict JSON lexer over UTF-8 bytes for the checker's fast path
 * (otlp-canonical.ts). It never builds JS values: it reads keys as byte
 * ranges, copies string contents (unescaped) as UTF-8 into an output buffer,
 * reads integer literals as exact 64-bit magnitudes in two 32-bit halves, and
 * skips (while validating) values it has no use for.
 *
 * It accepts a subset of what the general decoder (src/otlp/json-decode.ts)
 * accepts and is exact on it. Anything else — invalid JSON, but also valid
 * JSON it does not handle (a lone surrogate escape, an escaped object key, a
 * number with a fraction where an integer is expected) — throws FALLBACK, and
 * the caller hands the line to the general decoder, which produces the value
 * or the precise error. The input must be valid UTF-8 (checked by the caller).
 */
import { HEX_VALUE } from '../../otlp/binary-text.js';

/** Thrown when the fast path cannot decide; the general decoder takes over. */
export const FALLBACK: unique symbol = Symbol('fallback to the general JSON decoder');

export function fallback(): never {
  throw FALLBACK;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const TWO_32 = 4294967296;

/** 1 for the bytes that end a run of plain string content: '"', '\\' and control characters. */
const STRING_STOP = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STRING_STOP[c] = 1;
STRING_STOP[QUOTE] = 1;
STRING_STOP[BACKSLASH] = 1;

/** Deeper JSON than this (in skipped values) is left to the general decoder. */
const MAX_SKIP_DEPTH = 128;

export class JsonBytes {
  src: Uint8Array = new Uint8Array(0);
  i = 0;
  end = 0;
  /** Output buffer for string contents; grown by `room`. */
  out: Uint8Array = new Uint8Array(1 << 16);
  top = 0;
  /** The last integer read: magnitude = hi * 2^32 + lo, and its sign. */
  hi = 0;
  lo = 0;
  neg = false;
  /** Digits of the last integer read. */
  digits = 0;

  reset(src: Uint8Array): void {
    this.src = src;
    this.i = 0;
    this.end = src.length;
    this.top = 0;
  }

  /** Makes room for `n` more output bytes at `top`. */
  room(n: number): void {
    const need = this.top + n;
    if (need <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.out.subarray(0, this.top));
    this.out = next;
  }

  /** Skips whitespace and returns the next byte (-1 at the end). */
  peek(): number {
    const s = this.src;
    let i = this.i;
    const end = this.end;
    while (i < end) {
      const c = s[i]!;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
        this.i = i;
        return c;
      }
      i++;
    }
    this.i = i;
    return -1;
  }

  /** Skips whitespace and consumes `c`, or falls back. */
  expect(c: number): void {
    if (this.peek() !== c) fallback();
    this.i++;
  }

  /** After a member or element: true if a ',' follows (consumed), false at `close` (consumed). */
  more(close: number): boolean {
    const c = this.peek();
    this.i++;
    if (c === 0x2c) return true;
    if (c !== close) fallback();
    return false;
  }

  /** Opens an object or array; true if it is empty (and already closed). */
  open(openC: number, close: number): boolean {
    this.expect(openC);
    if (this.peek() === close) {
      this.i++;
      return true;
    }
    return false;
  }

  /**
   * Reads an object key and its ':'; returns the key's byte length, its
   * bytes being src[i - len - 2 - ..]: use `keyStart`. Escaped keys fall back.
   */
  keyStart = 0;
  key(): number {
    this.expect(QUOTE);
    const s = this.src;
    const start = this.i;
    let i = start;
    const end = this.end;
    for (;;) {
      if (i >= end) fallback();
      const c = s[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 0x20) fallback();
      i++;
    }
    this.keyStart = start;
    this.i = i + 1;
    this.expect(0x3a);
    return i - start;
  }

  /** True if the key just read equals `name` (ASCII bytes). */
  keyIs(len: number, name: Uint8Array): boolean {
    if (len !== name.length) return false;
    const s = this.src;
    const k = this.keyStart;
    for (let j = 0; j < len; j++) if (s[k + j] !== name[j]) return false;
    return true;
  }

  /** True (and consumed) if the next value is `null`. */
  isNull(): boolean {
    if (this.peek() !== 0x6e) return false;
    this.literal(NULL);
    return true;
  }

  literal(word: Uint8Array): void {
    const s = this.src;
    const i = this.i;
    if (i + word.length > this.end) fallback();
    for (let j = 0; j < word.length; j++) if (s[i + j] !== word[j]) fallback();
    this.i = i + word.length;
  }

  /** Reads true or false. */
  bool(): boolean {
    const c = this.peek();
    if (c === 0x74) {
      this.literal(TRUE);
      return true;
    }
    if (c === 0x66) {
      this.literal(FALSE);
      return false;
    }
    return fallback();
  }

  /**
   * Reads a JSON string and writes its contents as UTF-8 at `top` (advancing
   * it); returns the byte length written. Lone surrogate escapes fall back.
   */
  string(): number {
    this.expect(QUOTE);
    this.room(this.end - this.i);
    const s = this.src;
    const o = this.out;
    const end = this.end;
    let i = this.i;
    const start = this.top;
    let p = start;
    for (;;) {
      // A run of plain content (past the end of `src`, s[i] is undefined and stops it too).
      let c = s[i]!;
      while (STRING_STOP[c] === 0) {
        o[p++] = c;
        c = s[++i]!;
      }
      if (i >= end) fallback();
      i++;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (i >= end) fallback();
        const e = s[i++]!;
        switch (e) {
          case 0x22:
          case 0x5c:
          case 0x2f:
            o[p++] = e;
            break;
          case 0x62:
            o[p++] = 0x08;
            break;
          case 0x66:
            o[p++] = 0x0c;
            break;
          case 0x6e:
            o[p++] = 0x0a;
            break;
          case 0x72:
            o[p++] = 0x0d;
            break;
          case 0x74:
            o[p++] = 0x09;
            break;
          case 0x75: {
            let u = this.#hex4(i);
            i += 4;
            if (u >= 0xd800 && u <= 0xdfff) {
              // Only a high surrogate followed by an escaped low one is a character.
              if (u > 0xdbff || i + 6 > end || s[i] !== BACKSLASH || s[i + 1] !== 0x75) fallback();
              const d = this.#hex4(i + 2);
              if (d < 0xdc00 || d > 0xdfff) fallback();
              i += 6;
              u = 0x10000 + ((u - 0xd800) << 10) + (d - 0xdc00);
              o[p++] = 0xf0 | (u >> 18);
              o[p++] = 0x80 | ((u >> 12) & 0x3f);
              o[p++] = 0x80 | ((u >> 6) & 0x3f);
              o[p++] = 0x80 | (u & 0x3f);
            } else if (u < 0x80) {
              o[p++] = u;
            } else if (u < 0x800) {
              o[p++] = 0xc0 | (u >> 6);
              o[p++] = 0x80 | (u & 0x3f);
            } else {
              o[p++] = 0xe0 | (u >> 12);
              o[p++] = 0x80 | ((u >> 6) & 0x3f);
              o[p++] = 0x80 | (u & 0x3f);
            }
            break;
          }
          default:
            fallback();
        }
        continue;
      }
      fallback(); // a control character
    }
    this.i = i;
    this.top = p;
    return p - start;
  }

  #hex4(i: number): number {
    if (i + 4 > this.end) fallback();
    const s = this.src;
    const a = HEX_VALUE[s[i]!]!;
    const b = HEX_VALUE[s[i + 1]!]!;
    const c = HEX_VALUE[s[i + 2]!]!;
    const d = HEX_VALUE[s[i + 3]!]!;
    if ((a | b | c | d) < 0) fallback();
    return (a << 12) | (b << 8) | (c << 4) | d;
  }

  /**
   * Reads the raw contents of a string that must hold no escapes; returns
   * its start in `src` (its length is `rawLength`).
   */
  rawLength = 0;
  rawString(): number {
    this.expect(QUOTE);
    const s = this.src;
    const start = this.i;
    const q = s.indexOf(QUOTE, start);
    if (q < 0) fallback();
    for (let i = start; i < q; i++) {
      const c = s[i]!;
      if (c === BACKSLASH || c < 0x20) fallback();
    }
    this.rawLength = q - start;
    this.i = q + 1;
    return start;
  }

  /**
   * Reads digits from src[i..] into hi/lo (exact below 2^64); false on
   * overflow. Returns the index after the digits.
   */
  #digits(i: number): number {
    const s = this.src;
    const end = this.end;
    let hi = 0;
    let lo = 0;
    const start = i;
    while (i < end) {
      const d = s[i]! - 0x30;
      if (d < 0 || d > 9) break;
      lo = lo * 10 + d;
      const carry = Math.floor(lo / TWO_32);
      lo -= carry * TWO_32;
      hi = hi * 10 + carry;
      if (hi >= TWO_32) fallback();
      i++;
    }
    this.digits = i - start;
    this.hi = hi;
    this.lo = lo;
    return i;
  }

  /**
   * An integer as proto3 JSON writes a 64-bit value: a bare integer literal
   * (no fraction or exponent, no leading zero) or a string of 1-20 decimal
   * digits with an optional '-' (`signed`). Sets hi, lo, neg; anything else,
   * or a magnitude of 2^64 or more, falls back.
   */
  integer(signed: boolean): void {
    const c = this.peek();
    const s = this.src;
    let i = this.i;
    const quoted = c === QUOTE;
    if (quoted) i++;
    this.neg = false;
    if (s[i] === 0x2d) {
      if (!signed) fallback();
      this.neg = true;
      i++;
    }
    i = this.#digits(i);
    const n = this.digits;
    if (n === 0 || n > 20) fallback();
    if (quoted) {
      if (s[i] !== QUOTE) fallback();
      i++;
    } else {
      if (n > 1 && s[i - n] === 0x30) fallback(); // leading zero: not JSON
      const next = i < this.end ? s[i]! : 0;
      if (next === 0x2e || next === 0x65 || next === 0x45) fallback(); // a double
    }
    this.i = i;
  }

  /** A bare non-negative integer literal below 2^32 (uint32 fields). */
  uint32(): number {
    if (this.peek() === QUOTE) fallback();
    this.integer(false);
    if (this.hi !== 0) fallback();
    return this.lo;
  }

  /** Skips one JSON value, validating it. */
  skip(depth = 0): void {
    if (depth > MAX_SKIP_DEPTH) fallback();
    const c = this.peek();
    switch (c) {
      case QUOTE:
        this.#skipString();
        return;
      case 0x7b:
        if (this.open(0x7b, 0x7d)) return;
        do {
          this.#skipString();
          this.expect(0x3a);
          this.skip(depth + 1);
        } while (this.more(0x7d));
        return;
      case 0x5b:
        if (this.open(0x5b, 0x5d)) return;
        do this.skip(depth + 1);
        while (this.more(0x5d));
        return;
      case 0x74:
        this.literal(TRUE);
        return;
      case 0x66:
        this.literal(FALSE);
        return;
      case 0x6e:
        this.literal(NULL);
        return;
      default:
        this.number();
    }
  }

  /** Skips a JSON number (full grammar); returns its start in src. */
  number(): number {
    const s = this.src;
    const start = this.i;
    let i = start;
    if (s[i] === 0x2d) i++;
    const intStart = i;
    while (i < this.end && s[i]! >= 0x30 && s[i]! <= 0x39) i++;
    if (i === intStart || (i - intStart > 1 && s[intStart] === 0x30)) fallback();
    if (s[i] === 0x2e) {
      const f = ++i;
      while (i < this.end && s[i]! >= 0x30 && s[i]! <= 0x39) i++;
      if (i === f) fallback();
    }
    if (s[i] === 0x65 || s[i] === 0x45) {
      i++;
      if (s[i] === 0x2b || s[i] === 0x2d) i++;
      const e = i;
      while (i < this.end && s[i]! >= 0x30 && s[i]! <= 0x39) i++;
      if (i === e) fallback();
    }
    this.i = i;
    return start;
  }

  #skipString(): void {
    this.expect(QUOTE);
    const s = this.src;
    const end = this.end;
    let i = this.i;
    for (;;) {
      if (i >= end) fallback();
      const c = s[i++]!;
      if (c === QUOTE) break;
      if (c < 0x20) fallback();
      if (c === BACKSLASH) {
        const e = s[i++];
        if (e === 0x75) {
          this.#hex4(i);
          i += 4;
        } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
          fallback();
        }
      }
    }
    this.i = i;
  }

  /** True when only whitespace is left. */
  atEnd(): boolean {
    return this.peek() === -1;
  }
}

export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
