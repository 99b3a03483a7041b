/**
 * Finding a file the receiver was reading after it left the include set:
 * renamed (same device and inode, any name), or copied or compressed (a file
 * whose content starts with the remembered fingerprint). One directory, the
 * one the file was last seen in; rules and limits in docs/FILELOG.md ("Where
 * a file that left the include set is looked for").
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { protectionGuard, type DiscoveryOptions } from './discovery.js';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FoundFile } from './discovery.js';
import { compatible, findFingerprintLength, sha256Hex } from './identity.js';
import { gunzipHead } from './gzip.js';
import { readHead } from './resolver.js';

/** Most directory entries looked at per search. */
export const SEARCH_MAX_ENTRIES = 4096;

/** SHA-256 of no bytes: the fingerprint of a file discovered while empty. */
const EMPTY_FINGERPRINT_HEX = sha256Hex(new Uint8Array(0));
const LSTAT_CONCURRENCY = 16;
/** Most file heads read (opened) per search when looking for a copy. */
export const SEARCH_MAX_HEADS = 64;
/**
 * Most listings made per listing asked for: a directory that changed while it
 * was listed (a rename chain of a rotation in progress) is listed again.
 */
export const LIST_ATTEMPTS = 8;
/** Most passes per search: one that read a listed name that had moved meanwhile looks again in a new listing. */
export const SEARCH_ATTEMPTS = 4;
/**
 * A directory whose change time is this recent (ms) may still change within
 * the same coarse timestamp tick unseen: it is listed again after this long.
 */
const DIR_SETTLE_MS = 20;

/**
 * Test seams: called between a listing's readdir and its lstat of each name,
 * and before a listed file is opened, to run a writer's renames in exactly
 * those windows.
 */
export const searchHooks: {
  afterReaddir?: (dir: string, names: readonly string[]) => Promise<void> | void;
  beforeOpen?: (path: string) => Promise<void> | void;
} = {};

export interface SearchTarget {
  dir: string;
  /** `dev:ino` of the file as remembered. */
  id: string;
  /** SHA-256 hex of its fingerprint bytes. */
  fpHex: string;
  /** Where reading stopped (the continuation must hold at least this much). */
  offset: number;
  /** The fingerprint bytes themselves, when known (at run time): compared as bytes, not by hashing prefixes. */
  fp?: Buffer;
}

export type SearchHit =
  /** The same file (device and inode, fingerprint still matching) under another name. */
  | { kind: 'inode'; file: FoundFile }
  /** A file outside the include set whose content continues it (a copy, or a .gz of it). */
  | { kind: 'copy'; file: FoundFile; gz: boolean }
  /** A file the receiver already tracks continues it: the donor pool hands the position over. */
  | { kind: 'tracked'; path: string };

export interface SearchOptions {
  fingerprintSize: number;
  /** What is never a candidate (the agent's key and spool); see DirectoryListings. */
  protect?: DiscoveryOptions;
  /** Is this `dev:ino` a file the receiver tracks (in the include set)? */
  isTracked(id: string): boolean;
  /** Also look for copies by content (false: by inode only). */
  copies: boolean;
  /** Listings to reuse: one started at or after `notBefore` (when the file was found gone) sees where it went. */
  listings?: { cache: DirectoryListings; notBefore: number };
}

export type Listed = FoundFile & { gz: boolean };

/**
 * A directory's files. `stable`: nothing in the directory was added, removed
 * or renamed while it was listed (its change time was the same before and
 * after, not too recent, and every name listed was still there), so the
 * listing is a snapshot: a file that is in the directory under any name
 * throughout is in it.
 */
export interface Listing {
  files: Listed[];
  stable: boolean;
}

/**
 * Directory listings (names, inode, size) kept for `maxAgeMs`, so that many
 * files leaving one directory at once (a mass rotation) cost one walk of it,
 * not one each.
 */
export class DirectoryListings {
  readonly #maxAgeMs: number;
  readonly #cache = new Map<string, { at: number; listing: Promise<Listing>; heads: Map<string, Promise<Head>> }>();
  readonly #protect: DiscoveryOptions | undefined;
  /** `protect`: what listings leave out, whatever its name (the agent's key and spool). */
  constructor(maxAgeMs: number, protect?: DiscoveryOptions) {
    this.#maxAgeMs = maxAgeMs;
    this.#protect = protect;
  }
  /** The files of a listing of `dir` started at or after `notBefore` (ms), reused or made now. */
  async get(dir: string, notBefore: number): Promise<Listed[]> {
    return (await this.listing(dir, notBefore)).files;
  }

