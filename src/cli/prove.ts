/**
 * `sealog prove --stream S --seq N|A..B [--chain C] [--key PUB] [--out FILE] FILE...`
 * Prints an inclusion proof (docs/PROOF.md) per record, one JSON line each.
 * Seal records inside --seq A..B are skipped (a seal is in no seal range).\nExit codes: 0 every record proven, 1 a record cannot be proven (why, on
 * stderr), 2 usage error or unreadable input.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AgentError } from '../errors.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { ProofCollector, type ProofRequest } from '../verify/proof/collector.js';
import { feedCollector } from '../verify/proof-inputs.js';
import { expandInputs } from '../verify/input-files.js';
import { loadAuditorTrust } from '../verify/trust.js';

/** How many records one `--seq A..B` may ask for. */
const MAX_RANGE = 10_000_000;

export interface ProveCliOptions {
  stream?: string;
  seq?: string;
  chain?: string;
  key: string[];
  out?: string;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `N` or `A..B` as the list of seqs. */
export function parseSeqs(s: string): number[] {
  const m = /^(\d+)(?:\.\.(\d+))?$/.exec(s);
  const a = m ? Number(m[1]) : NaN;
  const b = m?.[2] !== undefined ? Number(m[2]) : a;
  if (!m || !Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 1 || b < a) {
    throw new AgentError('USAGE', `--seq "${s}": expected a seq (e.g. 4711) or a range A..B with 1 <= A <= B (e.g. 4700..4711)`);
  }
  if (b - a + 1 > MAX_RANGE) throw new AgentError('USAGE', `--seq ${s}: at most ${MAX_RANGE} records at once`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

export function registerProveCommand(program: Command): void {
  program
    .command('prove')
    .description('Print an inclusion proof for a sealed record (or each record of a seq range): the record, its Merkle audit path to the root in its seal, the seal and the key certificates from epoch 0, checkable offline with `sealog verify-proof` (docs/PROOF.md).')
    .argument('<file...>', 'OTLP JSON lines files or directories, plain or gzip, in any order')
    .requiredOption('--stream <name>', 'the stream (sealog.stream, e.g. web-1/logs)')
    .requiredOption('--seq <n|a..b>', 'the record (sealog.seq), or a range A..B for a proof of each')
    .option('--chain <id>', 'the chain (sealog.chain), needed when several chains of the stream hold the seq')
    .option('-k, --key <file>', 'check every proof with this public key before printing it (sealog.pub, keyring or PEM); repeatable', collect, [])
    .option('-o, --out <file>', 'write the proofs to FILE instead of standard output')
    .addHelpText('after', '\nOutput: one proof per line (JSON).\nSeal records inside --seq A..B are skipped (a seal is in no seal range).\nExit codes: 0 every record proven, 1 a record cannot be proven (absent, modified, unsealed, its seal range incomplete, its key not certifiable; the reason goes to stderr), 2 usage error or unreadable input.')
    .action(async (files: string[], o: ProveCliOptions) => {
      process.exitCode = await runProve(files, o);
    });
}

export async function runProve(files: string[], o: ProveCliOptions): Promise<number> {
  try {
    if (!o.stream) throw new AgentError('USAGE', 'missing --stream');
    if (!o.seq) throw new AgentError('USAGE', 'missing --seq');
    if (files.length === 0) throw new AgentError('USAGE', 'no input files given');
    const requests: ProofRequest[] = parseSeqs(o.seq).map((seq) => ({ stream: o.stream!, seq, ...(o.chain !== undefined ? { chain: o.chain } : {}) }));
    const trust = o.key.length ? loadAuditorTrust(o.key).trust : undefined;
    const collector = new ProofCollector(nodeCrypto, requests, trust ? { trust } : {});
    await feedCollector(collector, await expandInputs(files));
    let out = '';
    let failed = 0;
    let seals = 0;
    for (const r of collector.finish()) {
      if (r.ok) out += `${JSON.stringify(r.proof)}\n`;
      else if (r.code === 'seal' && requests.length > 1) seals++;
      else {
        failed++;
        process.stderr.write(`sealog prove: cannot prove record ${r.seq} of stream ${r.stream}${r.chain !== undefined ? ` chain ${r.chain}` : ''} (${r.code}): ${r.reason}\n`);
      }
    }
    if (seals) process.stderr.write(`sealog prove: skipped ${seals} seal record(s) in ${o.seq}: a seal is in no seal range (its own signature and the next seal vouch for it)\n`);
    if (o.out) await writeFile(o.out, out);
    else await new Promise<void>((resolve, reject) => process.stdout.write(out, (err) => (err ? reject(err) : resolve())));
    return failed ? 1 : 0;
  } catch (err) {
    process.stderr.write(`sealog prove: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
