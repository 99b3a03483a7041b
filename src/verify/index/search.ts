/**
 * `sealog search --db`: answers a query from the index, and trusts none of
 * it (docs/VERIFY.md "The index").
 *
 *   1. SQL narrows the rows by what the index says of them (stream, time,
 *      seq, severity, body text, attributes, resource): a superset of the
 *      hits, if the index is honest;
 *   2. every copy of every candidate seq is read back (its bytes, its
 *      context's bytes) and re-proven from the public key alone
 *      (reprove.ts): its chain hash recomputed from its bytes, its place in
 *      the Merkle tree of its seal's signed root, the seal's signature, the
 *      key's certificates; after the last seal, its hash linked from that
 *      seal's;
 *   3. the query is matched again on the re-proven bytes (RecordMatcher),
 *      so what an index row claims never makes a hit.
 *
 * Completeness (completeness.ts) is worked out from the index's coverage,
 * checked against its rows, and from its seals, each verified.
 */
import { bytesEqual } from '../../integrity/bytes.js';
import { parseSeal } from '../../integrity/control.js';
import { ChainHasher } from '../../integrity/chain.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import type { TrustStore } from '../../integrity/keys.js';
import { nodeCrypto } from '../../integrity/node/crypto.js';
import { attrsPlain, bodyAt, recordModel, strText, u32, valueEnd, valuePlain } from '../search/canonical-read.js';
import { RecordMatcher } from '../search/match.js';
import type { Query } from '../search/query.js';
import { loadAuditorTrust } from '../trust.js';
import { windowCompleteness } from './completeness.js';
import { blobBytes, IndexDb, num, TYPE_CODE } from './db.js';
import { SealKeys } from './keys.js';
import { readRecordBytes, type StoredRecord } from './read.js';
import { checkedSeal, contextHash, reproveHit, type SealEvidence } from './reprove.js';
import type { Completeness, Hit, HitStatus } from './types.js';

export interface IndexSearch {
  /** Every hit, re-proven, in (stream, chain, seq) order. */
  hits: AsyncIterable<Hit>;
  /** What the query's window cannot show, per (stream, chain); worked out from the start, beside the hits: await it before the index is closed. */
  completeness(): Promise<Completeness>;
}

const MAX_I64 = (1n << 63n) - 1n;
const BATCH = 2000;

function clampI64(n: bigint): bigint {
  return n > MAX_I64 ? MAX_I64 : n < 0n ? 0n : n;
}

/** The SQL prefilter of a query over `records r`, and its parameters. */
export interface Prefilter {
  sql: string;
  params: Array<string | bigint | number>;
  /** No row can match (a stream or resource that the index does not hold). */
  empty: boolean;
}

/** What the search works on: the index, its chains and contexts, the keys. */
export class IndexView {
  readonly chains = new Map<number, { stream: string; chain: string }>();
  readonly contexts = new Map<number, Uint8Array>();
  readonly ctxHashes = new Map<number, Uint8Array>();
  readonly hasher: ChainHasher;
  keys!: SealKeys;

  constructor(
    readonly db: IndexDb,
    readonly crypto: CryptoProvider,
  ) {
    this.hasher = new ChainHasher(crypto);
  }

  static async load(db: IndexDb, trust: TrustStore, crypto: CryptoProvider = nodeCrypto): Promise<IndexView> {
    const v = new IndexView(db, crypto);
    for (const r of await db.rows('SELECT id, stream, chain FROM chains')) v.chains.set(num(r[0]!), { stream: r[1] as string, chain: r[2] as string });
    for (const r of await db.rows('SELECT id, bytes FROM contexts')) v.contexts.set(num(r[0]!), blobBytes(r[1]!));
    const announced = new Map<string, SealEvidence[]>();
    const ann = await db.rows('SELECT chain, seq, next_key_id FROM seals WHERE next_key_id IS NOT NULL');
    for (const r of ann) {
      const chain = num(r[0]!);
      const seq = num(r[1]!);
      for (const ev of await v.sealEvidence(chain, [seq], false)) {
        const list = announced.get(r[2] as string) ?? [];
        list.push(ev);
        announced.set(r[2] as string, list);
      }
    }
    v.keys = new SealKeys(crypto, trust, announced);
    return v;
  }

