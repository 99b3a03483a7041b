/**
 * `sealog verify --key PUB [--json] [--strict] [--max-age D] FILE...`
 * Exit codes: 0 intact, 1 integrity violation, 2 usage error or unreadable input.
 */
import type { Command } from 'commander';
import { parseDuration } from '../config/load.js';
import { AgentError } from '../errors.js';
import { checkFiles } from '../verify/check-files.js';
import { tuneRuntimeForAgent } from './runtime.js';
import { jsonChunks, textChunks, writeChunks } from '../verify/format.js';
import { progressBar } from './progress.js';

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function parseTime(s: string, flag: string): bigint {
  if (/^\d+$/.test(s)) return BigInt(s) * 1_000_000_000n;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new AgentError('USAGE', `${flag}: "${s}" is not a time (use RFC 3339, e.g. 2026-11-26T10:00:00Z, or unix seconds)`);
  return BigInt(ms) * 1_000_000n;
}

export interface VerifyCliOptions {
  key: string[];
  keyFor?: string[];
  json?: boolean;
  strict?: boolean;
  maxAge?: string;
  expectFrom?: string;
  stream: string[];
  since?: string;
  until?: string;
  witness: string[];
  progress?: boolean;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('Prove that OTLP JSON lines (our file exporter\'s or the Collector\'s) hold every sealed record unmodified, in full, signed by the host\'s key.')
    .argument('<file...>', 'OTLP JSON lines files, plain or gzip, in any order')
    .option('-k, --key <file>', 'trusted public key: sealog.pub, a keyring (JSON lines) or a PEM Ed25519 key; repeat for many hosts', collect, [])
    .option('--key-for <glob=pub>', "bind streams matching GLOB ('*' matches any characters, '/' included) to the anchor in PUB (trusted too); repeatable, first match applies", collect, [])
    .option('--json', 'print the machine-readable report (docs/VERIFY.md)')
    .option('--strict', 'treat warnings (unsealed tail, declared loss or gap, chain restart) as violations, and with several anchors demand a --key-for binding for every stream')
    .option('--max-age <duration>', 'a stream whose newest seal (its signed time) is older than this is stale, and so is its unsealed tail (violations), e.g. 5m')
    .option('--expect-from <seq|time>', 'records must be present from this seq (or RFC 3339 time) on; an absence after it is a violation')
    .option('--stream <name>', 'check only this stream (repeatable)', collect, [])
    .option('--since <time>', 'report only findings at or after this time (RFC 3339 or unix seconds)')
    .option('--until <time>', 'report only findings at or before this time')
    .option('--witness <file>', 'seals-only witness copy to cross-check against (repeatable)', collect, [])
    .option('--no-progress', 'never draw a progress bar on stderr')
    .addHelpText('after', '\nExit codes: 0 intact, 1 integrity violation found, 2 usage error or unreadable input.')
    .action(async (files: string[], o: VerifyCliOptions) => {
      process.exitCode = await runVerify(files, o);
    });
}

export async function runVerify(files: string[], o: VerifyCliOptions): Promise<number> {
  try {
    if (o.key.length === 0 && !o.keyFor?.length) throw new AgentError('USAGE', 'missing --key: pass the public key written by `sealog keygen` (sealog.pub)');
    const expect = o.expectFrom;
    // The agent's heap settings (runtime.ts): input that claims a stream per line makes the
    // checker's live heap grow with it, and V8's default growth let the garbage double it.
    const tuning = tuneRuntimeForAgent();
    const bar = o.progress !== false && process.stderr.isTTY ? progressBar('verifying') : undefined;
    const result = await checkFiles({
      keyFiles: o.key,
      keyFor: o.keyFor ?? [],
      files,
      witnessFiles: o.witness,
      strict: o.strict ?? false,
      ...(o.maxAge ? { maxAgeNs: BigInt(parseDuration(o.maxAge)) * 1_000_000n } : {}),
      ...(expect !== undefined ? (/^\d+$/.test(expect) ? { expectFromSeq: Number(expect) } : { expectFromTimeNs: parseTime(expect, '--expect-from') }) : {}),
      ...(o.stream.length ? { streams: new Set(o.stream) } : {}),
      ...(o.since ? { sinceNs: parseTime(o.since, '--since') } : {}),
      ...(o.until ? { untilNs: parseTime(o.until, '--until') } : {}),
      ...(bar ? { progress: bar.update } : {}),
    });
    bar?.done();
    await writeChunks(process.stdout, o.json ? jsonChunks(result.report, { lines: result.lines, unreadableLines: result.unreadableLines }) : textChunks(result.report));
    tuning.stop();
    return result.report.intact ? 0 : 1;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sealog verify: ${msg}\n`);
    return 2;
  }
}