  /** A listing of `dir` started at or after `notBefore` (ms), reused or made now. */
  listing(dir: string, notBefore: number): Promise<Listing> {
    const now = Date.now();
    for (const [d, e] of this.#cache) if (now - e.at > this.#maxAgeMs) this.#cache.delete(d);
    let e = this.#cache.get(dir);
    if (!e || e.at < notBefore) this.#cache.set(dir, (e = { at: now, listing: listDirectory(dir, this.#protect), heads: new Map() }));
    return e.listing;
  }

  /**
   * The first `n` bytes of a listed file (decompressed for .gz), read once per
   * listing: files leaving together are compared with the same candidates.
   */
  head(dir: string, f: Listed, n: number): Promise<Head> {
    const e = this.#cache.get(dir);
    if (!e) return head(f, f.gz, n);
    const k = `${f.gz ? 'z' : 'p'}:${n}:${f.path}`;
    let h = e.heads.get(k);
    if (!h) e.heads.set(k, (h = head(f, f.gz, n)));
    return h;
  }
}

interface DirStamp {
  ino: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ctimeMs: number;
}

async function dirStamp(dir: string): Promise<DirStamp | null> {
  try {
    const st = await stat(dir, { bigint: true });
    return { ino: st.ino, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ctimeMs: Number(st.ctimeMs) };
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Lists `dir` (regular files: name, inode, size). A name is listed, then
 * lstat'ed: a writer renaming files meanwhile (app.log.k -> app.log.k+1)
 * makes a name vanish or stand for another file by then, so that a file
 * present throughout is missed. Such a listing (the directory's change time
 * moved, or is too recent to tell, or a name vanished) is made again, up to
 * LIST_ATTEMPTS times; the last one is returned, marked not stable.
 */
async function listDirectory(dir: string, protect: DiscoveryOptions | undefined): Promise<Listing> {
  let realDir = dir;
  let covers: ((real: string, id: string) => boolean) | undefined;
  try {
    if (protect) {
      realDir = await realpath(dir);
      covers = await protectionGuard(protect);
    }
  } catch {
    return { files: [], stable: true };
  }
  let last: Listing = { files: [], stable: false };
  for (let attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(DIR_SETTLE_MS);
    const before = await dirStamp(dir);
    if (!before) return { files: [], stable: true };
    let names: string[];
    try {
      names = (await readdir(dir)).slice(0, SEARCH_MAX_ENTRIES);
    } catch {
      return { files: [], stable: true };
    }
    if (searchHooks.afterReaddir) await searchHooks.afterReaddir(dir, names);
    const files: Listed[] = [];
    let vanished = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const name = names[next++]!;
        const path = join(dir, name);
        try {
          const st = await lstat(path, { bigint: true });
          if (!st.isFile()) continue;
          const dev = st.dev.toString();
          const ino = st.ino.toString();
          // Never a candidate, whatever it is called: the agent's own key material and spool (docs/FILELOG.md "Security").
          if (covers?.(join(realDir, name), `${dev}:${ino}`)) continue;
          files.push({ path, id: `${dev}:${ino}`, dev, ino, size: Number(st.size), mtimeMs: Number(st.mtimeMs), gz: name.endsWith('.gz') });
        } catch {
          vanished = true; // renamed or removed meanwhile
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LSTAT_CONCURRENCY, names.length) }, worker));
    const after = await dirStamp(dir);
    const stable =
      !vanished &&
      after !== null &&
      after.ino === before.ino &&
      after.mtimeNs === before.mtimeNs &&
      after.ctimeNs === before.ctimeNs &&
      Date.now() - after.ctimeMs >= DIR_SETTLE_MS;
    last = { files, stable };
    if (stable) break;
  }
  return last;
}

/** A listed name that no longer stands for the listed file (renamed, removed, replaced): look again. */
const MOVED = Symbol('moved');
/** A head read: the bytes, null (unreadable: not a continuation), or MOVED. */
type Head = Buffer | null | typeof MOVED;

/**
 * The first `n` bytes of the file the listing saw (decompressed when `gz`).
 * Opened without following a symlink (O_NOFOLLOW: a link swapped in for the
 * name since the listing fails with ELOOP), and the descriptor must be the
 * listed device and inode (a regular file renamed over it is not read
 * either): MOVED then (the search looks again in a new listing), null for
 * anything unreadable.
 */
