/**
 * The rules an independent checker found unstated (docs/PROTOCOL.md §6, §9),
 * each as the checker now applies it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { generateKeyFiles, loadKeyFile } from '../../src/integrity/node/keyfile.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { kv, newResource, newScope, str, type LogRecord, type ResourceLogs } from '../../src/otlp/types.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { appRecords, asLines, buildStream, resignControl, T0, testSigner, verifyData } from '../helpers/stream.js';

const seqOf = (r: LogRecord): number => Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
const first = (rl: ResourceLogs): LogRecord => rl.scopeLogs[0]!.logRecords[0]!;
const all = (r: ReturnType<typeof verifyData>) => [...r.findings, ...r.streams.flatMap((s) => s.findings)];
const bodyEntry = (r: LogRecord, key: string) => (r.body as { value: Array<{ key: string; value: unknown }> }).value.find((e) => e.key === key)!;

describe('spec gaps, closed', () => {
  it('§9.2: a previous seal in a missing range is not checked, and no message names the wrong seal', () => {
    const s = buildStream({ records: 30, sealEvery: 5, batch: 5 });
    const seals = s.frames.filter((rl) => first(rl).eventName === 'sealog.seal');
    // Delete the second seal record and the records around it.
    const gone = seqOf(first(seals[1]!));
    const frames = s.frames.map((rl) => ({ ...rl, scopeLogs: rl.scopeLogs.map((sl) => ({ ...sl, logRecords: sl.logRecords.filter((r) => Math.abs(seqOf(r) - gone) > 1) })) })).filter((rl) => rl.scopeLogs[0]!.logRecords.length > 0);
    const f = all(verifyData(asLines(frames), s.signer));
    expect(f.map((x) => `${x.kind}@${x.seq}`)).toEqual([`missing@${gone - 1}`]);
    expect(f[0]!.seqEnd).toBe(gone + 1);
  });

  it('§9.4: an unverified loss record is its violation only; its count is not repeated as the agent\'s', () => {
    let clock = T0;
    const signer = testSigner();
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '2') }, { stream: 's/l', chain: 'c' }, 'new');
    const frames: ResourceLogs[] = [genesis];
    frames.push(sealer.loss(1000, 'spool_full', T0, T0 + 5n));
    frames.push(sealer.seal());
    const genuine = all(verifyData(asLines(frames), signer));
    expect(genuine.map((x) => `${x.kind}:${x.severity}`)).toEqual(['loss:warning']);
    expect(genuine[0]!.message).toContain('1000 record(s)');
    // Signed by a key nobody trusts.
    resignControl(frames[1]!, signerFromSeed(new Uint8Array(32).fill(99), 0), 2);
    const forged = all(verifyData(asLines(frames), signer));
    expect(forged.map((x) => x.kind)).toEqual(['modified', 'forged_seal']);
    expect(forged.some((x) => x.message.includes('1000'))).toBe(false);
  });

  it('§6: a genesis whose public_key is not the trusted key it names is forged_seal with that reason', () => {
    const s = buildStream({ records: 3, sealEvery: 5 });
    const g = first(s.frames[0]!);
    bodyEntry(g, 'public_key').value = str(toHex(signerFromSeed(new Uint8Array(32).fill(3), 0).publicKey));
    resignControl(s.frames[0]!, s.signer, 1);
    const f = all(verifyData(asLines(s.frames), s.signer)).filter((x) => x.seq === 1);
    expect(f.map((x) => x.kind)).toEqual(['modified', 'forged_seal']);
    expect(f[1]!.message).toContain('public_key that is not the trusted key');
  });

  it('§9.5: deleting only the genesis before a seal of it alone leaves no empty "unverifiable 2..1" note', () => {
    let clock = T0;
    const signer = testSigner();
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '2') }, { stream: 's/g', chain: 'c' }, 'new');
    const frames: ResourceLogs[] = [genesis, sealer.seal()];
    sealer.stamp(appRecords(3), (rl) => frames.push(rl));
    frames.push(sealer.seal());
    const f = all(verifyData(asLines(frames.slice(1)), signer));
    expect(f.map((x) => `${x.kind}@${x.seq}..${x.seqEnd}`)).toEqual(['absent_prefix@1..1']);
  });

  it('§9.6: genuine witness seals of an epoch whose announcing seal the input lost verify with the witness\'s own announcements', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealog-witness-epoch-'));
    try {
      const { keyFile, pubFile } = generateKeyFiles(join(dir, 'k'));
      const k0 = loadKeyFile(keyFile).signer;
      const k1 = signerFromSeed(new Uint8Array(32).fill(77), 1);
      let clock = T0;
      const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer: k0, now: () => (clock += 1n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '2') }, { stream: 's/w', chain: 'c' }, 'new');
      const frames: ResourceLogs[] = [genesis];
      sealer.stamp(appRecords(3), (rl) => frames.push(rl));
      frames.push(sealer.seal({ nextKey: k1.publicKey }));
      const keep = frames.length;
      sealer.setSigner(k1);
      for (let i = 0; i < 2; i++) {
        sealer.stamp(appRecords(3, 3 + i * 3), (rl) => frames.push(rl));
        frames.push(sealer.seal());
      }
      const seals = frames.filter((rl) => first(rl).eventName === 'sealog.seal');
      const write = async (name: string, rls: ResourceLogs[]) => {
        const p = join(dir, name);
        await writeFile(p, rls.map((rl) => encodeLogsJson({ resourceLogs: [rl] })).join('\n') + '\n');
        return p;
      };
      // The backend was rolled back to before the rotation; the witness holds every seal.
      const main = await write('main.jsonl', frames.slice(0, keep - 1));
      const wit = await write('wit.jsonl', seals);
      const { report } = await checkFiles({ keyFiles: [pubFile], files: [main], witnessFiles: [wit] });
      const v = all(report).filter((x) => x.severity === 'violation');
      expect(v.map((x) => `${x.kind}@${x.seq}`)).toEqual(seals.map((rl) => `witness_missing@${seqOf(first(rl))}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
