/**
 * What the receiver knows about each file (TrackedFile), the donors that let
 * a copy or compressed copy of a file continue where the original stopped,
 * and the index used to spot a new file that starts like a live one.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AnyValue } from '../../otlp/types.js';
import type { FileAttrs } from './records.js';
import type { ScanState } from './scanner.js';
import { newScanState } from './scanner.js';
import { compatible, positionKey, prefixHashes, prefixKey, sha256Hex } from './identity.js';

export type FileState =
  /** Seen, not yet identified (empty, or not read yet). */
  | 'unresolved'
  /** Starts like a file already being read: maybe a copy in progress; decided later. */
  | 'deferred'
  /** Being read. */
  | 'active'
  /** Nothing more to read (a compressed file read to its end, or skipped by start_at). */
  | 'done';

const EMPTY = Buffer.alloc(0);
const EMPTY_HEX = sha256Hex(EMPTY);

export class TrackedFile {
  readonly id: string;
  readonly dev: string;
  readonly ino: string;
  readonly gz: boolean;
  path = '';
  attrs: FileAttrs;
  state: FileState = 'unresolved';

  /** Found by the first discovery pass after start (start_at applies). */
  readonly initial: boolean;
  readonly sizeAtDiscovery: number;
  /** Set before resolution when a recovered position matched this file. */
  resumeAt: number | undefined;
  /** The first bytes the recovered position was matched against (its content may change before it is read). */
  resumeHead: Buffer | null = null;
  /** Found outside the include set as the continuation of other content: that content's fingerprint (hash, and bytes when known). */
  resumeFp: { hex: string; bytes?: Buffer } | null = null;
  deferredSince = 0;
  deferSize = -1;

  /** Fingerprint bytes (first min(size, fingerprint_size) bytes; for .gz files, of the compressed bytes). */
  fp: Buffer = EMPTY;
  fpHex = EMPTY_HEX;
  key = '';

  /** File offset up to which records are durable (committed). */
  offset = 0;
  /** Where the next read starts (>= offset; the bytes between produced no records). */
  readFrom = 0;
  scan: ScanState = newScanState();
  /** Bytes just before `offset`, to recognise a copy of the file. */
  tail: Buffer | null = null;

  fh: FileHandle | null = null;
  busy = false;
  queued = false;
  again = false;
  removed = false;

  /** Left the include set (moved away or deleted) while open: drained, then closed. */
  orphan = false;
  /** When discovery first missed it (ms), 0 if never. */
  leftAt = 0;
  lastGrowthAt = 0;
  lastSize = -1;
  lastMtimeMs = -1;

  /** Sizes seen by discovery (change detection) and when they last changed. */
  seenSize: number;
  seenMtimeMs: number;
  stableSince: number;

  /** EOF offset at which a partial record waits for force_flush_period, or -1. */
  pendingEof = -1;
  pendingSince = 0;
  flushTimer: NodeJS.Timeout | null = null;
  /** A look after the watcher's change throttle (watcher.ts CHANGE_THROTTLE_MS), or null. */
  recheckTimer: NodeJS.Timeout | null = null;

  /** Found outside the include set by searchDirectory (a rotated file): read to its end, then forgotten. */
  outside = false;
  /** Position keys this file's reading supersedes: forgotten with its first committed position. */
  priorKeys: string[] = [];
  /** The key of the last committed position (a grown fingerprint makes a new key; the old one is forgotten). */
  committedKey = '';

  /** Logged a warning about this file already (avoid floods). */
  warned = false;

  constructor(f: { id: string; dev: string; ino: string; path: string; size: number; mtimeMs: number }, initial: boolean, gz: boolean, now: number) {
    this.id = f.id;
    this.dev = f.dev;
    this.ino = f.ino;
    this.gz = gz;
    this.initial = initial;
    this.sizeAtDiscovery = f.size;
    this.seenSize = f.size;
    this.seenMtimeMs = f.mtimeMs;
    this.stableSince = now;
    this.lastGrowthAt = now;
    this.attrs = { name: str(''), path: str(''), fingerprint: str(EMPTY_HEX) };
    this.setPath(f.path);
    this.key = positionKey(this.fpHex, this.dev, this.ino);
  }

  /**
   * Not resolved, and nothing to resolve it by yet: a plain file discovery
   * saw empty, never opened, with no recovered position. Its identity waits
   * until discovery sees it grow (a watcher event alone does not tell its size).
   */
  get waitsForSize(): boolean {
    return (this.state === 'unresolved' || this.state === 'deferred') && !this.gz && this.seenSize === 0 && this.fh === null && this.resumeAt === undefined && !this.orphan;
  }

  setPath(path: string): void {
    this.path = path;
    this.attrs = { name: str(basename(path)), path: str(path), fingerprint: this.attrs.fingerprint };
  }

  setFingerprint(fp: Buffer): void {
    this.fp = fp;
    this.fpHex = sha256Hex(fp);
    this.key = positionKey(this.fpHex, this.dev, this.ino);
    this.attrs = { name: this.attrs.name, path: this.attrs.path, fingerprint: str(this.fpHex) };
  }
}

