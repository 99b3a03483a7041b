/**
 * The agent side of the protocol: assigns seq, links every record into the
 * chain, and makes seals, genesis and loss records. Pure and synchronous;
 * the pipeline owns timers, keys on disk and the spool.
 *
 *   stamp(batch) ──► records get sealog.seq / sealog.hash, a seal is inserted
 *                    after every `sealEveryRecords` records
 *   seal()       ──► a seal covering everything since the previous seal
 *                    (an empty range is a heartbeat)
 *   snapshot() / restore() ──► the state saved in every spool frame's meta
 */
import {
  type InstrumentationScope,
  type LogRecord,
  type LogsData,
  type Resource,
  type ResourceLogs,
  int,
  setAttr,
  str,
} from '../otlp/types.js';
import { toHex } from './bytes.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM, canonicalRecord } from './canonical.js';
import { ChainHasher, HASH_BYTES } from './chain.js';
import {
  type StreamId,
  PROTOCOL_VERSION,
  controlStatementV2,
  type TailLostFields,
  type GapFields,
  gapRecord,
  gapStatement,
  genesisRecord,
  genesisStatement,
  lossRecord,
  lossStatement,
  sealRecord,
  sealStatement,
  withoutSig,
} from './control.js';
import type { HashProvider, Signer } from './crypto.js';
import { MerkleAccumulator } from './merkle.js';

export interface ChainState {
  stream: string;
  chain: string;
  /** Last assigned seq; 0 before the genesis record. */
  seq: number;
  /** hash_seq (the anchor when seq is 0). */
  head: Uint8Array;
  lastSealSeq: number;
  lastSealHash: Uint8Array;
  lastSealTimeNs: bigint;
  /** First seq the next seal covers, and hash_{rangeFrom-1}. */
  rangeFrom: number;
  rangeStart: Uint8Array;
  merkle: { hashes: Uint8Array[]; sizes: number[]; count: number };
  epoch: number;
}

export interface SealerOptions {
  crypto: HashProvider;
  signer: Signer;
  now: () => bigint;
  sealEveryRecords: number;
  /** Resource and scope of control records (the pipeline adds sealog.stream/sealog.chain). */
  controlResource: Resource;
  controlScope: InstrumentationScope;
  /**
   * Protocol version of the control records it writes (default 2, the
   * agent's). 1 is kept for the v1 known-answer vectors and for tests that
   * show v1 streams still verify.
   */
  version?: 1 | 2;
}

const UPSTREAM_PREFIX = 'sealog.upstream.';
/** The signature's place in a v2 record body until it is signed (it is not part of what is signed). */
const UNSIGNED = new Uint8Array(64);

/**
 * Moves `sealog.*` attributes that arrived from elsewhere aside (to
 * `sealog.upstream.*`) so they are neither trusted nor lost, and are covered
 * by this agent's chain. Run once per batch on receipt, before processors.
 * Every `sealog.` key gets one more `upstream.` (an upstream record's own
 * `sealog.upstream.x` becomes `sealog.upstream.upstream.x`), so the rename is
 * undone exactly by removing one level (unwrapUpstream, docs/PROTOCOL.md §13).
 */
export function quarantineUpstream(data: LogsData): void {
  for (const rl of data.resourceLogs) {
    renameReserved(rl.resource.attributes);
    for (const sl of rl.scopeLogs) {
      for (const r of sl.logRecords) {
        const attrs = r.attributes;
        for (let i = 0; i < attrs.length; i++) {
          if (attrs[i]!.key.startsWith('sealog.')) {
            renameReserved(attrs);
            break;
          }
        }
      }
    }
  }
}

function renameReserved(attrs: { key: string; value: import('../otlp/types.js').AnyValue }[]): void {
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    if (a.key.startsWith('sealog.')) attrs[i] = { key: UPSTREAM_PREFIX + a.key.slice('sealog.'.length), value: a.value };
  }
}

/** A resource that carries a chain sealed before this agent (its stream, renamed on receipt). */
export function isUpstreamSealed(resource: Resource): boolean {
  for (const a of resource.attributes) if (a.key === UPSTREAM_STREAM) return true;
  return false;
}

const UPSTREAM_STREAM = UPSTREAM_PREFIX + 'stream';

export class Sealer {
  readonly #hasher: ChainHasher;
  readonly #merkle: MerkleAccumulator;
  readonly #opts: SealerOptions;
  #signer: Signer;
  #s!: ChainState;
  #controlResource!: Resource;

