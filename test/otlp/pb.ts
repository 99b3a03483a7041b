/**
 * A tiny protobuf byte builder for tests, independent of src/otlp, to craft
 * inputs the canonical encoder never produces (other field orders, unknown
 * fields, duplicates, malformed bytes).
 */
export type Bytes = number[];

export function varint(v: number | bigint): Bytes {
  let n = BigInt.asUintN(64, BigInt(v));
  const out: Bytes = [];
  while (n > 0x7fn) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
  return out;
}

export const tag = (field: number, wire: number): Bytes => varint((field << 3) | wire);

export function ld(field: number, payload: Bytes): Bytes {
  return [...tag(field, 2), ...varint(payload.length), ...payload];
}

export const str = (field: number, s: string): Bytes => ld(field, Array.from(new TextEncoder().encode(s)));

export const vint = (field: number, v: number | bigint): Bytes => [...tag(field, 0), ...varint(v)];

export function fixed64(field: number, v: bigint): Bytes {
  const out = [...tag(field, 1)];
  for (let i = 0n; i < 8n; i++) out.push(Number((v >> (8n * i)) & 0xffn));
  return out;
}

export function fixed32(field: number, v: number): Bytes {
  return [...tag(field, 5), v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

export function double(field: number, x: number): Bytes {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...tag(field, 1), ...b];
}

export const cat = (...parts: Bytes[]): Bytes => parts.flat();

export const u8 = (...parts: Bytes[]): Uint8Array => Uint8Array.from(parts.flat());

/** A LogsData holding one record with the given LogRecord payload, nested in ResourceLogs/ScopeLogs. */
export function oneRecord(record: Bytes): Uint8Array {
  return u8(ld(1, ld(2, ld(2, record))));
}
