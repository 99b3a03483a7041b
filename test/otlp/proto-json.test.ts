import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/otlp/decode-error.js';
import { isValidUtf8, JsonOutput } from '../../src/otlp/json-output.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { decodeResourceLogsProto, encodeResourceLogsProto } from '../../src/otlp/proto.js';
import { LogsJsonWriter, resourceLogsProtoToJson, resourceLogsProtoToJsonDocument } from '../../src/otlp/proto-json.js';
import type { DecodeOptions } from '../../src/otlp/index.js';
import { countRecords } from '../../src/otlp/types.js';
import { arbLogsData, arbResourceLogs } from './arbitraries.js';
import { cat, double, fixed32, fixed64, ld, str, tag, u8, varint, vint, type Bytes } from './pb.js';

const PREFIX = '{"resourceLogs":[';

/** The general path: decode, then encode; the JSON of the one ResourceLogs, or the error. */
function general(payload: Uint8Array, opts?: DecodeOptions): { json: string } | { error: string } {
  try {
    const doc = encodeLogsJson({ resourceLogs: [decodeResourceLogsProto(payload, opts)] });
    return { json: doc.slice(PREFIX.length, -2) };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { error: err.message };
  }
}

const writer = new LogsJsonWriter();

/** The transcoder's result, and whether it took the general path. */
function transcode(payload: Uint8Array, opts?: DecodeOptions): { result: { json: string } | { error: string }; fellBack: boolean } {
  const before = writer.fallbacks;
  writer.begin(opts);
  try {
    writer.add(payload);
    const bytes = writer.end();
    const json = new TextDecoder().decode(bytes).slice(PREFIX.length, -2);
    return { result: { json }, fellBack: writer.fallbacks !== before };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { result: { error: err.message }, fellBack: writer.fallbacks !== before };
  }
}

// ---------------------------------------------------------------------------
// A protobuf tree of the OTLP messages, to rewrite canonical bytes into other
// valid (or invalid) encodings. Independent of src/otlp.
// ---------------------------------------------------------------------------

type Kind = 'msg' | 'str' | 'bytes' | 'varint' | 'i64' | 'i32';
interface FieldSpec {
  kind: Kind;
  /** Message type for 'msg'. */
  type?: string;
  repeated?: boolean;
}
const SCHEMA: Record<string, Record<number, FieldSpec>> = {
  ResourceLogs: { 1: { kind: 'msg', type: 'Resource' }, 2: { kind: 'msg', type: 'ScopeLogs', repeated: true }, 3: { kind: 'str' } },
  Resource: {
    1: { kind: 'msg', type: 'KeyValue', repeated: true },
    2: { kind: 'varint' },
    3: { kind: 'msg', type: 'EntityRef', repeated: true },
  },
  EntityRef: { 1: { kind: 'str' }, 2: { kind: 'str' }, 3: { kind: 'str', repeated: true }, 4: { kind: 'str', repeated: true } },
  ScopeLogs: { 1: { kind: 'msg', type: 'Scope' }, 2: { kind: 'msg', type: 'LogRecord', repeated: true }, 3: { kind: 'str' } },
  Scope: { 1: { kind: 'str' }, 2: { kind: 'str' }, 3: { kind: 'msg', type: 'KeyValue', repeated: true }, 4: { kind: 'varint' } },
  LogRecord: {
    1: { kind: 'i64' },
    2: { kind: 'varint' },
    3: { kind: 'str' },
    5: { kind: 'msg', type: 'AnyValue' },
    6: { kind: 'msg', type: 'KeyValue', repeated: true },
    7: { kind: 'varint' },
    8: { kind: 'i32' },
    9: { kind: 'bytes' },
    10: { kind: 'bytes' },
    11: { kind: 'i64' },
    12: { kind: 'str' },
  },
  KeyValue: { 1: { kind: 'str' }, 2: { kind: 'msg', type: 'AnyValue' } },
  AnyValue: {
    1: { kind: 'str' },
    2: { kind: 'varint' },
    3: { kind: 'varint' },
    4: { kind: 'i64' },
    5: { kind: 'msg', type: 'ArrayValue' },
    6: { kind: 'msg', type: 'KeyValueList' },
    7: { kind: 'bytes' },
  },
  ArrayValue: { 1: { kind: 'msg', type: 'AnyValue', repeated: true } },
  KeyValueList: { 1: { kind: 'msg', type: 'KeyValue', repeated: true } },
};

