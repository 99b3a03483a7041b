/**
 * chokidar 5 over the glob base directories. Events are only hints: a change
 * to a known file queues it for reading, anything else asks for a discovery
 * pass soon. Correctness never depends on an event arriving (polling runs too).
 */
import { FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import type { CompiledGlob } from './glob.js';
import { dirCouldMatch, matchesAny } from './glob.js';

/**
 * chokidar reports at most one `change` per file per this many ms and drops
 * the ones inside that window (a leading-edge throttle, chokidar's
 * `_throttle(EV.CHANGE, path, 50)`). A write inside the window would wait for
 * the next write or the next poll; the receiver looks again once the window
 * has passed.
 */
export const CHANGE_THROTTLE_MS = 50;

export interface WatchHandlers {
  changed(path: string): void;
  structure(path: string): void;
  error(err: unknown): void;
}

/** Directory depth chokidar must watch under each base (undefined = unlimited, for `**`). */
function baseDepths(include: readonly CompiledGlob[]): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  for (const g of include) {
    const d = g.segments.some((s) => s.kind === 'globstar') ? undefined : g.segments.length - 1;
    if (!out.has(g.base)) out.set(g.base, d);
    else {
      const cur = out.get(g.base);
      out.set(g.base, cur === undefined || d === undefined ? undefined : Math.max(cur, d));
    }
  }
  return out;
}

export async function startWatcher(
  include: readonly CompiledGlob[],
  exclude: readonly CompiledGlob[],
  h: WatchHandlers,
): Promise<FSWatcher> {
  const depths = baseDepths(include);
  let depth: number | undefined = 0;
  for (const d of depths.values()) depth = d === undefined || depth === undefined ? undefined : Math.max(depth, d);
  const ignored = (p: string, stats?: Stats): boolean => {
    if (stats?.isDirectory()) return !dirCouldMatch(include, p);
    const file = matchesAny(include, p) && !matchesAny(exclude, p);
    if (stats) return !file;
    return !file && !dirCouldMatch(include, p);
  };
  const watcher = new FSWatcher({
    ignoreInitial: true,
    persistent: true,
    followSymlinks: true,
    atomic: false,
    ignored,
    ...(depth === undefined ? {} : { depth }),
  });
  watcher.on('change', (p: string) => h.changed(p));
  watcher.on('add', (p: string) => h.structure(p));
  watcher.on('unlink', (p: string) => h.structure(p));
  watcher.on('addDir', (p: string) => h.structure(p));
  watcher.on('unlinkDir', (p: string) => h.structure(p));
  watcher.on('error', (err: unknown) => h.error(err));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.add([...depths.keys()]);
  await ready;
  return watcher;
}