  /** This view on another connection to the same index (the same names, contexts and keys). */
  on(db: IndexDb): IndexView {
    const v = new IndexView(db, this.crypto);
    for (const [k, x] of this.chains) v.chains.set(k, x);
    for (const [k, x] of this.contexts) v.contexts.set(k, x);
    v.keys = this.keys;
    return v;
  }

  /** The context hash of context `id` (its bytes as the index holds them; every read joins the same row). */
  ctxHash(id: number, bytes: Uint8Array): Uint8Array {
    let h = this.ctxHashes.get(id);
    if (!h) this.ctxHashes.set(id, (h = contextHash(this.crypto, bytes)));
    return h;
  }

  /** The seals the index holds for chain `chain` at these seqs (`withLeaves` false: their leaves are not read). */
  async sealEvidence(chain: number, seqs: readonly number[], withLeaves = true): Promise<SealEvidence[]> {
    if (seqs.length === 0) return [];
    return (await this.#seals(chain, `s.seq IN (SELECT unnest([${seqs.join(',')}]::BIGINT[]))`, withLeaves)).map((s) => s.ev);
  }

  /**
   * The seals the index holds for chain `chain` whose claimed range meets
   * lo..hi, without their leaves, with the range the row claims (which only
   * selects them: what a seal covers is read from its signed bytes).
   */
  async sealsMeeting(chain: number, lo: number, hi: number): Promise<Array<{ from: number; to: number; ev: SealEvidence }>> {
    return this.#seals(chain, `s.seq_to >= ${lo} AND s.seq_from <= ${hi}`, false);
  }

  /** Seal rows of one chain, each with its bytes and its context's bytes as the index holds them (the seals table's copy). */
  async #seals(chain: number, where: string, withLeaves: boolean): Promise<Array<{ from: number; to: number; ev: SealEvidence }>> {
    const name = this.chains.get(chain);
    if (!name) return [];
    const rows = await this.db.rows(
      `SELECT s.seq, s.seq_from, s.seq_to, s.rec, c.bytes, ${withLeaves ? 's.leaves' : 'NULL'} FROM seals s LEFT JOIN contexts c ON c.id = s.ctx WHERE s.chain = ? AND ${where} ORDER BY s.seq`,
      [chain],
    );
    return rows.map((r) => ({
      from: num(r[1]!),
      to: num(r[2]!),
      ev: { stream: name.stream, chain: name.chain, seq: num(r[0]!), record: blobBytes(r[3]!), context: blobBytes(r[4]!), leaves: r[5] === null ? undefined : blobBytes(r[5]!) },
    }));
  }
}

/** The SQL conditions for a query (everything RecordMatcher decides, as a superset). */
export function prefilter(view: IndexView, q: Query, matcher: RecordMatcher): Prefilter {
  // Control records (seals, genesis, loss, gap) are never hits, as in search without an index.
  const conds: string[] = [`r.type = ${TYPE_CODE.none}`];
  const params: Array<string | bigint | number> = [];
  let empty = false;
  if (q.streams.length) {
    const ids = [...view.chains].filter(([, c]) => matcher.streamMatches(c.stream)).map(([id]) => id);
    if (ids.length === 0) empty = true;
    conds.push(`r.chain IN (${ids.join(',') || 'NULL'})`);
  }
  if (q.resource.length) {
    const ids = [...view.contexts].filter(([, b]) => matcher.contextMatches(b, 0)).map(([id]) => id);
    if (ids.length === 0) empty = true;
    conds.push(`r.ctx IN (${ids.join(',') || 'NULL'})`);
  }
  if (q.sinceNs !== undefined) {
    conds.push('r.time >= ?');
    params.push(clampI64(q.sinceNs));
  }
  if (q.untilNs !== undefined) {
    conds.push('r.time <= ?');
    params.push(clampI64(q.untilNs));
  }
  if (q.seqFrom !== undefined) {
    conds.push('r.seq >= ?');
    params.push(BigInt(q.seqFrom));
  }
  if (q.seqTo !== undefined) {
    conds.push('r.seq <= ?');
    params.push(BigInt(q.seqTo));
  }
  if (q.minSeverity !== undefined) {
    conds.push('r.severity >= ?');
    params.push(q.minSeverity);
  }
  for (const t of q.text) {
    conds.push('contains(r.body, ?)');
    params.push(t);
  }
  for (const c of q.where) {
    conds.push('contains(r.attrs, ?)');
    params.push(c.op === '=' ? `\x1f${c.key}\x1e${c.value}\x1f` : `\x1f${c.key}\x1e`);
  }
  return { sql: conds.join(' AND '), params, empty };
}

