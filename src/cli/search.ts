/**
 * `sealog search [filters] --key PUB FILE|DIR...` (or `--spool DIR`): the
 * records a query matches, each with its integrity status, and what the
 * window cannot show. docs/VERIFY.md "Search".
 * Exit codes: 0 every hit verified and the window complete, 1 a hit not
 * verified or a violation or warning in the window, 2 usage error or
 * unreadable input.
 */
import type { Command } from 'commander';
import { parseDuration } from '../config/units.js';
import { AgentError } from '../errors.js';
import { jsonLines, otlpLines, tableChunks } from '../verify/search/format.js';
import { searchIndexAt } from '../verify/index/search.js';
import { parseQuery, type Query, type QueryFlags } from '../verify/search/query.js';
import type { SearchResult } from '../verify/search/result.js';
import { writeChunks } from '../verify/format.js';
import { progressBar } from './progress.js';
import { tuneRuntimeForAgent } from './runtime.js';

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export interface SearchCliOptions extends QueryFlags {
  key: string[];
  keyFor: string[];
  stream: string[];
  resource: string[];
  where: string[];
  json?: boolean;
  otlp?: boolean;
  limit?: string;
  spool?: string;
  db?: string;
  bundle?: string;
  strict?: boolean;
  maxAge?: string;
  progress?: boolean;
}

/** The query options, shared by every command that takes a query. */
export function addQueryOptions(cmd: Command): Command {
  return cmd
    .option('--since <time>', 'records at or after this time: RFC 3339 (2026-12-01T02:00:00Z), unix seconds, or back from now (2h, 90m, 1d)')
    .option('--until <time>', 'records at or before this time (same forms)')
    .option('--stream <name>', 'only this stream (repeatable: any of them)', collect, [])
    .option('--resource <key=value>', 'resource attribute KEY equals VALUE, or KEY~REGEX (repeatable: all of them)', collect, [])
    .option('--where <key=value>', 'record attribute KEY equals VALUE, or KEY~REGEX matches it (repeatable: all of them)', collect, [])
    .option('--severity <level>', 'at least this severity: TRACE DEBUG INFO WARN ERROR FATAL (or ERROR2.., or 1..24)')
    .option('--text <words>', 'every word in the body, case-insensitive; "quoted phrases" stay together')
    .option('--seq <range>', 'seq N or A..B (A.., ..B)');
}

export function registerSearchCommand(program: Command, version: string): void {
  const cmd = program
    .command('search')
    .description('Find records in OTLP JSON lines (or a spool) and prove each one: every hit carries its integrity status, and what the window cannot show (missing ranges, an unsealed tail, gaps, restarts) is reported.')
    .argument('[input...]', 'OTLP JSON lines files or directories, plain or gzip')
    .option('-k, --key <file>', 'trusted public key: sealog.pub, a keyring or a PEM key (repeatable)', collect, [])
    .option('--key-for <glob=pub>', 'bind streams matching GLOB to the anchor in PUB (as sealog verify)', collect, []);
  addQueryOptions(cmd)
    .option('--json', 'one JSON object per hit, then a summary object with the window report (docs/VERIFY.md)')
    .option('--otlp', 'the hits as OTLP JSON lines that sealog verify reads')
    .option('--limit <n>', 'print at most N hits (all are counted and checked)')
    .option('--spool <dir>', "search an agent's spool directory instead of files")
    .option('--db <path>', 'answer from an index built by sealog index (every hit re-proven from the key at query time)')
    .option('--bundle <out>', 'also write an evidence bundle: OUT.zip, or a new directory (hits, a proof per hit, the keys, the window report, a manifest); sealog verify-proof checks it')
    .option('--max-age <duration>', 'a stream whose newest seal (its signed time) is older than this is stale: the window may be truncated (a violation), e.g. 5m')
    .option('--strict', 'warnings (unsealed tail, declared gap or loss, restart) are violations, as in sealog verify --strict')
    .option('--no-progress', 'never draw a progress bar on stderr')
    .addHelpText(
      'after',
      `
Statuses: verified (links, and a trusted-key seal with a matching root covers it), unsealed (after the
last seal), modified, conflicting (two records carry its seq), unverifiable (its seal is absent, forged,
by an unknown key, or its seal range is incomplete).

Examples:
  sealog search --key sealog.pub --since 2026-12-01T02:00:00Z --until 2026-12-01T03:00:00Z \\
    --resource host.name=web-3 --text alice out/
  sealog search --key sealog.pub --severity ERROR --where http.status~^5 --json logs.jsonl.gz

Window: every problem of a named stream's chains counts (no record time is trusted to place one
outside); narrow it with --seq, whose bounds the report gives.

Exit codes: 0 every hit verified and the window complete, 1 a hit not verified or a violation or
warning in the window, 2 usage error or unreadable input.`,
    )
    .action(async (input: string[], o: SearchCliOptions) => {
      process.exitCode = await runSearch(input, o, version);
    });
}

