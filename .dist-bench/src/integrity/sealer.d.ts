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
import { type InstrumentationScope, type LogsData, type Resource, type ResourceLogs } from '../otlp/types.js';
import { type StreamId } from './control.js';
import type { HashProvider, Signer } from './crypto.js';
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
    merkle: {
        hashes: Uint8Array[];
        sizes: number[];
        count: number;
    };
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
/**
 * Moves `sealog.*` attributes that arrived from elsewhere aside (to
 * `sealog.upstream.*`) so they are neither trusted nor lost, and are covered
 * by this agent's chain. Run once per batch on receipt, before processors.
 * Every `sealog.` key gets one more `upstream.` (an upstream record's own
 * `sealog.upstream.x` becomes `sealog.upstream.upstream.x`), so the rename is
 * undone exactly by removing one level (unwrapUpstream, docs/PROTOCOL.md §9).
 */
export declare function quarantineUpstream(data: LogsData): void;
/** A resource that carries a chain sealed before this agent (its stream, renamed on receipt). */
export declare function isUpstreamSealed(resource: Resource): boolean;
export declare class Sealer {
    #private;
    private constructor();
    /** A new chain: returns the sealer and its genesis record (seq 1). */
    static genesis(opts: SealerOptions, id: StreamId, reason: string): {
        sealer: Sealer;
        genesis: ResourceLogs;
    };
    /** Continues a chain from the state saved in the spool. */
    static resume(opts: SealerOptions, state: ChainState): Sealer;
    get id(): StreamId;
    get seq(): number;
    get epoch(): number;
    get lastSealTimeNs(): bigint;
    /** Records (of any kind) chained since the last seal. */
    get unsealed(): number;
    get signer(): Signer;
    /** Changes how many records a count-based seal covers (config reload). */
    setSealEvery(records: number): void;
    /** Switches to the next epoch's key, after the seal that announced it is durable. */
    setSigner(signer: Signer): void;
    /**
     * A copy of the state, for the spool frame meta and for rollback. `head` is
     * overwritten in place as records are linked, so it is copied; the other
     * byte fields are replaced, never written to.
     */
    snapshot(): ChainState;
    restore(state: ChainState): void;
    /**
     * Chains every record of `data` in order and emits the resulting
     * ResourceLogs (one per input scope group, split where a seal is inserted),
     * each right after the state covers it, so `snapshot()` inside `emit` is the
     * state after that ResourceLogs. Records are changed in place (sealog.seq,
     * sealog.hash).
     */
    stamp(data: LogsData, emit: (rl: ResourceLogs) => void): void;
    /** A seal over every record since the previous seal; `nextKey` announces the next epoch's key. */
    seal(opts?: {
        nextKey?: Uint8Array;
    }): ResourceLogs;
    /** A signed record of `count` records dropped by policy. */
    loss(count: number, reason: string, sinceNs: bigint, untilNs: bigint): ResourceLogs;
}