function u64(b: Uint8Array, o: number): bigint {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(o);
}

function hitOf(stream: string, chain: string, r: StoredRecord, status: HitStatus, reason: string): Hit {
  const b = r.record;
  const body = bodyAt(b, 0);
  return {
    stream,
    chain,
    seq: r.seq,
    timeNs: u64(b, 0),
    observedNs: u64(b, 8),
    severity: u32(b, 16),
    severityText: strText(b, 20),
    body: valuePlain(b, body),
    attributes: attrsPlain(b, valueEnd(b, body)),
    resource: attrsPlain(r.context, 0),
    status,
    reason,
    source: r.where,
  };
}

/** Copies of one seq, distinct by their bytes and context bytes (identical copies are one record). */
function distinctCopies(copies: StoredRecord[]): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const c of copies) if (!out.some((o) => bytesEqual(o.record, c.record) && bytesEqual(o.context, c.context))) out.push(c);
  return out;
}

interface Proven {
  status: HitStatus;
  reason: string;
}

/**
 * Re-proves the copies of the seqs of one chain: each against the seals
 * the index says cover it, or after the last seal, by linking from it.
 */
export class ChainProver {
  #seals: SealEvidence[] | undefined;
  #tail: Map<number, { hash: Uint8Array; copy: StoredRecord } | string> | undefined;

  constructor(
    readonly view: IndexView,
    readonly chainId: number,
  ) {}

  get name(): { stream: string; chain: string } {
    return this.view.chains.get(this.chainId)!;
  }

