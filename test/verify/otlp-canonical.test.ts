/**
 * The checker's fast path (src/verify/json/otlp-canonical.ts) against the general
 * decoder plus the canonical encoder: for every line it accepts, every
 * record's canonical bytes, seq, claimed hash and control flag and every
 * scope's context must be what decoding the line gives; lines it does not
 * handle must be refused (the checker then uses the general decoder).
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/otlp/binary-text.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, ATTR_TYPE, canonicalRecord, writeContext } from '../../src/integrity/canonical.js';
import { ByteWriter, fromHex } from '../../src/integrity/bytes.js';
import { decodeLogsJson, encodeLogsJson } from '../../src/otlp/json.js';
import { getAttr, type AnyValue, type KeyValue, type LogsData } from '../../src/otlp/types.js';
import { OtlpCanonicalScanner } from '../../src/verify/json/index.js';
import { arbLogsData } from '../otlp/arbitraries.js';

interface Shape {
  resources: Array<{ stream?: string; chain?: string; records: number; scopes: Array<{ ctx: string; records: Array<{ bytes: string; seq: number; claimed?: string; control: boolean }> }> }>;
}

const enc = new TextEncoder();

function seqOf(attrs: KeyValue[]): number {
  const v = getAttr(attrs, ATTR_SEQ);
  if (v?.type !== 'int' || v.value < 1n || v.value > BigInt(Number.MAX_SAFE_INTEGER)) return -1;
  return Number(v.value);
}

function claimedOf(attrs: KeyValue[]): string | undefined {
  const v = getAttr(attrs, ATTR_HASH);
  if (v?.type !== 'string') return undefined;
  const b = fromHex(v.value);
  return b && b.length === 32 ? bytesToHex(b) : undefined;
}

/** What the general path sees in a line. */
function general(text: string): Shape {
  const data = decodeLogsJson(text);
  return {
    resources: data.resourceLogs.map((rl) => {
      const s = getAttr(rl.resource.attributes, ATTR_STREAM);
      const c = getAttr(rl.resource.attributes, ATTR_CHAIN);
      return {
        ...(s?.type === 'string' ? { stream: s.value } : {}),
        ...(c?.type === 'string' ? { chain: c.value } : {}),
        records: rl.scopeLogs.reduce((n, sl) => n + sl.logRecords.length, 0),
        scopes: rl.scopeLogs.map((sl) => {
          const w = new ByteWriter(64);
          writeContext(w, rl.resource, sl.scope);
          return {
            ctx: bytesToHex(w.toBytes()),
            records: sl.logRecords.map((r) => {
              const claimed = claimedOf(r.attributes);
              return { bytes: bytesToHex(canonicalRecord(r)), seq: seqOf(r.attributes), ...(claimed ? { claimed } : {}), control: getAttr(r.attributes, ATTR_TYPE) !== undefined };
            }),
          };
        }),
      };
    }),
  };
}

/** What the fast path makes of it, or undefined when it refuses the line. */
function fast(text: string | Uint8Array, scanner = new OtlpCanonicalScanner(isUtf8)): Shape | undefined {
  const line = typeof text === 'string' ? enc.encode(text) : text;
  if (!scanner.scan(line)) return undefined;
  const out = scanner.out;
  const resources: Shape['resources'] = [];
  for (let r = 0; r < scanner.resourceCount; r++) {
    const res = scanner.resources[r]!;
    const scopes: Shape['resources'][number]['scopes'] = [];
    for (let s = res.firstScope; s < res.firstScope + res.scopes; s++) {
      const records = [];
      for (let k = scanner.scopeFirstRecord(s); k < scanner.scopeFirstRecord(s) + scanner.scopeRecords(s); k++) {
        const at = scanner.recordClaimedAt(k);
        const claimed = at < 0 ? undefined : scanner.claimed.subarray(at, at + 32);
        const cs = scanner.controlStart(k);
        records.push({
          bytes: bytesToHex(out.subarray(scanner.recordStart(k), scanner.recordEnd(k))),
          seq: scanner.recordSeq(k),
          ...(claimed ? { claimed: bytesToHex(claimed) } : {}),
          control: cs >= 0,
        });
        if (cs >= 0) {
          // The control record's JSON is the record object itself.
          const json = JSON.parse(new TextDecoder().decode(line.subarray(cs, scanner.controlEnd(k)))) as unknown;
          expect(typeof json).toBe('object');
        }
      }
      scopes.push({ ctx: bytesToHex(out.subarray(scanner.contextStart(s), scanner.contextEnd(s))), records });
    }
    resources.push({ ...(res.stream !== undefined ? { stream: res.stream } : {}), ...(res.chain !== undefined ? { chain: res.chain } : {}), records: res.records, scopes });
  }
  return { resources };
}

