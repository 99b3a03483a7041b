/**
 * `sealog index DIR|FILE... --db PATH --key PUB`: builds the search index,
 * or extends it with what is new since the last run (docs/VERIFY.md "The
 * index"). It checks what it reads as `sealog verify` does and prints that
 * report. Exit codes: 0 indexed and intact, 1 indexed but the checker found
 * a violation, 2 usage error, unreadable input or index.
 */
import type { Command } from 'commander';
import { AgentError } from '../errors.js';
import { jsonChunks, textChunks, writeChunks } from '../verify/format.js';
import { buildIndex, type IndexResult } from '../verify/index/build.js';
import { tuneRuntimeForAgent } from './runtime.js';

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export interface IndexCliOptions {
  db?: string;
  key: string[];
  keyFor?: string[];
  json?: boolean;
}

export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('Build or extend the search index (an embedded DuckDB file) over OTLP JSON lines, checking them as `sealog verify` does; `sealog search --db` answers from it and re-proves every hit.')
    .argument('<input...>', 'OTLP JSON lines files or directories (plain or gzip)')
    .option('--db <path>', 'the index file (created when absent, extended when present)')
    .option('-k, --key <file>', 'trusted public key: sealog.pub, a keyring or a PEM Ed25519 key; repeat for many hosts', collect, [])
    .option('--key-for <glob=pub>', 'bind streams matching GLOB to the anchor in PUB (as for verify); repeatable', collect, [])
    .option('--json', "print the checker's JSON report (docs/VERIFY.md) instead of the text summary")
    .addHelpText('after', '\nExit codes: 0 indexed and intact, 1 indexed but a violation was found, 2 usage error or unreadable input or index.')
    .action(async (inputs: string[], o: IndexCliOptions) => {
      process.exitCode = await runIndex(inputs, o);
    });
}

function summary(r: IndexResult): string {
  let out = '';
  for (const f of r.files) {
    out += `${f.action.padEnd(10)} ${f.path}${f.action === 'unchanged' ? '' : `: ${f.records} records from ${f.bytes} bytes`}${f.note ? ` (${f.note})` : ''}\n`;
  }
  for (const n of r.notes) out += `note: ${n}\n`;
  const rate = r.seconds > 0 ? Math.round(r.records / r.seconds) : 0;
  out += `indexed ${r.records} records from ${r.lines} lines in ${r.seconds.toFixed(1)} s (${rate} records/s)`;
  if (r.unreadableLines) out += `, ${r.unreadableLines} unreadable line(s)`;
  if (r.unplaced) out += `, ${r.unplaced} record(s) without stream, chain or seq (checked, not indexed)`;
  return out + '\n';
}

export async function runIndex(inputs: string[], o: IndexCliOptions): Promise<number> {
  try {
    if (!o.db) throw new AgentError('USAGE', 'missing --db PATH: the index file to build or extend');
    if (o.key.length === 0 && !o.keyFor?.length) throw new AgentError('USAGE', 'missing --key: pass the public key written by `sealog keygen` (sealog.pub)');
    const tuning = tuneRuntimeForAgent();
    const r = await buildIndex({ db: o.db, inputs, keyFiles: o.key, keyFor: o.keyFor ?? [] });
    if (o.json) await writeChunks(process.stdout, jsonChunks(r.report, { lines: r.lines, unreadableLines: r.unreadableLines }));
    else {
      process.stdout.write(summary(r));
      await writeChunks(process.stdout, textChunks(r.report));
    }
    tuning.stop();
    return r.report.intact ? 0 : 1;
  } catch (err) {
    process.stderr.write(`sealog index: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
