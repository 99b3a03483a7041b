/**
 * The files a checker command reads, from what was named on its command
 * line: a file as itself, a directory as every regular file under it (in
 * name order, hidden files and directories skipped), so an exporter's output
 * directory can be named whole. Symbolic links inside a directory are not
 * followed (a link planted there reads nothing it points to).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentError } from '../errors.js';

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      throw new AgentError('INPUT_UNREADABLE', `cannot read ${p}: ${(err as Error).message}`);
    }
    if (st.isDirectory()) {
      const before = out.length;
      await walk(p, out);
      if (out.length === before) throw new AgentError('INPUT_UNREADABLE', `${p} is a directory with no files in it`);
    } else if (st.isFile()) out.push(p);
    else throw new AgentError('INPUT_UNREADABLE', `${p} is not a regular file or a directory`);
  }
  return out;
}
