/**
 * Search's side of the checker's pass: sees every record the checker is fed
 * (as canonical bytes, the bytes the chain hashes), keeps the ones the query
 * matches, and tracks per (stream, chain) where the query's window lies in
 * seq terms, so that what the window cannot show is reported (window.ts).
 * Pure: the caller reads the input and feeds both this and the checker.
 *
 * Memory: a copy of each hit's canonical bytes (record and context), and a
 * few numbers per (stream, chain).
 */
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, ATTR_TYPE, writeContext, writeRecord } from '../../integrity/canonical.js';
import { ByteWriter, fromHex } from '../../integrity/bytes.js';
import { getAttr, type LogsData } from '../../otlp/types.js';
import type { ScanView } from './scan-view.js';
import { u32 } from './canonical-read.js';
import { RecordMatcher } from './match.js';
import type { Query } from './query.js';

/** Which record a hit is. */
export interface HitRef {
  stream: string;
  chain: string;
  seq: number;
  /** file:line it was read from. */
  where: string;
}

/** One record the query matched, before its integrity status is known. */
export interface RawHit extends HitRef {
  /** Its canonical bytes (docs/PROTOCOL.md §3). */
  record: Uint8Array;
  /** Its context's canonical bytes (resource and scope). */
  context: Uint8Array;
  /** Its sealog.hash, when it has a valid one. */
  claimed: Uint8Array | undefined;
}

/**
 * What search needs to know of one chain to say what the window cannot show
 * (window.ts): the seqs of its records in the window, and the times of the
 * records next to any hole. A record whose successor in the input is not the
 * next seq (or whose predecessor is not the previous seq) is at an arrival
 * discontinuity, and every missing range has such records on both sides, so
 * keeping their times (a few per chain for input in order) is enough.
 */
export interface ChainWindow {
  stream: string;
  chain: string;
  /** Smallest and largest seq of a record (not a control record) inside the time window. */
  inMin?: number;
  inMax?: number;
  /** Records of this chain the stream and resource filters let through, and how many are in the time window. */
  records: number;
  inWindow: number;
  /** Times of the records at arrival discontinuities; null for a control record (its time is the agent's clock, not the app's). */
  edges: Map<number, bigint | null>;
  /** The largest seq read, and its time (as 32-bit halves; -1: a control record). */
  lastSeq: number;
  lastHi: number;
  lastLo: number;
  /** The seq read just before (arrival order) and its time halves. */
  prevSeq: number;
  prevHi: number;
  prevLo: number;
}

function timeOf(hi: number, lo: number): bigint | null {
  return hi < 0 ? null : (BigInt(hi) << 32n) | BigInt(lo);
}

/** The time of record `seq` if search kept it (an arrival discontinuity or the last record); undefined: not kept. */
export function edgeTime(w: ChainWindow, seq: number): bigint | null | undefined {
  if (w.edges.has(seq)) return w.edges.get(seq);
  if (seq === w.lastSeq) return timeOf(w.lastHi, w.lastLo);
  return undefined;
}

const MAX_SEQ = BigInt(Number.MAX_SAFE_INTEGER);

export class SearchCollector {
  readonly matcher: RecordMatcher;
  hits: RawHit[] = [];
  /** Hits matched beyond `limit`: where they are, for their status and the counts (their bytes are not kept). */
  overflow: HitRef[] = [];
  #windows = new Map<string, ChainWindow>();
  readonly #writer = new ByteWriter(4096);
  readonly #ctxWriter = new ByteWriter(1024);

  constructor(
    readonly query: Query,
    readonly limit = Infinity,
  ) {
    this.matcher = new RecordMatcher(query);
  }

  /** The checker reads the input again (a later pass): start over. */
  reset(): void {
    this.hits = [];
    this.overflow = [];
    this.#windows = new Map();
  }

  windows(): ChainWindow[] {
    return [...this.#windows.values()];
  }

  #window(stream: string, chain: string): ChainWindow {
    const key = `${stream}\u0000${chain}`;
    let w = this.#windows.get(key);
    if (!w) this.#windows.set(key, (w = { stream, chain, records: 0, inWindow: 0, edges: new Map(), lastSeq: 0, lastHi: 0, lastLo: 0, prevSeq: -1, prevHi: 0, prevLo: 0 }));
    return w;
  }

