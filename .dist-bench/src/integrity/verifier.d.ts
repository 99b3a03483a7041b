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
import { toHex } from './bytes.js';
import { ChainHasher } from './chain.js';
import { type CryptoProvider } from './crypto.js';
import { type AnchorBinding } from './epochs.js';
import { TrustStore } from './keys.js';
export type FindingKind = 'modified' | 'missing' | 'inserted' | 'foreign' | 'conflicting_duplicate' | 'forged_seal' | 'invalid_seal' | 'unknown_key' | 'epoch_jump' | 'predated_seal' | 'anchor_mismatch' | 'unbound_stream' | 'unsealed_tail' | 'stale' | 'chain_restart' | 'loss' | 'absent_prefix' | 'unverifiable' | 'out_of_window' | 'unreadable_line' | 'witness_missing' | 'witness_conflict' | 'corrupt_frame';
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
    genesis?: {
        reason: string;
        timeNs: bigint;
    };
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
    /** A stream whose last seal is older than this is stale (a violation), and so is an unsealed tail older than this. */
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
}
/** Room before a record's canonical bytes for 0x00 ‖ "sealog/v1/record" ‖ u64(seq) ‖ hash_{seq-1} ‖ ctx. */
export declare const LINK_PREFIX: number;
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
export declare function rangeText(a: number, b: number): string;
export declare function nsToIso(ns: bigint): string;
export declare class Verifier {
    #private;
    readonly opts: VerifyOptions;
    readonly hasher: ChainHasher;
    constructor(opts: VerifyOptions);
    get crypto(): CryptoProvider;
    get trust(): TrustStore;
    /** Feeds one decoded OTLP request/line; `where` names it (file:line). */
    addLogsData(data: LogsData, where: string): void;
    /**
     * Where the `records` records of one resource go: the check of their
     * (stream, chain), or undefined when they are not checked (no records;
     * excluded by --stream; or foreign: no string sealog.stream and
     * sealog.chain, which is counted here). `where` names their line.
     */
    open(stream: string | undefined, chain: string | undefined, records: number, where: string): RecordSink | undefined;
    /** The chain hash of a seal record the input held (for witness checks). */
    sealHashOf(stream: string, chain: string, seq: number): Uint8Array | undefined;
    hasStream(stream: string, chain: string): boolean;
    finish(): VerifyReport;
    /** The report as it stands: after finish(), with every finding added since by addFinding(). */
    report(): VerifyReport;
    /** Adds a finding to a stream (used by the witness cross-check). */
    addFinding(f: Finding): void;
}
export { toHex };
