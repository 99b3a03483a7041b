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
 * What search keeps of one chain the --stream filter lets through (whatever
 * its resources: a deleted record's resource is unknown, so --resource
 * decides hits, never which chains are accounted for): the seqs of its
 * records inside the time window, for the report. What the window cannot
 * show is decided from the checker's findings and seals (window.ts).
 */
export interface ChainWindow {
  stream: string;
  chain: string;
  /** Smallest and largest seq of a record (not a control record) inside the time window. */
  inMin?: number;
  inMax?: number;
  /** Records of this chain read, and how many of them lie in the time window. */
  records: number;
  inWindow: number;
  /** The largest seq read. */
  lastSeq: number;
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
    if (!w) this.#windows.set(key, (w = { stream, chain, records: 0, inWindow: 0, lastSeq: 0 }));
    return w;
  }

  /** Tracks the window for one record of a chain the stream filter lets through; true if it is a hit (its scope passed --resource: `ctxOk`). */
  #record(w: ChainWindow, buf: Uint8Array, start: number, seq: number, control: boolean, ctxOk: boolean): boolean {
    w.records++;
    if (seq > w.lastSeq) w.lastSeq = seq;
    // Control records (seals, genesis, loss, gap) are the chain's machinery: never hits, and their time is not the app's.
    if (control) return false;
    const m = this.matcher;
    if (m.timePlace(buf, start) !== 0) return false;
    w.inWindow++;
    if (w.inMin === undefined || seq < w.inMin) w.inMin = seq;
    if (w.inMax === undefined || seq > w.inMax) w.inMax = seq;
    return ctxOk && m.seqMatches(seq) && m.fieldsMatch(buf, start);
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
        const ctxOk = this.matcher.contextMatches(out, cs);
        w ??= this.#window(stream, chain);
        const first = scan.scopeFirstRecord(s);
        for (let k = first; k < first + n; k++) {
          const seq = scan.recordSeq(k);
          if (seq < 0) continue;
          const start = scan.recordStart(k);
          if (!this.#record(w, out, start, seq, scan.controlStart(k) >= 0, ctxOk)) continue;
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
        const ctxOk = this.matcher.contextMatches(cw.buf, 0);
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
          if (!this.#record(win, w.buf, 0, seq, getAttr(r.attributes, ATTR_TYPE) !== undefined, ctxOk)) continue;
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