interface Field {
  num: number;
  wire: number;
  /** Raw value bytes (after the tag; for wire type 2 without the length). */
  raw: Bytes;
  child?: Msg;
}
interface Msg {
  type: string;
  fields: Field[];
}

function parse(b: Uint8Array, start: number, end: number, type: string): Msg {
  const fields: Field[] = [];
  let i = start;
  const readVarint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const x = b[i++]!;
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
  };
  while (i < end) {
    const t = readVarint();
    const num = t >>> 3;
    const wire = t & 7;
    const spec = SCHEMA[type]![num]!;
    if (wire === 2) {
      const len = readVarint();
      const f: Field = { num, wire, raw: Array.from(b.subarray(i, i + len)) };
      if (spec.kind === 'msg') f.child = parse(b, i, i + len, spec.type!);
      fields.push(f);
      i += len;
    } else {
      const s = i;
      if (wire === 0) readVarint();
      else i += wire === 1 ? 8 : 4;
      fields.push({ num, wire, raw: Array.from(b.subarray(s, i)) });
    }
  }
  return { type, fields };
}

function serialize(m: Msg): Bytes {
  const out: Bytes = [];
  for (const f of m.fields) {
    out.push(...tag(f.num, f.wire));
    if (f.wire === 2) {
      const payload = f.child ? serialize(f.child) : f.raw;
      out.push(...varint(payload.length), ...payload);
    } else out.push(...f.raw);
  }
  return out;
}

function messages(m: Msg, acc: Msg[] = []): Msg[] {
  acc.push(m);
  for (const f of m.fields) if (f.child) messages(f.child, acc);
  return acc;
}

/** A value of a wire type for an inserted or duplicated field. */
function rawFor(wire: number, seed: number): Bytes {
  if (wire === 0) return varint(seed);
  if (wire === 1) return Array.from({ length: 8 }, (_, k) => (seed + k) & 0xff);
  if (wire === 5) return Array.from({ length: 4 }, (_, k) => (seed * 7 + k) & 0xff);
  return Array.from(new TextEncoder().encode(`x${seed}`));
}

type Mutation = 'unknown' | 'strindex' | 'dupScalar' | 'split' | 'reorder' | 'oneofTwo' | 'longTag' | 'emptyMsg';

/**
 * Applies one mutation to the canonical payload. Returns the new bytes and
 * whether they are certainly not in canonical form (so the fast path must
 * give up), or undefined when the mutation does not apply to this payload.
 */
