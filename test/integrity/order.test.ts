/**
 * A verdict is a function of the set of records (docs/PROTOCOL.md §9): the
 * same records, shuffled, regrouped into other lines, duplicated and split
 * across other files in another order, give the same report — findings,
 * counts, epochs and anchors — apart from `where` (which copy was read where).
 * Two different records with one seq included: which copy the chain
 * continues from does not depend on which was read first.
 */
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/integrity/bytes.js';
import { ChainHasher } from '../../src/integrity/chain.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { verifyPassesSync, type VerifyReport } from '../../src/verify/core/index.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { kv, newResource, newScope, str, type InstrumentationScope, type LogRecord, type LogsData, type Resource, type ResourceLogs } from '../../src/otlp/types.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { appRecords, buildStream, T0 } from '../helpers/stream.js';

const a0 = signerFromSeed(new Uint8Array(32).fill(41), 0);
const a1 = signerFromSeed(new Uint8Array(32).fill(42), 1);
const a2 = signerFromSeed(new Uint8Array(32).fill(43), 2);
const b0 = signerFromSeed(new Uint8Array(32).fill(51), 0);

/** Host A's stream with keys rotated twice; `dropBefore` removes its oldest records (retention). */
function hostA(stream: string, chain: string): ResourceLogs[] {
  let clock = T0;
  const opts = { crypto: nodeCrypto, signer: a0, now: () => (clock += 1_000n), sealEveryRecords: 4, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '2') };
  const { sealer, genesis } = Sealer.genesis(opts, { stream, chain }, 'new');
  const frames: ResourceLogs[] = [genesis];
  const keys = [a1, a2];
  for (let b = 0; b < 6; b++) {
    sealer.stamp(appRecords(3, b * 3), (rl) => frames.push(rl));
    if (b % 2 === 1 && keys.length) {
      const next = keys.shift()!;
      frames.push(sealer.seal({ nextKey: next.publicKey }));
      sealer.setSigner(next);
    }
  }
  frames.push(sealer.seal());
  return frames;
}

const seqOf = (r: LogRecord): number => Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);

interface Unit {
  resource: Resource;
  scope: InstrumentationScope;
  record: LogRecord;
}

function unitsOf(frames: ResourceLogs[]): Unit[] {
  return frames.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords.map((record) => ({ resource: rl.resource, scope: sl.scope, record }))));
}

// The evidence: a clean rotated stream, a second stream of the same host whose
// announcing seals are gone with its prefix (so its epoch-1+ seals need a keyring
// it does not get), and host B's stream with a changed and a deleted record.
const units: Unit[] = [];
units.push(...unitsOf(hostA('a/one', 'c1')));
units.push(...unitsOf(hostA('a/two', 'c2')).filter((u) => seqOf(u.record) > 9));
{
  const b = buildStream({ records: 20, sealEvery: 6, batch: 5, stream: 'b/one', chain: 'c3', signer: b0 });
  const all = unitsOf(b.frames);
  all.find((u) => seqOf(u.record) === 5)!.record.body = str('changed');
  units.push(...all.filter((u) => seqOf(u.record) !== 9));
}
// Two different records with one seq, beside the genuine ones (PROTOCOL.md §9.3):
// in stream c/one, seq 3 edited with its hash left as it was, and seq 7 edited
// with its hash recomputed from the true previous hash (so it links, but seq 8
// does not link to it). Whichever copy is read first, the chain continues from
// the genuine one: one conflicting_duplicate each, nothing else.
{
  const c = buildStream({ records: 12, sealEvery: 5, batch: 4, stream: 'c/one', chain: 'c4', signer: b0 });
  const all = unitsOf(c.frames);
  const hasher = new ChainHasher(nodeCrypto);
  const hashAttr = (u: Unit) => u.record.attributes.find((a) => a.key === 'sealog.hash')!;
  const forged = (seq: number, recompute: boolean): Unit => {
    const u = all.find((x) => seqOf(x.record) === seq)!;
    const record = structuredClone(u.record);
    record.body = str(`forged ${seq}`);
    if (recompute) {
      const prev = fromHex((hashAttr(all.find((x) => seqOf(x.record) === seq - 1)!).value as { value: string }).value)!;
      const h = hasher.link(seq, prev, hasher.context(u.resource, u.scope), record);
      record.attributes.find((a) => a.key === 'sealog.hash')!.value = str(toHex(h));
    }
    return { ...u, record };
  };
  units.push(...all, forged(3, false), forged(7, true));
}
// At-least-once delivery: some records arrive twice.
const evidence = [...units, ...units.filter((_, i) => i % 5 === 0)];

function linesOf(order: number[], cuts: number[]): LogsData[] {
  const lines: LogsData[] = [];
  let at = 0;
  let c = 0;
  while (at < order.length) {
    const n = Math.max(1, cuts[c++ % Math.max(1, cuts.length)] ?? 1);
    const resourceLogs = order.slice(at, at + n).map((i) => {
      const u = evidence[i]!;
      return { resource: u.resource, scopeLogs: [{ scope: u.scope, logRecords: [u.record], schemaUrl: '' }], schemaUrl: '' };
    });
    lines.push({ resourceLogs });
    at += n;
  }
  return lines;
}