function str(value: string): AnyValue {
  return { type: 'string', value };
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
  /** The position key it was committed under, when recovered from the spool. */
  key?: string;
}

const DONOR_TTL_MS = 10 * 60_000;
const DONOR_MAX = 4096;

/**
 * Donors, indexed so that finding the ones a new file may continue costs
 * about one lookup: by the first bytes of their fingerprint, or (positions
 * recovered from the spool, of which only the hash is known) by hash.
 */
export class DonorPool {
  #all: Donor[] = [];
  readonly #byPrefix = new Map<string, Set<Donor>>();
  readonly #short = new Set<Donor>();
  readonly #byHash = new Map<string, Set<Donor>>();

  add(d: Donor): void {
    if (d.offset <= 0) return;
    this.#all.push(d);
    if (d.fp) {
      const k = prefixKey(d.fp);
      if (k === null) this.#short.add(d);
      else {
        let b = this.#byPrefix.get(k);
        if (!b) this.#byPrefix.set(k, (b = new Set()));
        b.add(d);
      }
    } else {
      let b = this.#byHash.get(d.fpHex);
      if (!b) this.#byHash.set(d.fpHex, (b = new Set()));
      b.add(d);
    }
    if (this.#all.length > DONOR_MAX) for (const old of this.#all.slice(0, this.#all.length - DONOR_MAX)) this.remove(old);
  }

  remove(d: Donor): void {
    const i = this.#all.indexOf(d);
    if (i < 0) return;
    this.#all.splice(i, 1);
    if (d.fp) {
      const k = prefixKey(d.fp);
      if (k === null) this.#short.delete(d);
      else {
        const b = this.#byPrefix.get(k);
        b?.delete(d);
        if (b && b.size === 0) this.#byPrefix.delete(k);
      }
    } else {
      const b = this.#byHash.get(d.fpHex);
      b?.delete(d);
      if (b && b.size === 0) this.#byHash.delete(d.fpHex);
    }
  }

  /**
   * Donors whose content `head` (a file's first bytes) starts like, newest
   * first: by bytes (either is a prefix of the other), or by hash (the hash
   * of head's first k bytes, k in [offset, head.length] or the full size).
   */
  candidates(head: Buffer, fingerprintSize: number, now: number): Donor[] {
    while (this.#all.length > 0 && now - this.#all[0]!.at > DONOR_TTL_MS) this.remove(this.#all[0]!);
    if (this.#all.length === 0 || head.length === 0) return [];
    const out = new Set<Donor>();
    const k = prefixKey(head);
    if (k === null) {
      for (const d of this.#all) if (d.fp && compatible(d.fp, head)) out.add(d);
    } else {
      for (const d of this.#byPrefix.get(k) ?? []) if (compatible(d.fp!, head)) out.add(d);
      for (const d of this.#short) if (compatible(d.fp!, head)) out.add(d);
    }
    if (this.#byHash.size > 0) {
      let minOffset = Infinity;
      for (const set of this.#byHash.values()) for (const d of set) minOffset = Math.min(minOffset, d.offset);
      for (const [, hex] of prefixHashes(head, minOffset, fingerprintSize)) for (const d of this.#byHash.get(hex) ?? []) out.add(d);
    }
    return [...out].sort((a, b) => b.at - a.at);
  }

  get size(): number {
    return this.#all.length;
  }
}

/** Active plain files indexed by the beginning of their fingerprint. */
export class TwinIndex {
  readonly #buckets = new Map<string, Set<TrackedFile>>();
  readonly #short = new Set<TrackedFile>();
  readonly #keyOf = new Map<TrackedFile, string | null>();

  put(t: TrackedFile): void {
    this.drop(t);
    if (t.fp.length === 0) return;
    const k = prefixKey(t.fp);
    this.#keyOf.set(t, k);
    if (k === null) this.#short.add(t);
    else {
      let b = this.#buckets.get(k);
      if (!b) this.#buckets.set(k, (b = new Set()));
      b.add(t);
    }
  }

  drop(t: TrackedFile): void {
    if (!this.#keyOf.has(t)) return;
    const k = this.#keyOf.get(t)!;
    this.#keyOf.delete(t);
    if (k === null) this.#short.delete(t);
    else {
      const b = this.#buckets.get(k);
      b?.delete(t);
      if (b && b.size === 0) this.#buckets.delete(k);
    }
  }

  /** A live file other than `self` whose fingerprint and `head` are prefixes of one another. */
  find(head: Buffer, self: TrackedFile): TrackedFile | undefined {
    const k = prefixKey(head);
    if (k !== null) {
      for (const t of this.#buckets.get(k) ?? []) if (t !== self && compatible(t.fp, head)) return t;
      for (const t of this.#short) if (t !== self && compatible(t.fp, head)) return t;
      return undefined;
    }
    for (const t of this.#keyOf.keys()) if (t !== self && compatible(t.fp, head)) return t;
    return undefined;
  }
}