  /** Seals whose claimed range holds one of `seqs`, or starts right after one (a seal record's), as the index says; each is checked. */
  async #sealsFor(seqs: readonly number[]): Promise<Array<{ from: number; to: number; ev: SealEvidence }>> {
    if (seqs.length === 0) return [];
    const rows = await this.view.db.rows(
      `SELECT DISTINCT s.seq, s.seq_from, s.seq_to FROM seals s JOIN (SELECT unnest([${seqs.join(',')}]::BIGINT[]) AS q) c ON c.q BETWEEN s.seq_from - 1 AND s.seq_to WHERE s.chain = ? ORDER BY s.seq`,
      [this.chainId],
    );
    if (rows.length === 0) return [];
    this.#seals ??= [];
    const have = new Set(this.#seals.map((s) => s.seq));
    const need = rows.map((r) => num(r[0]!)).filter((s) => !have.has(s));
    if (need.length) for (const ev of await this.view.sealEvidence(this.chainId, need)) this.#seals.push(ev);
    return rows.flatMap((r) => this.#seals!.filter((s) => s.seq === num(r[0]!)).map((ev) => ({ from: num(r[1]!), to: num(r[2]!), ev })));
  }

  async lastSealSeq(): Promise<number> {
    const r = await this.view.db.rows('SELECT max(seq) FROM seals WHERE chain = ?', [this.chainId]);
    return r[0]![0] === null ? 0 : num(r[0]![0]!);
  }

  /** Statuses of the copies of the seqs in `bySeq` (all within [lo, hi]). */
  async prove(bySeq: Map<number, StoredRecord[]>, lo: number, hi: number): Promise<Map<StoredRecord, Proven>> {
    const out = new Map<StoredRecord, Proven>();
    const { stream, chain } = this.name;
    const seals = await this.#sealsFor([...bySeq.keys()]);
    const lastSeal = await this.lastSealSeq();
    const keys = this.view.keys.forStream(stream);
    for (const [seq, all] of bySeq) {
      const copies = distinctCopies(all);
      const results: Proven[] = [];
      for (const c of copies) {
        let p: Proven | undefined;
        const covering = seals.filter((s) => s.from <= seq && seq <= s.to);
        if (c.type === TYPE_CODE.seal) {
          p = this.#sealRecordStatus(c, seals.filter((s) => s.from === seq + 1));
        } else if (covering.length) {
          for (const s of covering) {
            const r = reproveHit(this.view.crypto, stream, chain, c, s.ev, keys);
            if (!p || r.status === 'verified' || (p.status === 'unverifiable' && r.status === 'modified')) p = r;
            if (r.status === 'verified') break;
          }
        } else if (seq > lastSeal) {
          p = await this.#tailStatus(c, lastSeal);
        } else {
          p = { status: 'unverifiable', reason: `no seal in the index covers seq ${seq} (its seal is absent from the input, or from the index)` };
        }
        results.push(p!);
      }
      const good = results.findIndex((r) => r.status === 'verified' || r.status === 'unsealed');
      copies.forEach((c, i) => {
        let p = results[i]!;
        if (copies.length > 1) {
          p =
            good >= 0 && i !== good
              ? { status: 'conflicting', reason: `another, different record with seq ${seq} (${copies[good]!.where}) is the one its chain holds; this copy: ${p.reason}` }
              : good < 0
                ? { status: 'conflicting', reason: `${copies.length} different records carry seq ${seq} and none re-proves; this copy: ${p.reason}` }
                : p;
        }
        for (const a of all) if (bytesEqual(a.record, c.record) && bytesEqual(a.context, c.context)) out.set(a, p);
      });
    }
    return out;
  }

  /**
   * A seal record is no leaf of any seal's tree: its chain hash is the
   * `start` the next seal signs. Without a next seal, a v2 seal's own
   * signature covers its bytes; a v1 seal's covers only its fields.
   */
  #sealRecordStatus(c: StoredRecord, next: Array<{ ev: SealEvidence }>): Proven {
    const { stream, chain } = this.name;
    const keys = this.view.keys.forStream(stream);
    const own = checkedSeal(this.view.crypto, { stream, chain, seq: c.seq, record: c.record, context: c.context, leaves: undefined }, keys);
    let head: Uint8Array | undefined;
    try {
      const parsed = parseSeal(recordModel(c.record, 0));
      if (parsed.ok) head = parsed.value.head;
    } catch {
      head = undefined;
    }
    for (const n of next) {
      const s = checkedSeal(this.view.crypto, n.ev, keys);
      if (!s.ok || !head) continue;
      const hash = this.view.hasher.linkBytes(c.seq, head, this.view.ctxHash(c.ctx, c.context), c.record);
      if (bytesEqual(hash, s.fields.start)) return { status: 'verified', reason: `its chain hash is the start the seal at seq ${n.ev.seq} signs` };
      return { status: 'modified', reason: `its bytes do not hash to the start the seal at seq ${n.ev.seq} signs: it was changed after it was sealed` };
    }
    if (!own.ok) return { status: own.reason.includes('does not verify') ? 'modified' : 'unverifiable', reason: own.reason.replace('its seal at', 'the seal at') };
    if ((own.fields.v ?? 1) >= 2) return { status: 'verified', reason: 'its own signature covers its bytes (no later seal in the index)' };
    return { status: 'unsealed', reason: 'a v1 seal signs only its fields, and no later seal in the index covers it' };
  }