async function head(f: Pick<FoundFile, 'path' | 'dev' | 'ino'>, gz: boolean, n: number): Promise<Head> {
  let fh: FileHandle | undefined;
  try {
    if (searchHooks.beforeOpen) await searchHooks.beforeOpen(f.path);
    try {
      fh = await open(f.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ELOOP' ? MOVED : null; // the name stands for something else now
    }
    const st = await fh.stat({ bigint: true });
    if (!st.isFile() || st.dev.toString() !== f.dev || st.ino.toString() !== f.ino) return MOVED;
    return await (gz ? gunzipHead(fh, n) : readHead(fh, n));
  } catch {
    return null; // unreadable, or not gzip: not a continuation
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Looks in `t.dir` for the file `t` describes, under any name. Regular files
 * only (symlinks are not followed). Undefined when nothing continues it.
 * A pass over a listing that was not stable, or that read a listed name
 * standing for another file by then (a rotation renaming files meanwhile),
 * does not conclude a miss: it looks again in a new listing, up to
 * SEARCH_ATTEMPTS passes.
 */
export async function searchDirectory(t: SearchTarget, o: SearchOptions): Promise<SearchHit | undefined> {
  for (let pass = 0; ; pass++) {
    // The first pass may reuse a listing (o.listings); later ones list anew (and share that listing).
    const notBefore = pass === 0 ? o.listings?.notBefore ?? 0 : Date.now();
    const listing = await (o.listings ? o.listings.cache.listing(t.dir, notBefore) : listDirectory(t.dir, o.protect));
    const r = await searchListing(t, o, listing.files);
    if (r !== MOVED && (r !== undefined || listing.stable)) return r;
    if (pass + 1 >= SEARCH_ATTEMPTS) return undefined;
  }
}

async function searchListing(t: SearchTarget, o: SearchOptions, files: Listed[]): Promise<SearchHit | undefined | typeof MOVED> {
  const n = o.fingerprintSize;
  const fp = t.fp !== undefined && t.fp.length > 0 ? t.fp : undefined;
  let moved = false;
  // By bytes: one is a prefix of the other, and the candidate holds the whole fingerprint or at least
  // the position (a copy made before the fingerprint last grew); else by hash, as prefixHashes says.
  const matches = (h: Head): boolean => {
    if (h === MOVED) {
      moved = true;
      return false;
    }
    return (
      h !== null &&
      h.length > 0 &&
      (fp ? (h.length >= fp.length || h.length >= Math.max(1, t.offset)) && compatible(h, fp) : findFingerprintLength(h, t.fpHex, t.offset, n) >= 0)
    );
  };
  const headOf = (f: Listed, k: number): Promise<Head> => (o.listings ? o.listings.cache.head(t.dir, f, k) : head(f, f.gz, k));
  const same = files.find((f) => f.id === t.id);
  // A file seen only while it was empty has the empty fingerprint: nothing of it was read, so its inode is all
  // there is to know it by (no content can confirm it, nor find a copy of it).
  const unseen = t.fpHex === EMPTY_FINGERPRINT_HEX && t.offset === 0;
  if (same && same.size >= t.offset) {
    if (unseen) {
      // Still under the listed name? (Else it moved on: look again.)
      if (searchHooks.beforeOpen) await searchHooks.beforeOpen(same.path);
      const now = await lstat(same.path, { bigint: true }).catch(() => null);
      if (!now || `${now.dev}:${now.ino}` !== same.id) return MOVED;
    }
    if (unseen || matches(await head(same, false, Math.min(same.size, n)))) {
      const { gz: _gz, ...file } = same;
      return { kind: 'inode', file };
    }
    if (moved) return MOVED;
  }
  if (!o.copies || unseen) return undefined;
  // Copies: newest first; plain ones must hold at least what was read.
  const cands = files.filter((f) => f.id !== t.id && f.size > 0 && (f.gz || f.size >= t.offset)).sort((a, b) => b.mtimeMs - a.mtimeMs);
  let heads = 0;
  for (const f of cands) {
    if (++heads > SEARCH_MAX_HEADS) break;
    if (!matches(await headOf(f, f.gz ? n : Math.min(f.size, n)))) continue;
    if (o.isTracked(f.id)) return { kind: 'tracked', path: f.path };
    const { gz, ...file } = f;
    return { kind: 'copy', file, gz };
  }
  return moved ? MOVED : undefined;
}
