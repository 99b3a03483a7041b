/**
 * Inclusion proofs end to end in process: streams sealed by the agent's own
 * Sealer (fixed keys), proofs made by the ProofCollector, checked by the
 * ProofVerifier with node:crypto and with the portable @noble crypto.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { str, type LogsData } from '../../src/otlp/types.js';
import { ProofCollector, verifyProofs, type ProofRequest, type ProveResult } from '../../src/verify/proof/index.js';
import { anchorTrust, proofKeys, proofStream, type ProofStream } from '../helpers/proof-stream.js';

const keys = proofKeys();

function prove(lines: LogsData[], requests: ProofRequest[], trust?: TrustStore): ProveResult[] {
  const c = new ProofCollector(nodeCrypto, requests, trust ? { trust } : {});
  lines.forEach((l, i) => c.add(l, `test:${i + 1}`));
  return c.finish();
}

function proofsOf(s: ProofStream, seqs = s.recordSeqs): Array<Record<string, unknown>> {
  return prove(s.lines, seqs.map((seq) => ({ stream: s.stream, seq })), anchorTrust(keys[0]!)).map((r) => {
    if (!r.ok) throw new Error(`${r.seq}: ${r.reason}`);
    return r.proof;
  });
}

/** Proof size without its record: the whole JSON minus the record member's value. */
const sizeWithoutRecord = (p: Record<string, unknown>): number => Buffer.byteLength(JSON.stringify(p)) - Buffer.byteLength(JSON.stringify(p['record']));

describe('inclusion proofs', () => {
  const rotated = proofStream({ keys, batches: 3, perBatch: 40, rotateAfter: [0, 1] });

  it('a proof for every record of a stream verifies, epochs 1 and 2 from the epoch-0 key alone, with both crypto providers', () => {
    const proofs = proofsOf(rotated);
    expect(proofs.length).toBe(120);
    for (const crypto of [nodeCrypto, portableCrypto]) {
      const trust = new TrustStore(crypto);
      trust.addAnchor(keys[0]!.publicKey);
      const checks = verifyProofs(crypto, trust, proofs);
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      expect(new Set(checks.map((c) => c.ok && c.epoch))).toEqual(new Set([0, 1, 2]));
    }
    const last = proofs[proofs.length - 1]!;
    expect((last['keys'] as unknown[]).length).toBe(2);
  });

  it('the same proofs fail under another anchor, and without their certificates', () => {
    const proofs = proofsOf(rotated);
    const other = verifyProofs(nodeCrypto, anchorTrust(proofKeys(1, 50)[0]!), proofs.slice(0, 3));
    expect(other.every((c) => !c.ok && c.code === 'forged_seal')).toBe(true);
    const bare = { ...proofs[proofs.length - 1]!, keys: [] };
    const c = verifyProofs(nodeCrypto, anchorTrust(keys[0]!), [bare])[0]!;
    expect(c.ok === false && c.code).toBe('unknown_key');
  });

  it('size: a record in a 1,000-record seal range (no rotation) costs under 1 KiB besides the record', () => {
    const s = proofStream({ keys, batches: 2, perBatch: 999 });
    // The first range holds the genesis and 999 records (1,000 leaves); prove records all over it.
    const seqs = [2, 3, 250, 500, 511, 512, 513, 767, 999, 1000];
    const proofs = proofsOf(s, seqs);
    for (const p of proofs) expect(p['size']).toBe(1000);
    const sizes = proofs.map(sizeWithoutRecord);
    expect(Math.max(...sizes)).toBeLessThan(1024);
  });

  it('flipping any byte of a proof (its record, path, seal or certificates) makes it fail', () => {
    const proofs = proofsOf(rotated, [2, 45, 100]).map((p) => Buffer.from(JSON.stringify(p)));
    const trust = anchorTrust(keys[0]!);
    fc.assert(
      fc.property(fc.nat({ max: proofs.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, at, x) => {
        const bytes = Buffer.from(proofs[which]!);
        bytes[at % bytes.length]! ^= x;
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch {
          return; // not JSON any more: verify-proof reports it malformed
        }
        const c = verifyProofs(nodeCrypto, trust, [parsed])[0]!;
        expect(c.ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('the collector says why a record cannot be proven', () => {
    const s = proofStream({ keys, batches: 2, perBatch: 10 });
    const tampered = structuredClone(s.lines);
    const rec = (seq: number) => tampered.flatMap((l) => l.resourceLogs[0]!.scopeLogs[0]!.logRecords).find((r) => r.attributes.some((a) => a.key === 'sealog.seq' && a.value.type === 'int' && a.value.value === BigInt(seq)))!;
    rec(5).body = str('changed');
    const noSix = tampered.map((l) => ({ resourceLogs: l.resourceLogs.map((rl) => ({ ...rl, scopeLogs: rl.scopeLogs.map((sl) => ({ ...sl, logRecords: sl.logRecords.filter((r) => r !== rec(14)) })) })) }));
    const results = prove(noSix, [5, 4, 15, 12, 99].map((seq) => ({ stream: s.stream, seq })));
    const byCode = Object.fromEntries(results.map((r) => [r.seq, r.ok ? 'ok' : r.code]));
    expect(byCode).toEqual({ 5: 'modified', 4: 'ok', 15: 'incomplete_range', 12: 'seal', 99: 'absent' });
    // Records after the last seal.
    const open = proofStream({ keys, batches: 1, perBatch: 3 });
    const unsealed = open.lines.slice(0, -1);
    expect(prove(unsealed, [{ stream: open.stream, seq: 2 }])[0]).toMatchObject({ ok: false, code: 'unsealed' });
    // Two chains of one stream holding the seq.
    const other = proofStream({ keys, batches: 1, perBatch: 3, chain: 'ffffffffffffffff' });
    const both = [...open.lines, ...other.lines];
    expect(prove(both, [{ stream: open.stream, seq: 2 }])[0]).toMatchObject({ ok: false, code: 'ambiguous' });
    expect(prove(both, [{ stream: open.stream, seq: 2, chain: 'ffffffffffffffff' }])[0]).toMatchObject({ ok: true, chain: 'ffffffffffffffff' });
    // The seal of epoch 1 without the seal that announced its key.
    const r = proofStream({ keys, batches: 2, perBatch: 3, rotateAfter: [0] });
    const announcing = r.lines.findIndex((l) => l.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.body.type === 'kvlist' && JSON.stringify(l.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.body, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).includes('next_key'));
    const withoutAnnouncement = r.lines.filter((_, i) => i !== announcing);
    expect(prove(withoutAnnouncement, [{ stream: r.stream, seq: 7 }])[0]).toMatchObject({ ok: false, code: 'unprovable' });
  });

  it('v1 seals are proven and verified too', () => {
    const v1 = proofStream({ keys, batches: 2, perBatch: 5, rotateAfter: [0], version: 1 });
    const proofs = proofsOf(v1);
    const checks = verifyProofs(portableCrypto, anchorTrust(keys[0]!), proofs);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(JSON.stringify(proofs[0])).not.toContain('"ctx"');
  });
});
