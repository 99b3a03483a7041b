/**
 * The checker's finding for a chain restarted with a `spool_tail_lost`
 * genesis (docs/PROTOCOL.md §6.1, docs/VERIFY.md): exactly one declared
 * finding naming the lost range, never tampering; a declaration that does not
 * match the previous chain, or a genesis changed after signing, is a violation.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/integrity/bytes.js';
import { REASON_SPOOL_TAIL_LOST, genesisStatement, parseGenesis, type TailLostFields } from '../../src/integrity/control.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { getAttr, kv, newResource, newScope, str, type LogRecord, type ResourceLogs } from '../../src/otlp/types.js';
import { appRecords, asLines, buildStream, T0, verifyData } from '../helpers/stream.js';

const records = (frames: ResourceLogs[]): LogRecord[] => frames.flatMap((f) => f.scopeLogs.flatMap((sl) => sl.logRecords));
const seqOf = (r: LogRecord): number => Number((getAttr(r.attributes, 'sealog.seq') as { value: bigint }).value);
const hashOf = (r: LogRecord): Uint8Array => fromHex((getAttr(r.attributes, 'sealog.hash') as { value: string }).value)!;

/** Chain A (sealed every 10, no final seal: its tail is unsealed) and chain B restarting after A's spool kept only seqs 1..lastSeq. */
function scenario(lastSeq: number, tweak: (t: TailLostFields) => void = () => undefined) {
  const a = buildStream({ records: 34, sealEvery: 10, batch: 5, chain: 'aaaa', finalSeal: false });
  const recs = records(a.frames);
  const last = recs[recs.length - 1]!;
  const atLast = recs.find((r) => seqOf(r) === lastSeq)!;
  const t: TailLostFields = {
    prevChain: 'aaaa',
    lastSeq,
    lastHash: hashOf(atLast),
    lastFrame: 4,
    ackedFrame: 11,
    ackedChain: 'aaaa',
    ackedSeq: seqOf(last),
    ackedHash: hashOf(last),
  };
  tweak(t);
  let clock = T0 + 5_000_000_000n;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: a.signer, now: () => (clock += 1n), sealEveryRecords: 5, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
    { stream: a.stream, chain: 'bbbb' },
    REASON_SPOOL_TAIL_LOST,
    t,
  );
  const b: ResourceLogs[] = [genesis];
  sealer.stamp(appRecords(3), (rl) => b.push(rl));
  b.push(sealer.seal());
  return { a, b, lastA: seqOf(last) };
}

const all = (r: ReturnType<typeof verifyData>) => [...r.findings, ...r.streams.flatMap((s) => s.findings)];

describe('spool_tail_lost genesis', () => {
  it('the genesis signs its tail-lost fields and they parse back', () => {
    const { b } = scenario(12);
    const g = parseGenesis(b[0]!.scopeLogs[0]!.logRecords[0]!);
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.reason).toBe('spool_tail_lost');
    expect(g.value.tailLost).toMatchObject({ prevChain: 'aaaa', lastSeq: 12, lastFrame: 4, ackedFrame: 11, ackedChain: 'aaaa' });
    const { sig: _sig, ...rest } = g.value;
    const withTail = genesisStatement({ stream: 'host1/logs', chain: 'bbbb' }, 1, rest);
    const { tailLost: _t, ...plain } = rest;
    expect(withTail.length).toBeGreaterThan(genesisStatement({ stream: 'host1/logs', chain: 'bbbb' }, 1, plain).length);
  });

  it('is ONE warning on the previous chain naming the lost range, and nothing else (the unsealed tail is part of it)', () => {
    const { a, b, lastA } = scenario(12);
    const r = verifyData([...asLines(a.frames), ...asLines(b)], a.signer);
    expect(r.intact).toBe(true);
    const f = all(r);
    expect(f.map((x) => `${x.kind}:${x.severity}:${x.chain}:${x.seq}..${x.seqEnd}`)).toEqual([`spool_tail_lost:warning:aaaa:13..${lastA}`]);
    expect(f[0]!.message).toContain(`records 13..${lastA} of chain aaaa`);
    expect(f[0]!.message).toContain('chain bbbb');
    expect(f[0]!.message).toContain('covered by no seal');
    expect(f.some((x) => ['conflicting_duplicate', 'modified', 'invalid_seal', 'chain_restart', 'unsealed_tail'].includes(x.kind))).toBe(false);
  });

  it('is a violation with --strict, still one finding', () => {
    const { a, b } = scenario(12);
    const r = verifyData([...asLines(a.frames), ...asLines(b)], a.signer, { strict: true });
    expect(r.intact).toBe(false);
    expect(all(r).map((x) => `${x.kind}:${x.severity}`)).toEqual(['spool_tail_lost:violation']);
  });

  it('covers an unsealed stretch the spool still held (last_seq past the last seal) by the signed hash', () => {
    const { a, b, lastA } = scenario(25);
    const f = all(verifyData([...asLines(a.frames), ...asLines(b)], a.signer));
    expect(f.map((x) => `${x.kind}:${x.seq}..${x.seqEnd}`)).toEqual([`spool_tail_lost:26..${lastA}`]);
  });

  it('the new chain alone (previous chain not in the input) still gives one declared finding', () => {
    const { a, b } = scenario(12);
    const r = verifyData(asLines(b), a.signer);
    expect(all(r).map((x) => `${x.kind}:${x.chain}`)).toEqual(['spool_tail_lost:bbbb']);
  });

  it('a declared hash that does not match the previous chain is a violation', () => {
    const { a, b } = scenario(12, (t) => {
      t.lastHash = new Uint8Array(32).fill(7);
    });
    const r = verifyData([...asLines(a.frames), ...asLines(b)], a.signer);
    expect(r.intact).toBe(false);
    const f = all(r).filter((x) => x.severity === 'violation');
    expect(f.map((x) => x.kind)).toContain('spool_tail_lost');
    expect(f.find((x) => x.kind === 'spool_tail_lost')!.message).toContain('does not match');
  });

  it('a tail-lost field changed after signing breaks the genesis signature', () => {
    const { a, b } = scenario(12);
    const body = b[0]!.scopeLogs[0]!.logRecords[0]!.body;
    if (body.type !== 'kvlist') throw new Error('genesis body is a kvlist');
    const e = body.value.find((x) => x.key === 'last_seq')!;
    e.value = { type: 'int', value: 30n };
    const kinds = all(verifyData([...asLines(a.frames), ...asLines(b)], a.signer)).map((x) => x.kind);
    expect(kinds).toContain('forged_seal');
  });
});
