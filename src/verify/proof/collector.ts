/**
 * ProofCollector: builds `sealog-proof-v1` proofs (docs/PROOF.md) for a set
 * of records, from OTLP JSON lines read in any order, grouping and with
 * duplicates, as `sealog verify` reads them. It is what `sealog prove` runs,
 * and what any other front end that wants proofs for its hits calls
 * (`sealog search --bundle` with the (stream, chain, seq) of each hit):
 *
 *   const c = new ProofCollector(crypto, [{ stream: 'web-1/logs', chain: '3f9c0d1e2a4b5c6d', seq: 4711 }, ...], { trust });
 *   for each line: c.add(decodeLogsJson(line), 'file.jsonl:812');
 *   for (const r of c.finish()) r.ok ? write(JSON.stringify(r.proof)) : report(r.reason);
 *
 * A seal record has no proof (code `seal`: it is in no seal range).
 * A request without `chain` takes the seq from whichever chain of the stream
 * holds it, and fails as `ambiguous` when several do. finish() returns one
 * result per request, in request order: a proof (as a JSON value, members
 * in the documented order), or why the record cannot be proven (absent,
 * ambiguous, modified, unsealed, its seal range incomplete or changed, its
 * key not certifiable, and, with `trust`, a proof that does not verify).
 *
 * Memory: for the streams asked about, the 32-byte chain hash (`sealog.hash`)
 * of every record of the chains that hold a requested seq (33 bytes a
 * record), the requested records themselves, the seals whose range holds a
 * requested seq, and every seal that announced a next key. Nothing else of
 * the input is kept, so it reads inputs far larger than memory.
 *
 * Pure: no I/O; the caller reads the files (src/verify/proof-inputs.ts).
 */
import { bytesEqual, fromHex, toHex } from '../../integrity/bytes.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, canonicalRecord } from '../../integrity/canonical.js';
import { ChainHasher } from '../../integrity/chain.js';
import { controlType, parseSeal } from '../../integrity/control.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import { HashStore } from '../../integrity/hash-store.js';
import { keyIdOf, type TrustStore } from '../../integrity/keys.js';
import { getAttr, type InstrumentationScope, type LogRecord, type LogsData, type Resource } from '../../otlp/index.js';
import { rangeText } from '../core/index.js';
import { MerkleTree } from './audit-path.js';
import { assembleProof, type FoundSeal } from './build.js';
import { proofJson } from './format.js';
import { sealShapeProblem } from './seal-form.js';
import { ProofVerifier } from './verify.js';

export interface ProofRequest {
  stream: string;
  /** The chain; leave it out to take the seq from whichever chain of the stream holds it. */
  chain?: string;
  seq: number;
}

/** Why a record cannot be proven. */
export type ProveFailure = 'absent' | 'ambiguous' | 'seal' | 'modified' | 'unsealed' | 'incomplete_range' | 'unprovable' | 'invalid';

export type ProveResult =
  | { ok: true; stream: string; chain: string; seq: number; sealSeq: number; where: string; proof: Record<string, unknown> }
  | { ok: false; stream: string; chain?: string; seq: number; code: ProveFailure; reason: string; where?: string };

export interface ProofCollectorOptions {
  /** Check every proof against this trust store before returning it (a failure is `invalid`); certificates may then stop at a key it trusts when an announcement is absent. */
  trust?: TrustStore;
}

interface Copy {
  resource: Resource;
  scope: InstrumentationScope;
  record: LogRecord;
  ctx: Uint8Array;
  where: string;
  isSeal: boolean;
}

interface KeptSeal extends FoundSeal {
  /** Why it cannot go into a proof (seal-form.ts), if it cannot. */
  problem: string | undefined;
  where: string;
}

class ChainData {
  /** Claimed hashes by seq (kept only for chains that hold a requested seq). */
  readonly hashes = new HashStore(Number.MAX_SAFE_INTEGER);
  /** Seqs seen with a second, different claimed hash. */
  conflicts: Set<number> | undefined;
  readonly copies = new Map<number, Copy[]>();
  readonly seals = new Map<number, KeptSeal[]>();
}

/** The seqs asked for in one stream: from any chain, or from named chains. */
interface Wanted {
  any: Set<number>;
  byChain: Map<string, Set<number>>;
  sorted: Map<string, number[]>;
}

type Built = { ok: true; proof: Record<string, unknown> } | { ok: false; code: ProveFailure; reason: string };

