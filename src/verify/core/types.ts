/**
 * The checker core's vocabulary: findings and reports (what it says), its
 * options, and how records reach it (RecordInput, RecordSink, LINK_PREFIX).
 * Types and one constant only.
 */
import type { LogRecord } from '../../otlp/types.js';
import { HASH_BYTES, RECORD_TAG } from '../../integrity/chain.js';
import type { AnchorBinding } from '../../integrity/epochs.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import type { TailLostFields } from '../../integrity/control.js';
import type { TrustStore } from '../../integrity/keys.js';

export type FindingKind =
  | 'modified'
  | 'missing'
  | 'inserted'
  | 'foreign'
  | 'conflicting_duplicate'
  | 'forged_seal'
  | 'invalid_seal'
  | 'unknown_key'
  | 'epoch_jump'
  | 'predated_seal'
  | 'anchor_mismatch'
  | 'unbound_stream'
  | 'unsealed_tail'
  | 'stale'
  | 'chain_restart'
  | 'spool_tail_lost'
  | 'loss'
  | 'gap'
  | 'absent_prefix'
  | 'unverifiable'
  | 'out_of_window'
  | 'unreadable_line'
  | 'witness_missing'
  | 'witness_conflict'
  | 'corrupt_frame';

export type Severity = 'violation' | 'warning' | 'note';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  stream?: string;
  chain?: string;
  seq?: number;
  /** Last seq of a range (missing records, unsealed tail). */
  seqEnd?: number;
  message: string;
  /** file:line of the record, where known. */
  where?: string;
  /** The record's time, where known (used by --since/--until). */
  timeNs?: bigint;
}

export interface StreamReport {
  stream: string;
  chain: string;
  records: number;
  controlRecords: number;
  seals: number;
  duplicates: number;
  firstSeq: number;
  lastSeq: number;
  lastSealSeq: number;
  lastSealTimeNs?: bigint;
  epochs: number[];
  /** The anchor (epoch-0 key id) its control records verified under, and the key file it came from. */
  anchor?: string;
  anchorSource?: string;
  /** The --key-for pattern that bound it to its anchor. */
  binding?: string;
  timeMinNs?: bigint;
  timeMaxNs?: bigint;
  genesis?: { reason: string; timeNs: bigint; tailLost?: TailLostFields };
  findings: Finding[];
}

export interface VerifyReport {
  intact: boolean;
  violations: number;
  warnings: number;
  streams: StreamReport[];
  /** Findings not tied to one stream (foreign records). */
  findings: Finding[];
}

export interface VerifyOptions {
  crypto: CryptoProvider;
  trust: TrustStore;
  nowNs: () => bigint;
  /** Warnings (unsealed tail, declared loss, chain restart) become violations. */
  strict?: boolean;
  /** A stream whose last seal (its signed time) is older than this is stale (a violation), and its unsealed tail, if any, is a violation too. */
  maxAgeNs?: bigint;
  /** Records from this seq on must all be present (retention may only remove what comes before). */
  expectFromSeq?: number;
  /** The stream must have records from this time on (its first retained record must not be newer). */
  expectFromTimeNs?: bigint;
  /** Only these streams (exact names) are checked. */
  streams?: ReadonlySet<string>;
  sinceNs?: bigint;
  untilNs?: bigint;
  /** How many out-of-order records a stream may buffer before it assumes its beginning is absent. */
  windowRecords?: number;
  /** Streams bound to anchors (`--key-for GLOB=PUB`); the first matching binding applies. */
  bindings?: readonly AnchorBinding[];
  /** Set by verifyPasses (pass 2): keep every distinct copy of these seqs, check nothing. */
  collect?: SeqsByChain;
  /** Set by verifyPasses (pass 3): at these seqs the chain continues from the copy with this digest; every other copy is a conflicting duplicate. */
  prefer?: PreferredCopies;
}

/** Seqs per (stream, chain), keyed `stream \0 chain`. */
export type SeqsByChain = ReadonlyMap<string, ReadonlySet<number>>;
/** The chosen copy (copyDigest, hex) per seq, per (stream, chain). */
export type PreferredCopies = ReadonlyMap<string, ReadonlyMap<number, string>>;

/** Room before a record's canonical bytes for 0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ hash_{seq-1} ‖ ctx. */
export const LINK_PREFIX = 1 + RECORD_TAG.length + 8 + HASH_BYTES + HASH_BYTES;

/**
 * One record as the checker takes it. The checker reads it during add() and
 * copies what it keeps, so callers may reuse the object and the buffer.
 */
export interface RecordInput {
  /** Its `sealog.seq`, or -1 when it has none that is valid (an int from 1 to 2^53-1). */
  seq: number;
  /** Context hash (docs/PROTOCOL.md §4) of its resource and scope. */
  ctx: Uint8Array;
  /**
   * Canonical record bytes (docs/PROTOCOL.md §3) are buf[start, end); the
   * LINK_PREFIX bytes before `start` are scratch the checker overwrites.
   */
  buf: Uint8Array;
  start: number;
  end: number;
  /** Its `sealog.hash` as 32 bytes at claimedBuf[claimedAt..], or claimedAt -1 when it has none that is valid. */
  claimedBuf: Uint8Array;
  claimedAt: number;
  /** The decoded record when it carries `sealog.type`; undefined when it does not. */
  control: LogRecord | undefined;
  where: string;
}

/** Where the records of one (stream, chain) go. */
export interface RecordSink {
  add(r: RecordInput): void;
  /** A record without a valid sealog.seq in this sealed stream. */
  inserted(where: string, timeNs: bigint): void;
}

/** A record the checker keeps (its own copy, see own() in record-bytes.ts) or reads during add(). */
export type Pending = RecordInput;

/** A finding of one stream before it is tied to its stream and chain. */
export type ChainFinding = Omit<Finding, 'stream' | 'chain'>;

/** A seal as the checker judged it (Verifier.sealRanges): the records it covers and whether it verified them. */
export interface SealRange {
  /** The seal record's seq. */
  seq: number;
  from: number;
  to: number;
  /** Its `time` field (signed; the agent's clock when it sealed). */
  timeNs: bigint;
  /** Complete range, matching root, start and head hashes, a valid signature by a trusted key in force, and the seal record itself neither modified nor conflicting. */
  verified: boolean;
  /** Why not, when not verified. */
  reason?: string;
}
