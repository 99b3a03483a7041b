/**
 * Control records (docs/PROTOCOL.md §5-§7): seals, the genesis record and
 * loss records. Each is an ordinary log record in the chain with
 * `sealog.type` set, an event name, and a kvlist body holding its fields and
 * an Ed25519 signature `sig`.
 *
 *   v1: `sig` covers a "statement": a fixed binary encoding of the body's
 *       fields plus the stream and chain they belong to.
 *   v2: `sig` covers the control record's own canonical bytes (its context
 *       hash and record(), the body without `sig`): resource, scope, time,
 *       severity, attributes and every body field, whatever the type.
 */
import { type LogRecord } from '../otlp/types.js';
export type ControlType = 'seal' | 'genesis' | 'loss';
export declare const EVENT_NAMES: Record<ControlType, string>;
/** The version the agent writes; checkers accept every version in SUPPORTED_VERSIONS. */
export declare const PROTOCOL_VERSION = 2;
export declare const SUPPORTED_VERSIONS: readonly number[];
export interface SealFields {
    from: number;
    to: number;
    /** hash_{from-1}: the chain hash this range starts from. */
    start: Uint8Array;
    /** hash_to: the chain head the seal covers. */
    head: Uint8Array;
    /** RFC 9162 root over hash_from..hash_to. */
    root: Uint8Array;
    /** seq of the previous seal record, 0 if none. */
    prevSealSeq: number;
    /** chain hash of the previous seal record (32 zero bytes if none). */
    prevSeal: Uint8Array;
    timeNs: bigint;
    epoch: number;
    keyId: string;
    /** Rotation: the next epoch's raw public key, announced under this key. */
    nextKey?: Uint8Array;
    sig: Uint8Array;
    /** The body's `v` (1 or 2); absent means PROTOCOL_VERSION when writing. */
    v?: number;
}
export interface GenesisFields {
    timeNs: bigint;
    epoch: number;
    keyId: string;
    publicKey: Uint8Array;
    /** Why the chain starts: 'new' (first start), 'spool_lost' (no spool state found for an existing key). */
    reason: string;
    sig: Uint8Array;
    v?: number;
}
export interface LossFields {
    count: number;
    reason: string;
    sinceNs: bigint;
    untilNs: bigint;
    epoch: number;
    keyId: string;
    sig: Uint8Array;
    v?: number;
}
export interface StreamId {
    stream: string;
    chain: string;
}
export declare function sealStatement(id: StreamId, seq: number, f: Omit<SealFields, 'sig'>): Uint8Array;
export declare function genesisStatement(id: StreamId, seq: number, f: Omit<GenesisFields, 'sig'>): Uint8Array;
export declare function lossStatement(id: StreamId, seq: number, f: Omit<LossFields, 'sig'>): Uint8Array;
/**
 * What key k signs to certify key k+1 (keyring entries). With `sinceNs`
 * (v2 certificates) the certificate also fixes the time key k+1 came into
 * force: no control record of epoch k+1 may be dated before it.
 */
export declare function keyCertStatement(anchorKeyId: string, epoch: number, publicKey: Uint8Array, sinceNs?: bigint): Uint8Array;
/**
 * What a v2 control record's `sig` covers:
 * 0x14 ‖ "sealog/v2/control" ‖ str(stream) ‖ str(chain) ‖ u64(seq) ‖ ctx ‖ record(r without body.sig)
 * `ctx` is the record's context hash (PROTOCOL.md §4), `unsigned` the
 * canonical bytes of the record with the `sig` entry left out of its body.
 */
export declare function controlStatementV2(id: StreamId, seq: number, ctx: Uint8Array, unsigned: Uint8Array): Uint8Array;
/** The record as a v2 signature sees it: the same record with `sig` left out of its kvlist body. */
export declare function withoutSig(r: LogRecord): LogRecord;
/** The version a parsed control record declares (1 when the body says nothing else). */
export declare function versionOf(f: {
    v?: number;
}): number;
export declare function sealRecord(f: SealFields): LogRecord;
export declare function genesisRecord(f: GenesisFields): LogRecord;
export declare function lossRecord(f: LossFields, timeNs: bigint): LogRecord;
/** The control type of a record, or undefined for an ordinary record. */
export declare function controlType(r: LogRecord): ControlType | 'unknown' | undefined;
export type Parsed<T> = {
    ok: true;
    value: T;
} | {
    ok: false;
    error: string;
};
export declare function parseSeal(r: LogRecord): Parsed<SealFields>;
export declare function parseGenesis(r: LogRecord): Parsed<GenesisFields>;
export declare function parseLoss(r: LogRecord): Parsed<LossFields>;
