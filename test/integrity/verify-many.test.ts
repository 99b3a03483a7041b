/**
 * node:crypto's verifyEd25519Many (signatures checked in libuv's thread
 * pool) gives, for each check, exactly verifyEd25519's verdict.
 */
import { describe, expect, it } from 'vitest';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';

describe('verifyEd25519Many', () => {
  it('gives verifyEd25519 verdict for each check, in order', async () => {
    const a = signerFromSeed(new Uint8Array(32).fill(1), 0);
    const b = signerFromSeed(new Uint8Array(32).fill(2), 0);
    const msg = (i: number): Uint8Array => new TextEncoder().encode(`message ${i}`);
    const checks = Array.from({ length: 40 }, (_, i) => ({ publicKey: a.publicKey, message: msg(i), signature: a.sign(msg(i)) }));
    checks[3] = { ...checks[3]!, message: msg(4) }; // another message
    checks[7] = { ...checks[7]!, publicKey: b.publicKey }; // another key
    checks[11] = { ...checks[11]!, signature: checks[11]!.signature.subarray(1) }; // a short signature
    checks[13] = { ...checks[13]!, publicKey: new Uint8Array(31) }; // a short key
    const bad = new Uint8Array(checks[17]!.signature);
    bad[0]! ^= 1;
    checks[17] = { ...checks[17]!, signature: bad };
    const many = await nodeCrypto.verifyEd25519Many!(checks);
    expect(many).toEqual(checks.map((c) => nodeCrypto.verifyEd25519(c.publicKey, c.message, c.signature)));
    expect(many.filter((x) => !x).length).toBe(5);
    expect(await nodeCrypto.verifyEd25519Many!([])).toEqual([]);
  });
});