  /** After the last seal: the record's chain hash, linked from the last seal's (or the anchor), must be its sealog.hash. */
  async #tailStatus(c: StoredRecord, lastSeal: number): Promise<Proven> {
    const tail = await this.#walkTail(lastSeal, c.seq);
    const prev = c.seq - 1 === lastSeal ? tail.get(-1) : tail.get(c.seq - 1);
    if (prev === undefined) return { status: 'unverifiable', reason: `record ${c.seq - 1}, which it links to, is not in the index` };
    if (typeof prev === 'string') return { status: 'unverifiable', reason: prev };
    const h = this.view.hasher.linkBytes(c.seq, prev.hash, this.view.ctxHash(c.ctx, c.context), c.record);
    if (!bytesEqual(h, c.claimed)) return { status: 'modified', reason: `its bytes do not hash to its sealog.hash (it follows the last seal, seq ${lastSeal || 'none'}): it was changed` };
    return { status: 'unsealed', reason: lastSeal ? `after the last seal (seq ${lastSeal}): no seal covers it yet; its chain hash links from that seal` : 'no seal in its chain yet; its chain hash links from the chain anchor' };
  }

  /** Chain hashes from the last seal (key -1: the seal's own, or the anchor) through seq `upTo - 1`, one copy per seq: the one that links. */
  async #walkTail(lastSeal: number, upTo: number): Promise<Map<number, { hash: Uint8Array; copy: StoredRecord } | string>> {
    if (!this.#tail) this.#tail = new Map();
    const t = this.#tail;
    if (!t.has(-1)) {
      const { stream, chain } = this.name;
      if (lastSeal === 0) {
        t.set(-1, { hash: this.view.hasher.anchor(stream, chain), copy: undefined as unknown as StoredRecord });
      } else {
        const ev = (await this.view.sealEvidence(this.chainId, [lastSeal]))[0];
        const s = ev ? checkedSeal(this.view.crypto, ev, this.view.keys.forStream(stream)) : undefined;
        t.set(-1, !ev ? `the last seal (seq ${lastSeal}) is not in the index` : !s!.ok ? s!.reason : { hash: s!.ownHash, copy: undefined as unknown as StoredRecord });
      }
    }
    let at = lastSeal + 1;
    while (t.has(at)) at++;
    if (at >= upTo) return t;
    const recs = await readRecordBytes(this.view.db, `r.chain = ${this.chainId} AND r.seq BETWEEN ${at} AND ${upTo - 1}`);
    const bySeq = new Map<number, StoredRecord[]>();
    for (const r of recs) (bySeq.get(r.seq) ?? bySeq.set(r.seq, []).get(r.seq)!).push(r);
    for (let s = at; s < upTo; s++) {
      const prev = t.get(s - 1 === lastSeal ? -1 : s - 1);
      if (prev === undefined || typeof prev === 'string') {
        t.set(s, typeof prev === 'string' ? prev : `record ${s - 1} is not in the index`);
        continue;
      }
      const copies = bySeq.get(s);
      if (!copies) {
        t.set(s, `record ${s}, between the last seal and this record, is not in the index`);
        continue;
      }
      let linked: { hash: Uint8Array; copy: StoredRecord } | undefined;
      for (const c of copies) {
        const h = this.view.hasher.linkBytes(s, prev.hash, this.view.ctxHash(c.ctx, c.context), c.record);
        if (bytesEqual(h, c.claimed)) {
          linked = { hash: h, copy: c };
          break;
        }
      }
      t.set(s, linked ?? `record ${s}, between the last seal and this record, does not hash to its sealog.hash`);
    }
    return t;
  }
}

/**
 * Searches the index. Hits come in (stream, chain, seq) order, each
 * re-proven and re-matched; `completeness()` reports, per (stream, chain)
 * the query touches, what its window cannot show.
 */
export async function searchIndex(db: IndexDb, query: Query, trust: TrustStore, crypto: CryptoProvider = nodeCrypto): Promise<IndexSearch> {
  const view = await IndexView.load(db, trust, crypto);
  const matcher = new RecordMatcher(query);
  const pre = prefilter(view, query, matcher);
  // The window's completeness is worked out at once, on a connection of its own, while the hits are read and re-proven.
  const side = await db.connection();
  const completeness = windowCompleteness(view.on(side), query, matcher, pre).finally(() => side.close());
  completeness.catch(() => undefined);
  return {
    hits: hitsOf(view, matcher, pre),
    completeness: () => completeness,
  };
}

