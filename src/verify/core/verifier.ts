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
 * RecordSink.add() (src/verify/json/), which skips building the model for
 * every record that is not a control record.
 *
 * This file: class Verifier, which routes records to the check of their
 * (stream, chain) (stream-check.ts) and makes the report across chains
 * (restarts, declared spool tail loss, foreign records). The rest of the core
 * is laid out in index.ts.
 */
import type { LogRecord, LogsData } from '../../otlp/types.js';
import { getAttr } from '../../otlp/types.js';
import { ByteWriter, bytesEqual, fromHex, toHex } from '../../integrity/bytes.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, writeRecord } from '../../integrity/canonical.js';
import { ChainHasher, HASH_BYTES } from '../../integrity/chain.js';
import type { TailLostFields } from '../../integrity/control.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import { mergeVouched } from '../../integrity/epochs.js';
import type { TrustedKey, TrustStore } from '../../integrity/keys.js';
import { EMPTY } from './record-bytes.js';
import { StreamCheck } from './stream-check.js';
import { nsToIso, rangeText } from './text.js';
import { LINK_PREFIX, type Finding, type RecordInput, type RecordSink, type SealRange, type Severity, type StreamReport, type VerifyOptions, type VerifyReport } from './types.js';

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

  /** After finish(): the seals of (stream, chain), in seq order, and whether each verified its range. */
  sealRanges(stream: string, chain: string): SealRange[] {
    return this.#streams.get(`${stream}\u0000${chain}`)?.sealRanges() ?? [];
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

function claimedHash(r: LogRecord): Uint8Array | undefined {
  const v = getAttr(r.attributes, ATTR_HASH);
  if (v?.type !== 'string') return undefined;
  const b = fromHex(v.value);
  return b && b.length === HASH_BYTES ? b : undefined;
}

function readSeq(r: LogRecord): number {
  const v = getAttr(r.attributes, ATTR_SEQ);
  if (v?.type !== 'int') return -1;
  if (v.value < 1n || v.value > BigInt(Number.MAX_SAFE_INTEGER)) return -1;
  return Number(v.value);
}
