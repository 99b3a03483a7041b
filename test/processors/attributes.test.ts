import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProcessor } from '../../src/processors/index.js';
import { bool, dbl, int, kv, kvlist, str, type AnyValue } from '../../src/otlp/types.js';
import { NOOP_LOGGER } from '../../src/telemetry/logger.js';
import type { AttributeAction } from '../../src/config/types.js';
import { attrs, logs, record, records } from './data.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function run(actions: AttributeAction[], ...recAttrs: Array<Array<{ key: string; value: AnyValue }>>) {
  const p = createProcessor({ type: 'attributes', id: 'attributes/t', actions }, { logger: NOOP_LOGGER });
  const data = logs(recAttrs.map((a) => record('x', a)));
  p.process(data);
  return records(data).map((r) => attrs(r.attributes));
}

describe('attributes processor', () => {
  it('has the configured id', () => {
    expect(createProcessor({ type: 'attributes', id: 'attributes/x', actions: [] }, { logger: NOOP_LOGGER }).id).toBe('attributes/x');
  });

  it('insert sets only absent keys, update only present ones, upsert always', () => {
    const actions: AttributeAction[] = [
      { key: 'a', action: 'insert', value: 'new' },
      { key: 'b', action: 'update', value: 'upd' },
      { key: 'c', action: 'upsert', value: 'ups' },
    ];
    expect(run(actions, [], [kv('a', str('old')), kv('b', str('old')), kv('c', str('old'))])).toEqual([
      { a: 'new', c: 'ups' },
      { a: 'old', b: 'upd', c: 'ups' },
    ]);
  });

  it('literal values keep their YAML type: int, double, bool', () => {
    const [r] = run([
      { key: 'i', action: 'insert', value: 42 },
      { key: 'd', action: 'insert', value: 1.5 },
      { key: 'b', action: 'insert', value: true },
    ], []);
    expect(r).toEqual({ i: 42n, d: 1.5, b: true });
  });

  it('from_attribute copies another attribute, and does nothing when it is absent', () => {
    const actions: AttributeAction[] = [{ key: 'owner', action: 'upsert', fromAttribute: 'user' }];
    expect(run(actions, [kv('user', int(7))], [])).toEqual([{ user: 7n, owner: 7n }, {}]);
  });

  it('delete removes every attribute with the key', () => {
    expect(run([{ key: 'x', action: 'delete' }], [kv('x', str('1')), kv('y', str('2')), kv('x', str('3'))])).toEqual([{ y: '2' }]);
  });

  it("hash replaces the value with the SHA-256 hex of its string form", () => {
    const [r] = run(
      [
        { key: 's', action: 'hash' },
        { key: 'i', action: 'hash' },
        { key: 'b', action: 'hash' },
        { key: 'd', action: 'hash' },
        { key: 'bytes', action: 'hash' },
        { key: 'map', action: 'hash' },
        { key: 'absent', action: 'hash' },
      ],
      [
        kv('s', str('alice@example.com')),
        kv('i', int(-12)),
        kv('b', bool(false)),
        kv('d', dbl(0.25)),
        kv('bytes', { type: 'bytes', value: new Uint8Array([0, 255, 16]) }),
        kv('map', kvlist([kv('k', str('v')), kv('n', int(1))])),
      ],
    );
    expect(r).toEqual({
      s: sha('alice@example.com'),
      i: sha('-12'),
      b: sha('false'),
      d: sha('0.25'),
      bytes: sha('00ff10'),
      map: sha('{"k":"v","n":1}'),
    });
  });

  it('actions apply in order', () => {
    expect(
      run(
        [
          { key: 'a', action: 'upsert', value: 'secret' },
          { key: 'b', action: 'upsert', fromAttribute: 'a' },
          { key: 'a', action: 'hash' },
        ],
        [],
      ),
    ).toEqual([{ a: sha('secret'), b: 'secret' }]);
  });

  it('never touches sealog.* attributes, even if asked', () => {
    const [r] = run(
      [
        { key: 'sealog.seq', action: 'delete' },
        { key: 'sealog.hash', action: 'upsert', value: 'forged' },
      ],
      [kv('sealog.seq', int(5)), kv('sealog.hash', str('abc'))],
    );
    expect(r).toEqual({ 'sealog.seq': 5n, 'sealog.hash': 'abc' });
  });
});
