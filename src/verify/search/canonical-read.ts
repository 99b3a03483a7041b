/**
 * Reading the canonical encoding (docs/PROTOCOL.md §3) back: offsets of a
 * record's fields, skipping values, and a value's text form. Search matches
 * on these bytes (the ones the chain hashes), so what it filters on is what
 * was verified, and a record that is not a hit costs no allocation.
 *
 *   record  = time:u64 observed:u64 severity:u32 severity_text:str body:value attrs ...
 *   context = resource_attrs:attrs scope_name:str scope_version:str scope_attrs:attrs
 *   value   = tag:u8 payload; attrs = count:u32 (key:str value)*; str = len:u32 bytes
 */
import { Tag } from '../../integrity/canonical.js';
import type { AnyValue, InstrumentationScope, KeyValue, LogRecord, Resource } from '../../otlp/types.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** The offset just past the value that starts at `o` (its tag). */
export function valueEnd(b: Uint8Array, o: number): number {
  const tag = b[o]!;
  switch (tag) {
    case Tag.Empty:
      return o + 1;
    case Tag.String:
    case Tag.Bytes:
      return o + 5 + u32(b, o + 1);
    case Tag.Bool:
      return o + 2;
    case Tag.Int:
    case Tag.Double:
      return o + 9;
    case Tag.Array: {
      const n = u32(b, o + 1);
      let p = o + 5;
      for (let i = 0; i < n; i++) p = valueEnd(b, p);
      return p;
    }
    case Tag.KvList:
      return attrsEnd(b, o + 1);
    default:
      throw new RangeError(`canonical: unknown value tag ${tag} at offset ${o}`);
  }
}

/** The offset just past the attribute list that starts at `o` (its count). */
export function attrsEnd(b: Uint8Array, o: number): number {
  const n = u32(b, o);
  let p = o + 4;
  for (let i = 0; i < n; i++) {
    p += 4 + u32(b, p);
    p = valueEnd(b, p);
  }
  return p;
}

/** Offset of the body value of the record at `start`. */
export function bodyAt(b: Uint8Array, start: number): number {
  return start + 24 + u32(b, start + 20);
}

export function severityAt(b: Uint8Array, start: number): number {
  return u32(b, start + 16);
}

function int64Text(b: Uint8Array, o: number): string {
  const v = new DataView(b.buffer, b.byteOffset + o, 8).getBigInt64(0);
  return v.toString();
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return btoa(s);
}

/** A value as plain JSON data (strings, numbers, booleans, arrays, objects; int64 as a decimal string). */
export function valuePlain(b: Uint8Array, o: number): unknown {
  switch (b[o]!) {
    case Tag.Empty:
      return null;
    case Tag.String:
      return utf8.decode(b.subarray(o + 5, o + 5 + u32(b, o + 1)));
    case Tag.Bool:
      return b[o + 1] === 1;
    case Tag.Int:
      return int64Text(b, o + 1);
    case Tag.Double:
      return new DataView(b.buffer, b.byteOffset + o + 1, 8).getFloat64(0);
    case Tag.Bytes:
      return base64(b.subarray(o + 5, o + 5 + u32(b, o + 1)));
    case Tag.Array: {
      const n = u32(b, o + 1);
      const out: unknown[] = [];
      let p = o + 5;
      for (let i = 0; i < n; i++) {
        out.push(valuePlain(b, p));
        p = valueEnd(b, p);
      }
      return out;
    }
    case Tag.KvList:
      return attrsPlain(b, o + 1);
    default:
      throw new RangeError(`canonical: unknown value tag ${b[o]} at offset ${o}`);
  }
}

/** An attribute list (at its count) as a plain object; a repeated key keeps its last value. */
export function attrsPlain(b: Uint8Array, o: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = u32(b, o);
  let p = o + 4;
  for (let i = 0; i < n; i++) {
    const key = strText(b, p);
    p += 4 + u32(b, p);
    out[key] = valuePlain(b, p);
    p = valueEnd(b, p);
  }
  return out;
}

/**
 * A value's text form, what `--where KEY=VALUE` compares and `KEY~REGEX`
 * tests: a string as itself, a bool as true/false, an int in decimal, a
 * double as JavaScript prints it, bytes in base64, empty as "", arrays and
 * kvlists as their JSON.
 */
export function valueText(b: Uint8Array, o: number): string {
  const tag = b[o]!;
  if (tag === Tag.Empty) return '';
  const v = valuePlain(b, o);
  if (tag === Tag.Array || tag === Tag.KvList) return JSON.stringify(v);
  return String(v);
}

/**
 * The text `--text` searches in a non-string body: every string, number and
 * bool inside it and every kvlist key, joined by spaces.
 */
