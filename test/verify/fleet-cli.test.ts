/**
 * `sealog verify` for a fleet, through the CLI (dist/): real key files from
 * `sealog keygen`'s code, a real rotation (keyring with v2 certificates),
 * the anchor each stream verified under in text and --json, and --key-for
 * bindings catching one host's key re-signing another host's stream.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitRotation, generateKeyFiles, keyringPath, loadKeyFile, prepareRotation } from '../../src/integrity/node/keyfile.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { kv, newResource, newScope, str, type ResourceLogs } from '../../src/otlp/types.js';
import { runCli, tempDir } from '../helpers/agent-process.js';
import { appRecords } from '../helpers/stream.js';
import type { Signer } from '../../src/integrity/crypto.js';
import { readFileSync } from 'node:fs';

const controlResource = newResource([kv('service.name', str('sealog'))]);
const controlScope = newScope('sealog.integrity', '2');

/** A host's stream sealed with `signer`, rotating once to the key in `rotateTo` half-way. */
function stream(name: string, signer: Signer, rotateTo?: () => Promise<Signer>): Promise<ResourceLogs[]> {
  return (async () => {
    const base = { crypto: nodeCrypto, now: () => BigInt(Date.now()) * 1_000_000n, sealEveryRecords: 4, controlResource, controlScope };
    const { sealer, genesis } = Sealer.genesis({ ...base, signer }, { stream: name, chain: 'abcdef0123456789' }, 'new');
    const frames: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(6), (rl) => frames.push(rl));
    if (rotateTo) {
      const next = await rotateTo();
      frames.push(sealer.seal({ nextKey: next.publicKey }));
      sealer.setSigner(next);
    }
    sealer.stamp(appRecords(6, 6), (rl) => frames.push(rl));
    frames.push(sealer.seal());
    return frames;
  })();
}

describe('sealog verify for a fleet (CLI)', () => {
  let t: { dir: string; cleanup(): Promise<void> };
  let a: { keyFile: string; pubFile: string; keyId: string };
  let b: { keyFile: string; pubFile: string; keyId: string };
  let genuine: string;
  let forged: string;
  let ring: string;

  beforeAll(async () => {
    t = await tempDir('sealog-fleet-');
    a = generateKeyFiles(join(t.dir, 'host-a'));
    b = generateKeyFiles(join(t.dir, 'host-b'));
    const ka = loadKeyFile(a.keyFile);
    const framesA = await stream('host-a/logs', ka.signer, async () => {
      const prepared = prepareRotation(ka);
      return (await commitRotation(prepared)).signer;
    });
    ring = keyringPath(a.keyFile);
    // Host B's key holder rebuilds host A's stream under B's key.
    const framesForged = await stream('host-a/logs', loadKeyFile(b.keyFile).signer);
    genuine = join(t.dir, 'a.jsonl');
    forged = join(t.dir, 'forged.jsonl');
    await writeFile(genuine, framesA.map((rl) => encodeLogsJson({ resourceLogs: [rl] })).join('\n') + '\n');
    await writeFile(forged, framesForged.map((rl) => encodeLogsJson({ resourceLogs: [rl] })).join('\n') + '\n');
  });
  afterAll(async () => t.cleanup());

  it('the keyring carries the time the new key came into force, under its certificate', () => {
    const entry = JSON.parse(readFileSync(ring, 'utf8').trim()) as { epoch: number; since_ns: string; cert: string };
    expect(entry.epoch).toBe(1);
    expect(BigInt(entry.since_ns)).toBeGreaterThan(0n);
    expect(entry.cert).toMatch(/^[0-9a-f]{128}$/);
  });

  it('prints the anchor each stream verified under (text and --json)', async () => {
    const text = await runCli(['verify', '--key', a.pubFile, '--key', b.pubFile, '--key', ring, genuine]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`anchor ${a.keyId} (${a.pubFile})`);
    const json = await runCli(['verify', '--json', '--key', a.pubFile, '--key', b.pubFile, forged]);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { streams: Array<{ anchor: string; anchorSource: string; epochs: number[] }> };
    // Unbound, host B's re-signed copy of host A's stream verifies — under B's anchor, which the report names.
    expect(r.streams[0]).toMatchObject({ anchor: b.keyId, anchorSource: b.pubFile });
  });

  it('--key-for binds streams to anchors: the cross-host re-sign is anchor_mismatch; --strict demands a binding', async () => {
    const bound = await runCli(['verify', '--json', '--key-for', `host-a/*=${a.pubFile}`, '--key-for', `host-b/*=${b.pubFile}`, forged]);
    expect(bound.code).toBe(1);
    const r = JSON.parse(bound.stdout) as { streams: Array<{ binding: string; findings: Array<{ kind: string; seq: number }> }> };
    expect(r.streams[0]!.binding).toBe('host-a/*');
    expect(new Set(r.streams[0]!.findings.map((f) => f.kind))).toEqual(new Set(['anchor_mismatch']));
    expect(r.streams[0]!.findings[0]!.seq).toBe(1);
    const ok = await runCli(['verify', '--strict', '--key-for', `host-a/*=${a.pubFile}`, '--key', b.pubFile, '--key', ring, genuine]);
    expect(ok.stdout).toContain('bound by --key-for host-a/*');
    expect(ok.code).toBe(0);
    const strict = await runCli(['verify', '--strict', '--key', a.pubFile, '--key', b.pubFile, '--key', ring, genuine]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('unbound_stream');
    const usage = await runCli(['verify', '--key-for', 'nonsense', genuine]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('expected GLOB=PUBFILE');
  });
});

describe('a torn line', () => {
  it('is an unreadable_line warning wherever it is (a violation with --strict); its record is still checked through the chain', async () => {
    const t = await tempDir('sealog-torn-');
    try {
      const k = generateKeyFiles(join(t.dir, 'k'));
      const frames = await stream('h/logs', loadKeyFile(k.keyFile).signer);
      const text = frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
      // A write torn mid-line in the middle of the file, then re-sent whole (at-least-once).
      const file = join(t.dir, 'torn.jsonl');
      await writeFile(file, [...text.slice(0, 2), text[2]!.slice(0, 40), ...text.slice(2)].join('\n') + '\n');
      const r = await runCli(['verify', '--key', k.pubFile, file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/WARNING\s+unreadable_line: .*torn\.jsonl:3/);
      expect((await runCli(['verify', '--strict', '--key', k.pubFile, file])).code).toBe(1);
      // Torn and never re-sent: the record it held is missing.
      await writeFile(file, [...text.slice(0, 2), text[2]!.slice(0, 40), ...text.slice(3)].join('\n') + '\n');
      const lost = await runCli(['verify', '--key', k.pubFile, file]);
      expect(lost.code).toBe(1);
      expect(lost.stdout).toContain('missing');
    } finally {
      await t.cleanup();
    }
  });
});