export class ProofCollector {
  readonly #hasher: ChainHasher;
  readonly #requests: ProofRequest[];
  readonly #wanted = new Map<string, Wanted>();
  /** stream → chain → what was collected. */
  readonly #chains = new Map<string, Map<string, ChainData>>();
  readonly #verifier: ProofVerifier | undefined;
  /** Recently built trees, by stream, chain and seal seq (proving each record of a range builds its tree once). */
  readonly #trees = new Map<string, MerkleTree>();

  constructor(
    readonly crypto: CryptoProvider,
    requests: Iterable<ProofRequest>,
    readonly opts: ProofCollectorOptions = {},
  ) {
    this.#hasher = new ChainHasher(crypto);
    this.#requests = [...requests];
    for (const r of this.#requests) {
      if (!Number.isSafeInteger(r.seq) || r.seq < 1) throw new RangeError(`proof request: seq ${r.seq} is not an integer from 1 to 2^53-1`);
      let w = this.#wanted.get(r.stream);
      if (!w) this.#wanted.set(r.stream, (w = { any: new Set(), byChain: new Map(), sorted: new Map() }));
      if (r.chain === undefined) w.any.add(r.seq);
      else {
        let s = w.byChain.get(r.chain);
        if (!s) w.byChain.set(r.chain, (s = new Set()));
        s.add(r.seq);
      }
    }
    if (opts.trust) this.#verifier = new ProofVerifier(crypto, opts.trust);
  }

  /** Feeds one decoded OTLP JSON line (`where` = file:line, for messages). */
  add(data: LogsData, where: string): void {
    for (const rl of data.resourceLogs) {
      const streamV = getAttr(rl.resource.attributes, ATTR_STREAM);
      const chainV = getAttr(rl.resource.attributes, ATTR_CHAIN);
      if (streamV?.type !== 'string' || chainV?.type !== 'string') continue;
      const w = this.#wanted.get(streamV.value);
      if (!w) continue;
      const stream = streamV.value;
      const chain = chainV.value;
      const holds = w.any.size > 0 || w.byChain.has(chain);
      for (const sl of rl.scopeLogs) {
        let ctx: Uint8Array | undefined;
        for (const r of sl.logRecords) {
          const seq = seqOf(r);
          if (seq === undefined) continue;
          const isSeal = controlType(r) === 'seal';
          if (!holds && !isSeal) continue;
          const data = this.#chain(stream, chain);
          if (holds) {
            const hex = claimedHex(r);
            const claimed = hex !== undefined ? fromHex(hex) : undefined;
            if (claimed?.length === 32) {
              const have = data.hashes.get(seq);
              if (!have) data.hashes.set(seq, claimed);
              else if (!bytesEqual(have, claimed)) (data.conflicts ??= new Set()).add(seq);
            }
            if (w.any.has(seq) || w.byChain.get(chain)?.has(seq)) {
              ctx ??= this.#hasher.context(rl.resource, sl.scope);
              addCopy(data, seq, { resource: rl.resource, scope: sl.scope, record: r, ctx, where, isSeal });
            }
          }
          if (isSeal) {
            ctx ??= this.#hasher.context(rl.resource, sl.scope);
            this.#seal(data, w, stream, chain, seq, r, ctx, where);
          }
        }
      }
    }
  }