async function* hitsOf(view: IndexView, matcher: RecordMatcher, pre: Prefilter): AsyncGenerator<Hit> {
  if (pre.empty) return;
  const cands = await view.db.rows(`SELECT DISTINCT r.chain, r.seq FROM records r WHERE ${pre.sql} ORDER BY r.chain, r.seq`, pre.params);
  const byChain = new Map<number, number[]>();
  for (const r of cands) (byChain.get(num(r[0]!)) ?? byChain.set(num(r[0]!), []).get(num(r[0]!))!).push(num(r[1]!));
  const order = [...byChain.keys()].sort((a, b) => {
    const x = view.chains.get(a)!;
    const y = view.chains.get(b)!;
    return x.stream < y.stream ? -1 : x.stream > y.stream ? 1 : x.chain < y.chain ? -1 : x.chain > y.chain ? 1 : 0;
  });
  for (const chainId of order) {
    const seqs = byChain.get(chainId)!;
    const prover = new ChainProver(view, chainId);
    const { stream, chain } = prover.name;
    if (!matcher.streamMatches(stream)) continue;
    for (let i = 0; i < seqs.length; i += BATCH) {
      const part = seqs.slice(i, i + BATCH);
      const lo = part[0]!;
      const hi = part[part.length - 1]!;
      // An IN list alone: with a BETWEEN beside it DuckDB read every row of the range's bytes (seconds for sparse hits).
      const recs = await readRecordBytes(view.db, `r.chain = ${chainId} AND r.seq IN (${part.join(',')})`);
      const bySeq = new Map<number, StoredRecord[]>();
      for (const r of recs) (bySeq.get(r.seq) ?? bySeq.set(r.seq, []).get(r.seq)!).push(r);
      const statuses = await prover.prove(bySeq, lo, hi);
      for (const seq of part) {
        const seen: StoredRecord[] = [];
        for (const r of bySeq.get(seq) ?? []) {
          if (r.type !== TYPE_CODE.none) continue;
          // Matched again on the bytes just re-proven: what the row's columns say never makes a hit.
          if (!matcher.contextMatches(r.context, 0) || !matcher.recordMatches(r.record, 0, seq)) continue;
          if (seen.some((s) => bytesEqual(s.record, r.record) && bytesEqual(s.context, r.context))) continue;
          seen.push(r);
          const p = statuses.get(r)!;
          yield hitOf(stream, chain, r, p.status, p.reason);
        }
      }
    }
  }
}

export interface IndexSearchResult {
  /** The hits kept (at most `limit`), in (stream, chain, seq) order. */
  hits: Hit[];
  /** Every hit, kept or not, and how many of each status. */
  total: number;
  byStatus: Partial<Record<HitStatus, number>>;
  completeness: Completeness;
}

/**
 * `sealog search --db PATH` without the CLI: opens the index, loads the
 * auditor's keys (as `--key`/`--key-for`), searches, closes it.
 */
export async function searchIndexAt(path: string, query: Query, keyFiles: readonly string[], opts: { keyFor?: readonly string[]; limit?: number } = {}): Promise<IndexSearchResult> {
  const { trust } = loadAuditorTrust(keyFiles, opts.keyFor);
  const db = await IndexDb.open(path, { create: false });
  try {
    const s = await searchIndex(db, query, trust);
    const hits: Hit[] = [];
    const byStatus: Partial<Record<HitStatus, number>> = {};
    let total = 0;
    for await (const h of s.hits) {
      total++;
      byStatus[h.status] = (byStatus[h.status] ?? 0) + 1;
      if (opts.limit === undefined || hits.length < opts.limit) hits.push(h);
    }
    return { hits, total, byStatus, completeness: await s.completeness() };
  } finally {
    db.close();
  }
}