function mutate(payload: Uint8Array, kind: Mutation, pick: number, seed: number): { bytes: Uint8Array; nonCanonical: boolean } | undefined {
  const root = parse(payload, 0, payload.length, 'ResourceLogs');
  const all = messages(root);
  const choose = <T>(xs: T[]): T | undefined => (xs.length === 0 ? undefined : xs[pick % xs.length]);
  switch (kind) {
    case 'unknown': {
      const m = choose(all)!;
      const wire = [0, 1, 2, 5][seed % 4]!;
      const num = m.type === 'LogRecord' && seed % 3 === 0 ? 4 : 13 + (seed % 20);
      m.fields.splice(seed % (m.fields.length + 1), 0, { num, wire, raw: rawFor(wire, seed) });
      return { bytes: u8(serialize(root)), nonCanonical: true };
    }
    case 'strindex': {
      const m = choose(all.filter((x) => x.type === 'KeyValue' || x.type === 'AnyValue'));
      if (!m) return undefined;
      const num = m.type === 'KeyValue' ? 3 : 8;
      m.fields.splice(seed % (m.fields.length + 1), 0, { num, wire: 0, raw: varint(seed) });
      return { bytes: u8(serialize(root)), nonCanonical: true };
    }
    case 'dupScalar': {
      const candidates: Array<[Msg, number]> = [];
      for (const m of all) {
        m.fields.forEach((f, i) => {
          const spec = SCHEMA[m.type]![f.num]!;
          if (spec.kind !== 'msg' && !spec.repeated) candidates.push([m, i]);
        });
      }
      const c = choose(candidates);
      if (!c) return undefined;
      const [m, i] = c;
      const f = m.fields[i]!;
      const earlier: Field = { num: f.num, wire: f.wire, raw: rawFor(f.wire, seed) };
      if (SCHEMA[m.type]![f.num]!.kind === 'bytes') earlier.raw = f.num === 9 ? new Array<number>(16).fill(seed & 0xff) : new Array<number>(8).fill(1);
      m.fields.splice(i, 0, earlier);
      return { bytes: u8(serialize(root)), nonCanonical: true };
    }
    case 'split': {
      const candidates: Field[] = [];
      for (const m of all) {
        for (const f of m.fields) if (f.child && !SCHEMA[m.type]![f.num]!.repeated && f.child.fields.length >= 1) candidates.push(f);
      }
      const f = choose(candidates);
      if (!f) return undefined;
      // find the owner and put the second half after the first
      for (const m of all) {
        const i = m.fields.indexOf(f);
        if (i < 0) continue;
        const cut = seed % (f.child!.fields.length + 1);
        const first: Field = { ...f, child: { type: f.child!.type, fields: f.child!.fields.slice(0, cut) } };
        const second: Field = { ...f, child: { type: f.child!.type, fields: f.child!.fields.slice(cut) } };
        m.fields.splice(i, 1, first, second);
      }
      return { bytes: u8(serialize(root)), nonCanonical: true };
    }
    case 'reorder': {
      const m = choose(all.filter((x) => x.fields.length >= 2));
      if (!m) return undefined;
      const order = m.fields.map((f, i) => ({ f, k: (i * 7919 + seed) % 101 }));
      order.sort((a, b) => a.k - b.k);
      m.fields = order.map((o) => o.f);
      const nums = m.fields.map((f) => f.num);
      const sorted = nums.every((n, i) => i === 0 || nums[i - 1]! <= n);
      return { bytes: u8(serialize(root)), nonCanonical: !sorted };
    }
    case 'oneofTwo': {
      const m = choose(all.filter((x) => x.type === 'AnyValue' && x.fields.length === 1));
      if (!m) return undefined;
      const extra: Field[] = [
        { num: 1, wire: 2, raw: Array.from(new TextEncoder().encode(`s${seed}`)) },
        { num: 2, wire: 0, raw: varint(seed & 1) },
        { num: 3, wire: 0, raw: varint(seed) },
        { num: 7, wire: 2, raw: [seed & 0xff] },
      ];
      const e = extra[seed % extra.length]!;
      if (seed % 2 === 0) m.fields.push(e);
      else m.fields.unshift(e);
      return { bytes: u8(serialize(root)), nonCanonical: true };
    }
    case 'longTag': {
      const bytes = Array.from(payload);
      if (bytes.length === 0) return undefined;
      // the first tag (at offset 0) written in two bytes: 0x80|t, 0x00
      return { bytes: u8([bytes[0]! | 0x80, 0x00], bytes.slice(1)), nonCanonical: true };
    }
    case 'emptyMsg': {
      // an explicit empty message for an absent singular message field: equivalent to none; either path is fine
      const candidates: Array<[Msg, number, string]> = [];
      for (const m of all) {
        for (const [num, spec] of Object.entries(SCHEMA[m.type]!)) {
          const n = Number(num);
          if (spec.kind === 'msg' && !spec.repeated && !m.fields.some((f) => f.num === n)) candidates.push([m, n, spec.type!]);
        }
      }
      const c = choose(candidates);
      if (!c) return undefined;
      const [m, num, type] = c;
      const at = m.fields.findIndex((f) => f.num > num);
      m.fields.splice(at < 0 ? m.fields.length : at, 0, { num, wire: 2, raw: [], child: { type, fields: [] } });
      return { bytes: u8(serialize(root)), nonCanonical: false };
    }
  }
}

const arbMutation = fc.constantFrom<Mutation>('unknown', 'strindex', 'dupScalar', 'split', 'reorder', 'oneofTwo', 'longTag', 'emptyMsg');

