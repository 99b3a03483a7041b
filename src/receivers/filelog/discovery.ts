/**
 * Finding the files the include/exclude globs select: a directory walk that
 * follows the glob segments (so only relevant directories are read), then one
 * stat per candidate. Used at start and on every poll; watcher events only
 * make the next poll come sooner.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { CompiledGlob } from './glob.js';
import { matchesAny } from './glob.js';

export interface FoundFile {
  path: string;
  /** `${dev}:${ino}`, exact (64-bit safe). */
  id: string;
  dev: string;
  ino: string;
  size: number;
  mtimeMs: number;
}

/** Why a selected path was not taken (see docs/FILELOG.md, Security). */
export type SkipReason =
  /** A symlink (the file itself or a directory on the way), and follow_symlinks is off. */
  | 'symlink'
  /** A followed symlink whose target the include globs do not select, or the exclude globs do. */
  | 'symlink_target'
  /** The agent's own key material or spool. */
  | 'protected';

export interface DiscoveryResult {
  files: FoundFile[];
  /** Directories or files that could not be read (permission, I/O), with the error code. */
  errors: Array<{ path: string; code: string }>;
  /** Paths the globs select that were refused, with the reason. */
  skipped: Array<{ path: string; target?: string; reason: SkipReason }>;
}

export interface DiscoveryOptions {
  /** Follow a symlink when its target itself matches include (and not exclude). Default false. */
  followSymlinks?: boolean;
  /**
   * Files never read, whatever path reaches them (by real path and by device
   * and inode), nor their siblings `<name>.*` and `.<name>.*` (backups, and
   * the temporary files an atomic write renames over them): the signing key,
   * its keyring and public key, the TLS private keys.
   */
  protectedFiles?: readonly string[];
  /** Directories whose contents are never read: the spool. */
  protectedDirs?: readonly string[];
}

/** Where a candidate came from: `linked` when the walk went through a directory symlink. */
interface Candidate {
  glob: CompiledGlob;
  linked: boolean;
}

async function listDir(dir: string, errors: DiscoveryResult['errors']): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    if (code !== 'ENOENT' && code !== 'ENOTDIR') errors.push({ path: dir, code });
    return [];
  }
}

async function walk(
  g: CompiledGlob,
  dir: string,
  si: number,
  out: Map<string, Candidate>,
  errors: DiscoveryResult['errors'],
  depthGuard: number,
  linked = false,
): Promise<void> {
  const seg = g.segments[si]!;
  const last = si === g.segments.length - 1;
  const add = (p: string, viaLink: boolean): void => {
    if (!out.has(p)) out.set(p, { glob: g, linked: viaLink });
  };
  if (seg.kind === 'literal') {
    const p = join(dir, seg.name);
    if (last) add(p, linked);
    else await walk(g, p, si + 1, out, errors, depthGuard, linked || (await isSymlink(p)));
    return;
  }
  if (seg.kind === 'globstar') {
    if (depthGuard > 64) return;
    const entries = await listDir(dir, errors);
    if (last) {
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(g, p, si, out, errors, depthGuard + 1, linked);
        else add(p, linked);
      }
      return;
    }
    await walk(g, dir, si + 1, out, errors, depthGuard, linked);
    // Real directories only: following directory symlinks under ** could loop.
    for (const e of entries) if (e.isDirectory()) await walk(g, join(dir, e.name), si, out, errors, depthGuard + 1, linked);
    return;
  }
  const entries = await listDir(dir, errors);
  for (const e of entries) {
    if (!seg.re.test(e.name)) continue;
    const p = join(dir, e.name);
    if (last) {
      if (!e.isDirectory()) add(p, linked);
    } else if (e.isDirectory() || e.isSymbolicLink()) {
      await walk(g, p, si + 1, out, errors, depthGuard, linked || e.isSymbolicLink());
    }
  }
}

async function isSymlink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

async function realOr(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return p;
  }
}

/** Paths (not yet stat'ed) that the include globs select and the exclude globs do not, sorted. */
async function candidates(
  include: readonly CompiledGlob[],
  exclude: readonly CompiledGlob[],
  errors: DiscoveryResult['errors'],
): Promise<Array<[string, Candidate]>> {
  const found = new Map<string, Candidate>();
  for (const g of include) await walk(g, g.base, 0, found, errors, 0);
  const out: Array<[string, Candidate]> = [];
  for (const e of found) if (matchesAny(include, e[0]) && !matchesAny(exclude, e[0])) out.push(e);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out;
}

