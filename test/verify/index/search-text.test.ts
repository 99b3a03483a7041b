/**
 * The index's filter texts as bytes (SearchTextBytes) are exactly the UTF-8
 * of their string forms, for ASCII records (copied and lower-cased from the
 * record's bytes) and for everything else (through the string form).
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../src/integrity/bytes.js';
import { writeRecord } from '../../../src/integrity/canonical.js';
import { bool, dbl, int, kv, kvlist, newLogRecord, str, type AnyValue, type KeyValue } from '../../../src/otlp/types.js';
import { attrsSearchText, bodySearchText, SearchTextBytes } from '../../../src/verify/index/search-text.js';

function canonical(body: AnyValue, attributes: KeyValue[]): Uint8Array {
  const r = newLogRecord();
  r.body = body;
  r.attributes = attributes;
  const w = new ByteWriter(256);
  writeRecord(w, r);
  // At an offset, as the scanner's output holds records.
  const out = new Uint8Array(w.pos + 7);
  out.set(w.buf.subarray(0, w.pos), 7);
  return out;
}

const utf8 = new TextDecoder();

describe('filter text bytes', () => {
  const cases: Array<[string, AnyValue, KeyValue[]]> = [
    ['ASCII body with capitals', str('GET /API/v1 User=Alice TOOK 5ms'), [kv('user', str('Alice')), kv('http.status', int(500))]],
    ['non-ASCII body (lower-cased as JS does)', str('ÉCOLE Straße İstanbul ΣΑΣ'), [kv('ok', bool(true)), kv('ratio', dbl(0.25))]],
    ['non-ASCII attribute value and key', str('plain'), [kv('名前', str('Ünïcode')), kv('user', str('Ünïcode'))]],
    ['structured body', kvlist([kv('Msg', str('Hello WORLD')), kv('n', int(-3))]), [kv('list', { type: 'array', value: [str('A'), int(1)] })]],
    ['empty body, no attributes', { type: 'empty' }, []],
    ['bytes attribute', str('x'), [kv('raw', { type: 'bytes', value: new Uint8Array([0, 255, 65]) })]],
  ];
  for (const [name, body, attrs] of cases) {
    it(name, () => {
      const b = canonical(body, attrs);
      const bodyT = new SearchTextBytes();
      const attrsT = new SearchTextBytes();
      const bb = bodyT.body(b, 7);
      const ab = attrsT.attrs(b, 7);
      expect(utf8.decode(bb)).toBe(bodySearchText(b, 7));
      expect(utf8.decode(ab)).toBe(attrsSearchText(b, 7));
      expect([...bb]).toEqual([...new TextEncoder().encode(bodySearchText(b, 7))]);
      expect([...ab]).toEqual([...new TextEncoder().encode(attrsSearchText(b, 7))]);
    });
  }

  it('grows its buffer for long texts, and each object keeps its own result', () => {
    const long = 'AbC'.repeat(5000);
    const b = canonical(str(long), [kv('k', str(long))]);
    const t = new SearchTextBytes();
    const u = new SearchTextBytes();
    const body = t.body(b, 7);
    const attrs = u.attrs(b, 7);
    expect(utf8.decode(body)).toBe(long.toLowerCase());
    expect(utf8.decode(attrs)).toBe(`\x1fk\x1e${long}\x1f`);
  });
});
