/**
 * `sealog verify-proof --key PUB [--json] PROOF...`
 * Checks inclusion proofs (docs/PROOF.md), and evidence bundles (docs/VERIFY.md),
 * offline with the public key alone.
 * The report is built by src/verify/proof/report.ts, as the verifier page's.
 * Exit codes: 0 every proof valid (and every bundle's hits proven and its
 * files as its manifest lists them), 1 otherwise, 2 usage error or
 * unreadable file or key.
 */
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { AgentError } from '../errors.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import type { TrustStore } from '../integrity/keys.js';
import { checkReadProofs, proofReport, type BundleOutcome } from '../verify/proof/report.js';
import { readProofFile, type ReadProof } from '../verify/proof-inputs.js';
import { loadAuditorTrust } from '../verify/trust.js';
import { BundleError } from '../verify/bundle/bundle.js';
import { checkBundle } from '../verify/bundle/check.js';
import { readBundle } from '../verify/bundle/node.js';

export interface VerifyProofCliOptions {
  key: string[];
  json?: boolean;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function registerVerifyProofCommand(program: Command): void {
  program
    .command('verify-proof')
    .description('Check inclusion proofs made by `sealog prove` offline, with the public key alone: the record, its audit path, its seal and the key certificates from epoch 0 (docs/PROOF.md).')
    .argument('<proof...>', 'files holding one proof (JSON) or JSON lines of proofs, or evidence bundles (a .zip or a directory, from sealog search --bundle)')
    .option('-k, --key <file>', 'trusted public key: sealog.pub, a keyring (JSON lines) or a PEM Ed25519 key; repeat for many hosts', collect, [])
    .option('--json', 'print a machine report: {"format":"sealog-verify-proof-report-v1","valid":N,"invalid":N,"proofs":[...]} (with bundles also "hits" and "bundles")')
    .addHelpText('after', '\nOutput: one line per proof, "OK stream seq (...)" or "INVALID stream seq: code: reason"; for bundles also "UNPROVEN stream seq: reason" per hit not bound to a valid proof, "MISMATCH bundle: problem" per file not as its manifest lists it, and a summary line.\nExit codes: 0 every proof valid (and every bundle hit proven, every bundle matching its manifest), 1 otherwise, 2 usage error or unreadable key or file.')
    .action(async (files: string[], o: VerifyProofCliOptions) => {
      process.exitCode = await runVerifyProof(files, o);
    });
}

export async function runVerifyProof(files: string[], o: VerifyProofCliOptions): Promise<number> {
  try {
    if (o.key.length === 0) throw new AgentError('USAGE', 'missing --key: pass the public key written by `sealog keygen` (sealog.pub)');
    if (files.length === 0) throw new AgentError('USAGE', 'no proof files given');
    const { trust } = loadAuditorTrust(o.key);
    const read: ReadProof[] = [];
    const bundles: BundleOutcome[] = [];
    for (const f of files) {
      if (await isBundle(f)) bundles.push(await checkBundleFile(f, trust));
      else read.push(...(await readProofFile(f)));
    }
    if (bundles.length === 0 && read.length === 0) throw new AgentError('INPUT_UNREADABLE', `no proofs in ${files.join(', ')}`);
    // The same report as the verifier page's for these files (src/verify/proof/report.ts).
    const report = proofReport(bundles, checkReadProofs(nodeCrypto, trust, read));
    const text = o.json ? report.json : report.text;
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
    return report.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`sealog verify-proof: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

/** A bundle checked, or, when its files do not match its manifest, why (a finding, not unreadable input). */
async function checkBundleFile(path: string, trust: TrustStore): Promise<BundleOutcome> {
  try {
    return { path, check: await checkBundle(await readBundle(path), nodeCrypto, trust) };
  } catch (err) {
    if (err instanceof BundleError && err.code === 'BUNDLE_MISMATCH') return { path, mismatch: err.problems };
    throw err;
  }
}

/** A directory holding manifest.json, or a file that starts as a ZIP does. */
async function isBundle(path: string): Promise<boolean> {
  try {
    if ((await stat(path)).isDirectory()) return true;
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(4);
      await fh.read(head, 0, 4, 0);
      return head.readUInt32LE(0) === 0x04034b50;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}
