/**
 * The checker core (docs/PROTOCOL.md §9). Feed it decoded OTLP data in any
 * order and grouping; it groups records by stream and chain, orders them by
 * seq, recomputes every hash, checks every seal, and reports findings
 * pinpointed by seq.
 *
 *   addLogsData(line) ─► per (stream, chain): records arrive ─► pending (by seq)
 *                                                   │ contiguous from `next`
 *                                                   ▼
 *                          link check ─► Merkle accumulator ─► seal check
 *
 * Memory: 32 bytes per record of a bounded window of recent seqs (duplicate
 * checks), one hash per seal (witness checks), plus the records waiting for a
 * predecessor; in-order input is checked as it streams.
 *
 * Records arrive as their canonical bytes (RecordInput): from decoded OTLP
 * through addLogsData(), or straight from OTLP JSON bytes through open() and
 * RecordSink.add() (src/verify/otlp-canonical.ts), which skips building the
 * model for every record that is not a control record.
 */
import type { LogRecord, LogsData } from '../otlp/types.js';
import { getAttr } from '../otlp/types.js';
import { ByteWriter, bytesEqual, fromHex, toHex } from './bytes.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, writeRecord } from './canonical.js';
import { ChainHasher, HASH_BYTES, RECORD_TAG } from './chain.js';
import {
  controlType,
  gapStatement,
  genesisStatement,
  lossStatement,
  parseGap,
  parseGenesis,
  parseLoss,
  parseSeal,
  sealStatement,
  type SealFields,
  type TailLostFields,
} from './control.js';
import { controlMessage } from './control-sig.js';
import { sha256Bytes, type CryptoProvider } from './crypto.js';
import { bindingFor, ChainKeys, mergeVouched, type AnchorBinding } from './epochs.js';
import { HashStore } from './hash-store.js';
import { accountDeclaredLosses, type DeclaredLoss } from './declared-loss.js';
import { TrustStore, type TrustedKey } from './keys.js';
import { MerkleAccumulator } from './merkle.js';

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

type Pending = RecordInput;

/**
 * A finding of one stream, built with one fixed set of properties in one
 * order: copying findings of varying shapes with object spread gave every
 * finding a hidden class of its own (~300 bytes each, two findings per
 * stream in input that claims a stream per line).
 */
function streamFinding(f: Omit<Finding, 'stream' | 'chain'>, stream: string, chain: string): Finding {
  return { kind: f.kind, severity: f.severity, seq: f.seq, seqEnd: f.seqEnd, message: f.message, where: f.where, timeNs: f.timeNs, stream, chain };
}

const DEFAULT_WINDOW = 200_000;

type ChainFinding = Omit<Finding, 'stream' | 'chain'>;

/** One control record, checked once its chain's keys are known (StreamCheck.#control). */
interface ControlStep {
  seq: number;
  /** "seal 12", for messages. */
  what: string;
  keyId: string;
  epoch: number;
  /** Its signed time (undefined: none, no in-force check). */
  timeNs: bigint | undefined;
  where: string;
  /** Why a key that passed the key check still cannot be this record's (a genesis naming another public key). */
  keyMismatch?: (key: TrustedKey) => string | undefined;
  verify: (key: TrustedKey) => boolean;
  /** The message when the signature does not verify. */
  invalid: string;
  /** What it yields once verified. */
  findings: ChainFinding[];
  nextKey?: { key: Uint8Array; timeNs: bigint; via: string };
  genesis?: NonNullable<StreamReport['genesis']>;
}

interface ControlOutcome {
  findings: ChainFinding[];
  genesis?: NonNullable<StreamReport['genesis']>;
}

/** Key check, signature, and what a verified control record yields; moves `keys` on. Pure apart from `keys`. */
function runControl(keys: ChainKeys, step: ControlStep): ControlOutcome {
  const { seq, where } = step;
  const c = keys.check(step.keyId, step.epoch, step.timeNs, step.what);
  if (!c.ok) return { findings: [{ kind: c.kind, severity: 'violation', seq, message: c.message, where }] };
  const mismatch = step.keyMismatch?.(c.key);
  if (mismatch !== undefined) return { findings: [{ kind: 'forged_seal', severity: 'violation', seq, message: mismatch, where }] };
  if (!step.verify(c.key)) return { findings: [{ kind: 'forged_seal', severity: 'violation', seq, message: step.invalid, where }] };
  keys.accept(c.key);
  if (step.nextKey) keys.announce(step.nextKey.key, step.nextKey.timeNs, step.nextKey.via);
  return { findings: step.findings, ...(step.genesis ? { genesis: step.genesis } : {}) };
}

class StreamCheck implements RecordSink {
  readonly report: StreamReport;
  readonly hashes = new HashStore();
  /** Chain hashes of seal records, kept for the whole run (witness checks). */
  sealHashes: Map<number, Uint8Array> | undefined;
  /** Records waiting for their predecessor; made when the first one waits (most streams never need it). */
  #pendingMap: Map<number, Pending> | undefined;
  get #pending(): Map<number, Pending> {
    return (this.#pendingMap ??= new Map());
  }
  readonly #merkle: MerkleAccumulator;
  /** Next seq to process; undefined until the start is known. */
  #next = 1;
  /** Candidates for hash_{next-1}: [claimed, computed] when they differ. */
  #prev: Uint8Array[] | undefined;
  #prevSeq = 0;
  /** The array #prev points to once records flow (reused: no array per record). */
  readonly #prevArray: Uint8Array[] = [EMPTY, EMPTY]; // two slots made at once: a push onto [] reserves 17
  /** The Merkle accumulator holds exactly the leaves rangeFrom..next-1. */
  #rangeFrom = 1;
  #rangeComplete = true;
  #lastSeal: { seq: number; hash: Uint8Array | undefined } | undefined;
  /** A record whose predecessor is unknown, waiting for a seal whose `start` is its prev. */
  #unverifiedHead: Pending | undefined;
  /** Seq ranges found missing since the last seal (a previous seal in one of them cannot be checked). */
  readonly #gapsSinceSeal: Array<[number, number]> = [];
  #keys: ChainKeys;
  readonly #collect: ReadonlySet<number> | undefined;
  readonly #prefer: ReadonlyMap<number, string> | undefined;
  /** Control records waiting for keys from other chains of the stream (see #control). */
  #deferred: ControlStep[] | undefined;
  /** What records found modified hash to (their claimed hash is what the chain carries on): so an identical copy is a duplicate. */
  #modifiedComputed: Map<number, Uint8Array> | undefined;
  /** Loss records read, by seq (their finding is added only once verified). */
  #lossRecords: Map<number, DeclaredLoss> | undefined;
  #started = false;

  constructor(
    readonly stream: string,
    readonly chain: string,
    private readonly v: Verifier,
  ) {
    this.report = {
      stream,
      chain,
      records: 0,
      controlRecords: 0,
      seals: 0,
      duplicates: 0,
      firstSeq: 0,
      lastSeq: 0,
      lastSealSeq: 0,
      epochs: [],
      findings: [],
    };
    this.#merkle = new MerkleAccumulator(v.crypto);
    this.#prev = [v.hasher.anchor(stream, chain)];
    this.#keys = new ChainKeys(v.trust, v.crypto, bindingFor(v.opts.bindings, stream));
    this.#collect = v.opts.collect?.get(`${stream}\u0000${chain}`);
    this.#prefer = v.opts.prefer?.get(`${stream}\u0000${chain}`);
  }

