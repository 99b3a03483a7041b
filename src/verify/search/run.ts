/**
 * `sealog search` without the CLI: one checker pass over OTLP JSON lines
 * files (or a spool directory) with the search collector beside it, then the
 * result. The checker is the one `sealog verify` runs, on the same input, so
 * a hit's status means what a verify verdict means.
 */
import { checkFiles, type PassTap } from '../check-files.js';
import { resolveSpoolDirs } from '../../spool/layout.js';
import { checkSpool } from '../check-spool.js';
import { expandInputs } from '../input-files.js';
import { SearchCollector } from './collector.js';
import type { Query } from './query.js';
import { mergeResults, searchResult, type SearchResult } from './result.js';

export interface SearchOptions {
  query: Query;
  keyFiles: string[];
  keyFor?: string[];
  /** OTLP JSON lines files or directories (plain or .gz). */
  files?: string[];
  /** A spool directory instead of files: spool.dir (every pipeline) or one pipeline's folder. */
  spoolDir?: string;
  /** Keep at most this many hits' records (all are counted and get a status). */
  limit?: number;
  /** The checker's --strict: warnings (unsealed tail, gaps, restarts) become violations. */
  strict?: boolean;
  /** The checker's --max-age: a last seal older than this is stale (a violation), and so is an unsealed tail. */
  maxAgeNs?: bigint;
  progress?: (done: number, total: number) => void;
  nowNs?: () => bigint;
}

export async function search(o: SearchOptions): Promise<SearchResult> {
  const collector = new SearchCollector(o.query, o.limit ?? Infinity);
  if (o.spoolDir !== undefined) {
    // spool.dir itself (each pipeline's folder is searched) or one pipeline's folder.
    const dirs = await resolveSpoolDirs(o.spoolDir);
    const results: SearchResult[] = [];
    for (const p of dirs.pipelines) {
      const c = new SearchCollector(o.query, Math.max(0, (o.limit ?? Infinity) - results.reduce((n, r) => n + r.hits.length, 0)));
      const r = await checkSpool(p.dir, o.keyFiles, { strict: o.strict ?? false, keyFor: o.keyFor ?? [], ...(o.maxAgeNs !== undefined ? { maxAgeNs: o.maxAgeNs } : {}), tap: tapFor(c) });
      results.push(searchResult(c, r.verifier, r.report));
    }
    return mergeResults(o.query, results);
  }
  const files = await expandInputs(o.files ?? []);
  const r = await checkFiles({
    keyFiles: o.keyFiles,
    keyFor: o.keyFor ?? [],
    files,
    strict: o.strict ?? false,
    ...(o.maxAgeNs !== undefined ? { maxAgeNs: o.maxAgeNs } : {}),
    tap: tapFor(collector),
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.nowNs ? { nowNs: o.nowNs } : {}),
  });
  return searchResult(collector, r.verifier, r.report);
}

/** The collector as the checker's tap: each pass starts it over (only the last pass counts). */
function tapFor(c: SearchCollector): PassTap {
  return { pass: () => c.reset(), scanned: (scan, where) => c.scanned(scan, where), decoded: (data, where) => c.decoded(data, where) };
}