function expectSame(text: string): void {
  const f = fast(text);
  expect(f, `fast path refused: ${text.slice(0, 300)}`).toBeDefined();
  expect(f).toEqual(general(text));
}

/** Either refused, or the same as the general path; never a different answer. */
function expectSameOrRefused(text: string, scanner?: OtlpCanonicalScanner): boolean {
  const f = fast(text, scanner);
  let g: Shape | undefined;
  try {
    g = general(text);
  } catch {
    expect(f, `fast path accepted what the general decoder rejects: ${text.slice(0, 300)}`).toBeUndefined();
    return false;
  }
  if (f !== undefined) expect(f).toEqual(g);
  return f !== undefined;
}

const HASH = 'ab'.repeat(32);

/** Data the fast path must always take: no bytesValue, no non-finite doubles, no entityRefs; with sealog attributes. */
function fastable(d: LogsData): LogsData {
  const fix = (v: AnyValue): AnyValue => {
    if (v.type === 'bytes') return { type: 'string', value: bytesToHex(v.value) };
    if (v.type === 'double' && !Number.isFinite(v.value)) return { type: 'double', value: 0.5 };
    if (v.type === 'array') return { type: 'array', value: v.value.map(fix) };
    if (v.type === 'kvlist') return { type: 'kvlist', value: v.value.map((e) => ({ key: e.key, value: fix(e.value) })) };
    return v;
  };
  const attrs = (a: KeyValue[]): KeyValue[] => a.map((e) => ({ key: e.key, value: fix(e.value) }));
  let seq = 0;
  return {
    resourceLogs: d.resourceLogs.map((rl, i) => ({
      ...rl,
      resource: {
        ...rl.resource,
        entityRefs: [],
        attributes: [...attrs(rl.resource.attributes), { key: ATTR_STREAM, value: { type: 'string', value: `s${i}/ü` } }, { key: ATTR_CHAIN, value: { type: 'string', value: '0011223344556677' } }],
      },
      scopeLogs: rl.scopeLogs.map((sl) => ({
        ...sl,
        scope: { ...sl.scope, attributes: attrs(sl.scope.attributes) },
        logRecords: sl.logRecords.map((r) => ({
          ...r,
          body: fix(r.body),
          attributes: [{ key: ATTR_HASH, value: { type: 'string', value: HASH } }, ...attrs(r.attributes), { key: ATTR_SEQ, value: { type: 'int', value: BigInt(++seq) } }],
        })),
      })),
    })),
  };
}

/** Rewrites the JSON text's structure: f maps every object (member names and order) bottom-up. */
function restructure(text: string, f: (o: Record<string, unknown>) => Record<string, unknown>, space?: string): string {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return f(o);
    }
    return v;
  };
  return JSON.stringify(walk(JSON.parse(text)), null, space);
}

const snake = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
/** Members in reverse order, except within a KeyValue (a value before its key is left to the general decoder). */
const reversed = (o: Record<string, unknown>): Record<string, unknown> => ('key' in o ? o : Object.fromEntries(Object.entries(o).reverse()));
const withExtras = (o: Record<string, unknown>): Record<string, unknown> => ({ zUnknown: { a: [1, -2.5e3, true, null, 'x\\"y'], b: {} }, ...o, severityText: o['severityText'] ?? null });
/** 64-bit values (strings in our encoder) as bare JSON numbers. */
const bareInts = (text: string): string => text.replace(/"(timeUnixNano|observedTimeUnixNano|intValue)":"(-?\d+)"/g, '"$1":$2');

