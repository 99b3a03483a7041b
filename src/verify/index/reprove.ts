/**
 * Re-proving one record read from the index, from the public key alone
 * (docs/VERIFY.md "The index"): nothing the index says is believed, every
 * byte is checked against a signature.
 *
 *   seal     its canonical bytes decode to a seal whose signature (v1
 *            statement or v2 record, PROTOCOL.md §5.1) verifies under a key
 *            certified from a trusted anchor (the caller's KeyLookup), in
 *            force at the seal's time, and whose range ends right before it;
 *   leaves   the index's chain hashes of the range lead to the signed root
 *            (RFC 9162), once per seal;
 *   record   its chain hash recomputed from its own bytes, its context's
 *            bytes and hash_{seq-1} is the leaf at its place in that tree
 *            (or, when the index's leaves are damaged, puts the signed root
 *            back when put in its place: then it is proven all the same).
 *
 * Pure (crypto injected), so it can be tested with vectors. The one entry
 * point for a hit is reproveHit(); a seal's checks are cached per
 * SealEvidence object, so many hits of one seal cost one signature and one
 * tree.
 */
import { bytesEqual, ByteWriter } from '../../integrity/bytes.js';
import { ChainHasher, CONTEXT_TAG } from '../../integrity/chain.js';
import { controlMessage } from '../../integrity/control-sig.js';
import { parseSeal, sealStatement, type SealFields } from '../../integrity/control.js';
import { sha256Bytes, type CryptoProvider } from '../../integrity/crypto.js';
import type { TrustedKey } from '../../integrity/keys.js';
import { MerkleAccumulator } from '../../integrity/merkle.js';
import { recordModel } from '../search/canonical-read.js';

/** What the index holds for the seal that covers a record (none of it trusted). */
export interface SealEvidence {
  stream: string;
  chain: string;
  /** The seal record's seq. */
  seq: number;
  /** Its canonical record bytes (docs/PROTOCOL.md §3) and its context's. */
  record: Uint8Array;
  context: Uint8Array;
  /** The chain hashes of the records it covers, 32 bytes each, in seq order; undefined when the index lacks them. */
  leaves: Uint8Array | undefined;
}

/** A record as the index holds it. */
export interface RecordEvidence {
  seq: number;
  record: Uint8Array;
  context: Uint8Array;
}

/** The key a control record names, certified from a trusted anchor (epoch 0 up to `epoch`) and in force at `timeNs`; else why not. */
export type KeyLookup = (keyId: string, epoch: number, timeNs: bigint) => TrustedKey | string;

export type ReproveResult = { status: 'verified'; reason: string } | { status: 'modified' | 'unverifiable'; reason: string };

/** A seal as checked: its signed fields, and whether the index's leaves lead to its root. */
export type CheckedSeal =
  | { ok: true; fields: SealFields; key: TrustedKey; leavesOk: boolean; leaves: Uint8Array | undefined; ownHash: Uint8Array }
  | { ok: false; reason: string };

/** H(0x03 ‖ "sealog/v1/context" ‖ context bytes): the context hash of PROTOCOL.md §4. */
export function contextHash(crypto: CryptoProvider, context: Uint8Array): Uint8Array {
  const w = new ByteWriter(context.length + 32);
  w.u8(0x03);
  w.bytes(CONTEXT_TAG);
  w.bytes(context);
  return sha256Bytes(crypto, w.view_());
}

/** One ChainHasher per crypto provider: it owns reusable buffers, and linkBytes returns fresh bytes. */
const hashers = new WeakMap<CryptoProvider, ChainHasher>();
function hasherFor(crypto: CryptoProvider): ChainHasher {
  let h = hashers.get(crypto);
  if (!h) hashers.set(crypto, (h = new ChainHasher(crypto)));
  return h;
}