describe('protobuf -> OTLP/JSON transcoder', () => {
  it('writes what decode + encodeLogsJson write, on the fast path, for everything our encoder produces', () => {
    fc.assert(
      fc.property(arbResourceLogs({ maxDepth: 4 }), (rl) => {
        const payload = encodeResourceLogsProto(rl);
        const { result, fellBack } = transcode(payload);
        expect(result).toEqual(general(payload));
        expect(fellBack).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('builds whole {"resourceLogs":[...]} documents with the record count', () => {
    fc.assert(
      fc.property(arbLogsData(), fc.constantFrom('', '\n'), (data, trailer) => {
        const { json, records } = resourceLogsProtoToJsonDocument(
          data.resourceLogs.map((rl) => encodeResourceLogsProto(rl)),
          trailer,
        );
        expect(Buffer.from(json).toString('utf8')).toBe(encodeLogsJson(data) + trailer);
        expect(records).toBe(countRecords(data));
      }),
      { numRuns: 150 },
    );
  });

  it('handles non-canonical encodings by falling back, with the same result as the general path', () => {
    const applied = new Map<Mutation, number>();
    fc.assert(
      fc.property(arbResourceLogs({ maxDepth: 4 }), arbMutation, fc.nat(), fc.nat(1000), (rl, kind, pick, seed) => {
        const m = mutate(encodeResourceLogsProto(rl), kind, pick, seed);
        if (!m) return;
        applied.set(kind, (applied.get(kind) ?? 0) + 1);
        const { result, fellBack } = transcode(m.bytes);
        expect(result).toEqual(general(m.bytes));
        if (m.nonCanonical) expect(fellBack).toBe(true);
      }),
      { numRuns: 800 },
    );
    // every kind of rewrite was exercised
    for (const kind of ['unknown', 'strindex', 'dupScalar', 'split', 'reorder', 'oneofTwo', 'longTag', 'emptyMsg'] as const) {
      expect(applied.get(kind) ?? 0, kind).toBeGreaterThan(10);
    }
  });

  it('throws the general path\'s DecodeError for truncated or corrupted payloads, or agrees with it', () => {
    fc.assert(
      fc.property(
        arbResourceLogs({ maxDepth: 3 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        (rl, cutAt, flips) => {
          const full = encodeResourceLogsProto(rl);
          const bytes = full.slice(0, full.length === 0 ? 0 : cutAt % (full.length + 1));
          for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
          expect(transcode(bytes).result).toEqual(general(bytes));
        },
      ),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(transcode(bytes).result).toEqual(general(bytes));
      }),
      { numRuns: 600 },
    );
  });

  it('rejects what the decoder rejects: bad ids, invalid UTF-8, field 0, groups, deep nesting', () => {
    const rec = (...parts: Bytes[]): Uint8Array => u8(ld(2, ld(2, cat(...parts))));
    const cases: Uint8Array[] = [
      rec(ld(9, [1, 2, 3])), // trace id of 3 bytes
      rec(ld(10, new Array<number>(16).fill(1))), // span id of 16 bytes
      rec(ld(6, ld(1, [0xc3, 0x28]))), // invalid UTF-8 key
      rec(ld(3, [0xed, 0xa0, 0x80])), // an encoded surrogate
      rec(ld(5, ld(1, [0xf4, 0x90, 0x80, 0x80]))), // above U+10FFFF
      u8([0x00]),
      u8(tag(1, 3)),
      u8(tag(1, 7)),
      rec(fixed64(1, 5n).slice(0, 5)),
    ];
    let deep: Bytes = str(1, 'leaf');
    for (let i = 0; i < 40; i++) deep = ld(5, ld(1, deep));
    cases.push(rec(ld(5, deep)));
    for (const c of cases) {
      const { result, fellBack } = transcode(c);
      expect(result).toEqual(general(c));
      expect('error' in result).toBe(true);
      expect(fellBack).toBe(true);
    }
  });

  it('applies the AnyValue depth limit exactly as the decoder does', () => {
    const nested = (levels: number): Uint8Array => {
      let v: Bytes = vint(2, 1);
      for (let i = 1; i < levels; i++) v = ld(5, ld(1, v));
      return u8(ld(2, ld(2, ld(5, v))));
    };
    for (const maxDepth of [1, 2, 5, 32, 1000]) {
      for (const levels of [maxDepth - 1, maxDepth, maxDepth + 1]) {
        if (levels < 1) continue;
        const p = nested(levels);
        const { result } = transcode(p, { maxDepth });
        expect(result).toEqual(general(p, { maxDepth }));
        expect('error' in result).toBe(levels > maxDepth);
      }
    }
  });

  it('writes the edge values of every scalar like the general path', () => {
    const rec = (...parts: Bytes[]): Uint8Array => u8(ld(2, ld(2, cat(...parts))));
    const cases: Uint8Array[] = [
      rec(fixed64(1, (1n << 64n) - 1n), fixed64(11, 1n << 53n)),
      rec(vint(2, -1), ld(5, vint(3, -(1n << 63n)))),
      rec(ld(5, vint(3, (1n << 63n) - 1n))),
      rec(ld(5, double(4, -0))),
      rec(ld(5, double(4, 1e-7))),
      rec(ld(5, double(4, NaN))),
      rec(vint(7, 0xffffffff), fixed32(8, 0xffffffff)),
      rec(ld(5, [0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02])), // bool: only a bit above 64 set
      rec(ld(5, [0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])), // int64: bits above 64 dropped
      rec(ld(9, new Array<number>(16).fill(0)), ld(10, new Array<number>(8).fill(0))), // all-zero ids: no id
      rec(ld(5, str(1, '\u0000\u001f"\\\n\r\t\u007f\u2028\ufeff😀'))),
      rec(ld(5, ld(7, []))),
      rec(ld(5, ld(5, [])), ld(6, ld(2, ld(6, [])))),
    ];
    for (const c of cases) {
      const { result, fellBack } = transcode(c);
      expect(result).toEqual(general(c));
      expect(fellBack).toBe(false);
    }
  });

  it('grows its output buffer wherever a write needs more room', () => {
    const small = new LogsJsonWriter(new JsonOutput(1, 64));
    const escapes = '"\\\n\u0001'.repeat(40);
    fc.assert(
      fc.property(arbLogsData({ maxDepth: 3 }), fc.boolean(), (data, withEscapes) => {
        if (withEscapes) for (const rl of data.resourceLogs) rl.schemaUrl = escapes;
        small.begin();
        for (const rl of data.resourceLogs) small.add(encodeResourceLogsProto(rl));
        expect(Buffer.from(small.end()).toString('utf8')).toBe(encodeLogsJson(data));
      }),
      { numRuns: 200 },
    );
  });

  it('resourceLogsProtoToJson returns the ResourceLogs object text', () => {
    fc.assert(
      fc.property(arbResourceLogs(), (rl) => {
        expect(resourceLogsProtoToJson(encodeResourceLogsProto(rl))).toBe(encodeLogsJson({ resourceLogs: [rl] }).slice(PREFIX.length, -2));
      }),
      { numRuns: 100 },
    );
  });
});

describe('JSON byte writers', () => {
  it('write 64-bit integers like BigInt.toString', () => {
    const out = new JsonOutput(4);
    const arbU64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 54n }), fc.constantFrom(0n, 9n, 10n, (1n << 53n) - 1n, 1n << 53n, 10n ** 19n, (1n << 64n) - 1n));
    fc.assert(
      fc.property(arbU64, (v) => {
        const lo = Number(v & 0xffffffffn);
        const hi = Number(v >> 32n);
        out.reset();
        out.uint64(lo, hi);
        out.byte(0x20);
        out.int64(lo, hi);
        expect(Buffer.from(out.copy()).toString('latin1')).toBe(`${v} ${BigInt.asIntN(64, v)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('validate UTF-8 exactly as a fatal TextDecoder does', () => {
    const dec = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array): boolean => {
      try {
        dec.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const arbByte = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0x41, 0xe0, 0xed, 0xf0, 0xf4, 0x9f, 0xa0, 0x8f, 0x90));
    fc.assert(
      fc.property(fc.array(arbByte, { maxLength: 8 }), (xs) => {
        const b = Uint8Array.from(xs);
        expect(isValidUtf8(b, 0, b.length)).toBe(valid(b));
      }),
      { numRuns: 5000 },
    );
  });
});
