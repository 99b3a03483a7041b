/**
 * What the receiver knows about each file (TrackedFile), the donors that let
 * a copy or compressed copy of a file continue where the original stopped,
 * and the index used to spot a new file that starts like a live one.
 */
import type { FileHandle } from 'node:fs/promises';
import type { FileAttrs } from './records.js';
import type { ScanState } from './scanner.js';
export type FileState = 
/** Seen, not yet identified (empty, or not read yet). */
'unresolved'
/** Starts like a file already being read: maybe a copy in progress; decided later. */
 | 'deferred'
/** Being read. */
 | 'active'
/** Nothing more to read (a compressed file read to its end, or skipped by start_at). */
 | 'done';
export declare class TrackedFile {
    readonly id: string;
    readonly dev: string;
    readonly ino: string;
    readonly gz: boolean;
    path: string;
    attrs: FileAttrs;
    state: FileState;
    /** Found by the first discovery pass after start (start_at applies). */
    readonly initial: boolean;
    readonly sizeAtDiscovery: number;
    /** Set before resolution when a recovered position matched this file. */
    resumeAt: number | undefined;
    deferredSince: number;
    deferSize: number;
    /** Fingerprint bytes (first min(size, fingerprint_size) bytes; for .gz files, of the compressed bytes). */
    fp: Buffer;
    fpHex: string;
    key: string;
    /** File offset up to which records are durable (committed). */
    offset: number;
    /** Where the next read starts (>= offset; the bytes between produced no records). */
    readFrom: number;
    scan: ScanState;
    /** Bytes just before `offset`, to recognise a copy of the file. */
    tail: Buffer | null;
    fh: FileHandle | null;
    busy: boolean;
    queued: boolean;
    again: boolean;
    removed: boolean;
    /** Left the include set (moved away or deleted) while open: drained, then closed. */
    orphan: boolean;
    lastGrowthAt: number;
    lastSize: number;
    lastMtimeMs: number;
    /** Sizes seen by discovery (change detection) and when they last changed. */
    seenSize: number;
    seenMtimeMs: number;
    stableSince: number;
    /** EOF offset at which a partial record waits for force_flush_period, or -1. */
    pendingEof: number;
    pendingSince: number;
    flushTimer: NodeJS.Timeout | null;
    /** Logged a warning about this file already (avoid floods). */
    warned: boolean;
    constructor(f: {
        id: string;
        dev: string;
        ino: string;
        path: string;
        size: number;
        mtimeMs: number;
    }, initial: boolean, gz: boolean, now: number);
    setPath(path: string): void;
    setFingerprint(fp: Buffer): void;
}
/** Where a file that is gone (or changed identity) had got to. */
export interface Donor {
    /** Fingerprint bytes, or null when only the hash is known (a recovered position). */
    fp: Buffer | null;
    fpHex: string;
    offset: number;
    /** Bytes before offset, or null when unknown. */
    tail: Buffer | null;
    at: number;
    path: string;
}
/**
 * Donors, indexed so that finding the ones a new file may continue costs
 * about one lookup: by the first bytes of their fingerprint, or (positions
 * recovered from the spool, of which only the hash is known) by hash.
 */
export declare class DonorPool {
    #private;
    add(d: Donor): void;
    remove(d: Donor): void;
    /**
     * Donors whose content `head` (a file's first bytes) starts like, newest
     * first: by bytes (either is a prefix of the other), or by hash (the hash
     * of head's first k bytes, k in [offset, head.length] or the full size).
     */
    candidates(head: Buffer, fingerprintSize: number, now: number): Donor[];
    get size(): number;
}
/** Active plain files indexed by the beginning of their fingerprint. */
export declare class TwinIndex {
    #private;
    put(t: TrackedFile): void;
    drop(t: TrackedFile): void;
    /** A live file other than `self` whose fingerprint and `head` are prefixes of one another. */
    find(head: Buffer, self: TrackedFile): TrackedFile | undefined;
}
