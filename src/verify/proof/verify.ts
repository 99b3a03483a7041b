/**
 * Checks a `sealog-proof-v1` proof (docs/PROOF.md "Verification") with the
 * auditor's trust store alone (the epoch-0 key; a keyring too if given):
 *
 *   record ─► hash_seq = H(0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ prev ‖ ctx ‖ record)  = its sealog.hash
 *          ─► audit path (index, size) ─► root = the seal's root
 *   keys   ─► epoch 0 (trusted) ─► each certificate (an announcing seal) verifies
 *              under the key before it, no earlier than that key came into force
 *   seal   ─► rebuilt (seal-form.ts), dated no earlier than its key came into
 *              force, its signature verifies for the record's stream and chain
 *
 * Pure (no I/O, no node: modules): runs wherever a CryptoProvider does.
 * ProofVerifier remembers the signatures it has verified, so the proofs of
 * many records under one seal (an evidence bundle) cost one Ed25519 check.
 */
import { ChainHasher } from '../../integrity/chain.js';
import { bytesEqual } from '../../integrity/bytes.js';
import { toB64url } from './b64url.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import { keyIdOf, type TrustedKey, type TrustStore } from '../../integrity/keys.js';
import { rangeText } from '../core/index.js';
import { rootFromAuditPath, auditPathLength } from './audit-path.js';
import { parseProof, type CertForm, type Proof } from './format.js';
import { readProofRecord, type ProofRecord } from './record-form.js';
import { sealFields, sealMessage } from './seal-form.js';

/** Why a proof is invalid: one code per rule of docs/PROOF.md. */
export type ProofFailure =
  | 'malformed'
  | 'record_form'
  | 'modified'
  | 'wrong_leaf'
  | 'path_mismatch'
  | 'unknown_key'
  | 'epoch_jump'
  | 'forged_certificate'
  | 'predated'
  | 'forged_seal';

export interface ProofValid {
  ok: true;
  stream: string;
  chain: string;
  seq: number;
  /** The seal that covers it, its signing time and key. */
  sealSeq: number;
  sealTimeNs: bigint;
  epoch: number;
  keyId: string;
  /** The epoch-0 key id the key descends from. */
  anchorId: string;
}

export interface ProofInvalid {
  ok: false;
  code: ProofFailure;
  reason: string;
  /** What the proof claims to prove, when its record could be read. */
  stream?: string;
  chain?: string;
  seq?: number;
}

export type ProofCheck = ProofValid | ProofInvalid;

/** A key as the certificate walk holds it: the key, and when it came into force (undefined: always). */
interface KeyInForce {
  key: TrustedKey;
  sinceNs: bigint | undefined;
}

type Step<T> = { ok: true; value: T } | ProofInvalid;

