/**
 * The byte-level matcher against a plain reference over the OTLP model: for
 * random records and random queries both must agree (and the decoders of
 * canonical bytes must give back the record).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../src/integrity/bytes.js';
import { canonicalRecord, writeContext } from '../../../src/integrity/canonical.js';
import type { AnyValue, KeyValue, LogRecord } from '../../../src/otlp/types.js';
import { contextModel, recordModel } from '../../../src/verify/search/canonical-read.js';
import { RecordMatcher } from '../../../src/verify/search/match.js';
import { parseCondition, type Query } from '../../../src/verify/search/query.js';

function plain(v: AnyValue): unknown {
  switch (v.type) {
    case 'empty':
      return null;
    case 'int':
      return v.value.toString();
    case 'bytes':
      return Buffer.from(v.value).toString('base64');
    case 'array':
      return v.value.map(plain);
    case 'kvlist':
      return Object.fromEntries(v.value.map((kv) => [kv.key, plain(kv.value)]));
    default:
      return v.value;
  }
}

function text(v: AnyValue): string {
  if (v.type === 'empty') return '';
  if (v.type === 'array' || v.type === 'kvlist') return JSON.stringify(plain(v));
  return String(plain(v));
}

function words(v: AnyValue, out: string[] = []): string[] {
  if (v.type === 'array') for (const x of v.value) words(x, out);
  else if (v.type === 'kvlist')
    for (const kv of v.value) {
      out.push(kv.key);
      words(kv.value, out);
    }
  else if (v.type !== 'empty') out.push(String(plain(v)));
  return out;
}

function attrOk(attrs: KeyValue[], c: Query['where'][number]): boolean {
  return attrs.some((a) => a.key === c.key && (c.op === '=' ? text(a.value) === c.value : c.regex!.test(text(a.value))));
}

/** The rules of docs/VERIFY.md "Search", written over the model. */
function reference(q: Query, r: LogRecord, resource: KeyValue[], seq: number): boolean {
  const t = r.timeUnixNano || r.observedTimeUnixNano;
  if (q.seqFrom !== undefined && seq < q.seqFrom) return false;
  if (q.seqTo !== undefined && seq > q.seqTo) return false;
  if ((q.sinceNs !== undefined || q.untilNs !== undefined) && t === 0n) return false;
  if (q.sinceNs !== undefined && t < q.sinceNs) return false;
  if (q.untilNs !== undefined && t > q.untilNs) return false;
  if (q.minSeverity !== undefined && r.severityNumber < q.minSeverity) return false;
  if (!q.resource.every((c) => attrOk(resource, c))) return false;
  if (!q.where.every((c) => attrOk(r.attributes, c))) return false;
  const body = (r.body.type === 'string' ? r.body.value : words(r.body).join(' ')).toLowerCase();
  return q.text.every((w) => body.includes(w));
}

const word = fc.constantFrom('alice', 'Alice', 'BOB', 'login', 'failed', 'ünïcode', 'İstanbul', 'x', '500', 'true');
const leaf: fc.Arbitrary<AnyValue> = fc.oneof(
  fc.array(word, { maxLength: 4 }).map((w) => ({ type: 'string' as const, value: w.join(' ') })),
  fc.boolean().map((value) => ({ type: 'bool' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'int' as const, value })),
  fc.constantFrom(500n, 200n).map((value) => ({ type: 'int' as const, value })),
  fc.double({ noNaN: true }).map((value) => ({ type: 'double' as const, value })),
  fc.uint8Array({ maxLength: 6 }).map((value) => ({ type: 'bytes' as const, value })),
  fc.constant({ type: 'empty' as const }),
);
const keyName = fc.constantFrom('user', 'http.status', 'k', 'sealog.x');
const value: fc.Arbitrary<AnyValue> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }).map((value) => ({ type: 'array' as const, value })) },
  { weight: 1, arbitrary: fc.array(fc.record({ key: keyName, value: leaf }), { maxLength: 3 }).map((value) => ({ type: 'kvlist' as const, value })) },
);
const attrs = fc.uniqueArray(fc.record({ key: keyName, value }), { maxLength: 4, selector: (a) => a.key });
const time = fc.constantFrom(0n, 1_000n, 2_000n, 3_000n);

const record: fc.Arbitrary<LogRecord> = fc.record({
  timeUnixNano: time,
  observedTimeUnixNano: time,
  severityNumber: fc.integer({ min: 0, max: 24 }),
  severityText: fc.constantFrom('', 'INFO'),
  // Mostly text, the common case --text is for.
  body: fc.oneof({ weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => ({ type: 'string' as const, value: w.join(' ') })) }, { weight: 1, arbitrary: value }),
  attributes: attrs,
  droppedAttributesCount: fc.constant(0),
  flags: fc.constant(0),
  traceId: fc.constant(new Uint8Array(0)),
  spanId: fc.constant(new Uint8Array(0)),
  eventName: fc.constantFrom('', 'login'),
});

const condition = fc
  .tuple(keyName, fc.constantFrom('=', '~'), fc.constantFrom('alice', 'true', '500', '', '^a', 'li', '\\d'))
  .map(([k, op, v]) => parseCondition(`${k}${op}${v}`, '--where'));
/** Each filter is absent two times in three, so that records get past the others to the one being tested. */
const rare = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const query: fc.Arbitrary<Query> = fc.record(
  {
    sinceNs: rare(time),
    untilNs: rare(time),
    streams: fc.constant([]),
    resource: rare(condition).map((c) => (c ? [c] : [])),
    where: fc.tuple(rare(condition), rare(condition)).map((cs) => cs.filter((c) => c !== undefined)),
    minSeverity: rare(fc.integer({ min: 1, max: 24 })),
    text: fc.tuple(rare(word), rare(word)).map((ws) => ws.filter((w) => w !== undefined).map((w) => w.toLowerCase())),
    seqFrom: rare(fc.integer({ min: 1, max: 5 })),
    seqTo: rare(fc.integer({ min: 1, max: 5 })),
  },
  { requiredKeys: ['streams', 'resource', 'where', 'text'] },
);

describe('search matching on canonical bytes', () => {
  it('agrees with the reference over the model for any record and query', () => {
    fc.assert(
      fc.property(record, attrs, query, fc.integer({ min: 1, max: 6 }), (r, resAttrs, q, seq) => {
        const bytes = canonicalRecord(r);
        const w = new ByteWriter(256);
        writeContext(w, { attributes: resAttrs, droppedAttributesCount: 0, entityRefs: [] }, { name: 's', version: '1', attributes: [], droppedAttributesCount: 0 });
        const ctx = w.toBytes();
        const m = new RecordMatcher(q);
        const got = m.contextMatches(ctx, 0) && m.recordMatches(bytes, 0, seq);
        expect(got).toBe(reference(q, r, resAttrs, seq));
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes canonical bytes back to the record and its context', () => {
    fc.assert(
      fc.property(record, attrs, (r, resAttrs) => {
        const bytes = canonicalRecord(r);
        // Decoding then encoding again gives the same canonical bytes.
        expect(canonicalRecord(recordModel(bytes, 0))).toEqual(bytes);
        const w = new ByteWriter(256);
        writeContext(w, { attributes: resAttrs, droppedAttributesCount: 0, entityRefs: [] }, { name: 'n', version: 'v', attributes: resAttrs, droppedAttributesCount: 0 });
        const ctx = w.toBytes();
        const back = contextModel(ctx, 0);
        const w2 = new ByteWriter(256);
        writeContext(w2, back.resource, back.scope);
        expect(w2.toBytes()).toEqual(ctx);
      }),
      { numRuns: 1000 },
    );
  });
});