function merkleRoot(crypto: CryptoProvider, leaves: Uint8Array, replaceAt = -1, replacement?: Uint8Array): Uint8Array {
  const acc = new MerkleAccumulator(crypto);
  const n = leaves.length / 32;
  for (let i = 0; i < n; i++) acc.push(i === replaceAt ? replacement! : leaves.subarray(i * 32, i * 32 + 32));
  return acc.root();
}

/** What a seal's signature check needs: its signed fields, the key, the message; else why it cannot be checked. */
type SealClaim = { ok: true; fields: SealFields; key: TrustedKey; ctx: Uint8Array; message: Uint8Array } | { ok: false; reason: string };

function sealClaim(crypto: CryptoProvider, s: SealEvidence, keyFor: KeyLookup): SealClaim {
  const where = `seal at seq ${s.seq}`;
  let record;
  try {
    record = recordModel(s.record, 0);
  } catch (err) {
    return { ok: false, reason: `the index's bytes of its ${where} are not a record (${(err as Error).message})` };
  }
  const parsed = parseSeal(record);
  if (!parsed.ok) return { ok: false, reason: `its ${where} is malformed (${parsed.error})` };
  const fields = parsed.value;
  const key = keyFor(fields.keyId, fields.epoch, fields.timeNs);
  if (typeof key === 'string') return { ok: false, reason: `its ${where} is signed by a key that cannot be trusted: ${key}` };
  const id = { stream: s.stream, chain: s.chain };
  const ctx = contextHash(crypto, s.context);
  const message = controlMessage({ id, seq: s.seq, ctx, record, fields, v1Statement: () => sealStatement(id, s.seq, fields) });
  return { ok: true, fields, key, ctx, message };
}

/** The rest of a seal's check, once its signature's verdict is known. */
function sealChecked(crypto: CryptoProvider, s: SealEvidence, c: SealClaim, signatureOk: boolean): CheckedSeal {
  if (!c.ok) return c;
  const where = `seal at seq ${s.seq}`;
  const { fields, key, ctx } = c;
  if (!signatureOk) return { ok: false, reason: `the signature of its ${where} does not verify (forged seal, or the index changed it)` };
  if (fields.to !== s.seq - 1 || fields.from < 1 || fields.from > s.seq) return { ok: false, reason: `its ${where} covers ${fields.from}..${fields.to}, not a range that ends right before it` };
  const ownHash = hasherFor(crypto).linkBytes(s.seq, fields.head, ctx, s.record);
  const size = fields.to - fields.from + 1;
  const leavesOk = s.leaves !== undefined && s.leaves.length === size * 32 && bytesEqual(merkleRoot(crypto, s.leaves), fields.root);
  return { ok: true, fields, key, leavesOk, leaves: s.leaves?.length === size * 32 ? s.leaves : undefined, ownHash };
}

/** A seal record as the index holds it, checked from the key alone (see the module comment). */
export function checkSeal(crypto: CryptoProvider, s: SealEvidence, keyFor: KeyLookup): CheckedSeal {
  const c = sealClaim(crypto, s, keyFor);
  return sealChecked(crypto, s, c, c.ok && crypto.verifyEd25519(c.key.publicKey, c.message, c.fields.sig));
}

const checked = new WeakMap<SealEvidence, CheckedSeal>();

/**
 * The status of one record the index returned, re-proven against the seal
 * that (the index says) covers it: `verified` when its bytes are the ones
 * the signed root commits to at its seq, `modified` when the seal and the
 * range verify but its bytes do not hash to the chain hash at its place,
 * `unverifiable` when the seal or the range cannot be checked.
 */
