/** One named test per finding type the checker reports. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { sealStatement, parseSeal } from '../../src/integrity/control.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import { generateKeyFiles, loadKeyFile } from '../../src/integrity/node/keyfile.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { decodeLogsJson, encodeLogsJson } from '../../src/otlp/json.js';
import { kv, newResource, newScope, str, type LogRecord, type ResourceLogs } from '../../src/otlp/types.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { appRecords, asLines, buildStream, resignControl, T0, testSigner, verifyData } from '../helpers/stream.js';

function seqOf(r: LogRecord): number {
  return Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
}
function kinds(r: ReturnType<typeof verifyData>, sev = 'violation') {
  return [...r.findings, ...r.streams.flatMap((s) => s.findings)].filter((f) => f.severity === sev).map((f) => `${f.kind}@${f.seq ?? '-'}`);
}
const sealFrames = (frames: ResourceLogs[]) => frames.filter((f) => f.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.seal');

describe('checker findings', () => {
  it('modified: a changed record is named by seq', () => {
    const s = buildStream({ records: 20, sealEvery: 5 });
    const rec = s.frames[1]!.scopeLogs[0]!.logRecords[1]!;
    rec.severityNumber = 21;
    expect(kinds(verifyData(asLines(s.frames), s.signer))).toEqual([`modified@${seqOf(rec)}`]);
  });

  it('a changed seal record: modified, and (v2) its signature no longer verifies, the last seal included', () => {
    const s = buildStream({ records: 20, sealEvery: 5 });
    const seals = sealFrames(s.frames);
    for (const seal of [seals[0]!, seals[seals.length - 1]!]) {
      const rec = seal.scopeLogs[0]!.logRecords[0]!;
      const before = rec.severityNumber;
      rec.severityNumber = 21;
      expect(kinds(verifyData(asLines(s.frames), s.signer))).toEqual([`modified@${seqOf(rec)}`, `forged_seal@${seqOf(rec)}`]);
      rec.severityNumber = before;
    }
  });

  it('missing: a deleted range is reported as a range', () => {
    const s = buildStream({ records: 20, sealEvery: 50, batch: 20 });
    const recs = s.frames[1]!.scopeLogs[0]!.logRecords;
    const first = seqOf(recs[3]!);
    recs.splice(3, 4);
    const r = verifyData(asLines(s.frames), s.signer);
    const f = r.streams[0]!.findings.find((x) => x.kind === 'missing')!;
    expect(f).toMatchObject({ seq: first, seqEnd: first + 3, severity: 'violation' });
  });

  it('inserted: a record without a valid seq in a sealed stream', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    s.frames[1]!.scopeLogs[0]!.logRecords.push(appRecords(1).resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!);
    expect(kinds(verifyData(asLines(s.frames), s.signer))).toEqual(['inserted@-']);
  });

  it('foreign: records with no sealog.stream at all', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    const r = verifyData([...asLines(s.frames), appRecords(3)], s.signer);
    expect(kinds(r)).toEqual(['foreign@-']);
  });

  it('conflicting_duplicate: two different records with one seq', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    const copy = JSON.parse(encodeLogsJson({ resourceLogs: [s.frames[1]!] }));
    copy.resourceLogs[0].scopeLogs[0].logRecords[0].severityText = 'ERROR';
    const lines = asLines(s.frames);
    lines.push(decodeLogsJson(JSON.stringify(copy)));
    expect(kinds(verifyData(lines, s.signer))).toEqual([`conflicting_duplicate@${seqOf(s.frames[1]!.scopeLogs[0]!.logRecords[0]!)}`]);
  });

  it('forged_seal: a seal whose signature does not verify', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    const seal = sealFrames(s.frames)[0]!.scopeLogs[0]!.logRecords[0]!;
    const forger = signerFromSeed(new Uint8Array(32).fill(9), 0);
    const f = parseSeal(seal);
    if (!f.ok) throw new Error(f.error);
    const body = seal.body as { type: 'kvlist'; value: Array<{ key: string; value: { type: string; value: unknown } }> };
    const { sig: _s, ...rest } = f.value;
    body.value.find((x) => x.key === 'sig')!.value = { type: 'string', value: toHex(forger.sign(sealStatement({ stream: s.stream, chain: s.chain }, seqOf(seal), rest))) };
    const k = kinds(verifyData(asLines(s.frames), s.signer));
    expect(k).toContain(`forged_seal@${seqOf(seal)}`);
  });

  it('invalid_seal: a correctly signed seal whose root does not match its records', () => {
    // The key holder (e.g. someone who later took the host) re-signs a seal over altered content.
    const signer = testSigner();
    let clock = T0;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
      { stream: 's/x', chain: 'c1' },
      'new',
    );
    const frames: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(5), (rl) => frames.push(rl));
    const seal = sealer.seal();
    const rec = seal.scopeLogs[0]!.logRecords[0]!;
    const parsed = parseSeal(rec);
    if (!parsed.ok) throw new Error(parsed.error);
    const { sig: _s, ...rest } = parsed.value;
    rest.root = new Uint8Array(32).fill(1);
    const body = rec.body as { type: 'kvlist'; value: Array<{ key: string; value: unknown }> };
    body.value.find((x) => x.key === 'root')!.value = { type: 'string', value: toHex(rest.root) };
    resignControl(seal, signer, 7);
    frames.push(seal);
    const k = kinds(verifyData(asLines(frames), signer));
    expect(k).toContain('invalid_seal@7');
  });

  it('unknown_key: seals signed by a key that is not trusted', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    const k = kinds(verifyData(asLines(s.frames), testSigner(0, new Uint8Array(32).fill(3))));
    expect(k.every((x) => x.startsWith('unknown_key'))).toBe(true);
    expect(k.length).toBeGreaterThan(0);
  });

  it('unsealed_tail: a warning, a violation with strict', () => {
    const s = buildStream({ records: 12, sealEvery: 5, finalSeal: false });
    const r = verifyData(asLines(s.frames), s.signer);
    expect(r.intact).toBe(true);
    expect(kinds(r, 'warning')).toEqual([expect.stringMatching(/^unsealed_tail@/)]);
    expect(kinds(verifyData(asLines(s.frames), s.signer, { strict: true }))).toEqual([expect.stringMatching(/^unsealed_tail@/)]);
  });

  it('stale: the last seal is older than --max-age (truncated stream)', () => {
    const s = buildStream({ records: 10, sealEvery: 5 });
    const r = verifyData(asLines(s.frames), s.signer, { maxAgeNs: 1_000_000_000n });
    expect(kinds(r)).toContain('stale@' + r.streams[0]!.lastSealSeq);
  });

  it('--max-age judges an unsealed tail by the newest seal\'s signed time, not by the records\' own times', () => {
    /** Seals signed at `sealAt`, a tail of 3 records after the last seal whose own times are `recordAt`. */
    const tail = (sealAt: bigint, recordAt: bigint) => {
      const signer = testSigner();
      const { sealer, genesis } = Sealer.genesis(
        { crypto: nodeCrypto, signer, now: () => sealAt, sealEveryRecords: 1000, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '2') },
        { stream: 'h/logs', chain: 'cc' },
        'new',
      );
      const frames: ResourceLogs[] = [genesis];
      const idx = Number((recordAt - T0) / 1_000_000n);
      sealer.stamp(appRecords(3, idx), (rl) => frames.push(rl));
      frames.push(sealer.seal());
      sealer.stamp(appRecords(3, idx + 3), (rl) => frames.push(rl));
      return verifyData(asLines(frames), signer, { maxAgeNs: 5_000_000_000n }).streams[0]!.findings.map((f) => `${f.kind}:${f.severity}`);
    };
    const now = T0 + 10_000_000_000n; // verifyData's clock
    // An old seal, fresh-looking records after it: the tail has waited too long (and the stream is stale).
    expect(tail(T0, now - 100_000_000n)).toEqual(['stale:violation', 'unsealed_tail:violation']);
    // A recent seal, records after it that carry old times of their own: only a warning.
    expect(tail(now - 1_000_000_000n, T0)).toEqual(['unsealed_tail:warning']);
  });

  it('chain_restart: a stream that started over after its spool was lost', () => {
    const a = buildStream({ records: 5, sealEvery: 5, chain: 'aaaa' });
    const signer = a.signer;
    let clock = T0 + 5_000_000_000n;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer, now: () => (clock += 1n), sealEveryRecords: 5, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
      { stream: a.stream, chain: 'bbbb' },
      'spool_lost',
    );
    const b: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(3), (rl) => b.push(rl));
    b.push(sealer.seal());
    const r = verifyData([...asLines(a.frames), ...asLines(b)], signer);
    expect(r.intact).toBe(true);
    expect(kinds(r, 'warning')).toEqual(['chain_restart@1']);
    expect(kinds(verifyData([...asLines(a.frames), ...asLines(b)], signer, { strict: true }))).toEqual(['chain_restart@1']);
  });

  it('loss: a declared, signed loss record is a warning', () => {
    const signer = testSigner();
    let clock = T0;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
      { stream: 's/l', chain: 'c' },
      'new',
    );
    const frames: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(2), (rl) => frames.push(rl));
    frames.push(sealer.loss(42, 'spool_full', T0, T0 + 1n));
    frames.push(sealer.seal());
    const r = verifyData(asLines(frames), signer);
    expect(r.intact).toBe(true);
    expect(kinds(r, 'warning')).toEqual(['loss@4']);
    expect(r.streams[0]!.findings[0]!.message).toContain('42');
  });

  it('absent_prefix: retention removed the oldest seal ranges; the rest verifies', () => {
    const s = buildStream({ records: 40, sealEvery: 10, batch: 5 });
    const seals = s.frames.map((f, i) => (f.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.seal' ? i : -1)).filter((i) => i >= 0);
    const kept = s.frames.slice(seals[1]! + 1);
    const r = verifyData(asLines(kept), s.signer);
    expect(r.intact).toBe(true);
    expect(kinds(r, 'note')[0]).toMatch(/^absent_prefix/);
    // --expect-from makes the absence a violation.
    const r2 = verifyData(asLines(kept), s.signer, { expectFromSeq: 5 });
    expect(kinds(r2)).toEqual(['missing@5']);
    // And modifications in the retained part are still found.
    const rec = kept[1]!.scopeLogs[0]!.logRecords[1]!;
    rec.body = str('changed');
    expect(kinds(verifyData(asLines(kept), s.signer))).toEqual([`modified@${seqOf(rec)}`]);
  });

  it('key rotation: seals under the announced next key verify from the anchor alone', () => {
    const k0 = testSigner(0);
    const k1 = signerFromSeed(new Uint8Array(32).fill(11), 1);
    let clock = T0;
    const opts = { crypto: nodeCrypto, signer: k0, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') };
    const { sealer, genesis } = Sealer.genesis(opts, { stream: 's/r', chain: 'c' }, 'new');
    const frames: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(3), (rl) => frames.push(rl));
    frames.push(sealer.seal({ nextKey: k1.publicKey }));
    sealer.setSigner(k1);
    sealer.stamp(appRecords(3, 3), (rl) => frames.push(rl));
    frames.push(sealer.seal());
    const r = verifyData(asLines(frames), k0);
    expect(r.streams[0]!.findings).toEqual([]);
    expect(r.streams[0]!.epochs).toEqual([0, 1]);
    // Without the announcing seal, the epoch-1 seal's key is unknown.
    const cut = frames.filter((_, i) => i !== frames.length - 3);
    expect(kinds(verifyData(asLines(cut), k0))).toContain(`unknown_key@${seqOf(frames[frames.length - 1]!.scopeLogs[0]!.logRecords[0]!)}`);
  });
});