export function valueWords(b: Uint8Array, o: number, out: string[] = []): string[] {
  const tag = b[o]!;
  if (tag === Tag.Array) {
    const n = u32(b, o + 1);
    let p = o + 5;
    for (let i = 0; i < n; i++) {
      valueWords(b, p, out);
      p = valueEnd(b, p);
    }
  } else if (tag === Tag.KvList) {
    const n = u32(b, o + 1);
    let p = o + 5;
    for (let i = 0; i < n; i++) {
      const len = u32(b, p);
      out.push(utf8.decode(b.subarray(p + 4, p + 4 + len)));
      p += 4 + len;
      valueWords(b, p, out);
      p = valueEnd(b, p);
    }
  } else if (tag !== Tag.Empty) {
    out.push(String(valuePlain(b, o)));
  }
  return out;
}

export function strText(b: Uint8Array, o: number): string {
  return utf8.decode(b.subarray(o + 4, o + 4 + u32(b, o)));
}

function attrsModel(b: Uint8Array, o: number): { attrs: KeyValue[]; end: number } {
  const n = u32(b, o);
  const attrs: KeyValue[] = [];
  let p = o + 4;
  for (let i = 0; i < n; i++) {
    const key = strText(b, p);
    p += 4 + u32(b, p);
    attrs.push({ key, value: valueModel(b, p) });
    p = valueEnd(b, p);
  }
  return { attrs, end: p };
}

/** A value back in the OTLP model (src/otlp/types.ts). */
export function valueModel(b: Uint8Array, o: number): AnyValue {
  switch (b[o]!) {
    case Tag.Empty:
      return { type: 'empty' };
    case Tag.String:
      return { type: 'string', value: strText(b, o + 1) };
    case Tag.Bool:
      return { type: 'bool', value: b[o + 1] === 1 };
    case Tag.Int:
      return { type: 'int', value: new DataView(b.buffer, b.byteOffset + o + 1, 8).getBigInt64(0) };
    case Tag.Double:
      return { type: 'double', value: new DataView(b.buffer, b.byteOffset + o + 1, 8).getFloat64(0) };
    case Tag.Bytes:
      return { type: 'bytes', value: b.slice(o + 5, o + 5 + u32(b, o + 1)) };
    case Tag.Array: {
      const n = u32(b, o + 1);
      const value: AnyValue[] = [];
      let p = o + 5;
      for (let i = 0; i < n; i++) {
        value.push(valueModel(b, p));
        p = valueEnd(b, p);
      }
      return { type: 'array', value };
    }
    case Tag.KvList:
      return { type: 'kvlist', value: attrsModel(b, o + 1).attrs };
    default:
      throw new RangeError(`canonical: unknown value tag ${b[o]} at offset ${o}`);
  }
}

/**
 * A record back in the OTLP model from its canonical bytes at `start`. What
 * the encoding leaves out comes back empty: sealog.seq and sealog.hash (add
 * them from the chain) and dropped_attributes_count (not hashed).
 */
export function recordModel(b: Uint8Array, start: number): LogRecord {
  const dv = new DataView(b.buffer, b.byteOffset);
  const severityText = strText(b, start + 20);
  const body = bodyAt(b, start);
  const { attrs, end } = attrsModel(b, valueEnd(b, body));
  let p = end;
  const flags = u32(b, p);
  p += 4;
  const traceLen = u32(b, p);
  const traceId = b.slice(p + 4, p + 4 + traceLen);
  p += 4 + traceLen;
  const spanLen = u32(b, p);
  const spanId = b.slice(p + 4, p + 4 + spanLen);
  p += 4 + spanLen;
  return {
    timeUnixNano: dv.getBigUint64(start),
    observedTimeUnixNano: dv.getBigUint64(start + 8),
    severityNumber: u32(b, start + 16),
    severityText,
    body: valueModel(b, body),
    attributes: attrs,
    droppedAttributesCount: 0,
    flags,
    traceId,
    spanId,
    eventName: strText(b, p),
  };
}

/** A context (resource attributes, scope name, version, attributes) back in the OTLP model. */
export function contextModel(b: Uint8Array, start: number): { resource: Resource; scope: InstrumentationScope } {
  const res = attrsModel(b, start);
  let p = res.end;
  const name = strText(b, p);
  p += 4 + u32(b, p);
  const version = strText(b, p);
  p += 4 + u32(b, p);
  return {
    resource: { attributes: res.attrs, droppedAttributesCount: 0, entityRefs: [] },
    scope: { name, version, attributes: attrsModel(b, p).attrs, droppedAttributesCount: 0 },
  };
}