export function reproveHit(crypto: CryptoProvider, stream: string, chain: string, r: RecordEvidence, seal: SealEvidence, keyFor: KeyLookup): ReproveResult {
  const s = checkedSeal(crypto, seal, keyFor);
  if (!s.ok) return { status: 'unverifiable', reason: s.reason };
  if (seal.stream !== stream || seal.chain !== chain) return { status: 'unverifiable', reason: `the seal the index names belongs to ${seal.stream} chain ${seal.chain}` };
  const f = s.fields;
  if (r.seq < f.from || r.seq > f.to) return { status: 'unverifiable', reason: `the seal at seq ${seal.seq} covers ${f.from}..${f.to}, not seq ${r.seq}` };
  if (!s.leaves) return { status: 'unverifiable', reason: `the index lacks the chain hashes of seal range ${f.from}..${f.to}, so the Merkle path to the signed root cannot be built` };
  const i = r.seq - f.from;
  const prev = i === 0 ? f.start : s.leaves.subarray((i - 1) * 32, i * 32);
  const leaf = hasherFor(crypto).linkBytes(r.seq, prev, contextHash(crypto, r.context), r.record);
  const stored = s.leaves.subarray(i * 32, i * 32 + 32);
  const by = `seal at seq ${seal.seq} (range ${f.from}..${f.to}, epoch ${f.epoch}, key ${f.keyId} via ${s.key.via})`;
  if (s.leavesOk) {
    if (bytesEqual(leaf, stored)) return { status: 'verified', reason: `covered by the ${by}` };
    return { status: 'modified', reason: `its bytes do not hash to the chain hash the ${by} commits to: it was changed after it was sealed` };
  }
  // The index's hashes of the range are damaged; the record is proven only if it alone restores the signed root.
  if (bytesEqual(merkleRoot(crypto, s.leaves, i, leaf), f.root)) return { status: 'verified', reason: `covered by the ${by}` };
  return { status: 'unverifiable', reason: `the index's chain hashes of seal range ${f.from}..${f.to} do not lead to the signed root of the ${by} (the index is damaged, or the record was changed)` };
}

/** The checked seal for `seal` (cached with reproveHit's), for tails and completeness. */
export function checkedSeal(crypto: CryptoProvider, seal: SealEvidence, keyFor: KeyLookup): CheckedSeal {
  let s = checked.get(seal);
  if (!s) {
    s = checkSeal(crypto, seal, keyFor);
    checked.set(seal, s);
  }
  return s;
}

/**
 * Many seals checked at once (a chain's completeness): the same checks as
 * checkedSeal, their signatures verified in parallel where the crypto can
 * (node:crypto: libuv's thread pool, so both cores work). Cached as
 * checkedSeal's are. The claims are made in slices: each slice's signatures
 * are verified while the next slice's claims are made, and `pause` (the
 * caller's way to let other work run, e.g. an event-loop turn) is awaited
 * between slices.
 */
export async function checkedSeals(crypto: CryptoProvider, seals: readonly SealEvidence[], keyFor: KeyLookup, pause: () => Promise<void> = async () => {}): Promise<CheckedSeal[]> {
  const unchecked = seals.filter((s) => !checked.has(s));
  if (crypto.verifyEd25519Many && unchecked.length > 1) {
    const pending: Array<Promise<void>> = [];
    for (let at = 0; at < unchecked.length; at += CLAIM_SLICE) {
      if (at > 0) await pause();
      const slice = unchecked.slice(at, at + CLAIM_SLICE);
      const claims = slice.map((s) => sealClaim(crypto, s, keyFor));
      const signed = claims.flatMap((c) => (c.ok ? [{ publicKey: c.key.publicKey, message: c.message, signature: c.fields.sig }] : []));
      pending.push(
        crypto.verifyEd25519Many(signed).then((verdicts) => {
          let i = 0;
          slice.forEach((s, k) => {
            const c = claims[k]!;
            checked.set(s, sealChecked(crypto, s, c, c.ok && verdicts[i++] === true));
          });
        }),
      );
    }
    await Promise.all(pending);
  }
  return seals.map((s) => checkedSeal(crypto, s, keyFor));
}

/** Seals whose claims checkedSeals makes between two pauses. */
const CLAIM_SLICE = 128;