/** The index's answer (src/verify/index) in search's result shape. */
async function fromIndex(db: string, query: Query, keys: string[], keyFor: string[], limit: number | undefined): Promise<SearchResult> {
  const r = await searchIndexAt(db, query, keys, { keyFor, ...(limit !== undefined ? { limit } : {}) });
  const allVerified = r.total === (r.byStatus.verified ?? 0);
  return {
    query,
    hits: r.hits,
    hitCount: r.total,
    byStatus: r.byStatus,
    allVerified,
    windows: r.completeness.windows,
    windowComplete: r.completeness.complete,
    ok: allVerified && r.completeness.complete,
    outsideViolations: 0,
  };
}

export async function runSearch(input: string[], o: SearchCliOptions, version: string): Promise<number> {
  try {
    if (o.key.length === 0 && o.keyFor.length === 0) throw new AgentError('USAGE', 'missing --key: pass the public key written by `sealog keygen` (sealog.pub)');
    const sources = [o.spool !== undefined, o.db !== undefined, input.length > 0].filter(Boolean).length;
    if (sources === 0) throw new AgentError('USAGE', 'no input: name OTLP JSON lines files or directories, or --spool DIR, or --db INDEX');
    if (sources > 1) throw new AgentError('USAGE', 'search one source: files, --spool DIR or --db INDEX');
    if (o.db !== undefined && (o.otlp || o.bundle !== undefined)) throw new AgentError('USAGE', '--otlp and --bundle need the records as read: search the files (or the spool), not --db');
    if (o.db !== undefined && (o.strict || o.maxAge !== undefined)) throw new AgentError('USAGE', '--strict and --max-age are rules of the checker pass over files or a spool; the index answers without them: search the files');
    if (o.bundle !== undefined && o.key.length === 0) throw new AgentError('USAGE', '--bundle copies the --key files into the bundle: give the key with --key (--key-for alone names no key file to copy)');
    if (o.json && o.otlp) throw new AgentError('USAGE', '--json and --otlp are two output formats: choose one');
    if (o.bundle !== undefined && o.limit !== undefined) throw new AgentError('USAGE', '--bundle holds every hit: do not combine it with --limit');
    let limit: number | undefined;
    if (o.limit !== undefined) {
      limit = Number(o.limit);
      if (!Number.isSafeInteger(limit) || limit < 0) throw new AgentError('USAGE', `--limit: "${o.limit}" is not a count`);
    }
    const query = parseQuery(o, BigInt(Date.now()) * 1_000_000n);
    const tuning = tuneRuntimeForAgent();
    const bar = o.progress !== false && process.stderr.isTTY ? progressBar('searching') : undefined;
    // The checker's pass (files, spool) and the bundle writer are loaded only when used: an index query starts faster.
    const result = o.db !== undefined ? await fromIndex(o.db, query, o.key, o.keyFor, limit) : await (await import('../verify/search/run.js')).search({
      query,
      keyFiles: o.key,
      keyFor: o.keyFor,
      ...(o.spool !== undefined ? { spoolDir: o.spool } : { files: input }),
      ...(limit !== undefined ? { limit } : {}),
      strict: o.strict ?? false,
      ...(o.maxAge ? { maxAgeNs: BigInt(parseDuration(o.maxAge)) * 1_000_000n } : {}),
      ...(bar ? { progress: bar.update } : {}),
    });
    bar?.done();
    await writeChunks(process.stdout, o.json ? jsonLines(result) : o.otlp ? otlpLines(result) : tableChunks(result));
    if (o.bundle !== undefined) {
      const { exportBundle } = await import('../verify/search/export-bundle.js');
      const b = await exportBundle({ target: o.bundle, result, keyFiles: o.key, keyFor: o.keyFor, ...(o.spool !== undefined ? { spoolDir: o.spool } : { files: input }), sealogVersion: version });
      process.stderr.write(`evidence bundle ${o.bundle}: ${result.hitCount} hit(s), ${b.proofs} proof(s)${b.unproven.length ? `, ${b.unproven.length} hit(s) without a proof (${[...new Set(b.unproven.map((u) => u.code))].join(', ')})` : ''}\n`);
    }
    if (o.otlp) process.stderr.write(`${result.hitCount} hit(s); ${result.ok ? 'all verified, window complete' : 'NOT all verified or the window is incomplete: run without --otlp for the report'}\n`);
    tuning.stop();
    return result.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`sealog search: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
