/**
 * The text the index's filter columns hold for a record (`records.body`,
 * `records.attrs`), read from its canonical bytes:
 *
 *   body   what `--text` is matched against, lower-cased as RecordMatcher
 *          does: the string body, else the words of a structured one
 *   attrs  `\x1fKEY\x1eTEXT` per attribute and a closing `\x1f`, TEXT the
 *          form `--where` compares (valueText)
 *
 * The string forms (bodySearchText, attrsSearchText) define them. The index
 * writes them as UTF-8 bytes (SearchTextBytes): ASCII text is copied (and
 * lower-cased) straight from the record's bytes, anything else goes through
 * the string form, so the bytes are always the string form's UTF-8 and no
 * string is made for the usual record. The columns only narrow candidates:
 * every hit is matched again on its re-proven bytes (search.ts).
 */
import { Tag } from '../../integrity/canonical.js';
import { bodyAt, strText, u32, valueEnd, valueText, valueWords } from '../search/canonical-read.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/** Text `--text` is matched against, lower-cased as RecordMatcher does: the string body, else its words. */
export function bodySearchText(b: Uint8Array, start: number): string {
  const body = bodyAt(b, start);
  if (b[body] === Tag.String) return utf8.decode(b.subarray(body + 5, body + 5 + u32(b, body + 1))).toLowerCase();
  return valueWords(b, body).join(' ').toLowerCase();
}

/** Attributes as `\x1fKEY\x1eTEXT` per entry and a closing `\x1f`, TEXT the form `--where` compares (valueText). */
export function attrsSearchText(b: Uint8Array, start: number): string {
  const body = bodyAt(b, start);
  let o = valueEnd(b, body);
  const n = u32(b, o);
  o += 4;
  let s = '';
  for (let i = 0; i < n; i++) {
    const key = strText(b, o);
    o += 4 + u32(b, o);
    s += `\x1f${key}\x1e${valueText(b, o)}`;
    o = valueEnd(b, o);
  }
  return s + '\x1f';
}

function ascii(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i]! >= 0x80) return false;
  return true;
}

/** Either text of a record as UTF-8 bytes in a reused buffer: a result is valid until the next call on the same object. */
export class SearchTextBytes {
  #buf = new Uint8Array(4096);
  #pos = 0;

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
  }

  #byte(x: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = x;
  }

  #copy(b: Uint8Array, from: number, to: number, lower: boolean): void {
    this.#ensure(to - from);
    const buf = this.#buf;
    let p = this.#pos;
    if (lower) {
      for (let i = from; i < to; i++) {
        const c = b[i]!;
        buf[p++] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
      }
    } else {
      buf.set(b.subarray(from, to), p);
      p += to - from;
    }
    this.#pos = p;
  }

  #text(s: string): void {
    this.#ensure(s.length * 3);
    this.#pos += encoder.encodeInto(s, this.#buf.subarray(this.#pos)).written;
  }

  /** bodySearchText's UTF-8 bytes. */
  body(b: Uint8Array, start: number): Uint8Array {
    this.#pos = 0;
    const body = bodyAt(b, start);
    const from = body + 5;
    const to = from + (b[body] === Tag.String ? u32(b, body + 1) : 0);
    if (b[body] === Tag.String && ascii(b, from, to)) this.#copy(b, from, to, true);
    else this.#text(bodySearchText(b, start));
    return this.#buf.subarray(0, this.#pos);
  }

  /** attrsSearchText's UTF-8 bytes. */
  attrs(b: Uint8Array, start: number): Uint8Array {
    this.#pos = 0;
    let o = valueEnd(b, bodyAt(b, start));
    const n = u32(b, o);
    o += 4;
    for (let i = 0; i < n; i++) {
      const klen = u32(b, o);
      if (!ascii(b, o + 4, o + 4 + klen)) {
        this.#pos = 0;
        this.#text(attrsSearchText(b, start));
        return this.#buf.subarray(0, this.#pos);
      }
      this.#byte(0x1f);
      this.#copy(b, o + 4, o + 4 + klen, false);
      this.#byte(0x1e);
      o += 4 + klen;
      if (b[o] === Tag.String && ascii(b, o + 5, o + 5 + u32(b, o + 1))) this.#copy(b, o + 5, o + 5 + u32(b, o + 1), false);
      else this.#text(valueText(b, o));
      o = valueEnd(b, o);
    }
    this.#byte(0x1f);
    return this.#buf.subarray(0, this.#pos);
  }
}