  #chain(stream: string, chain: string): ChainData {
    let byChain = this.#chains.get(stream);
    if (!byChain) this.#chains.set(stream, (byChain = new Map()));
    let d = byChain.get(chain);
    if (!d) byChain.set(chain, (d = new ChainData()));
    return d;
  }

  /** Keeps a seal whose range holds a requested seq, or that announced a next key. */
  #seal(data: ChainData, w: Wanted, stream: string, chain: string, seq: number, r: LogRecord, ctx: Uint8Array, where: string): void {
    const parsed = parseSeal(r);
    if (!parsed.ok) return;
    const f = parsed.value;
    if (!f.nextKey && !anyWithin(sortedWanted(w, chain), f.from, f.to)) return;
    const list = data.seals.get(seq) ?? [];
    if (list.some((s) => bytesEqual(s.fields.sig, f.sig) && bytesEqual(s.ctx, ctx))) return;
    list.push({ seq, chain, fields: f, ctx, where, problem: sealShapeProblem(seq, r, f, this.#hasher.anchor(stream, chain)) });
    data.seals.set(seq, list);
  }

  /** One result per request, in request order. */
  finish(): ProveResult[] {
    return this.#requests.map((req) => this.#prove(req));
  }

  #prove(req: ProofRequest): ProveResult {
    const { stream, seq } = req;
    const chains = this.#chains.get(stream);
    const holding = [...(chains?.entries() ?? [])].filter(([c, d]) => (req.chain === undefined || c === req.chain) && d.copies.has(seq)).map(([c]) => c);
    const named = req.chain !== undefined ? ` chain ${req.chain}` : '';
    if (holding.length === 0) return { ok: false, stream, ...(req.chain !== undefined ? { chain: req.chain } : {}), seq, code: 'absent', reason: `record ${seq} of stream ${stream}${named} is not in the input` };
    if (holding.length > 1) {
      return { ok: false, stream, seq, code: 'ambiguous', reason: `stream ${stream} has ${holding.length} chains holding seq ${seq} (${holding.sort().join(', ')}): name one with --chain` };
    }
    const chain = holding[0]!;
    const data = chains!.get(chain)!;
    const copies = data.copies.get(seq)!;
    const where = copies[0]!.where;
    const fail = (code: ProveFailure, reason: string): ProveResult => ({ ok: false, stream, chain, seq, code, reason, where });
    if (copies.some((c) => c.isSeal)) {
      return fail('seal', `record ${seq} is a seal: seals are in no seal range (each is vouched for by its own signature and the next seal's prev_seal), so there is no inclusion proof for it`);
    }
    const covering = [...data.seals.values()].flat().filter((s) => s.fields.from <= seq && seq <= s.fields.to).sort((a, b) => a.seq - b.seq);
    if (covering.length === 0) {
      return fail('unsealed', `no seal in the input covers record ${seq} of stream ${stream} chain ${chain}: it is after the last seal (unsealed), or its seal is missing`);
    }
    let first: Built | undefined;
    for (const seal of covering) {
      const b = this.#build(stream, chain, data, seq, copies, seal);
      if (b.ok) return { ok: true, stream, chain, seq, sealSeq: seal.seq, where, proof: b.proof };
      first ??= b;
    }
    const f = first as Extract<Built, { ok: false }>;
    return fail(f.code, f.reason);
  }

  #build(stream: string, chain: string, data: ChainData, seq: number, copies: Copy[], seal: KeptSeal): Built {
    const f = seal.fields;
    if (seal.problem) return { ok: false, code: 'unprovable', reason: `${seal.problem} (at ${seal.where})` };
    const tree = this.#tree(stream, chain, data, seal);
    if (!tree.ok) return tree;
    const index = seq - f.from;
    const leaf = tree.value.leaf(index);
    const prev = index === 0 ? f.start : tree.value.leaf(index - 1);
    const copy = copies.find((c) => {
      const h = this.#hasher.link(seq, prev, c.ctx, c.record);
      const claimed = claimedHex(c.record);
      return bytesEqual(h, leaf) && claimed !== undefined && claimed === toHex(h);
    });
    if (!copy) {
      return {
        ok: false,
        code: 'modified',
        reason: `record ${seq} (at ${copies.map((c) => c.where).join(', ')}) does not match the hash seal ${seal.seq} covers: it was changed after it was sealed`,
      };
    }
    const certs = this.#certs(stream, chain, f.epoch, f.keyId, seal.seq);
    if (!certs.ok) return certs;
    const proof = proofJson(assembleProof({ resource: copy.resource, scope: copy.scope, record: copy.record, seq, prev, tree: tree.value, seal, certs: certs.value }));
    if (this.#verifier) {
      const check = this.#verifier.verify(proof);
      if (!check.ok) return { ok: false, code: 'invalid', reason: `the proof does not verify with the given key: ${check.code}: ${check.reason}` };
    }
    return { ok: true, proof };
  }

  /** The tree over seal `s`'s range, checked against its root, head and start. */
  #tree(stream: string, chain: string, data: ChainData, s: KeptSeal): { ok: true; value: MerkleTree } | { ok: false; code: ProveFailure; reason: string } {
    const key = `${stream}\u0000${chain}\u0000${s.seq}\u0000${toHex(s.fields.sig)}`;
    const cached = this.#trees.get(key);
    if (cached) return { ok: true, value: cached };
    const f = s.fields;
    const leaves: Uint8Array[] = [];
    const absent: Array<[number, number]> = [];
    for (let i = f.from; i <= f.to; i++) {
      const h = data.hashes.get(i);
      if (h) leaves.push(h);
      else if (absent.length && absent[absent.length - 1]![1] === i - 1) absent[absent.length - 1]![1] = i;
      else absent.push([i, i]);
    }
    const range = `seal ${s.seq}'s range (${rangeText(f.from, f.to)})`;
    if (absent.length) {
      return { ok: false, code: 'incomplete_range', reason: `records ${absent.map(([a, b]) => rangeText(a, b)).join(', ')} of ${range} are not in the input: the audit path needs the hash of every record of the range` };
    }
    const tree = new MerkleTree(this.crypto, leaves);
    const conflicted = [...(data.conflicts ?? [])].filter((n) => n >= f.from && n <= f.to);
    const also = conflicted.length ? ` (seqs ${conflicted.slice(0, 10).join(', ')} have copies with different hashes)` : '';
    if (!bytesEqual(tree.root(), f.root)) return { ok: false, code: 'incomplete_range', reason: `the hashes of the records of ${range} do not give its Merkle root: a record of the range was changed${also}` };
    if (!bytesEqual(tree.leaf(f.to - f.from), f.head)) return { ok: false, code: 'incomplete_range', reason: `seal ${s.seq}'s head hash is not the hash of record ${f.to}${also}` };
    const before = f.from > 1 ? data.hashes.get(f.from - 1) : undefined;
    if (before && !bytesEqual(before, f.start)) return { ok: false, code: 'incomplete_range', reason: `seal ${s.seq}'s start hash is not the hash of record ${f.from - 1}` };
    if (this.#trees.size >= 8) this.#trees.delete(this.#trees.keys().next().value!);
    this.#trees.set(key, tree);
    return { ok: true, value: tree };
  }

  /**
   * The seals that announced each key from epoch 0 up to the seal's (oldest
   * first): for each epoch, one of this chain if there is one, else of another
   * chain of the stream (a restart, PROTOCOL.md §8.1), the earliest first.
   * Where none is in the input, a key the trust store holds ends the list.
   */
  #certs(stream: string, chain: string, epoch: number, keyId: string, sealSeq: number): { ok: true; value: FoundSeal[] } | { ok: false; code: ProveFailure; reason: string } {
    const out: FoundSeal[] = [];
    let want = keyId;
    for (let k = epoch; k >= 1; k--) {
      const found = this.#announcement(stream, chain, k, want);
      if (found) {
        out.push(found);
        want = found.fields.keyId;
        continue;
      }
      if (this.opts.trust?.get(want)?.epoch === k) break;
      return {
        ok: false,
        code: 'unprovable',
        reason: `seal ${sealSeq} is signed by key ${want} of epoch ${k}, and the seal of epoch ${k - 1} that announced it (next_key) is not in the input: the proof cannot certify that key from the epoch-0 key (pass the keyring with --key to certify it from there)`,
      };
    }
    return { ok: true, value: out.reverse() };
  }

  #announcement(stream: string, chain: string, epoch: number, keyId: string): FoundSeal | undefined {
    const match = (s: KeptSeal): boolean => !s.problem && s.fields.epoch === epoch - 1 && s.fields.nextKey !== undefined && keyIdOf(this.crypto, s.fields.nextKey) === keyId;
    const byTime = (a: KeptSeal, b: KeptSeal): number => (a.fields.timeNs < b.fields.timeNs ? -1 : a.fields.timeNs > b.fields.timeNs ? 1 : a.seq - b.seq);
    const chains = this.#chains.get(stream)!;
    const own = [...(chains.get(chain)?.seals.values() ?? [])].flat().filter(match).sort(byTime);
    if (own.length) return own[0];
    const others = [...chains.entries()].filter(([c]) => c !== chain).flatMap(([, d]) => [...d.seals.values()].flat()).filter(match).sort(byTime);
    return others[0];
  }
}