  find(f: Omit<Finding, 'stream' | 'chain'>): void {
    this.report.findings.push(streamFinding(f, this.stream, this.chain));
  }

  inserted(where: string, timeNs: bigint): void {
    this.find({
      kind: 'inserted',
      severity: 'violation',
      message: 'a record without a valid sealog.seq in a sealed stream: inserted or foreign',
      where,
      timeNs,
    });
  }

  add(r: RecordInput): void {
    const seq = r.seq;
    const where = r.where;
    if (this.#collect) {
      if (this.#collect.has(seq)) this.#keepCopy(r);
      return;
    }
    const chosen = this.#prefer?.get(seq);
    if (chosen !== undefined) {
      const d = copyDigest(this.v.crypto, r);
      if (d !== chosen) {
        // Not the copy the chain continues from: one finding per distinct copy.
        const seen = (this.#reportedCopies ??= new Set());
        if (!seen.has(`${seq}:${d}`)) {
          seen.add(`${seq}:${d}`);
          this.#conflict(seq, where);
        }
        return;
      }
    }
    if (seq < this.#next && this.#started) {
      this.#duplicateOfProcessed(r);
      return;
    }
    if (seq === this.#next && (this.#pendingMap === undefined || this.#pendingMap.size === 0)) {
      this.#process(r);
      this.#started = true;
      return;
    }
    const existing = this.#pending.get(seq);
    if (existing) {
      if (samePending(existing, r)) this.report.duplicates++;
      else this.#conflict(seq, where);
      return;
    }
    this.#pending.set(seq, own(r));
    this.#drain();
    if (this.#pending.size > (this.v.opts.windowRecords ?? DEFAULT_WINDOW)) this.#jump();
  }

  #drain(): void {
    for (;;) {
      const p = this.#pending.get(this.#next);
      if (!p) return;
      this.#pending.delete(this.#next);
      this.#process(p);
      this.#started = true;
    }
  }

  /** Gives up waiting for #next: records from #next to the smallest pending seq are absent. */
  #jump(): void {
    let min = Infinity;
    for (const k of this.#pending.keys()) if (k < min) min = k;
    if (min === Infinity) return;
    const first = !this.#started;
    if (first) {
      this.report.firstSeq = min;
      this.#noteAbsentPrefix(min);
    } else {
      this.find({
        kind: 'missing',
        severity: 'violation',
        seq: this.#next,
        seqEnd: min - 1,
        message: `records ${rangeText(this.#next, min - 1)} are missing`,
      });
      this.#gapsSinceSeal.push([this.#next, min - 1]);
    }
    this.#prev = undefined;
    this.#next = min;
    if (first) {
      // The range the first present record belongs to began earlier: its seal cannot check a root.
      this.#rangeFrom = min;
      this.#merkle.reset();
    }
    this.#rangeComplete = first;
    this.#started = true;
    this.#drain();
  }

  #noteAbsentPrefix(first: number): void {
    const exp = this.v.opts.expectFromSeq;
    if (exp !== undefined && first > exp) {
      this.find({
        kind: 'missing',
        severity: 'violation',
        seq: exp,
        seqEnd: first - 1,
        message: `records ${rangeText(exp, first - 1)} are missing (expected from seq ${exp})`,
      });
    } else {
      this.find({
        kind: 'absent_prefix',
        severity: 'note',
        seq: 1,
        seqEnd: first - 1,
        message: `records ${rangeText(1, first - 1)} are absent (retention?); verified from the first complete seal range on`,
      });
    }
  }

  /** The record's time (its time, else its observed time) joins the stream's time range. */
  #noteTime(p: Pending): void {
    const b = p.buf;
    let o = p.start;
    let hi = u32At(b, o);
    let lo = u32At(b, o + 4);
    if (hi === 0 && lo === 0) {
      o += 8;
      hi = u32At(b, o);
      lo = u32At(b, o + 4);
      if (hi === 0 && lo === 0) return;
    }
    const r = this.#timeRange;
    if (r.n === 0) {
      // Placed now, as before, so the report's fields keep their order; the values are set by finish().
      this.report.timeMinNs = 0n;
      this.report.timeMaxNs = 0n;
    }
    if (r.n === 0 || hi < r.minHi || (hi === r.minHi && lo < r.minLo)) {
      r.minHi = hi;
      r.minLo = lo;
    }
    if (r.n === 0 || hi > r.maxHi || (hi === r.maxHi && lo > r.maxLo)) {
      r.maxHi = hi;
      r.maxLo = lo;
    }
    r.n++;
  }

  /** min/max time as 32-bit halves (bigints are made once, for the report). */
  readonly #timeRange = { n: 0, minHi: 0, minLo: 0, maxHi: 0, maxLo: 0 };

