/**
 * Generates test/vectors/proof-v1.json: known-answer vectors for inclusion
 * proofs (docs/PROOF.md), from a stream sealed by the agent's Sealer with
 * fixed keys (three epochs: the key rotates after the first and second
 * seal). Valid proofs (epoch 0; epoch 2 verified from the epoch-0 key
 * alone) and invalid ones, each with the failure code a verifier must give.
 * Deterministic (Ed25519 signatures are). Run `node dist/scripts/gen-vectors-proof.js`
 * after `npm run build` (`npm run gen:vectors` runs it too).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toHex } from '../src/integrity/bytes.js';
import type { Signer } from '../src/integrity/crypto.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { Sealer } from '../src/integrity/sealer.js';
import { kv, newResource, newScope, str, type ResourceLogs } from '../src/otlp/types.js';
import { fromB64url, toB64url } from '../src/verify/proof/b64url.js';
import { ProofCollector } from '../src/verify/proof/collector.js';
import { sealFields, sealMessage } from '../src/verify/proof/seal-form.js';
import { ChainHasher } from '../src/integrity/chain.js';
/** The vector records of protocol v2 (user N signed in), reused: one writer of vector input. */
import { batch } from './gen-vectors-v2.js';

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
const STREAM = 'vector-host/logs';
const CHAIN = '0123456789abcdef';
const seed = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (n * 29 + i * 13) & 0xff);
const KEYS: Signer[] = [0, 1, 2].map((e) => signerFromSeed(seed(e + 1), e));

type Json = Record<string, unknown>;

/** Genesis, then 4 batches of 6 records with a seal after each; the seals after batches 0 and 1 announce the next key. */
function stream(opts: { predate?: boolean } = {}): ResourceLogs[] {
  let clock = T0;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: KEYS[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 1000, controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str('vector-host'))]), controlScope: newScope('sealog.integrity', '2') },
    { stream: STREAM, chain: CHAIN },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  for (let b = 0; b < 4; b++) {
    sealer.stamp(batch(b * 6, 6), (rl) => frames.push(rl));
    if (b < 2) {
      frames.push(sealer.seal({ nextKey: KEYS[b + 1]!.publicKey }));
      sealer.setSigner(KEYS[b + 1]!);
      // Whoever dates a seal of the new key before its announcement (a clock set back).
      if (opts.predate && b === 0) clock -= 10_000_000n;
    } else {
      frames.push(sealer.seal());
    }
  }
  return frames;
}

function prove(frames: ResourceLogs[], seq: number): Json {
  const c = new ProofCollector(nodeCrypto, [{ stream: STREAM, seq }]);
  frames.forEach((rl, i) => c.add({ resourceLogs: [rl] }, `vector:${i + 1}`));
  const r = c.finish()[0]!;
  if (!r.ok) throw new Error(`vector proof for ${seq}: ${r.reason}`);
  return r.proof;
}

const clone = (p: Json): Json => JSON.parse(JSON.stringify(p)) as Json;

/** Flips one bit of a base64url value (the first character's lowest bit keeps the spelling canonical). */
function flipB64(s: string): string {
  const b = fromB64url(s, s.length === 86 ? 64 : 32)!;
  b[0]! ^= 1;
  return toB64url(b);
}

