/**
 * The inclusion-proof vectors (test/vectors/proof-v1.json, made by
 * scripts/gen-vectors-proof.ts) with both crypto providers: every case gives
 * the verdict, and every invalid one the failure code, it lists. The file is
 * what the generator makes today (it is deterministic).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/integrity/bytes.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';
import { verifyProofs } from '../../src/verify/proof/index.js';
import { generateProofVectors } from '../../scripts/gen-vectors-proof.js';

interface Case {
  name: string;
  proof: unknown;
  expect: { valid: true; stream: string; chain: string; seq: number; seal_seq: number; epoch: number } | { valid: false; code: string };
}

const file = JSON.parse(readFileSync(new URL('./proof-v1.json', import.meta.url), 'utf8')) as { trust: { anchor_public_key_hex: string }; cases: Case[] };

describe('proof vectors', () => {
  for (const [name, crypto] of [['node:crypto', nodeCrypto], ['@noble', portableCrypto]] as const) {
    it(`every case gives its listed verdict (${name})`, () => {
      const trust = new TrustStore(crypto);
      trust.addAnchor(fromHex(file.trust.anchor_public_key_hex)!);
      const checks = verifyProofs(crypto, trust, file.cases.map((c) => c.proof));
      const got = checks.map((c, i) => ({
        name: file.cases[i]!.name,
        ...(c.ok ? { valid: true, stream: c.stream, chain: c.chain, seq: c.seq, seal_seq: c.sealSeq, epoch: c.epoch } : { valid: false, code: c.code }),
      }));
      expect(got).toEqual(file.cases.map((c) => ({ name: c.name, ...c.expect })));
      expect(file.cases.filter((c) => !c.expect.valid).length).toBeGreaterThanOrEqual(9);
    });
  }

  it('the file is what the generator makes', () => {
    expect(JSON.parse(JSON.stringify(generateProofVectors()))).toEqual(JSON.parse(readFileSync(new URL('./proof-v1.json', import.meta.url), 'utf8')));
  });
});
