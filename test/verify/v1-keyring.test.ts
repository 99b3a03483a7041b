/**
 * Before protocol v2, keyrings had no in-force time: their certificates sign
 * 0x13 ‖ "sealog/v1/key" ‖ anchor ‖ epoch ‖ key, with no since_ns. Such a
 * keyring file must still load, and a v1 stream rotated under it must still
 * verify: with the anchor alone (announcements), with the keyring, and after
 * an absent prefix (where the keyring stands in, with no in-force check).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { keyCertStatement } from '../../src/integrity/control.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { kv, newResource, newScope, str, type ResourceLogs } from '../../src/otlp/types.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { loadAuditorTrust } from '../../src/verify/trust.js';
import { tempDir } from '../helpers/agent-process.js';
import { appRecords, T0 } from '../helpers/stream.js';

const keys = [0, 1, 2].map((e) => signerFromSeed(new Uint8Array(32).fill(70 + e), e));
const anchorId = keys[0]!.keyId;
const seqOf = (rl: ResourceLogs): number => Number((rl.scopeLogs[0]!.logRecords[0]!.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);

/** A v1 stream (control records signed over v1 statements), rotated twice with next_key announcements. */
function v1Stream(): ResourceLogs[] {
  let clock = T0;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: keys[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1'), version: 1 },
    { stream: 'old-host/logs', chain: '0a0b0c0d0e0f1011' },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  for (let b = 0; b < 6; b++) {
    sealer.stamp(appRecords(3, b * 3), (rl) => frames.push(rl));
    if (b === 1 || b === 3) {
      const next = keys[b === 1 ? 1 : 2]!;
      frames.push(sealer.seal({ nextKey: next.publicKey }));
      sealer.setSigner(next);
    } else frames.push(sealer.seal());
  }
  return frames;
}

describe('a keyring from before v2 (no since_ns) and a v1 rotated stream', () => {
  let t: { dir: string; cleanup(): Promise<void> };
  let pub: string;
  let ring: string;
  let full: string;
  let tail: string;
  let tailFrom: number;

  beforeAll(async () => {
    t = await tempDir('sealog-v1-keyring-');
    pub = join(t.dir, 'sealog.pub');
    ring = join(t.dir, 'sealog.keyring');
    await writeFile(pub, JSON.stringify({ format: 'sealog-pub-v1', alg: 'ed25519', anchor_id: anchorId, epoch: 0, key_id: anchorId, public_key: toHex(keys[0]!.publicKey) }, null, 2) + '\n');
    // The v1 keyring: one compact line per epoch ≥ 1, certified by the previous key over the v1 statement, no since_ns.
    const lines = keys.slice(1).map((k, i) =>
      JSON.stringify({ format: 'sealog-pub-v1', alg: 'ed25519', anchor_id: anchorId, epoch: k.epoch, key_id: k.keyId, public_key: toHex(k.publicKey), cert: toHex(keys[i]!.sign(keyCertStatement(anchorId, k.epoch, k.publicKey))) }),
    );
    await writeFile(ring, lines.join('\n') + '\n');
    const frames = v1Stream();
    full = join(t.dir, 'full.jsonl');
    await writeFile(full, frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] })).join('\n') + '\n');
    // Retention removed everything before the last seal range (epoch 2): only the keyring can vouch for it.
    const lastSeals = frames.filter((rl) => rl.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.seal').map(seqOf);
    tailFrom = lastSeals[lastSeals.length - 2]! + 1;
    tail = join(t.dir, 'tail.jsonl');
    await writeFile(tail, frames.filter((rl) => seqOf(rl) >= tailFrom).map((rl) => encodeLogsJson({ resourceLogs: [rl] })).join('\n') + '\n');
  });
  afterAll(async () => t.cleanup());

  it('loads: every entry trusted through its v1 certificate, with no in-force time', () => {
    const { trust, problems } = loadAuditorTrust([pub, ring]);
    expect(problems).toEqual([]);
    for (const k of keys.slice(1)) expect(trust.get(k.keyId)).toMatchObject({ anchorId, epoch: k.epoch, via: 'keyring' });
    expect(trust.get(keys[2]!.keyId)!.sinceNs).toBeUndefined();
  });

  it('a certificate edited to claim an in-force time no longer verifies (the v2 statement differs)', async () => {
    const forged = join(t.dir, 'forged.keyring');
    const [first] = (await import('node:fs')).readFileSync(ring, 'utf8').trim().split('\n');
    await writeFile(forged, JSON.stringify({ ...JSON.parse(first!), since_ns: '1' }) + '\n');
    expect(loadAuditorTrust([pub, forged]).problems).toEqual([expect.stringContaining('certificate does not verify')]);
  });

  it('the v1 rotated stream verifies with the anchor alone and with the keyring; after an absent prefix, with the keyring', async () => {
    const now = () => T0 + 10_000_000_000n;
    for (const keyFiles of [[pub], [pub, ring]]) {
      const { report } = await checkFiles({ keyFiles, files: [full], nowNs: now });
      expect(report.streams[0]!.findings).toEqual([]);
      expect(report.streams[0]!.epochs).toEqual([0, 1, 2]);
    }
    const { report } = await checkFiles({ keyFiles: [pub, ring], files: [tail], nowNs: now });
    expect(report.intact).toBe(true);
    expect(report.streams[0]!.findings.map((f) => `${f.kind}@${f.seq}`)).toEqual([`absent_prefix@1`]);
    expect(report.streams[0]!.epochs).toEqual([2]);
    // Without the keyring nothing vouches for epoch 2 there.
    const bare = await checkFiles({ keyFiles: [pub], files: [tail], nowNs: now });
    expect(bare.report.intact).toBe(false);
  });
});