/** Signs the proof's seal again with `key`, for `stream`/`chain` (what another stream's agent, or a re-dated seal, would sign). */
function resignSeal(p: Json, key: Signer, id: { stream: string; chain: string }): void {
  const seal = p['seal'] as Json;
  const record = JSON.stringify(p['record']);
  const seq = Number(record.match(/"sealog\.seq","value":\{"intValue":"(\d+)"/)![1]);
  const index = p['index'] as number;
  const size = p['size'] as number;
  const from = seq - index;
  const sealSeq = from + size;
  const hasher = new ChainHasher(nodeCrypto);
  const prev = fromB64url(p['prev'], 32)!;
  const hashAttr = record.match(/"sealog\.hash","value":\{"stringValue":"([0-9a-f]{64})"/)![1]!;
  const own = Uint8Array.from(hashAttr.match(/../g)!.map((h) => parseInt(h, 16)));
  const start = seal['start'] !== undefined ? fromB64url(seal['start'], 32)! : from === 1 ? hasher.anchor(STREAM, CHAIN) : prev;
  const head = seal['head'] !== undefined ? fromB64url(seal['head'], 32)! : own;
  const f = sealFields({
    v: seal['v'] as number,
    from,
    sealSeq,
    start,
    head,
    root: fromB64url(seal['root'], 32)!,
    timeNs: BigInt(seal['time'] as string),
    epoch: seal['epoch'] as number,
    keyId: key.keyId,
    nextKey: seal['next_key'] !== undefined ? fromB64url(seal['next_key'], 32) : undefined,
    sig: new Uint8Array(64),
  });
  seal['sig'] = toB64url(key.sign(sealMessage(id, sealSeq, f, fromB64url(seal['ctx'], 32))));
}

export function generateProofVectors(): Json {
  const frames = stream();
  const valid = prove(frames, 4);
  const rotated = prove(frames, 25);
  const cases: Json[] = [];
  const add = (name: string, description: string, proof: Json, expect: Json): void => {
    cases.push({ name, description, proof, expect });
  };
  add('valid', 'record 4 (epoch 0), in the first seal range (genesis and 6 records)', valid, { valid: true, stream: STREAM, chain: CHAIN, seq: 4, seal_seq: 8, epoch: 0 });
  add('valid-after-rotation', 'record 25, sealed in epoch 2: two key certificates lead there from the epoch-0 key', rotated, { valid: true, stream: STREAM, chain: CHAIN, seq: 25, seal_seq: 29, epoch: 2 });

  const flippedRecord = clone(valid);
  const rec = JSON.stringify(flippedRecord['record']).replace('signed in"', 'signed iN"');
  if (rec === JSON.stringify(valid['record'])) throw new Error('vectors: the record body was not changed');
  flippedRecord['record'] = JSON.parse(rec) as unknown;
  add('flipped-record-byte', 'one byte of the record body changed (n to N)', flippedRecord, { valid: false, code: 'modified' });

  const flippedPath = clone(valid);
  const path = flippedPath['path'] as string[];
  path[1] = flipB64(path[1]!);
  add('flipped-path-hash', 'one bit of the second audit path hash flipped', flippedPath, { valid: false, code: 'path_mismatch' });

  const wrongIndex = clone(valid);
  wrongIndex['index'] = (wrongIndex['index'] as number) - 1;
  add('wrong-leaf-index', 'the leaf index one too low (the seal range would start a record later, at seq 2)', wrongIndex, { valid: false, code: 'path_mismatch' });

  const beforeOne = clone(valid);
  beforeOne['index'] = (beforeOne['index'] as number) + 1;
  add('leaf-index-before-seq-1', 'the leaf index one too high: the range would start at seq 0', beforeOne, { valid: false, code: 'wrong_leaf' });

  const badSig = clone(valid);
  (badSig['seal'] as Json)['sig'] = flipB64((badSig['seal'] as Json)['sig'] as string);
  add('seal-signature-bad', 'one bit of the seal signature flipped', badSig, { valid: false, code: 'forged_seal' });

  // Signing the seal again for its own stream gives its own signature: the case below differs in the stream alone.
  const same = clone(valid);
  resignSeal(same, KEYS[0]!, { stream: STREAM, chain: CHAIN });
  if ((same['seal'] as Json)['sig'] !== (valid['seal'] as Json)['sig']) throw new Error('vectors: re-signing the seal does not reproduce its signature');
  const otherStream = clone(valid);
  resignSeal(otherStream, KEYS[0]!, { stream: 'other-host/logs', chain: CHAIN });
  add('seal-of-another-stream', 'the same seal signed (by the trusted key) for stream other-host/logs: it does not verify for the record\'s stream', otherStream, { valid: false, code: 'forged_seal' });

  const noCerts = clone(rotated);
  noCerts['keys'] = [];
  add('key-certificates-missing', 'the epoch-2 proof without its key certificates', noCerts, { valid: false, code: 'unknown_key' });

  const oneCert = clone(rotated);
  oneCert['keys'] = (oneCert['keys'] as unknown[]).slice(1);
  add('key-certificate-missing', 'the epoch-2 proof without the certificate of epoch 1 (its first)', oneCert, { valid: false, code: 'unknown_key' });

  const forgedCert = clone(rotated);
  const cert = (forgedCert['keys'] as Json[])[1]!;
  cert['sig'] = flipB64(cert['sig'] as string);
  add('key-certificate-forged', 'one bit of the signature of the certificate of epoch 2 flipped', forgedCert, { valid: false, code: 'forged_certificate' });

  const otherKey = clone(rotated);
  (otherKey['keys'] as Json[])[1]!['next_key'] = toB64url(signerFromSeed(seed(9), 2).publicKey);
  add('key-certificate-names-another-key', 'the certificate of epoch 2 altered to announce another key', otherKey, { valid: false, code: 'forged_certificate' });

  const predated = prove(stream({ predate: true }), 10);
  add('key-used-before-announcement', 'a seal of epoch 1 dated before the seal that announced key 1 (the signer\'s clock set back)', predated, { valid: false, code: 'predated' });

  return {
    format: 'sealog-proof-vectors-v1',
    about: 'Known-answer vectors for sealog inclusion proofs (docs/PROOF.md). Regenerate with `node dist/scripts/gen-vectors-proof.js` after `npm run build`.',
    trust: { anchor_public_key_hex: toHex(KEYS[0]!.publicKey), anchor_key_id: KEYS[0]!.keyId },
    key_ids: KEYS.map((k) => k.keyId),
    stream_lines: frames.length,
    cases,
  };
}

export const PROOF_VECTOR_FILE = fileURLToPath(new URL('../../test/vectors/proof-v1.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PROOF_VECTOR_FILE, JSON.stringify(generateProofVectors(), null, 2) + '\n');
  process.stdout.write(`wrote ${PROOF_VECTOR_FILE}\n`);
}