function later(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

export class ProofVerifier {
  readonly #hasher: ChainHasher;
  /** Signatures verified so far: public key id, message digest, signature. */
  readonly #verified = new Set<string>();

  readonly #remember: boolean;

  /** `remember: false` checks every signature every time (for measuring; the verdicts are the same). */
  constructor(
    readonly crypto: CryptoProvider,
    readonly trust: TrustStore,
    opts: { remember?: boolean } = {},
  ) {
    this.#hasher = new ChainHasher(crypto);
    this.#remember = opts.remember ?? true;
  }

  /** Checks one proof, given as parsed JSON (JSON.parse of a proof line or file). */
  verify(json: unknown): ProofCheck {
    const parsed = parseProof(json);
    if (!parsed.ok) return { ok: false, code: 'malformed', reason: parsed.error };
    const rec = readProofRecord(parsed.proof.record);
    if (!rec.ok) return { ok: false, code: rec.code, reason: rec.error };
    const r = rec.value;
    const out = this.#check(parsed.proof, r);
    return out.ok ? out : { ...out, stream: r.stream, chain: r.chain, seq: r.seq };
  }

  #check(p: Proof, r: ProofRecord): ProofCheck {
    const { stream, chain, seq } = r;
    const fail = (code: ProofFailure, reason: string): ProofInvalid => ({ ok: false, code, reason });
    // 1. The record's chain hash, from the record itself and hash_{seq-1}.
    const leaf = this.#hasher.link(seq, p.prev, this.#hasher.context(r.resource, r.scope), r.record);
    if (!bytesEqual(leaf, r.claimed)) return fail('modified', `record ${seq} does not match its sealog.hash: it was changed after it was sealed (or prev is not hash_${seq - 1})`);
    // 2. Its place in the seal range, and the path to the root.
    const { index, size } = p;
    if (size < 1 || index >= size) return fail('wrong_leaf', `leaf index ${index} is not inside a seal range of ${size} records`);
    if (index >= seq) return fail('wrong_leaf', `leaf index ${index} would put the range's start before seq 1 (record ${seq})`);
    const from = seq - index;
    const sealSeq = from + size;
    if (!Number.isSafeInteger(sealSeq)) return fail('wrong_leaf', `a seal range of ${size} records from ${from} ends beyond 2^53`);
    const want = auditPathLength(index, size);
    if (p.path.length !== want) return fail('path_mismatch', `the audit path holds ${p.path.length} hashes; leaf ${index} of a ${size}-leaf tree needs ${want}`);
    const root = rootFromAuditPath(this.crypto, leaf, index, size, p.path);
    if (!root || !bytesEqual(root, p.seal.root)) return fail('path_mismatch', `the audit path does not lead from record ${seq} to the root of seal ${sealSeq} (records ${rangeText(from, sealSeq - 1)})`);
    // 3. What is derived, and what must then be absent.
    const s = p.seal;
    const anchor = this.#hasher.anchor(stream, chain);
    if ((s.start !== undefined) !== (index > 0 && from > 1)) return fail('malformed', 'seal.start must be present exactly when the record is not the first of its range and the range does not start at seq 1');
    if ((s.head !== undefined) !== (index < size - 1)) return fail('malformed', 'seal.head must be present exactly when the record is not the last of its range');
    const start = s.start ?? (from === 1 ? anchor : p.prev);
    const head = s.head ?? leaf;
    // 4. The key of the seal's epoch, from a trusted key through the certificates.
    const key = this.#keyFor(p.keys, s.epoch, stream, chain, sealSeq);
    if (!key.ok) return key;
    const { key: k, sinceNs } = key.value;
    if (sinceNs !== undefined && s.timeNs < sinceNs) return fail('predated', `seal ${sealSeq} is dated ${s.timeNs} ns, before key ${k.keyId} (epoch ${k.epoch}) came into force at ${sinceNs} ns`);
    const f = sealFields({ v: s.v, from, sealSeq, start, head, root: s.root, timeNs: s.timeNs, epoch: s.epoch, keyId: k.keyId, nextKey: s.nextKey, sig: s.sig });
    if (!this.#signed(k, sealMessage({ stream, chain }, sealSeq, f, s.ctx), s.sig)) {
      return fail('forged_seal', `seal ${sealSeq} of stream ${stream} chain ${chain} does not verify under key ${k.keyId} (epoch ${k.epoch}): a forged or altered seal, or a seal of another stream`);
    }
    return { ok: true, stream, chain, seq, sealSeq, sealTimeNs: s.timeNs, epoch: k.epoch, keyId: k.keyId, anchorId: k.anchorId };
  }

  /**
   * The key of `epoch` that may sign seal `sealSeq`: a trusted key of the
   * first certificate's epoch (of the seal's when there is none), then each
   * certificate's next key (PROTOCOL.md §8, §8.1). With several trusted keys
   * of that epoch (several anchors), the first one the whole walk verifies under.
   */
  #keyFor(certs: readonly CertForm[], epoch: number, stream: string, chain: string, sealSeq: number): Step<KeyInForce> {
    const startEpoch = certs.length ? certs[0]!.epoch : epoch;
    const candidates = this.trust.keys().filter((k) => k.epoch === startEpoch);
    if (candidates.length === 0) {
      return {
        ok: false,
        code: 'unknown_key',
        reason: certs.length
          ? `the first key certificate is signed in epoch ${startEpoch}, and no trusted key is of that epoch`
          : `seal ${sealSeq} is of epoch ${epoch}, no trusted key is of that epoch, and the proof carries no key certificates`,
      };
    }
    let first: ProofInvalid | undefined;
    for (const c of candidates) {
      const walked = this.#walk({ key: c, sinceNs: c.sinceNs }, certs, epoch, stream, chain, sealSeq);
      if (walked.ok) return walked;
      first ??= walked;
    }
    return first!;
  }

  #walk(from: KeyInForce, certs: readonly CertForm[], epoch: number, stream: string, chain: string, sealSeq: number): Step<KeyInForce> {
    let cur = from;
    for (let i = 0; i < certs.length; i++) {
      const c = certs[i]!;
      const what = `key certificate ${i} (seal ${c.seq} of chain ${c.chain ?? chain}, announcing epoch ${c.epoch + 1})`;
      if (c.epoch !== cur.key.epoch) return { ok: false, code: 'epoch_jump', reason: `${what} is of epoch ${c.epoch}, but the key before it is of epoch ${cur.key.epoch}` };
      if (c.seq < 1 || c.from < 1 || c.from > c.seq) return { ok: false, code: 'malformed', reason: `${what} has an impossible range ${c.from}..${c.seq - 1}` };
      if ((c.start !== undefined) !== (c.from > 1)) return { ok: false, code: 'malformed', reason: `${what}: start must be present exactly when its range does not start at seq 1` };
      if (cur.sinceNs !== undefined && c.timeNs < cur.sinceNs) {
        return { ok: false, code: 'predated', reason: `${what} is dated ${c.timeNs} ns, before key ${cur.key.keyId} (epoch ${cur.key.epoch}) came into force at ${cur.sinceNs} ns` };
      }
      const id = { stream, chain: c.chain ?? chain };
      const start = c.start ?? this.#hasher.anchor(id.stream, id.chain);
      const f = sealFields({ v: c.v, from: c.from, sealSeq: c.seq, start, head: c.head, root: c.root, timeNs: c.timeNs, epoch: c.epoch, keyId: cur.key.keyId, nextKey: c.nextKey, sig: c.sig });
      if (!this.#signed(cur.key, sealMessage(id, c.seq, f, c.ctx), c.sig)) {
        return { ok: false, code: 'forged_certificate', reason: `${what} does not verify under key ${cur.key.keyId} (epoch ${cur.key.epoch})` };
      }
      const keyId = keyIdOf(this.crypto, c.nextKey);
      const known = this.trust.get(keyId);
      if (known && known.epoch !== c.epoch + 1) {
        return { ok: false, code: 'unknown_key', reason: `${what} announces key ${keyId} as epoch ${c.epoch + 1}, but the keyring has it as epoch ${known.epoch}` };
      }
      const key: TrustedKey = { anchorId: cur.key.anchorId, epoch: c.epoch + 1, keyId, publicKey: c.nextKey, via: `seal ${stream} seq ${c.seq}` };
      // A key counts from its announcement (and, if the keyring also certifies it, from the later of the two).
      cur = { key, sinceNs: later(c.timeNs, known?.sinceNs) };
    }
    if (epoch !== cur.key.epoch) {
      return {
        ok: false,
        code: 'unknown_key',
        reason: certs.length
          ? `seal ${sealSeq} claims epoch ${epoch}, but its key certificates lead to the key of epoch ${cur.key.epoch}`
          : `seal ${sealSeq} claims epoch ${epoch}, but the trusted key is of epoch ${cur.key.epoch}`,
      };
    }
    return { ok: true, value: cur };
  }

  /** Ed25519 over `message`, remembered once it verified (only successes are kept). */
  #signed(key: TrustedKey, message: Uint8Array, sig: Uint8Array): boolean {
    if (!this.#remember) return this.crypto.verifyEd25519(key.publicKey, message, sig);
    const id = `${key.keyId}:${toB64url(this.crypto.sha256(message))}:${toB64url(sig)}`;
    if (this.#verified.has(id)) return true;
    if (!this.crypto.verifyEd25519(key.publicKey, message, sig)) return false;
    if (this.#verified.size > 100_000) this.#verified.clear();
    this.#verified.add(id);
    return true;
  }
}

/** Checks a list of parsed proofs (proof files, or an evidence bundle's) under one trust store. */
export function verifyProofs(crypto: CryptoProvider, trust: TrustStore, proofs: readonly unknown[]): ProofCheck[] {
  const v = new ProofVerifier(crypto, trust);
  return proofs.map((p) => v.verify(p));
}

/** Checks one parsed proof. */
export function verifyProof(crypto: CryptoProvider, trust: TrustStore, proof: unknown): ProofCheck {
  return new ProofVerifier(crypto, trust).verify(proof);
}