function verifyLines(lines: LogsData[]): VerifyReport {
  const trust = new TrustStore(nodeCrypto);
  trust.addAnchor(a0.publicKey, 'a.pub');
  trust.addAnchor(b0.publicKey, 'b.pub');
  return verifyPassesSync({ crypto: nodeCrypto, trust, nowNs: () => T0 + 10_000_000_000n }, (v) => lines.forEach((d, i) => v.addLogsData(d, `f:${i + 1}`))).report();
}

/** The report without `where` (which copy of a record was read, and where). */
function normal(r: VerifyReport): string {
  return JSON.stringify(r, (k, v: unknown) => (k === 'where' ? undefined : typeof v === 'bigint' ? v.toString() : v));
}

const inOrder = evidence.map((_, i) => i);
const reference = verifyLines(linesOf(inOrder, [3]));

describe('order-independent verdicts', () => {
  it('the reference report holds the findings the evidence calls for', () => {
    const kinds = reference.streams.map((s) => [s.stream, s.findings.map((f) => `${f.kind}@${f.seq ?? '-'}`)]);
    expect(kinds).toEqual([
      ['a/one', []],
      ['a/two', expect.arrayContaining(['absent_prefix@1', 'unknown_key@14'])],
      ['b/one', ['modified@5', 'missing@9']],
      ['c/one', ['conflicting_duplicate@3', 'conflicting_duplicate@7']],
    ]);
    expect(reference.streams.map((s) => s.anchor)).toEqual([a0.keyId, undefined, b0.keyId, b0.keyId]);
    expect(reference.streams[0]!.epochs).toEqual([0, 1, 2]);
  });

  it('a forged copy of seq 3 read before or after the genuine one: the same single conflicting_duplicate', () => {
    const c = evidence.filter((u) => u.resource.attributes.some((a) => a.key === 'sealog.stream' && (a.value as { value: string }).value === 'c/one'));
    const forged = c.filter((u) => seqOf(u.record) === 3 && u.record.body.type === 'string' && u.record.body.value === 'forged 3');
    expect(forged).toHaveLength(1);
    const genuineFirst = c.filter((u) => !forged.includes(u));
    const line = (us: Unit[]): LogsData => ({ resourceLogs: us.map((u) => ({ resource: u.resource, scopeLogs: [{ scope: u.scope, logRecords: [u.record], schemaUrl: '' }], schemaUrl: '' })) });
    const a = verifyLines([line(genuineFirst), line(forged)]);
    const b = verifyLines([line(forged), line(genuineFirst)]);
    expect(normal(a)).toBe(normal(b));
    expect(a.streams[0]!.findings.map((f) => `${f.kind}@${f.seq}`)).toEqual(['conflicting_duplicate@3', 'conflicting_duplicate@7']);
  });

  it('shuffled, regrouped and duplicated input gives the identical report', () => {
    const want = normal(reference);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: evidence.length, maxLength: evidence.length }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        (keys, cuts) => {
          const order = inOrder.slice().sort((x, y) => keys[x]! - keys[y]! || x - y);
          expect(normal(verifyLines(linesOf(order, cuts)))).toBe(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('files: split across files, in any file order, through `sealog verify`\'s reader', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sealog-order-'));
      await writeFile(join(dir, 'a.pub'), JSON.stringify({ format: 'sealog-pub-v1', alg: 'ed25519', anchor_id: a0.keyId, epoch: 0, key_id: a0.keyId, public_key: Buffer.from(a0.publicKey).toString('hex') }, null, 2));
      await writeFile(join(dir, 'b.pub'), JSON.stringify({ format: 'sealog-pub-v1', alg: 'ed25519', anchor_id: b0.keyId, epoch: 0, key_id: b0.keyId, public_key: Buffer.from(b0.publicKey).toString('hex') }, null, 2));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it('every split into 1-4 files and every file order gives the identical report', async () => {
      const runs = fc.sample(
        fc.record({
          keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: evidence.length, maxLength: evidence.length }),
          cuts: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
          files: fc.integer({ min: 1, max: 4 }),
        }),
        { numRuns: 8, seed: 13 },
      );
      let want: string | undefined;
      for (const [n, run] of runs.entries()) {
        const order = inOrder.slice().sort((x, y) => run.keys[x]! - run.keys[y]! || x - y);
        const lines = linesOf(order, run.cuts).map((d) => encodeLogsJson(d));
        const files: string[] = [];
        for (let f = 0; f < run.files; f++) {
          const file = join(dir, `run${n}-part${f}.jsonl`);
          await writeFile(file, lines.filter((_, i) => i % run.files === f).join('\n') + '\n');
          files.push(file);
        }
        const { report } = await checkFiles({ keyFiles: [join(dir, 'a.pub'), join(dir, 'b.pub')], files: files.reverse(), nowNs: () => T0 + 10_000_000_000n });
        // Anchor sources name the key files given, so the runs share them.
        const got = normal(report);
        want ??= got;
        expect(got).toBe(want);
      }
      expect(JSON.parse(want!).streams.map((s: { stream: string }) => s.stream)).toEqual(['a/one', 'a/two', 'b/one', 'c/one']);
    });
  });
});