/** What the agent must never read, resolved once per discovery pass. */
class Protected {
  readonly #dirs: string[];
  readonly #files: string[];
  readonly #ids: Set<string>;
  private constructor(dirs: string[], files: string[], ids: Set<string>) {
    this.#dirs = dirs;
    this.#files = files;
    this.#ids = ids;
  }

  static async resolve(opts: DiscoveryOptions): Promise<Protected> {
    const dirs = await Promise.all((opts.protectedDirs ?? []).map(realOr));
    const files = await Promise.all((opts.protectedFiles ?? []).map(realOr));
    const ids = new Set<string>();
    for (const f of files) {
      try {
        const st = await stat(f, { bigint: true });
        ids.add(`${st.dev}:${st.ino}`);
      } catch {
        // Not there (yet): the path checks still apply.
      }
    }
    return new Protected(dirs, files, ids);
  }

  /**
   * True for a protected file, any hard link of it, any sibling `<name>.*` or
   * `.<name>.*` of it (the key's rotation writes `.<name>.<pid>.tmp` and
   * renames it over the key), and anything under a protected directory.
   */
  covers(real: string, id: string): boolean {
    if (this.#ids.has(id)) return true;
    for (const f of this.#files) {
      if (real === f || real.startsWith(f + '.')) return true;
      if (dirname(real) === dirname(f) && basename(real).startsWith(`.${basename(f)}.`)) return true;
    }
    for (const d of this.#dirs) if (real === d || real.startsWith(d.endsWith(sep) ? d : d + sep)) return true;
    return false;
  }
}

/**
 * A check for what the agent must never read (its key files, any hard link or
 * temporary sibling of them, anything under the spool), for code that finds
 * files other than by discovery (the rotation search): `real` is the file's
 * real path, `id` its device:inode.
 */
export async function protectionGuard(opts: DiscoveryOptions): Promise<(real: string, id: string) => boolean> {
  const p = await Protected.resolve(opts);
  return (real, id) => p.covers(real, id);
}

const STAT_CONCURRENCY = 16;

/**
 * Stats every candidate without following symlinks and keeps regular files.
 * A symlink (or a path through a directory symlink) is taken only with
 * followSymlinks and only when its real path itself matches include and not
 * exclude; it is then reported under its real path, which is what is opened
 * (with O_NOFOLLOW) and read. Protected files are refused whatever path
 * reaches them.
 */
export async function discover(
  include: readonly CompiledGlob[],
  exclude: readonly CompiledGlob[],
  opts: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const errors: DiscoveryResult['errors'] = [];
  const skipped: DiscoveryResult['skipped'] = [];
  const paths = await candidates(include, exclude, errors);
  const guard = await Protected.resolve(opts);
  const realBases = new Map<CompiledGlob, string>();
  for (const g of include) realBases.set(g, await realOr(g.base));
  const files: Array<FoundFile | undefined> = new Array(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const [p, c] = paths[i]!;
      try {
        let path = p;
        let st = await lstat(p, { bigint: true });
        let real: string;
        if (c.linked || st.isSymbolicLink()) {
          if (!opts.followSymlinks) {
            skipped.push({ path: p, reason: 'symlink' });
            continue;
          }
          real = await realpath(p);
          if (!matchesAny(include, real) || matchesAny(exclude, real)) {
            skipped.push({ path: p, target: real, reason: 'symlink_target' });
            continue;
          }
          st = await lstat(real, { bigint: true });
          path = real;
        } else {
          // No symlink below the glob's base: the real path is the base's real path plus the rest.
          real = realBases.get(c.glob)! + p.slice(c.glob.base.length);
        }
        if (!st.isFile()) continue;
        const dev = st.dev.toString();
        const ino = st.ino.toString();
        const id = `${dev}:${ino}`;
        if (guard.covers(real, id)) {
          skipped.push({ path: p, ...(real !== p ? { target: real } : {}), reason: 'protected' });
          continue;
        }
        files[i] = { path, id, dev, ino, size: Number(st.size), mtimeMs: Number(st.mtimeMs) };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
        if (code !== 'ENOENT' && code !== 'ENOTDIR') errors.push({ path: p, code });
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(STAT_CONCURRENCY, paths.length); w++) workers.push(worker());
  await Promise.all(workers);
  return { files: files.filter((f): f is FoundFile => f !== undefined), errors, skipped };
}
