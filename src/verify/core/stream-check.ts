/**
 * The check of one (stream, chain): its records arrive in any order, wait
 * (by seq) for their predecessor, and are then linked, added to the current
 * seal range's Merkle accumulator, and, for control records, checked under
 * the chain's keys (docs/PROTOCOL.md §9). Findings go to its StreamReport.
 */
import { bytesEqual } from '../../integrity/bytes.js';
import { HASH_BYTES } from '../../integrity/chain.js';
import { controlType, parseGap, parseGenesis, parseLoss, parseSeal, type SealFields } from '../../integrity/control.js';
import { bindingFor, ChainKeys } from '../../integrity/epochs.js';
import { HashStore } from '../../integrity/hash-store.js';
import { accountDeclaredLosses, type DeclaredLoss } from '../../integrity/declared-loss.js';
import type { TrustedKey } from '../../integrity/keys.js';
import { MerkleAccumulator } from '../../integrity/merkle.js';
import { gapStep, genesisStep, lossStep, sealStep } from './control-records.js';
import { runControl, type ControlOutcome, type ControlStep } from './control-step.js';
import { chooseCopies as chooseFrom } from './copy-choice.js';
import { absentPrefixFinding, endFindings, streamFinding } from './findings.js';
import { claimedCopy, claimedIs, copyDigest, EMPTY, linkInPlace, own, samePending, timeOf, u32At } from './record-bytes.js';
import { nsToIso, rangeText } from './text.js';
import type { ChainFinding, Finding, FindingKind, Pending, RecordInput, RecordSink, SealRange, StreamReport } from './types.js';
import type { Verifier } from './verifier.js';

const DEFAULT_WINDOW = 200_000;

/** Findings about a seal record itself that mean it verifies nothing. */
const SEAL_FAILURES: ReadonlySet<FindingKind> = new Set(['forged_seal', 'invalid_seal', 'unknown_key', 'epoch_jump', 'predated_seal', 'anchor_mismatch', 'modified', 'conflicting_duplicate']);

export class StreamCheck implements RecordSink {
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
  /** Every well-formed seal: its range and whether the range itself checked (complete, root and hashes matching). */
  readonly #seals: Array<{ seq: number; from: number; to: number; timeNs: bigint; rangeOk: boolean }> = [];

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
    this.find(absentPrefixFinding(first, this.v.opts.expectFromSeq));
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
    const complete = this.#rangeFrom === f.from && this.#rangeCompleteFor(f);
    this.#checkSealRange(p, f, rangeFindings);
    this.#seals.push({ seq, from: f.from, to: f.to, timeNs: f.timeNs, rangeOk: complete && rangeFindings.length === 0 });
    this.#control(sealStep(this.v.crypto, this, p, f, rangeFindings));
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
    this.#control(genesisStep(this.v.crypto, this, p, g, this.v.opts.strict));
  }

  #loss(p: Pending): void {
    const parsed = parseLoss(p.control!);
    if (!parsed.ok) {
      this.find({ kind: 'forged_seal', severity: 'violation', seq: p.seq, message: `loss record ${p.seq} is malformed: ${parsed.error}`, where: p.where });
      return;
    }
    const l = parsed.value;
    (this.#lossRecords ??= new Map()).set(p.seq, { seq: p.seq, count: l.count, reason: l.reason });
    this.#control(lossStep(this.v.crypto, this, p, l, this.v.opts.strict));
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
    this.#control(gapStep(this.v.crypto, this, p, g, this.v.opts.strict));
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

  /** Pass 2: the copy each conflicted seq's chain continues from (copy-choice.ts), by digest. */
  chooseCopies(conflicted: ReadonlySet<number>): Map<number, string> {
    return chooseFrom(this.v.crypto, this.v.hasher, this, this.#copies, conflicted);
  }

  /**
   * After finish(): each well-formed seal with the records it covers, and
   * whether it verified them: the range complete with root, start and head
   * hashes matching, and its signature by a trusted key in force (no
   * violation about the seal record itself).
   */
  sealRanges(): SealRange[] {
    const failed = new Map<number, string>();
    for (const f of this.report.findings) {
      if (f.seq !== undefined && f.severity === 'violation' && SEAL_FAILURES.has(f.kind) && !failed.has(f.seq)) failed.set(f.seq, f.message);
    }
    return this.#seals.map((s) => {
      const why = failed.get(s.seq) ?? (s.rangeOk ? undefined : 'records of its range are missing or do not match its hashes, so its root is not verified');
      return why === undefined ? { seq: s.seq, from: s.from, to: s.to, timeNs: s.timeNs, verified: true } : { seq: s.seq, from: s.from, to: s.to, timeNs: s.timeNs, verified: false, reason: why };
    });
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
    for (const f of endFindings(this.report, o)) this.find(f);
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