  private constructor(opts: SealerOptions) {
    this.#opts = opts;
    this.#signer = opts.signer;
    this.#hasher = new ChainHasher(opts.crypto);
    this.#merkle = new MerkleAccumulator(opts.crypto);
  }

  /** A new chain: returns the sealer and its genesis record (seq 1). */
  static genesis(opts: SealerOptions, id: StreamId, reason: string, tailLost?: TailLostFields): { sealer: Sealer; genesis: ResourceLogs } {
    const s = new Sealer(opts);
    const anchor = s.#hasher.anchor(id.stream, id.chain);
    s.#s = {
      stream: id.stream,
      chain: id.chain,
      seq: 0,
      head: anchor,
      lastSealSeq: 0,
      lastSealHash: new Uint8Array(HASH_BYTES),
      lastSealTimeNs: opts.now(),
      rangeFrom: 1,
      rangeStart: anchor.slice(),
      merkle: { hashes: [], sizes: [], count: 0 },
      epoch: opts.signer.epoch,
    };
    s.#setControlResource();
    const timeNs = opts.now();
    const fields = {
      timeNs,
      epoch: s.#signer.epoch,
      keyId: s.#signer.keyId,
      publicKey: s.#signer.publicKey,
      reason,
      v: s.#version,
      ...(tailLost ? { tailLost } : {}),
    };
    const genesis = s.#signed((sig) => genesisRecord({ ...fields, sig }), () => genesisStatement(id, 1, fields));
    return { sealer: s, genesis };
  }

  /** Continues a chain from the state saved in the spool. */
  static resume(opts: SealerOptions, state: ChainState): Sealer {
    const s = new Sealer(opts);
    s.restore(state);
    return s;
  }

  get id(): StreamId {
    return { stream: this.#s.stream, chain: this.#s.chain };
  }
  get seq(): number {
    return this.#s.seq;
  }
  get epoch(): number {
    return this.#s.epoch;
  }
  get lastSealTimeNs(): bigint {
    return this.#s.lastSealTimeNs;
  }
  /** Records (of any kind) chained since the last seal. */
  get unsealed(): number {
    return this.#s.seq - this.#s.lastSealSeq;
  }
  get signer(): Signer {
    return this.#signer;
  }

  /** Changes how many records a count-based seal covers (config reload). */
  setSealEvery(records: number): void {
    this.#opts.sealEveryRecords = Math.max(1, records);
  }

  /** Switches to the next epoch's key, after the seal that announced it is durable. */
  setSigner(signer: Signer): void {
    this.#signer = signer;
    this.#s.epoch = signer.epoch;
  }

  /**
   * A copy of the state, for the spool frame meta and for rollback. `head` is
   * overwritten in place as records are linked, so it is copied; the other
   * byte fields are replaced, never written to.
   */
  snapshot(): ChainState {
    return { ...this.#s, head: this.#s.head.slice(), merkle: this.#merkle.snapshot() };
  }

  restore(state: ChainState): void {
    this.#s = { ...state, head: state.head.slice(), merkle: { hashes: [], sizes: [], count: 0 } };
    this.#merkle.restore(state.merkle);
    this.#setControlResource();
  }

  /**
   * Chains every record of `data` in order and emits the resulting
   * ResourceLogs (one per input scope group, split where a seal is inserted),
   * each right after the state covers it, so `snapshot()` inside `emit` is the
   * state after that ResourceLogs. Records are changed in place (sealog.seq,
   * sealog.hash).
   */
  stamp(data: LogsData, emit: (rl: ResourceLogs) => void): void {
    const every = this.#opts.sealEveryRecords;
    for (const rl of data.resourceLogs) {
      this.#tagResource(rl.resource);
      for (const sl of rl.scopeLogs) {
        const records = sl.logRecords;
        if (records.length === 0) continue;
        const ctx = this.#hasher.context(rl.resource, sl.scope);
        let from = 0;
        for (let i = 0; i < records.length; i++) {
          this.#link(records[i]!, ctx);
          if (this.unsealed >= every) {
            emit(this.#group(rl, sl.scope, sl.schemaUrl, records.slice(from, i + 1)));
            from = i + 1;
            emit(this.seal());
          }
        }
        if (from < records.length) {
          emit(this.#group(rl, sl.scope, sl.schemaUrl, from === 0 ? records : records.slice(from)));
        }
      }
    }
  }

  /** A seal over every record since the previous seal; `nextKey` announces the next epoch's key. */
  seal(opts: { nextKey?: Uint8Array } = {}): ResourceLogs {
    const s = this.#s;
    const timeNs = this.#opts.now();
    const fields = {
      from: s.rangeFrom,
      to: s.seq,
      start: s.rangeStart,
      head: s.head,
      root: this.#merkle.root(),
      prevSealSeq: s.lastSealSeq,
      prevSeal: s.lastSealHash,
      timeNs,
      epoch: this.#signer.epoch,
      keyId: this.#signer.keyId,
      v: this.#version,
      ...(opts.nextKey ? { nextKey: opts.nextKey } : {}),
    };
    const sealSeq = s.seq + 1;
    const rl = this.#signed((sig) => sealRecord({ ...fields, sig }), () => sealStatement(this.id, sealSeq, fields));
    // The seal record itself is now s.seq; the next range starts after it.
    const head = s.head.slice();
    s.lastSealSeq = s.seq;
    s.lastSealHash = head;
    s.lastSealTimeNs = timeNs;
    s.rangeFrom = s.seq + 1;
    s.rangeStart = head;
    this.#merkle.reset();
    return rl;
  }

  /** A signed record of `count` records dropped by policy. */
  loss(count: number, reason: string, sinceNs: bigint, untilNs: bigint): ResourceLogs {
    const fields = { count, reason, sinceNs, untilNs, epoch: this.#signer.epoch, keyId: this.#signer.keyId, v: this.#version };
    const timeNs = this.#opts.now();
    return this.#signed((sig) => lossRecord({ ...fields, sig }, timeNs), () => lossStatement(this.id, this.#s.seq + 1, fields));
  }

  get #version(): 1 | 2 {
    return this.#opts.version ?? (PROTOCOL_VERSION as 2);
  }

  /**
   * Signs and chains a control record made by `build(sig)`. v1 signs the
   * type's statement; v2 signs the record's own canonical bytes without
   * `sig` (docs/PROTOCOL.md §5.1), so every part of it is covered.
   */
  #signed(build: (sig: Uint8Array) => LogRecord, v1Statement: () => Uint8Array): ResourceLogs {
    const ctx = this.#hasher.context(this.#controlResource, this.#opts.controlScope);
    if (this.#version === 1) return this.#control(build(this.#signer.sign(v1Statement())), ctx);
    const record = build(UNSIGNED);
    const statement = controlStatementV2(this.id, this.#s.seq + 1, ctx, canonicalRecord(withoutSig(record)));
    const sig = this.#signer.sign(statement);
    if (record.body.type === 'kvlist') {
      for (const e of record.body.value) if (e.key === 'sig') e.value = str(toHex(sig));
    }
    return this.#control(record, ctx);
  }

  /** A signed record of input bytes a receiver knew existed and could not read. */
  gap(g: Omit<GapFields, 'sig' | 'epoch' | 'keyId' | 'timeNs'>): ResourceLogs {
    const fields = { ...g, timeNs: this.#opts.now(), epoch: this.#signer.epoch, keyId: this.#signer.keyId, v: this.#version };
    return this.#signed((sig) => gapRecord({ ...fields, sig }), () => gapStatement(this.id, this.#s.seq + 1, fields));
  }

  #link(r: LogRecord, ctx: Uint8Array): void {
    const s = this.#s;
    const seq = s.seq + 1;
    // hash_seq overwrites hash_{seq-1} in place: the state's head buffer is the sealer's own.
    const hex = this.#hasher.linkInto(seq, s.head, ctx, r, s.head);
    s.seq = seq;
    this.#merkle.push(s.head);
    setAttr(r.attributes, ATTR_SEQ, int(seq));
    setAttr(r.attributes, ATTR_HASH, str(hex));
  }

  #control(record: LogRecord, ctx: Uint8Array): ResourceLogs {
    this.#link(record, ctx);
    return {
      resource: this.#controlResource,
      scopeLogs: [{ scope: this.#opts.controlScope, logRecords: [record], schemaUrl: '' }],
      schemaUrl: '',
    };
  }

  #group(rl: ResourceLogs, scope: InstrumentationScope, schemaUrl: string, records: LogRecord[]): ResourceLogs {
    return { resource: rl.resource, scopeLogs: [{ scope, logRecords: records, schemaUrl }], schemaUrl: rl.schemaUrl };
  }

  #tagResource(resource: Resource): void {
    setAttr(resource.attributes, ATTR_STREAM, str(this.#s.stream));
    setAttr(resource.attributes, ATTR_CHAIN, str(this.#s.chain));
  }

  #setControlResource(): void {
    const base = this.#opts.controlResource;
    this.#controlResource = { ...base, attributes: [...base.attributes] };
    this.#tagResource(this.#controlResource);
  }
}