/** A record's `sealog.hash` as written, when it is a string. */
function claimedHex(r: LogRecord): string | undefined {
  const v = getAttr(r.attributes, ATTR_HASH);
  return v?.type === 'string' ? v.value : undefined;
}

function seqOf(r: LogRecord): number | undefined {
  const v = getAttr(r.attributes, ATTR_SEQ);
  if (v?.type !== 'int' || v.value < 1n || v.value > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(v.value);
}

/** Keeps a copy of a requested record unless an identical one is kept already. */
function addCopy(data: ChainData, seq: number, c: Copy): void {
  const list = data.copies.get(seq);
  if (!list) {
    data.copies.set(seq, [c]);
    return;
  }
  const bytes = canonicalRecord(c.record);
  const claimed = claimedHex(c.record);
  const same = list.some((o) => bytesEqual(o.ctx, c.ctx) && bytesEqual(canonicalRecord(o.record), bytes) && claimedHex(o.record) === claimed);
  if (!same) list.push(c);
}

function sortedWanted(w: Wanted, chain: string): number[] {
  let s = w.sorted.get(chain);
  if (!s) {
    s = [...new Set([...w.any, ...(w.byChain.get(chain) ?? [])])].sort((a, b) => a - b);
    w.sorted.set(chain, s);
  }
  return s;
}

/** True if the sorted list holds a value in from..to. */
function anyWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= to;
}
