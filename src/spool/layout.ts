/**
 * Which spool directories a CLI path names. `spool.dir` in the config holds
 * one folder per pipeline (`<spool.dir>/<pipeline>`, see
 * pipeline-instance.ts safeName); the tools accept either that folder or
 * `spool.dir` itself, and then look into every pipeline's folder.
 *
 * A folder is a pipeline's spool when it holds a segment, a cursor or the
 * lock file (a pipeline that ever ran has at least its newest segment).
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AgentError, errorMessage } from '../errors.js';
import { CURSOR_SUFFIX } from './cursor-file.js';
import { parseSegmentFileName } from './format.js';
import { LOCK_FILE } from './lock.js';

export interface SpoolDirs {
  /** `pipeline`: dir is one pipeline's spool; `root`: dir is spool.dir holding pipelines; `empty`: neither (yet). */
  kind: 'pipeline' | 'root' | 'empty';
  dir: string;
  /** The pipeline folders to look into (dir itself unless kind is root), sorted by name. */
  pipelines: Array<{ name: string; dir: string }>;
}

function looksLikeSpool(names: readonly string[]): boolean {
  return names.some((n) => n === LOCK_FILE || n.endsWith(CURSOR_SUFFIX) || parseSegmentFileName(n) !== undefined);
}

/** Throws AgentError INPUT_UNREADABLE if dir cannot be read. */
export async function resolveSpoolDirs(dir: string): Promise<SpoolDirs> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot read spool directory ${dir}: ${errorMessage(err)}`, { cause: err });
  }
  const self = [{ name: basename(dir), dir }];
  if (looksLikeSpool(entries.map((e) => e.name))) return { kind: 'pipeline', dir, pipelines: self };
  const pipelines: SpoolDirs['pipelines'] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const sub = join(dir, e.name);
    const names = await readdir(sub).catch(() => [] as string[]);
    if (looksLikeSpool(names)) pipelines.push({ name: e.name, dir: sub });
  }
  pipelines.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return pipelines.length ? { kind: 'root', dir, pipelines } : { kind: 'empty', dir, pipelines: self };
}

/** "pipelines logs, audit" for messages. */
export function pipelineNames(d: SpoolDirs): string {
  return d.pipelines.map((p) => p.name).join(', ');
}