  #syncTimeRange(): void {
    const r = this.#timeRange;
    if (r.n === 0) return;
    this.report.timeMinNs = (BigInt(r.minHi) << 32n) | BigInt(r.minLo);
    this.report.timeMaxNs = (BigInt(r.maxHi) << 32n) | BigInt(r.maxLo);
  }

  #process(p: Pending): void {
    const seq = p.seq;
    if (this.report.firstSeq === 0) this.report.firstSeq = seq;
    this.report.lastSeq = seq;
    this.#next = seq + 1;
    this.#noteTime(p);

    // 1. The link: hash_seq from the candidates for hash_{seq-1}.
    let effective: Uint8Array | undefined;
    let alt: Uint8Array | undefined;
    const prev = this.#prevSeq === seq - 1 ? this.#prev : undefined;
    if (prev) {
      let matched = -1;
      let firstComputed: Uint8Array | undefined;
      let h: Uint8Array | undefined;
      for (let i = 0; i < prev.length; i++) {
        h = this.#link(p, prev[i]!);
        if (i === 0) firstComputed = h;
        if (claimedIs(p, h)) {
          matched = i;
          break;
        }
      }
      if (matched >= 0) {
        this.#resolvePrev(seq - 1, prev[matched]!);
        // The computed hash equals the claimed one: keep it (a fresh array).
        effective = h!;
      } else {
        this.#resolvePrev(seq - 1, prev[0]!);
        this.find({
          kind: 'modified',
          severity: 'violation',
          seq,
          message: p.claimedAt >= 0
            ? `record ${seq} does not match its hash: it was changed after it was sealed`
            : `record ${seq} has no valid sealog.hash`,
          where: p.where,
          timeNs: timeOf(p),
        });
        if (p.claimedAt >= 0) {
          effective = claimedCopy(p);
          alt = firstComputed;
          (this.#modifiedComputed ??= new Map()).set(seq, firstComputed!);
        } else {
          effective = firstComputed!;
        }
      }
    } else {
      // Predecessor unknown (absent prefix or after a gap): checkable only through a seal's `start`.
      if (p.claimedAt < 0) {
        this.find({ kind: 'modified', severity: 'violation', seq, message: `record ${seq} has no valid sealog.hash`, where: p.where, timeNs: timeOf(p) });
      }
      effective = p.claimedAt >= 0 ? claimedCopy(p) : new Uint8Array(HASH_BYTES);
      this.#unverifiedHead = own(p);
    }
    const cands = this.#prevArray;
    cands[0] = effective;
    if (alt) cands[1] = alt;
    cands.length = alt ? 2 : 1;
    this.#prev = cands;
    this.#prevSeq = seq;

    // 2. What kind of record.
    const type = p.control ? controlType(p.control) : undefined;
    if (type === undefined) {
      this.report.records++;
      return;
    }
    this.report.controlRecords++;
    if (type === 'seal') this.#seal(p, effective);
    else if (type === 'genesis') this.#genesis(p);
    else if (type === 'loss') this.#loss(p);
    else if (type === 'gap') this.#gap(p);
    else this.find({ kind: 'modified', severity: 'violation', seq, message: `record ${seq} has an unknown sealog.type`, where: p.where });
  }

  #link(p: Pending, prev: Uint8Array): Uint8Array {
    return linkInPlace(this.v.crypto, p, p.seq, prev);
  }

  /** hash_{seq} is now final: store it and add it to the current seal range. */
  #resolvePrev(seq: number, hash: Uint8Array): void {
    if (seq < 1) return;
    this.hashes.set(seq, hash);
    if (seq >= this.#rangeFrom && this.#rangeComplete) this.#merkle.push(hash);
  }

  /**
   * A control record's key check, signature and consequences: now, or, when
   * the chain's first control record is signed by a key nobody vouched for
   * yet, once every chain was read (Verifier.finish: a restart may start at
   * the epoch an earlier chain of its stream reached, PROTOCOL.md §8.1).
   */
  #control(step: ControlStep): void {
    if (this.#deferred) {
      this.#deferred.push(step);
      return;
    }
    if (this.#keys.atStart) {
      const c = this.#keys.check(step.keyId, step.epoch, step.timeNs, step.what);
      if (!c.ok && c.kind === 'unknown_key') {
        this.#deferred = [step];
        return;
      }
    }
    this.#applyOutcome(runControl(this.#keys, step));
  }

  #applyOutcome(o: ControlOutcome): void {
    for (const f of o.findings) this.find(f);
    if (o.genesis) this.report.genesis = o.genesis;
  }

  /** True while the chain's control records wait for keys from other chains of the stream. */
  get deferred(): boolean {
    return this.#deferred !== undefined;
  }

  /** The keys this chain vouches for to the other chains of its stream. */
  vouched(): TrustedKey[] {
    return this.#deferred ? [] : this.#keys.vouched();
  }

  /**
   * Replays the deferred control records with `learned` (keys other chains of
   * the stream vouched for). With `force` unset, only if the first one's key
   * is now known (its check may still fail otherwise, e.g. predated_seal);
   * returns true if it was replayed.
   */
  resolve(learned: ReadonlyMap<string, TrustedKey>, force: boolean): boolean {
    const steps = this.#deferred;
    if (!steps) return false;
    const keys = new ChainKeys(this.v.trust, this.v.crypto, this.#keys.binding, learned);
    const first = steps[0]!;
    if (!force) {
      const c = keys.check(first.keyId, first.epoch, first.timeNs, first.what);
      if (!c.ok && c.kind === 'unknown_key') return false;
    }
    for (const step of steps) this.#applyOutcome(runControl(keys, step));
    this.#keys = keys;
    this.#deferred = undefined;
    return true;
  }

  /** A control record's signature under `key` (any protocol version, §5.1). */
  #sigCheck(p: Pending, fields: { v?: number; sig: Uint8Array }, v1Statement: () => Uint8Array): (key: TrustedKey) => boolean {
    // The signed bytes are made now, so a step held for later (#control) keeps them, not the decoded record.
    const message = controlMessage({ id: { stream: this.stream, chain: this.chain }, seq: p.seq, ctx: p.ctx, record: p.control!, fields, v1Statement });
    const sig = fields.sig;
    const crypto = this.v.crypto;
    return (key) => crypto.verifyEd25519(key.publicKey, message, sig);
  }

  #seal(p: Pending, ownHash: Uint8Array): void {
    const seq = p.seq;
    this.report.seals++;
    const parsed = parseSeal(p.control!);
    if (!parsed.ok) {
      this.find({ kind: 'forged_seal', severity: 'violation', seq, message: `seal ${seq} is malformed: ${parsed.error}`, where: p.where });
      this.#startRange(seq, ownHash);
      return;
    }
    const f = parsed.value;
    // The range is checked now (it needs the chain as it stands); what it finds counts once the seal verified.
    const rangeFindings: ChainFinding[] = [];
    this.#checkSealRange(p, f, rangeFindings);
    this.#control({
      seq,
      what: `seal ${seq}`,
      keyId: f.keyId,
      epoch: f.epoch,
      timeNs: f.timeNs,
      where: p.where,
      verify: this.#sigCheck(p, f, () => sealStatement({ stream: this.stream, chain: this.chain }, seq, f)),
      invalid: `seal ${seq} has an invalid signature`,
      findings: rangeFindings,
      ...(f.nextKey ? { nextKey: { key: f.nextKey, timeNs: f.timeNs, via: `seal ${this.stream} seq ${seq}` } } : {}),
    });
    this.report.lastSealSeq = seq;
    this.report.lastSealTimeNs = f.timeNs;
    this.#startRange(seq, ownHash);
  }

  /** The seal's range against the records present; findings go to `out` (they count once the seal verified). */
  #checkSealRange(p: Pending, f: SealFields, out: ChainFinding[]): void {
    const seq = p.seq;
    const bad = (msg: string): void => {
      out.push({ kind: 'invalid_seal', severity: 'violation', seq, message: `seal ${seq}: ${msg}`, where: p.where, timeNs: f.timeNs });
    };
    if (f.to !== seq - 1) bad(`covers up to ${f.to}, not up to the record before it (${seq - 1})`);
    if (f.from > f.to + 1 || f.from < 1) bad(`has an impossible range ${f.from}..${f.to}`);
    if (f.from !== f.prevSealSeq + 1) bad(`starts at ${f.from}, not right after the seal it names as previous (${f.prevSealSeq})`);
    const last = this.#lastSeal;
    if (last && f.prevSealSeq === last.seq) {
      if (last.hash && !bytesEqual(f.prevSeal, last.hash)) bad(`its previous-seal hash does not match seal ${last.seq}`);
    } else if (f.prevSealSeq === 0) {
      if (last) bad(`names no previous seal, but seal ${last.seq} precedes it`);
      else if (f.prevSeal.some((x) => x !== 0)) bad('names no previous seal, but its previous-seal hash is not 32 zero bytes');
    } else if (!this.#absent(f.prevSealSeq, last?.seq ?? 0)) {
      bad(last
        ? `names seal ${f.prevSealSeq} as the previous seal, but the previous seal present is ${last.seq}`
        : `names seal ${f.prevSealSeq} as the previous seal, but record ${f.prevSealSeq} is present and is not a seal`);
    }
    // Otherwise the previous seal is absent (an absent prefix or a missing range, both reported): prev_seal cannot be checked.
    // The record before the range.
    const before = f.from - 1;
    const known = before === 0 ? this.v.hasher.anchor(this.stream, this.chain) : this.hashes.get(before);
    if (known && !bytesEqual(known, f.start)) bad(`its start hash does not match record ${before}`);
    // A record whose predecessor was unknown can be checked against the seal's start.
    const u = this.#unverifiedHead;
    if (u && u.seq === f.from) {
      const h = linkInPlace(this.v.crypto, u, u.seq, f.start);
      if (!claimedIs(u, h)) {
        out.push({ kind: 'modified', severity: 'violation', seq: u.seq, message: `record ${u.seq} does not match its hash: it was changed after it was sealed`, where: u.where });
      }
      this.#unverifiedHead = undefined;
    } else if (u && u.seq < f.from) {
      this.#unverifiedHead = undefined;
    }
    const head = f.to === 0 ? this.v.hasher.anchor(this.stream, this.chain) : this.hashes.get(f.to);
    if (head && !bytesEqual(head, f.head)) bad(`its head hash does not match record ${f.to}`);
    if (this.#rangeFrom === f.from && this.#rangeCompleteFor(f)) {
      const root = this.#merkle.root();
      if (!bytesEqual(root, f.root)) bad(`its Merkle root does not match records ${rangeText(f.from, f.to)}`);
    } else if (f.to >= f.from) {
      const firstPresent = Math.max(f.from, this.report.firstSeq);
      if (f.from < this.report.firstSeq && firstPresent <= f.to) {
        out.push({
          kind: 'unverifiable',
          severity: 'note',
          seq: firstPresent,
          seqEnd: f.to,
          message: `records ${rangeText(firstPresent, f.to)} belong to a seal range whose beginning is absent; they are not verified`,
        });
      }
    }
  }

  /** True if seq `n` (after the last present seal `after`) is absent: in the absent prefix or a missing range. */
  #absent(n: number, after: number): boolean {
    if (n <= after) return false;
    if (n < this.report.firstSeq) return true;
    return this.#gapsSinceSeal.some(([a, b]) => n >= a && n <= b);
  }

  #rangeCompleteFor(f: SealFields): boolean {
    return this.#rangeComplete && this.#merkle.count === f.to - f.from + 1;
  }

  /** After a seal at `seq`: the next range starts at seq+1. */
  #startRange(seq: number, ownHash: Uint8Array): void {
    this.#lastSeal = { seq, hash: ownHash };
    this.#gapsSinceSeal.length = 0;
    (this.sealHashes ??= new Map()).set(seq, ownHash);
    this.#merkle.reset();
    // The seal record is hash_{seq}; the next range's leaves start at seq+1.
    this.#rangeFrom = seq + 1;
    this.#rangeComplete = true;
  }

  #genesis(p: Pending): void {
    const parsed = parseGenesis(p.control!);
    if (!parsed.ok) {
      this.find({ kind: 'forged_seal', severity: 'violation', seq: p.seq, message: `genesis record is malformed: ${parsed.error}`, where: p.where });
      return;
    }
    const g = parsed.value;
    if (p.seq !== 1) this.find({ kind: 'inserted', severity: 'violation', seq: p.seq, message: `a genesis record at seq ${p.seq} (it must be seq 1)`, where: p.where });
    // A signed spool_tail_lost restart becomes one finding once every chain is read (Verifier.finish, #declareTailLost).
    const restart: ChainFinding[] =
      g.reason !== 'new' && g.tailLost === undefined
        ? [{ kind: 'chain_restart', severity: this.v.opts.strict ? 'violation' : 'warning', seq: p.seq, message: `chain ${this.chain} started over (${g.reason}) at ${nsToIso(g.timeNs)}`, timeNs: g.timeNs }]
        : [];
    this.#control({
      seq: p.seq,
      what: `genesis record ${p.seq}`,
      keyId: g.keyId,
      epoch: g.epoch,
      timeNs: g.timeNs,
      where: p.where,
      keyMismatch: (key) => (bytesEqual(key.publicKey, g.publicKey) ? undefined : `genesis record carries a public_key that is not the trusted key ${g.keyId} it names`),
      verify: this.#sigCheck(p, g, () => genesisStatement({ stream: this.stream, chain: this.chain }, p.seq, g)),
      invalid: 'genesis record has an invalid signature',
      // Only a verified genesis says why the chain started (an unverified one claims nothing).
      findings: restart,
      genesis: { reason: g.reason, timeNs: g.timeNs, ...(g.tailLost ? { tailLost: g.tailLost } : {}) },
    });
  }

  #loss(p: Pending): void {
    const parsed = parseLoss(p.control!);
    if (!parsed.ok) {
      this.find({ kind: 'forged_seal', severity: 'violation', seq: p.seq, message: `loss record ${p.seq} is malformed: ${parsed.error}`, where: p.where });
      return;
    }
    const l = parsed.value;
    (this.#lossRecords ??= new Map()).set(p.seq, { seq: p.seq, count: l.count, reason: l.reason });
    // A loss record carries no signed time of its own in v1 (since/until may predate a rotation): no in-force check.
    this.#control({
      seq: p.seq,
      what: `loss record ${p.seq}`,
      keyId: l.keyId,
      epoch: l.epoch,
      timeNs: undefined,
      where: p.where,
      verify: this.#sigCheck(p, l, () => lossStatement({ stream: this.stream, chain: this.chain }, p.seq, l)),
      invalid: `loss record ${p.seq} has an invalid signature`,
      // Only a verified loss record's count is repeated (an unverified one is the violation).
      findings: [
        {
          kind: 'loss',
          severity: this.v.opts.strict ? 'violation' : 'warning',
          seq: p.seq,
          message: `the agent declared ${l.count} record(s) dropped (${l.reason}) between ${nsToIso(l.sinceNs)} and ${nsToIso(l.untilNs)}`,
          timeNs: l.untilNs,
        },
      ],
    });
  }

  /** A gap record (PROTOCOL.md §7a): input bytes the agent could not read, declared and signed. */
  #gap(p: Pending): void {
    const parsed = parseGap(p.control!);
    if (!parsed.ok || (parsed.value.to !== undefined && parsed.value.to < parsed.value.from)) {
      const why = parsed.ok ? `its range ends (${parsed.value.to}) before it starts (${parsed.value.from})` : parsed.error;
      this.find({ kind: 'forged_seal', severity: 'violation', seq: p.seq, message: `gap record ${p.seq} is malformed: ${why}`, where: p.where });
      return;
    }
    const g = parsed.value;
    const range = g.to !== undefined ? `bytes ${g.from}..${g.to} (${g.to - g.from} bytes)` : `bytes from ${g.from} on (how many is unknown)`;
    this.#control({
      seq: p.seq,
      what: `gap record ${p.seq}`,
      keyId: g.keyId,
      epoch: g.epoch,
      timeNs: g.timeNs,
      where: p.where,
      verify: this.#sigCheck(p, g, () => gapStatement({ stream: this.stream, chain: this.chain }, p.seq, g)),
      invalid: `gap record ${p.seq} has an invalid signature`,
      // Only a verified gap record's range is repeated (an unverified one is the violation).
      findings: [
        {
          kind: 'gap',
          severity: this.v.opts.strict ? 'violation' : 'warning',
          seq: p.seq,
          message: `${g.receiver} could not read ${range} of ${g.path} (${g.reason}; file ${g.file}) at ${nsToIso(g.timeNs)}`,
          where: p.where,
          timeNs: g.timeNs,
        },
      ],
    });
  }

  #duplicateOfProcessed(r: RecordInput): void {
    const { seq, where } = r;
    const anchorOrPrev = seq === 1 ? this.v.hasher.anchor(this.stream, this.chain) : this.hashes.get(seq - 1);
    // The newest record's hash is not final yet: its candidates stand in for it.
    const known = seq === this.#prevSeq ? this.#prev : this.hashes.has(seq) ? [this.hashes.get(seq)!] : undefined;
    if (!known) {
      this.find({
        kind: 'out_of_window',
        severity: 'warning',
        seq,
        message: `record ${seq} arrived after the checker had given up waiting for it (input too far out of order); it was not verified`,
        where,
      });
      return;
    }
    if (known.some((k) => claimedIs(r, k))) {
      if (!anchorOrPrev) {
        this.report.duplicates++;
        return;
      }
      // The same record as the one processed: it hashes to what that one hashed to.
      const h = linkInPlace(this.v.crypto, r, seq, anchorOrPrev);
      const processed = this.#modifiedComputed?.get(seq);
      if (processed ? bytesEqual(h, processed) : claimedIs(r, h)) {
        this.report.duplicates++;
        return;
      }
    }
    this.#conflict(seq, where);
  }

  /** Seqs that two different records carry (verifyPasses checks again with the copy chosen). */
  conflicts: Set<number> | undefined;
  #reportedCopies: Set<string> | undefined;
  /** Pass 2: every distinct copy of the collected seqs, by digest. */
  #copies: Map<number, Map<string, Pending>> | undefined;

  #conflict(seq: number, where: string): void {
    (this.conflicts ??= new Set()).add(seq);
    this.find({ kind: 'conflicting_duplicate', severity: 'violation', seq, message: `two different records carry seq ${seq}`, where });
  }

  #keepCopy(r: RecordInput): void {
    const copies = (this.#copies ??= new Map());
    let m = copies.get(r.seq);
    if (!m) copies.set(r.seq, (m = new Map()));
    const d = copyDigest(this.v.crypto, r);
    if (!m.has(d)) m.set(d, own(r));
  }

  /**
   * Which copy of each conflicted seq the chain continues from (PROTOCOL.md
   * §9.3), from the copies pass 2 kept of seqs n-1, n and n+1: first one whose
   * hash a copy of the next record links to, then one that links to the
   * previous hash, then the smallest claimed hash, then the smallest digest.
   * A function of the set of copies, whatever order they came in.
   */
  chooseCopies(conflicted: ReadonlySet<number>): Map<number, string> {
    const chosen = new Map<number, string>();
    const chosenHash = new Map<number, Uint8Array | undefined>();
    const crypto = this.v.crypto;
    for (const n of [...conflicted].sort((a, b) => a - b)) {
      let prev: Uint8Array | undefined;
      if (n === 1) prev = this.v.hasher.anchor(this.stream, this.chain);
      else if (chosenHash.has(n - 1)) prev = chosenHash.get(n - 1);
      else {
        const before = [...(this.#copies?.get(n - 1)?.values() ?? [])];
        if (before.length === 1 && before[0]!.claimedAt >= 0) prev = claimedCopy(before[0]!);
      }
      const next = [...(this.#copies?.get(n + 1)?.values() ?? [])];
      const scored = [...(this.#copies?.get(n)?.entries() ?? [])].map(([digest, c]) => {
        const computed = prev ? linkInPlace(crypto, c, n, prev) : undefined;
        const links = computed !== undefined && claimedIs(c, computed);
        const eff = c.claimedAt >= 0 ? claimedCopy(c) : computed;
        const linked = eff !== undefined && next.some((m) => claimedIs(m, linkInPlace(crypto, m, n + 1, eff)));
        return { digest, eff, links, linked, claimed: c.claimedAt >= 0 ? toHex(claimedCopy(c)) : '~' };
      });
      scored.sort((a, b) => Number(b.linked) - Number(a.linked) || Number(b.links) - Number(a.links) || cmp(a.claimed, b.claimed) || cmp(a.digest, b.digest));
      const best = scored[0];
      if (!best) continue;
      chosen.set(n, best.digest);
      chosenHash.set(n, best.eff);
    }
    return chosen;
  }

  /** Every record read: processes what still waits for a predecessor. */
  drain(): void {
    while (this.#pendingMap !== undefined && this.#pendingMap.size > 0) this.#jump();
    this.#syncTimeRange();
    // The newest record's hash is final now.
    if (this.#prev && this.#prevSeq > 0) this.#resolvePrev(this.#prevSeq, this.#prev[0]!);
  }

  /** After drain() and, for a deferred chain, resolve(). */
  finish(): void {
    if (this.report.firstSeq > 1 && !this.report.findings.some((f) => f.kind === 'absent_prefix' || (f.kind === 'missing' && f.seq === this.v.opts.expectFromSeq))) {
      this.#noteAbsentPrefix(this.report.firstSeq);
    }
    const o = this.v.opts;
    if (o.expectFromTimeNs !== undefined && this.report.timeMinNs !== undefined && this.report.timeMinNs > o.expectFromTimeNs) {
      this.find({
        kind: 'missing',
        severity: 'violation',
        seq: this.report.firstSeq,
        message: `the stream's first retained record is from ${nsToIso(this.report.timeMinNs)}, after the expected start ${nsToIso(o.expectFromTimeNs)}`,
      });
    }
    const now = o.nowNs();
    const last = this.report.lastSeq;
    if (last > this.report.lastSealSeq) {
      const from = this.report.lastSealSeq + 1;
      // Staleness is the age of the newest seal (its signed `time`), never a record's own time (an app's clock, unsigned).
      const sealAt = this.report.lastSealTimeNs;
      const old = o.maxAgeNs !== undefined && (sealAt === undefined || now - sealAt > o.maxAgeNs);
      this.find({
        kind: 'unsealed_tail',
        severity: o.strict || old ? 'violation' : 'warning',
        seq: from,
        seqEnd: last,
        message: `records ${rangeText(from, last)} are not covered by a seal yet${old ? (sealAt === undefined ? ' and the stream has no seal (--max-age)' : ` and the last seal (${nsToIso(sealAt)}) is older than --max-age`) : ''}`,
      });
    }
    if (o.maxAgeNs !== undefined) {
      const sealAt = this.report.lastSealTimeNs;
      if (sealAt === undefined || now - sealAt > o.maxAgeNs) {
        this.find({
          kind: 'stale',
          severity: 'violation',
          seq: this.report.lastSealSeq || undefined,
          message: sealAt === undefined ? 'the stream has no seal' : `the last seal (${nsToIso(sealAt)}) is older than --max-age: the stream may have been truncated`,
        });
      }
    }
    this.report.epochs = [...this.#keys.epochs].sort((a, b) => a - b);
    const anchor = this.#keys.anchor;
    if (anchor) {
      this.report.anchor = anchor.anchorId;
      if (anchor.source !== undefined) this.report.anchorSource = anchor.source;
    }
    const binding = this.#keys.binding;
    if (binding) this.report.binding = binding.pattern;
    else if (o.strict && (this.v.trust.anchors().length > 1 || (o.bindings?.length ?? 0) > 0)) {
      this.find({
        kind: 'unbound_stream',
        severity: 'violation',
        message: `no --key-for binding matches stream ${this.stream}: with several trusted anchors, --strict demands one (it verified under ${anchor?.anchorId ?? 'no anchor'})`,
      });
    }
    // Findings in seq order (those without a seq last), whatever order the input came in.
    this.report.findings.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    // Missing records a verified loss record declares are that loss, not a deletion (declared-loss.ts).
    if (this.#lossRecords) this.report.findings = accountDeclaredLosses(this.report.findings, this.#lossRecords, this.stream, o.strict === true);
  }
}

function u32At(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function u64At(b: Uint8Array, o: number): bigint {
  return (BigInt(u32At(b, o)) << 32n) | BigInt(u32At(b, o + 4));
}

/** A record's time for findings: its time, else its observed time (0n if neither), from its canonical bytes. */
function timeOf(p: Pending): bigint {
  return u64At(p.buf, p.start) || u64At(p.buf, p.start + 8);
}

/** A copy of a record the checker keeps beyond add() (its bytes in a buffer of its own). */
function own(r: RecordInput): Pending {
  const buf = new Uint8Array(LINK_PREFIX + (r.end - r.start));
  buf.set(r.buf.subarray(r.start, r.end), LINK_PREFIX);
  const claimedBuf = r.claimedAt >= 0 ? claimedCopy(r) : EMPTY;
  return { seq: r.seq, ctx: r.ctx, buf, start: LINK_PREFIX, end: buf.length, claimedBuf, claimedAt: r.claimedAt >= 0 ? 0 : -1, control: r.control, where: r.where };
}

/** True if the record claims exactly `h` as its hash. */
function claimedIs(r: Pending, h: Uint8Array): boolean {
  if (r.claimedAt < 0) return false;
  const b = r.claimedBuf;
  const o = r.claimedAt;
  for (let i = 0; i < HASH_BYTES; i++) if (b[o + i] !== h[i]) return false;
  return true;
}

/** The claimed hash as an array of its own. */
function claimedCopy(r: Pending): Uint8Array {
  return r.claimedBuf.slice(r.claimedAt, r.claimedAt + HASH_BYTES);
}

/** hash_seq = H(0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ prev ‖ ctx ‖ record), the prefix written into the record's scratch room. */
function linkInPlace(crypto: CryptoProvider, r: Pending, seq: number, prev: Uint8Array): Uint8Array {
  const b = r.buf;
  let o = r.start - LINK_PREFIX;
  const from = o;
  b[o++] = 0x00;
  b.set(RECORD_TAG, o);
  o += RECORD_TAG.length;
  const hi = Math.floor(seq / 0x100000000);
  const lo = seq >>> 0;
  b[o++] = hi >>> 24;
  b[o++] = (hi >>> 16) & 0xff;
  b[o++] = (hi >>> 8) & 0xff;
  b[o++] = hi & 0xff;
  b[o++] = lo >>> 24;
  b[o++] = (lo >>> 16) & 0xff;
  b[o++] = (lo >>> 8) & 0xff;
  b[o++] = lo & 0xff;
  b.set(prev, o);
  b.set(r.ctx, o + HASH_BYTES);
  return sha256Bytes(crypto, b.subarray(from, r.end));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Identifies one copy of a record: H(ctx ‖ u32(len) ‖ canonical bytes ‖ claimed hash or nothing), hex. */
function copyDigest(crypto: CryptoProvider, r: RecordInput): string {
  const n = r.end - r.start;
  const b = new Uint8Array(HASH_BYTES + 4 + n + 1 + HASH_BYTES);
  b.set(r.ctx, 0);
  b[HASH_BYTES] = n >>> 24;
  b[HASH_BYTES + 1] = (n >>> 16) & 0xff;
  b[HASH_BYTES + 2] = (n >>> 8) & 0xff;
  b[HASH_BYTES + 3] = n & 0xff;
  b.set(r.buf.subarray(r.start, r.end), HASH_BYTES + 4);
  const o = HASH_BYTES + 4 + n;
  if (r.claimedAt >= 0) {
    b[o] = 1;
    b.set(r.claimedBuf.subarray(r.claimedAt, r.claimedAt + HASH_BYTES), o + 1);
  }
  return toHex(sha256Bytes(crypto, r.claimedAt >= 0 ? b : b.subarray(0, o + 1)));
}

function sameRegion(a: Pending, b: Pending): boolean {
  const n = a.end - a.start;
  if (n !== b.end - b.start) return false;
  const x = a.buf;
  const y = b.buf;
  for (let i = 0; i < n; i++) if (x[a.start + i] !== y[b.start + i]) return false;
  return true;
}

function claimedHash(r: LogRecord): Uint8Array | undefined {
  const v = getAttr(r.attributes, ATTR_HASH);
  if (v?.type !== 'string') return undefined;
  const b = fromHex(v.value);
  return b && b.length === HASH_BYTES ? b : undefined;
}

function samePending(a: Pending, b: Pending): boolean {
  return (
    sameRegion(a, b) &&
    bytesEqual(a.ctx, b.ctx) &&
    a.claimedAt >= 0 &&
    b.claimedAt >= 0 &&
    claimedIs(a, claimedCopy(b))
  );
}

function readSeq(r: LogRecord): number {
  const v = getAttr(r.attributes, ATTR_SEQ);
  if (v?.type !== 'int') return -1;
  if (v.value < 1n || v.value > BigInt(Number.MAX_SAFE_INTEGER)) return -1;
  return Number(v.value);
}

export function rangeText(a: number, b: number): string {
  return a === b ? String(a) : `${a}..${b}`;
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ns}ns` : d.toISOString();
}

export class Verifier {
  readonly hasher: ChainHasher;
  readonly #streams = new Map<string, StreamCheck>();
  readonly #global: Finding[] = [];
  #foreign = 0;
  #foreignWhere: string | undefined;

  constructor(readonly opts: VerifyOptions) {
    this.hasher = new ChainHasher(opts.crypto);
  }

  get crypto(): CryptoProvider {
    return this.opts.crypto;
  }
  get trust(): TrustStore {
    return this.opts.trust;
  }

  /** Canonical bytes of decoded records, with LINK_PREFIX bytes of room before them. */
  readonly #recordWriter = new ByteWriter(4096);
  readonly #input: RecordInput = { seq: -1, ctx: EMPTY, buf: EMPTY, start: 0, end: 0, claimedBuf: EMPTY, claimedAt: -1, control: undefined, where: '' };

  /** Feeds one decoded OTLP request/line; `where` names it (file:line). */
  addLogsData(data: LogsData, where: string): void {
    const w = this.#recordWriter;
    const input = this.#input;
    input.where = where;
    for (const rl of data.resourceLogs) {
      const streamV = getAttr(rl.resource.attributes, ATTR_STREAM);
      const chainV = getAttr(rl.resource.attributes, ATTR_CHAIN);
      let n = 0;
      for (const sl of rl.scopeLogs) n += sl.logRecords.length;
      const sink = this.open(streamV?.type === 'string' ? streamV.value : undefined, chainV?.type === 'string' ? chainV.value : undefined, n, where);
      if (!sink) continue;
      for (const sl of rl.scopeLogs) {
        input.ctx = this.hasher.context(rl.resource, sl.scope);
        for (const r of sl.logRecords) {
          const seq = readSeq(r);
          if (seq < 0) {
            sink.inserted(where, r.timeUnixNano || r.observedTimeUnixNano);
            continue;
          }
          w.reset();
          w.ensure(LINK_PREFIX);
          w.pos = LINK_PREFIX;
          writeRecord(w, r);
          input.seq = seq;
          input.buf = w.buf;
          input.start = LINK_PREFIX;
          input.end = w.pos;
          const claimed = claimedHash(r);
          input.claimedBuf = claimed ?? EMPTY;
          input.claimedAt = claimed ? 0 : -1;
          input.control = r;
          sink.add(input);
        }
      }
    }
    input.control = undefined;
    input.buf = EMPTY;
  }

  /**
   * Where the `records` records of one resource go: the check of their
   * (stream, chain), or undefined when they are not checked (no records;
   * excluded by --stream; or foreign: no string sealog.stream and
   * sealog.chain, which is counted here). `where` names their line.
   */
  open(stream: string | undefined, chain: string | undefined, records: number, where: string): RecordSink | undefined {
    if (records === 0) return undefined;
    if (stream === undefined || chain === undefined) {
      if (!this.opts.streams) {
        this.#foreign += records;
        this.#foreignWhere ??= where;
      }
      return undefined;
    }
    if (this.opts.streams && !this.opts.streams.has(stream)) return undefined;
    return this.#stream(stream, chain);
  }

  #stream(stream: string, chain: string): StreamCheck {
    const key = `${stream}\u0000${chain}`;
    let s = this.#streams.get(key);
    if (!s) {
      s = new StreamCheck(stream, chain, this);
      this.#streams.set(key, s);
    }
    return s;
  }

  /** The chain hash of a seal record the input held (for witness checks). */
  sealHashOf(stream: string, chain: string, seq: number): Uint8Array | undefined {
    return this.#streams.get(`${stream}\u0000${chain}`)?.sealHashes?.get(seq);
  }

  /** After finish(): the seqs two different records carry, per (stream, chain). */
  conflicts(): Map<string, Set<number>> {
    const out = new Map<string, Set<number>>();
    for (const [k, s] of this.#streams) if (s.conflicts) out.set(k, s.conflicts);
    return out;
  }

  /** Pass 2 (opts.collect): the copy each conflicted seq's chain continues from. */
  chooseCopies(conflicts: ReadonlyMap<string, ReadonlySet<number>>): Map<string, Map<number, string>> {
    const out = new Map<string, Map<number, string>>();
    for (const [k, seqs] of conflicts) {
      const s = this.#streams.get(k);
      if (s) out.set(k, s.chooseCopies(seqs));
    }
    return out;
  }

  hasStream(stream: string, chain: string): boolean {
    return this.#streams.has(`${stream}\u0000${chain}`);
  }

  finish(): VerifyReport {
    for (const s of this.#streams.values()) s.drain();
    this.#resolveRestarts();
    const streams: StreamReport[] = [];
    for (const s of this.#streams.values()) {
      s.finish();
      streams.push(s.report);
    }
    // Streams by name, then chains by the time of their verified genesis (else of their earliest
    // record present: a chain whose genesis did not verify, or is gone), then by chain id: the
    // same order whatever the input's.
    streams.sort((a, b) => {
      if (a.stream !== b.stream) return a.stream < b.stream ? -1 : 1;
      const ta = a.genesis?.timeNs ?? a.timeMinNs ?? 0n;
      const tb = b.genesis?.timeNs ?? b.timeMinNs ?? 0n;
      if (ta !== tb) return ta < tb ? -1 : 1;
      return a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0;
    });
    for (const r of streams) if (r.genesis?.tailLost) this.#declareTailLost(r, r.genesis.timeNs, r.genesis.tailLost);
    // Several chains for one stream: each later chain is a restart.
    const byStream = new Map<string, StreamReport[]>();
    for (const r of streams) byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), r]);
    for (const list of byStream.values()) {
      if (list.length < 2) continue;
      for (const r of list.slice(1)) {
        if (r.genesis?.tailLost === undefined && !r.findings.some((f) => f.kind === 'chain_restart')) {
          r.findings.push({
            kind: 'chain_restart',
            severity: this.opts.strict ? 'violation' : 'warning',
            stream: r.stream,
            chain: r.chain,
            message: `stream ${r.stream} has ${list.length} chains: this one (${r.chain}) started over`,
          });
        }
      }
    }
    if (this.#foreign > 0) {
      this.#global.push({
        kind: 'foreign',
        severity: 'violation',
        message: `${this.#foreign} record(s) carry no sealog.stream: they were not sealed by a sealog agent (first at ${this.#foreignWhere})`,
        where: this.#foreignWhere,
      });
    }
    // Kept as exact-size copies: an array grown by push holds room for 17 (a stream of two findings, 120 bytes more).
    const windowed = this.opts.sinceNs !== undefined || this.opts.untilNs !== undefined;
    for (const r of streams) r.findings = windowed ? r.findings.filter((f) => this.#inWindow(f)).slice() : r.findings.slice();
    this.#streamReports = streams;
    return this.report();
  }

  #streamReports: StreamReport[] = [];

  /**
   * Chains whose first control record is signed by a key the auditor's trust
   * store does not hold (docs/PROTOCOL.md §8.1): a restart of a stream may
   * start under a key that another verified chain of the SAME stream used or
   * announced. Decided in rounds, each against the keys every chain verified
   * so far vouches for, so the outcome depends on the set of chains only,
   * never on the order they were read. What no chain vouches for is checked
   * as before (unknown_key).
   */
  #resolveRestarts(): void {
    const byName = new Map<string, StreamCheck[]>();
    for (const s of this.#streams.values()) byName.set(s.stream, [...(byName.get(s.stream) ?? []), s]);
    for (const chains of byName.values()) {
      let waiting = chains.filter((c) => c.deferred);
      if (waiting.length === 0) continue;
      const learned = new Map<string, TrustedKey>();
      for (const c of chains) if (!c.deferred) mergeVouched(learned, c.vouched());
      while (waiting.length > 0 && learned.size > 0) {
        const round = new Map(learned);
        const resolved = waiting.filter((c) => c.resolve(round, false));
        if (resolved.length === 0) break;
        for (const c of resolved) mergeVouched(learned, c.vouched());
        waiting = waiting.filter((c) => c.deferred);
      }
      for (const c of waiting) c.resolve(new Map(), true);
    }
  }

  /**
   * A chain that started with a spool_tail_lost genesis (docs/PROTOCOL.md
   * §6.1, docs/VERIFY.md): ONE finding, on the previous chain when the input
   * holds it, naming the seqs the agent's spool lost. The genesis vouches for
   * the previous chain up to its last_seq (its hash there is signed), so that
   * chain's unsealed tail is part of this finding rather than one of its own.
   * A genesis whose declared hashes do not match the previous chain is a violation.
   */
  #declareTailLost(r: StreamReport, timeNs: bigint, t: TailLostFields): void {
    const severity: Severity = this.opts.strict ? 'violation' : 'warning';
    const prevCheck = t.prevChain === '' ? undefined : this.#streams.get(`${r.stream}\u0000${t.prevChain}`);
    const prev = prevCheck?.report;
    const lostFrom = t.lastSeq + 1;
    const ackedInPrev = t.ackedChain === t.prevChain ? t.ackedSeq : 0;
    const lostTo = Math.max(prev?.lastSeq ?? 0, ackedInPrev);
    const problems: string[] = [];
    const check = (seq: number, want: Uint8Array, what: string): boolean | undefined => {
      if (!prevCheck || seq === 0) return undefined;
      const have = prevCheck.hashes.get(seq);
      if (!have) return undefined;
      if (bytesEqual(have, want)) return true;
      problems.push(`${what} hash ${toHex(want)} at seq ${seq}, but chain ${t.prevChain} has ${toHex(have)} there`);
      return false;
    };
    const linked = check(t.lastSeq, t.lastHash, 'it declares the last spooled');
    if (ackedInPrev > 0) check(ackedInPrev, t.ackedHash, 'it declares the acknowledged');
    let unsealed = '';
    if (prev) {
      const i = prev.findings.findIndex((f) => f.kind === 'unsealed_tail');
      const tail = i >= 0 ? prev.findings[i]! : undefined;
      // The tail up to last_seq is covered by the genesis' signed hash; beyond it, it is the lost range.
      if (tail && tail.seq !== undefined && tail.seqEnd !== undefined && (tail.seq > t.lastSeq || linked === true) && tail.severity === severity) {
        prev.findings.splice(i, 1);
        const from = Math.max(tail.seq, lostFrom);
        if (from <= tail.seqEnd) unsealed = `; records ${rangeText(from, tail.seqEnd)} of them are covered by no seal`;
      }
    }
    const range = lostTo >= lostFrom ? `records ${rangeText(lostFrom, lostTo)} of chain ${t.prevChain || '(unknown)'}` : `no records of chain ${t.prevChain || '(unknown)'} beyond seq ${t.lastSeq}`;
    const acked = t.ackedSeq > 0 && t.ackedChain !== t.prevChain ? `; the highest acknowledged position was seq ${t.ackedSeq} of chain ${t.ackedChain}` : '';
    const finding: Finding = {
      kind: 'spool_tail_lost',
      severity: problems.length ? 'violation' : severity,
      stream: r.stream,
      chain: prev ? t.prevChain : r.chain,
      ...(lostTo >= lostFrom && prev ? { seq: lostFrom, seqEnd: lostTo } : {}),
      message:
        `the agent's spool lost its tail: ${range} were acknowledged by an exporter (spool frames ${rangeText(t.lastFrame + 1, Math.max(t.lastFrame + 1, t.ackedFrame))}) but were gone from the spool at restart${unsealed}${acked}; ` +
        `it declared this in the signed genesis of chain ${r.chain} at ${nsToIso(timeNs)} and continued there` +
        (problems.length ? `. The declaration does not match: ${problems.join('; ')}` : ''),
      timeNs,
    };
    (prev ?? r).findings.push(finding);
  }

  /** The report as it stands: after finish(), with every finding added since by addFinding(). */
  report(): VerifyReport {
    let violations = 0;
    let warnings = 0;
    const count = (findings: readonly Finding[]): void => {
      for (const f of findings) {
        if (f.severity === 'violation') violations++;
        else if (f.severity === 'warning') warnings++;
      }
    };
    count(this.#global);
    for (const s of this.#streamReports) count(s.findings);
    return { intact: violations === 0, violations, warnings, streams: this.#streamReports, findings: this.#global };
  }

  #inWindow(f: Finding): boolean {
    if (f.timeNs === undefined || f.timeNs === 0n) return true;
    if (this.opts.sinceNs !== undefined && f.timeNs < this.opts.sinceNs) return false;
    if (this.opts.untilNs !== undefined && f.timeNs > this.opts.untilNs) return false;
    return true;
  }

  /** Adds a finding to a stream (used by the witness cross-check). */
  addFinding(f: Finding): void {
    if (f.stream !== undefined && f.chain !== undefined) {
      const s = this.#streams.get(`${f.stream}\u0000${f.chain}`);
      if (s) {
        s.report.findings.push(f);
        return;
      }
    }
    this.#global.push(f);
  }
}

const EMPTY = new Uint8Array(0);

/** Seqs n-1, n and n+1 of every conflicted n: the copies the choice of n needs. */
function around(conflicts: ReadonlyMap<string, ReadonlySet<number>>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [k, seqs] of conflicts) {
    const s = new Set<number>();
    for (const n of seqs) for (const m of [n - 1, n, n + 1]) if (m >= 1) s.add(m);
    out.set(k, s);
  }
  return out;
}

/**
 * A whole check, fed by `feed` (which gives the verifier the whole input and
 * may be called up to three times). When the input holds two different
 * records with one seq, which copy the chain continues from must not depend
 * on which was read first (PROTOCOL.md §9.3): a second pass keeps the copies
 * of those seqs and their neighbours, the copy is chosen from them, and a
 * third pass checks with that choice. Input without such conflicts is read
 * once. Returns the finished verifier (report(), addFinding()).
 */
export async function verifyPasses(opts: VerifyOptions, feed: (v: Verifier, pass: number) => Promise<void>): Promise<Verifier> {
  const first = new Verifier(opts);
  await feed(first, 1);
  first.finish();
  const conflicts = first.conflicts();
  if (conflicts.size === 0) return first;
  const collector = new Verifier({ ...opts, collect: around(conflicts) });
  await feed(collector, 2);
  const final = new Verifier({ ...opts, prefer: collector.chooseCopies(conflicts) });
  await feed(final, 3);
  final.finish();
  return final;
}

/** verifyPasses for input held in memory. */
export function verifyPassesSync(opts: VerifyOptions, feed: (v: Verifier, pass: number) => void): Verifier {
  const first = new Verifier(opts);
  feed(first, 1);
  first.finish();
  const conflicts = first.conflicts();
  if (conflicts.size === 0) return first;
  const collector = new Verifier({ ...opts, collect: around(conflicts) });
  feed(collector, 2);
  const final = new Verifier({ ...opts, prefer: collector.chooseCopies(conflicts) });
  feed(final, 3);
  final.finish();
  return final;
}

export { toHex };