describe('fast path: OTLP JSON line to canonical bytes', () => {
  it('gives exactly the general decoder\'s canonical bytes, seqs, hashes and contexts (arbitrary data, our encoder)', () => {
    fc.assert(
      fc.property(arbLogsData({ maxDepth: 4 }), (d) => {
        expectSame(encodeLogsJson(fastable(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('takes snake_case, reordered members, unknown keys, nulls, whitespace and bare 64-bit integers', () => {
    fc.assert(
      fc.property(arbLogsData({ maxDepth: 3 }), fc.constantFrom('', ' ', '\t', '\r\n  '), (d, space) => {
        const text = encodeLogsJson(fastable(d));
        expectSame(bareInts(text));
        expectSame(restructure(text, snake, space));
        expectSame(restructure(text, reversed, space));
        expectSame(restructure(text, withExtras, space));
        expectSame(bareInts(restructure(text, (o) => snake(reversed(o)), space)));
      }),
      { numRuns: 150 },
    );
  });

  it('never disagrees with the general decoder on arbitrary data, including what it refuses', () => {
    const scanner = new OtlpCanonicalScanner(isUtf8);
    fc.assert(
      fc.property(arbLogsData({ maxDepth: 3 }), (d) => {
        expectSameOrRefused(encodeLogsJson(d), scanner);
      }),
      { numRuns: 300 },
    );
  });

  it('never disagrees on mutated lines (damage is refused or read the same way)', () => {
    const base = encodeLogsJson(fastable({
      resourceLogs: [{ resource: { attributes: [], droppedAttributesCount: 0, entityRefs: [] }, schemaUrl: '', scopeLogs: [{ scope: { name: 'n', version: 'v', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', logRecords: [{ timeUnixNano: 5n, observedTimeUnixNano: 6n, severityNumber: 9, severityText: 'INFO', body: { type: 'string', value: 'héllo "x"' }, attributes: [{ key: 'k', value: { type: 'int', value: -7n } }], droppedAttributesCount: 0, flags: 1, traceId: new Uint8Array(16).fill(1), spanId: new Uint8Array(8).fill(2), eventName: 'e' }] }] }],
    }));
    const scanner = new OtlpCanonicalScanner(isUtf8);
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.constantFrom('', '"', '\\', '{', '}', ',', ':', '0', '-', '.5', 'e9', ' ', 'null', '\u00e9', '\\u0041', '\\ud800'), fc.nat(3), (at, ins, del) => {
        expectSameOrRefused(base.slice(0, at) + ins + base.slice(at + del), scanner);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads several resourceLogs per line, unsorted and duplicate attribute keys, escapes and non-ASCII text', () => {
    expectSame(
      '{"resourceLogs":[' +
        '{"resource":{"attributes":[{"key":"z","value":{"intValue":"1"}},{"key":"sealog.stream","value":{"stringValue":"h/\\u00fc"}},{"key":"a","value":{"stringValue":"2"}},{"key":"a","value":{"stringValue":"1"}},{"key":"sealog.chain","value":{"stringValue":"c"}}]},' +
        '"scopeLogs":[{"logRecords":[{"body":{"stringValue":"caf\u00e9 \\ud83d\\ude00 \ud83d\ude00 \\t\\n\\"\\\\\\/\\b\\f"},"attributes":[{"key":"sealog.seq","value":{"intValue":7}},{"key":"sealog.hash","value":{"stringValue":"' + HASH.toUpperCase() + '"}},{"key":"b","value":{"kvlistValue":{"values":[{"key":"y","value":{}},{"key":"x","value":{"arrayValue":{"values":[{"boolValue":false},{"doubleValue":-0},{"doubleValue":1e-7}]}}}]}}},{"key":"a","value":{"intValue":"-9223372036854775808"}}]}],"scope":{"version":"2","name":"s"}}]},' +
        '{"scopeLogs":[{"logRecords":[{}]}]},' +
        '{"resource":{},"scopeLogs":[]},' +
        '{"resource":{"attributes":[{"key":"sealog.stream","value":{"intValue":"1"}},{"key":"sealog.stream","value":{"stringValue":"later"}}]},"scopeLogs":[{"scope":{},"logRecords":[{"timeUnixNano":18446744073709551615,"severityNumber":-3,"flags":4294967295,"traceId":"00000000000000000000000000000000","spanId":"","attributes":[{"key":"sealog.seq","value":{"stringValue":"1"}},{"key":"sealog.seq","value":{"intValue":"2"}},{"key":"sealog.type","value":{"stringValue":"seal"}}]}]}]}' +
        ']}',
    );
  });

  it('sorts attribute lists of every size as the general encoder does: a few (by insertion), dozens, duplicates and shared prefixes', () => {
    const kv = (k: string, v: string): string => `{"key":${JSON.stringify(k)},"value":{"stringValue":${JSON.stringify(v)}}}`;
    for (const n of [2, 3, 7, 23, 24, 25, 40, 200]) {
      // Reverse order, keys that are prefixes of others, equal keys with different values (ordered by value).
      const attrs = Array.from({ length: n }, (_, i) => kv(`k${String(n - i).padStart(3, '0')}${i % 3 === 0 ? '' : 'x'.repeat(i % 3)}`, `v${i % 4}`));
      attrs.push(kv('k001', 'b'), kv('k001', 'a'), kv('', 'empty key'));
      const nested = `{"key":"nest","value":{"kvlistValue":{"values":[${attrs.slice().reverse().join(',')}]}}}`;
      expectSame(`{"resourceLogs":[{"resource":{"attributes":[${attrs.join(',')}]},"scopeLogs":[{"logRecords":[{"attributes":[${[...attrs, nested].join(',')}]}]}]}]}`);
    }
  });

  it('reads the first sealog.seq and sealog.hash only, and only valid ones', () => {
    for (const seq of ['"0"', '-1', '9007199254740991', '9007199254740992', '"12"', '{}']) {
      const value = seq === '{}' ? '{}' : `{"intValue":${seq}}`;
      expectSame(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[{"key":"sealog.seq","value":${value}},{"key":"sealog.hash","value":{"stringValue":"${HASH.slice(2)}"}}]}]}]}]}`);
    }
    expectSame(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"attributes":[{"key":"sealog.hash","value":{"stringValue":"${'g'.repeat(64)}"}},{"key":"sealog.hash","value":{"stringValue":"${HASH}"}}]}]}]}]}`);
  });

  it('refuses what it does not handle, which the general decoder then reads or rejects', () => {
    const record = (r: string): string => `{"resourceLogs":[{"scopeLogs":[{"logRecords":[${r}]}]}]}`;
    const refused = [
      record('{"body":{"bytesValue":"AAE="}}'),
      record('{"body":{"doubleValue":"NaN"}}'),
      record('{"body":{"stringValue":"\\ud800"}}'),
      record('{"b\\u006fdy":{"stringValue":"x"}}'),
      record('{"body":{"stringValue":"x"},"body":{"stringValue":"y"}}'),
      record('{"timeUnixNano":"1","time_unix_nano":"2"}'),
      record('{"attributes":[{"value":{"stringValue":"x"},"key":"k"}]}'),
      record('{"body":{"stringValue":"x","intValue":"1"}}'),
      record('{"timeUnixNano":1.0}'),
      record('{"timeUnixNano":1e3}'),
      record('{"timeUnixNano":0001}'),
      record('{"timeUnixNano":"18446744073709551616"}'),
      record('{"severityNumber":"SEVERITY_NUMBER_INFO"}'),
      record('{"traceId":"0102"}'),
      record('{"body":{"stringValue":"x"}'),
      record('{"body":{"stringValue":"x"}},'),
      '{"resourceLogs":[{"resource":{"entityRefs":[]}}]}',
      '\ufeff{"resourceLogs":[]}',
      '{"resourceLogs":[]} x',
      '[]',
    ];
    for (const text of refused) {
      expect(fast(text), text).toBeUndefined();
      expectSameOrRefused(text);
    }
    expect(fast(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toBeUndefined();
  });

  it('refuses AnyValues nested deeper than the decoder\'s limit', () => {
    let v = '{"stringValue":"x"}';
    for (let i = 0; i < 40; i++) v = `{"arrayValue":{"values":[${v}]}}`;
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${v}}]}]}]}`;
    expect(fast(text)).toBeUndefined();
    expect(() => decodeLogsJson(text)).toThrow(/deeper/);
  });

  it('reuses its buffers across lines of very different sizes', () => {
    const scanner = new OtlpCanonicalScanner(isUtf8);
    const big = encodeLogsJson(fastable({
      resourceLogs: [{ resource: { attributes: [], droppedAttributesCount: 0, entityRefs: [] }, schemaUrl: '', scopeLogs: [{ scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', logRecords: Array.from({ length: 3000 }, (_, i) => ({ timeUnixNano: BigInt(i), observedTimeUnixNano: 0n, severityNumber: 0, severityText: '', body: { type: 'string' as const, value: 'x'.repeat(i % 300) }, attributes: [], droppedAttributesCount: 0, flags: 0, traceId: new Uint8Array(0), spanId: new Uint8Array(0), eventName: '' })) }] }],
    }));
    const small = '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"s"}}]}]}]}';
    for (const t of [small, big, small, big]) expect(fast(t, scanner)).toEqual(general(t));
  });
});