  /** One record of a chain the stream and resource filters let through. */
  /** Tracks the window; true if the record is a hit (the caller keeps it with keep()). */
  #record(w: ChainWindow, buf: Uint8Array, start: number, seq: number, control: boolean): boolean {
    w.records++;
    // The record's time (time, else observed) as halves; -1 for a control record.
    let hi = -1;
    let lo = 0;
    if (!control) {
      hi = u32(buf, start);
      lo = u32(buf, start + 4);
      if (hi === 0 && lo === 0) {
        hi = u32(buf, start + 8);
        lo = u32(buf, start + 12);
      }
    }
    if (seq !== w.prevSeq + 1) {
      if (w.prevSeq > 0 && !w.edges.has(w.prevSeq)) w.edges.set(w.prevSeq, timeOf(w.prevHi, w.prevLo));
      if (!w.edges.has(seq)) w.edges.set(seq, timeOf(hi, lo));
    }
    w.prevSeq = seq;
    w.prevHi = hi;
    w.prevLo = lo;
    if (seq > w.lastSeq) {
      w.lastSeq = seq;
      w.lastHi = hi;
      w.lastLo = lo;
    }
    // Control records (seals, genesis, loss, gap) are the chain's machinery: never hits, and their time is not the app's.
    if (control) return false;
    const m = this.matcher;
    if (m.timePlace(buf, start) !== 0) return false;
    w.inWindow++;
    if (w.inMin === undefined || seq < w.inMin) w.inMin = seq;
    if (w.inMax === undefined || seq > w.inMax) w.inMax = seq;
    return m.seqMatches(seq) && m.fieldsMatch(buf, start);
  }

  /** A hit: kept whole while under the limit, else only where it is. */
  #keep(h: HitRef, whole: () => RawHit): void {
    if (this.hits.length < this.limit) this.hits.push(whole());
    else this.overflow.push(h);
  }

  /** A line the fast path read (its scanner state), before it is fed to the checker. */
  scanned(scan: ScanView, where: string): void {
    const out = scan.out;
    for (let r = 0; r < scan.resourceCount; r++) {
      const res = scan.resources[r]!;
      const { stream, chain } = res;
      if (stream === undefined || chain === undefined || res.records === 0 || !this.matcher.streamMatches(stream)) continue;
      let w: ChainWindow | undefined;
      for (let s = res.firstScope; s < res.firstScope + res.scopes; s++) {
        const n = scan.scopeRecords(s);
        if (n === 0) continue;
        const cs = scan.contextStart(s);
        if (!this.matcher.contextMatches(out, cs)) continue;
        w ??= this.#window(stream, chain);
        const first = scan.scopeFirstRecord(s);
        for (let k = first; k < first + n; k++) {
          const seq = scan.recordSeq(k);
          if (seq < 0) continue;
          const start = scan.recordStart(k);
          if (!this.#record(w, out, start, seq, scan.controlStart(k) >= 0)) continue;
          this.#keep({ stream, chain, seq, where }, () => {
            const at = scan.recordClaimedAt(k);
            return {
              stream,
              chain,
              seq,
              where,
              record: out.slice(start, scan.recordEnd(k)),
              context: out.slice(cs, scan.contextEnd(s)),
              claimed: at >= 0 ? scan.claimed.slice(at, at + 32) : undefined,
            };
          });
        }
      }
    }
  }

  /** A line the general decoder read. */
  decoded(data: LogsData, where: string): void {
    const w = this.#writer;
    const cw = this.#ctxWriter;
    for (const rl of data.resourceLogs) {
      const sv = getAttr(rl.resource.attributes, ATTR_STREAM);
      const cv = getAttr(rl.resource.attributes, ATTR_CHAIN);
      if (sv?.type !== 'string' || cv?.type !== 'string' || !this.matcher.streamMatches(sv.value)) continue;
      const stream = sv.value;
      const chain = cv.value;
      let win: ChainWindow | undefined;
      for (const sl of rl.scopeLogs) {
        if (sl.logRecords.length === 0) continue;
        cw.reset();
        writeContext(cw, rl.resource, sl.scope);
        if (!this.matcher.contextMatches(cw.buf, 0)) continue;
        win ??= this.#window(stream, chain);
        const ctxEnd = cw.pos;
        for (const r of sl.logRecords) {
          const seqV = getAttr(r.attributes, ATTR_SEQ);
          // As the checker reads it (an int from 1 to 2^53-1), else not in the chain.
          const seq = seqV?.type === 'int' && seqV.value >= 1n && seqV.value <= MAX_SEQ ? Number(seqV.value) : -1;
          if (seq < 0) continue;
          w.reset();
          writeRecord(w, r);
          const end = w.pos;
          if (!this.#record(win, w.buf, 0, seq, getAttr(r.attributes, ATTR_TYPE) !== undefined)) continue;
          this.#keep({ stream, chain, seq, where }, () => {
            const h = getAttr(r.attributes, ATTR_HASH);
            const b = h?.type === 'string' ? fromHex(h.value) : undefined;
            const claimed = b && b.length === 32 ? b : undefined;
            return { stream, chain, seq, where, record: w.buf.slice(0, end), context: cw.buf.slice(0, ctxEnd), claimed };
          });
        }
      }
    }
  }
}
