/**
 * `sealog spool verify` (src/verify/check-spool.ts, src/cli/spool-verify.ts)
 * applies the checker's key rules to what a spool holds: epoch continuity
 * (epoch_jump), --key-for bindings (anchor_mismatch), and --strict demanding
 * a binding when several anchors are trusted (unbound_stream).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/integrity/crypto.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { commitRotation, generateKeyFiles, keyringPath, loadKeyFile, prepareRotation } from '../../src/integrity/node/keyfile.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { encodeResourceLogsProto } from '../../src/otlp/proto-encode.js';
import { kv, newResource, newScope, str, type ResourceLogs } from '../../src/otlp/types.js';
import { openSpool } from '../../src/spool/spool.js';
import { FRAME_FLAG_CONTROL } from '../../src/spool/types.js';
import type { VerifyReport } from '../../src/verify/core/index.js';
import { checkSpool } from '../../src/verify/check-spool.js';
import { runCli, tempDir } from '../helpers/agent-process.js';
import { appRecords } from '../helpers/stream.js';
import { baseOptions } from '../spool/helpers/entries.js';

const controlResource = newResource([kv('service.name', str('sealog'))]);
const controlScope = newScope('sealog.integrity', '2');
const seqOf = (rl: ResourceLogs): number => Number((rl.scopeLogs[0]!.logRecords[0]!.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
const isControl = (rl: ResourceLogs): boolean => rl.scopeLogs[0]!.logRecords[0]!.eventName.startsWith('sealog.');
const violations = (r: VerifyReport) => [...r.findings, ...r.streams.flatMap((s) => s.findings)].filter((f) => f.severity === 'violation').map((f) => `${f.kind}@${f.seq ?? '-'}`);

/** Stream `name` sealed by `signer`; with `next`, a seal announces it half-way and it signs from there. */
function stream(name: string, signer: Signer, next?: Signer): { frames: ResourceLogs[]; announcing?: number; afterAnnouncing?: number } {
  const base = { crypto: nodeCrypto, now: () => BigInt(Date.now()) * 1_000_000n, sealEveryRecords: 100, controlResource, controlScope };
  const { sealer, genesis } = Sealer.genesis({ ...base, signer }, { stream: name, chain: 'abcdef0123456789' }, 'new');
  const frames: ResourceLogs[] = [genesis];
  sealer.stamp(appRecords(4), (rl) => frames.push(rl));
  let announcing: number | undefined;
  if (next) {
    const s = sealer.seal({ nextKey: next.publicKey });
    announcing = seqOf(s);
    frames.push(s);
    sealer.setSigner(next);
  } else frames.push(sealer.seal());
  sealer.stamp(appRecords(4, 4), (rl) => frames.push(rl));
  frames.push(sealer.seal());
  sealer.stamp(appRecords(4, 8), (rl) => frames.push(rl));
  frames.push(sealer.seal());
  return { frames, ...(announcing !== undefined ? { announcing, afterAnnouncing: seqOf(frames.filter(isControl).find((rl) => seqOf(rl) > announcing!)!) } : {}) };
}

/** A spool (one pipeline's folder) holding these frames, as the agent writes them. */
async function spoolOf(dir: string, frames: ResourceLogs[]): Promise<string> {
  const spool = await openSpool(baseOptions(dir));
  await spool.append(
    frames.map((rl) => ({ payload: encodeResourceLogsProto(rl), meta: new Uint8Array(0), records: rl.scopeLogs[0]!.logRecords.length, flags: isControl(rl) ? FRAME_FLAG_CONTROL : 0 })),
    { force: true },
  );
  await spool.close();
  return dir;
}

describe('sealog spool verify: key rules', () => {
  let t: { dir: string; cleanup(): Promise<void> };
  let a: { keyFile: string; pubFile: string; keyId: string };
  let b: { keyFile: string; pubFile: string; keyId: string };
  let ring: string;
  let genuine: string;
  let jumped: string;
  let forged: string;
  let jump: { announcing: number; after: number };

  beforeAll(async () => {
    t = await tempDir('sealog-spool-verify-');
    a = generateKeyFiles(join(t.dir, 'host-a'));
    b = generateKeyFiles(join(t.dir, 'host-b'));
    const ka = loadKeyFile(a.keyFile);
    const next = (await commitRotation(prepareRotation(ka))).signer;
    ring = keyringPath(a.keyFile);
    const g = stream('host-a/logs', ka.signer, next);
    jump = { announcing: g.announcing!, after: g.afterAnnouncing! };
    genuine = await spoolOf(join(t.dir, 'genuine'), g.frames);
    // The seal that announced epoch 1 is gone from the spool: the next seal changes epoch unannounced.
    jumped = await spoolOf(join(t.dir, 'jumped'), g.frames.filter((rl) => seqOf(rl) !== g.announcing));
    // Host B's key holder rebuilds host A's stream under B's key.
    forged = await spoolOf(join(t.dir, 'forged'), stream('host-a/logs', loadKeyFile(b.keyFile).signer).frames);
  });
  afterAll(async () => t.cleanup());

  it('the genuine rotated spool is intact with the anchor alone and with the keyring', async () => {
    for (const keys of [[a.pubFile], [a.pubFile, ring]]) {
      const r = await checkSpool(genuine, keys);
      expect(violations(r.report)).toEqual([]);
      expect(r.report.streams[0]!.epochs).toEqual([0, 1]);
      expect(r.report.streams[0]!.anchor).toBe(a.keyId);
    }
  });

  it('epoch_jump: an epoch change whose announcing seal is gone, even with the keyring', async () => {
    const r = await checkSpool(jumped, [a.pubFile, ring]);
    expect(violations(r.report)).toEqual([`missing@${jump.announcing}`, `epoch_jump@${jump.after}`, `epoch_jump@16`]);
  });

  it('--key-for: bound to its own host it verifies; another host\'s re-sign is anchor_mismatch at every control record', async () => {
    const ok = await checkSpool(genuine, [b.pubFile], { keyFor: [`host-a/*=${a.pubFile}`] });
    expect(violations(ok.report)).toEqual([]);
    expect(ok.report.streams[0]!.binding).toBe('host-a/*');
    const bad = await checkSpool(forged, [b.pubFile], { keyFor: [`host-a/*=${a.pubFile}`] });
    expect(violations(bad.report)).toEqual([1, 6, 11, 16].map((s) => `anchor_mismatch@${s}`));
  });

  it('--strict with several anchors demands a binding (unbound_stream); unbound, the forged copy verifies under B, which the report names', async () => {
    const loose = await checkSpool(forged, [a.pubFile, b.pubFile]);
    expect(violations(loose.report)).toEqual([]);
    expect(loose.report.streams[0]!.anchor).toBe(b.keyId);
    const strict = await checkSpool(genuine, [a.pubFile, b.pubFile, ring], { strict: true });
    expect(violations(strict.report)).toEqual(['unbound_stream@-']);
    const bound = await checkSpool(genuine, [b.pubFile, ring], { strict: true, keyFor: [`host-a/*=${a.pubFile}`] });
    expect(violations(bound.report)).toEqual([]);
  });

  it('the CLI: exit 1 on anchor_mismatch, and --help says --strict demands a binding', async () => {
    const r = await runCli(['spool', 'verify', '--dir', forged, '--key', b.pubFile, '--key-for', `host-a/*=${a.pubFile}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('anchor_mismatch');
    const help = await runCli(['spool', 'verify', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('a stream no --key-for binding matches is unbound_stream');
  });
});
