/**
 * `sealog search` without the CLI: one checker pass over OTLP JSON lines
 * files (or a spool directory) with the search collector beside it, then the
 * result. The checker is the one `sealog verify` runs, on the same input, so
 * a hit's status means what a verify verdict means.
 */
import { checkFiles } from '../check-files.js';
import { checkSpool } from '../check-spool.js';
import { expandInputs } from '../input-files.js';
import { SearchCollector } from './collector.js';
import type { Query } from './query.js';
import { searchResult, type SearchResult } from './result.js';

export interface SearchOptions {
  query: Query;
  keyFiles: string[];
  keyFor?: string[];
  /** OTLP JSON lines files or directories (plain or .gz). */
  files?: string[];
  /** A spool directory instead of files. */
  spoolDir?: string;
  /** Keep at most this many hits' records (all are counted and get a status). */
  limit?: number;
  /** The checker's --strict: warnings (unsealed tail, gaps, restarts) become violations. */
  strict?: boolean;
  progress?: (done: number, total: number) => void;
  nowNs?: () => bigint;
}

export async function search(o: SearchOptions): Promise<SearchResult & { collector: SearchCollector }> {
  const collector = new SearchCollector(o.query, o.limit ?? Infinity);
  const tap = {
    pass: (): void => collector.reset(),
    scanned: collector.scanned.bind(collector),
    decoded: collector.decoded.bind(collector),
  };
  if (o.spoolDir !== undefined) {
    const r = await checkSpool(o.spoolDir, o.keyFiles, { strict: o.strict ?? false, keyFor: o.keyFor ?? [], tap });
    return { ...searchResult(collector, r.verifier, r.report), collector };
  }
  const files = await expandInputs(o.files ?? []);
  const r = await checkFiles({
    keyFiles: o.keyFiles,
    keyFor: o.keyFor ?? [],
    files,
    strict: o.strict ?? false,
    tap,
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.nowNs ? { nowNs: o.nowNs } : {}),
  });
  return { ...searchResult(collector, r.verifier, r.report), collector };
}
