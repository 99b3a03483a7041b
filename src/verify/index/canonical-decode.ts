/**
 * The canonical encoding (docs/PROTOCOL.md §3) read back into the OTLP
 * model: the index keeps records as their canonical bytes, and a control
 * record's signature check needs the record (its body fields, and for v2
 * the record without `sig`). Nothing the encoding covers is lost; what it
 * does not cover (dropped counts, sealog.seq and sealog.hash) is not needed
 * to check a signature or a hash. Pure.
 */
import { Tag } from '../../integrity/canonical.js';
import type { AnyValue, KeyValue, LogRecord } from '../../otlp/types.js';
import { u32, valueEnd, valuePlain } from '../search/canonical-read.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

class Reader {
  readonly #view: DataView;
  constructor(
    readonly b: Uint8Array,
    public p: number,
  ) {
    this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  u8(): number {
    return this.b[this.p++]!;
  }
  u32(): number {
    const v = u32(this.b, this.p);
    this.p += 4;
    return v;
  }
  u64(): bigint {
    const v = this.#view.getBigUint64(this.p);
    this.p += 8;
    return v;
  }
  i64(): bigint {
    const v = this.#view.getBigInt64(this.p);
    this.p += 8;
    return v;
  }
  f64(): number {
    const v = this.#view.getFloat64(this.p);
    this.p += 8;
    return v;
  }
  bytes(): Uint8Array {
    const n = this.u32();
    const out = this.b.slice(this.p, this.p + n);
    this.p += n;
    return out;
  }
  str(): string {
    const n = this.u32();
    const s = utf8.decode(this.b.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }
  value(): AnyValue {
    const tag = this.u8();
    switch (tag) {
      case Tag.Empty:
        return { type: 'empty' };
      case Tag.String:
        return { type: 'string', value: this.str() };
      case Tag.Bool:
        return { type: 'bool', value: this.u8() === 1 };
      case Tag.Int:
        return { type: 'int', value: this.i64() };
      case Tag.Double:
        return { type: 'double', value: this.f64() };
      case Tag.Bytes:
        return { type: 'bytes', value: this.bytes() };
      case Tag.Array: {
        const n = this.u32();
        const out: AnyValue[] = [];
        for (let i = 0; i < n; i++) out.push(this.value());
        return { type: 'array', value: out };
      }
      case Tag.KvList:
        return { type: 'kvlist', value: this.attrs() };
      default:
        throw new RangeError(`canonical: unknown value tag ${tag}`);
    }
  }
  attrs(): KeyValue[] {
    const n = this.u32();
    const out: KeyValue[] = [];
    for (let i = 0; i < n; i++) {
      const key = this.str();
      out.push({ key, value: this.value() });
    }
    return out;
  }
}

/** The record whose canonical bytes are b[start, end) (throws RangeError on bytes that are not one). */
export function decodeCanonicalRecord(b: Uint8Array, start = 0, end = b.length): LogRecord {
  const r = new Reader(b, start);
  const rec: LogRecord = {
    timeUnixNano: r.u64(),
    observedTimeUnixNano: r.u64(),
    severityNumber: r.u32(),
    severityText: r.str(),
    body: r.value(),
    attributes: r.attrs(),
    droppedAttributesCount: 0,
    flags: r.u32(),
    traceId: r.bytes(),
    spanId: r.bytes(),
    eventName: r.str(),
  };
  if (r.p !== end) throw new RangeError(`canonical: record ends at ${r.p}, expected ${end}`);
  return rec;
}

/** An attribute list (count, then key and value each) as a plain object; a repeated key keeps its last value. */
export function attrsPlain(b: Uint8Array, o: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = u32(b, o);
  let p = o + 4;
  for (let i = 0; i < n; i++) {
    const len = u32(b, p);
    const key = utf8.decode(b.subarray(p + 4, p + 4 + len));
    p += 4 + len;
    out[key] = valuePlain(b, p);
    p = valueEnd(b, p);
  }
  return out;
}