describe('witness cross-check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-witness-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function setup(frames: ResourceLogs[], witnessFrames: ResourceLogs[]) {
    const main = join(dir, `main-${Math.random()}.jsonl`);
    const wit = join(dir, `wit-${Math.random()}.jsonl`);
    await writeFile(main, frames.map((f) => encodeLogsJson({ resourceLogs: [f] })).join('\n') + '\n');
    await writeFile(wit, witnessFrames.map((f) => encodeLogsJson({ resourceLogs: [f] })).join('\n') + '\n');
    return { main, wit };
  }

  it('witness_missing: the backend lost its newest seal ranges (rolled back), the witness still has the seals', async () => {
        const keyDir = join(dir, 'k1');
    const { keyFile, pubFile } = generateKeyFiles(keyDir);
    const s = buildStream({ records: 30, sealEvery: 10, batch: 5, signer: loadKeyFile(keyFile).signer });
    const seals = sealFrames(s.frames);
    const lastSealIdx = s.frames.indexOf(seals[seals.length - 2]!);
    const { main, wit } = await setup(s.frames.slice(0, lastSealIdx + 1), seals);
    const { report } = await checkFiles({ keyFiles: [pubFile], files: [main], witnessFiles: [wit] });
    expect(report.intact).toBe(false);
    const all = [...report.findings, ...report.streams.flatMap((x) => x.findings)];
    expect(all.filter((f) => f.severity === 'violation').map((f) => f.kind)).toEqual(['witness_missing']);
    // Without the witness the truncation is invisible (no --max-age): that is what witnesses are for.
    const alone = await checkFiles({ keyFiles: [pubFile], files: [main] });
    expect(alone.report.intact).toBe(true);
  });

  it('witness_conflict: the backend holds a different seal than the witness', async () => {
        const keyDir = join(dir, 'k2');
    const { keyFile, pubFile } = generateKeyFiles(keyDir);
    const signer = loadKeyFile(keyFile).signer;
    const s = buildStream({ records: 10, sealEvery: 5, signer });
    const seals = sealFrames(s.frames);
    const witness = JSON.parse(encodeLogsJson({ resourceLogs: [seals[0]!] }));
    const h = witness.resourceLogs[0].scopeLogs[0].logRecords[0].attributes.find((a: { key: string }) => a.key === 'sealog.hash');
    h.value.stringValue = '0'.repeat(64);
    const { main } = await setup(s.frames, []);
    const wit = join(dir, 'wit-conflict.jsonl');
    await writeFile(wit, JSON.stringify(witness) + '\n');
    const { report } = await checkFiles({ keyFiles: [pubFile], files: [main], witnessFiles: [wit] });
    const all = [...report.findings, ...report.streams.flatMap((x) => x.findings)];
    expect(all.filter((f) => f.severity === 'violation').map((f) => f.kind)).toEqual(['witness_conflict']);
  });
});

