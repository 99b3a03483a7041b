/**
 * A seal as a proof carries it (format.ts) and the bytes its signature
 * covers (PROTOCOL.md §5 for v1, §5.1 for v2). A proof leaves out what
 * follows from the rest and what every valid seal has (docs/PROOF.md "The
 * seal"): the range (`to` = seq − 1, `prev_seal_seq` = from − 1), the previous
 * seal's hash (it is hash_{from−1}, the range's `start`; 32 zero bytes when
 * from = 1), `key_id` (that of the key the certificates lead to), and, in v2,
 * the record around the body: rebuilt with sealRecord(), the agent's own
 * writer. The builder checks that a seal is of this shape (sealShapeProblem)
 * before it puts it in a proof.
 */
import { canonicalRecord } from '../../integrity/canonical.js';
import { controlStatementV2, sealRecord, sealStatement, withoutSig, type SealFields, type StreamId } from '../../integrity/control.js';
import type { LogRecord } from '../../otlp/index.js';
import { bytesEqual } from '../../integrity/bytes.js';

const ZERO32 = new Uint8Array(32);
const NO_SIG = new Uint8Array(64);

/** The body fields of a seal at `sealSeq` covering `from..sealSeq-1`, rebuilt from what a proof carries. */
export function sealFields(x: {
  v: number;
  from: number;
  sealSeq: number;
  start: Uint8Array;
  head: Uint8Array;
  root: Uint8Array;
  timeNs: bigint;
  epoch: number;
  keyId: string;
  nextKey?: Uint8Array | undefined;
  sig: Uint8Array;
}): SealFields {
  const f: SealFields = {
    v: x.v,
    from: x.from,
    to: x.sealSeq - 1,
    start: x.start,
    head: x.head,
    root: x.root,
    prevSealSeq: x.from - 1,
    prevSeal: x.from > 1 ? x.start : ZERO32,
    timeNs: x.timeNs,
    epoch: x.epoch,
    keyId: x.keyId,
    sig: x.sig,
  };
  if (x.nextKey) f.nextKey = x.nextKey;
  return f;
}

/** The canonical bytes of the seal record as the agent writes it, without `sig` (what §5.1 signs after ctx). */
function unsignedSealBytes(f: SealFields): Uint8Array {
  return canonicalRecord(withoutSig(sealRecord({ ...f, sig: NO_SIG })));
}

/** The bytes the seal's signature covers: the v1 statement, or the v2 control statement over ctx and the rebuilt record. */
export function sealMessage(id: StreamId, sealSeq: number, f: SealFields, ctx: Uint8Array | undefined): Uint8Array {
  if (f.v === 1) return sealStatement(id, sealSeq, f);
  if (!ctx) throw new RangeError('a v2 seal needs its context hash');
  return controlStatementV2(id, sealSeq, ctx, unsignedSealBytes(f));
}

/**
 * Why a seal found in the input cannot be carried by a proof, or undefined
 * when it can: its range and previous seal must be those every valid seal
 * has, and (v2) its record must be exactly the one sealRecord() writes for
 * its fields, since that is what a verifier rebuilds.
 */
export function sealShapeProblem(sealSeq: number, record: LogRecord, f: SealFields, anchor: Uint8Array): string | undefined {
  if (f.to !== sealSeq - 1) return `seal ${sealSeq} covers up to ${f.to}, not up to ${sealSeq - 1}`;
  if (f.from < 1 || f.from > sealSeq) return `seal ${sealSeq} has an impossible range ${f.from}..${f.to}`;
  if (f.prevSealSeq !== f.from - 1) return `seal ${sealSeq} starts at ${f.from}, not right after the seal it names as previous (${f.prevSealSeq})`;
  if (f.from === 1 && !bytesEqual(f.start, anchor)) return `seal ${sealSeq} starts the chain but its start hash is not the chain's anchor`;
  if (!bytesEqual(f.prevSeal, f.from > 1 ? f.start : ZERO32)) return `seal ${sealSeq}'s previous-seal hash is not the hash of record ${f.from - 1} it starts from`;
  if (f.v === 2 && !bytesEqual(canonicalRecord(withoutSig(record)), unsignedSealBytes(f))) {
    return `seal ${sealSeq} is not written as sealog writes seals (other record fields or attributes than its body's), so a proof cannot rebuild what it signs`;
  }
  return undefined;
}
