/**
 * `sealog verify-proof --key PUB [--json] PROOF...`
 * Checks inclusion proofs (docs/PROOF.md), and evidence bundles (docs/VERIFY.md),
 * offline with the public key alone.
 * Exit codes: 0 every proof valid, 1 a proof invalid, 2 usage error or
 * unreadable file or key.
 */
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { AgentError } from '../errors.js';
import { nsToIso } from '../verify/core/index.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import type { TrustStore } from '../integrity/keys.js';
import { ProofVerifier, type ProofCheck } from '../verify/proof/verify.js';
import { readProofFile, type ReadProof } from '../verify/proof-inputs.js';
import { loadAuditorTrust } from '../verify/trust.js';
import { BundleError } from '../verify/bundle/bundle.js';
import { checkBundle, type BundleCheck } from '../verify/bundle/check.js';
import { readBundle } from '../verify/bundle/node.js';

export interface VerifyProofCliOptions {
  key: string[];
  json?: boolean;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** One line of the report: a proof, where it was read, and its verdict. */
export interface ProofVerdict {
  where: string;
  check: ProofCheck;
}

/** Checks proofs read from files (or from an evidence bundle) under one trust store. */
export function checkReadProofs(trust: TrustStore, proofs: readonly ReadProof[]): ProofVerdict[] {
  const v = new ProofVerifier(nodeCrypto, trust);
  return proofs.map((p) => ({
    where: p.where,
    check: p.error !== undefined ? { ok: false, code: 'malformed', reason: p.error } : v.verify(p.value),
  }));
}

/** `OK stream seq …` or `INVALID stream seq: reason`. */
export function verdictLine(v: ProofVerdict): string {
  const c = v.check;
  if (c.ok) {
    return `OK ${c.stream} ${c.seq} (chain ${c.chain}, seal ${c.sealSeq} signed ${nsToIso(c.sealTimeNs)} by key ${c.keyId}, epoch ${c.epoch}, anchor ${c.anchorId}) ${v.where}`;
  }
  return `INVALID ${c.stream ?? '-'} ${c.seq ?? '-'}: ${c.code}: ${c.reason} (${v.where})`;
}

export function verdictJson(v: ProofVerdict): Record<string, unknown> {
  const c = v.check;
  return c.ok
    ? { where: v.where, valid: true, stream: c.stream, chain: c.chain, seq: c.seq, sealSeq: c.sealSeq, sealTimeNs: c.sealTimeNs.toString(), epoch: c.epoch, keyId: c.keyId, anchor: c.anchorId }
    : { where: v.where, valid: false, stream: c.stream, chain: c.chain, seq: c.seq, code: c.code, reason: c.reason };
}

export function registerVerifyProofCommand(program: Command): void {
  program
    .command('verify-proof')
    .description('Check inclusion proofs made by `sealog prove` offline, with the public key alone: the record, its audit path, its seal and the key certificates from epoch 0 (docs/PROOF.md).')
    .argument('<proof...>', 'files holding one proof (JSON) or JSON lines of proofs, or evidence bundles (a .zip or a directory, from sealog search --bundle)')
    .option('-k, --key <file>', 'trusted public key: sealog.pub, a keyring (JSON lines) or a PEM Ed25519 key; repeat for many hosts', collect, [])
    .option('--json', 'print a machine report: {"format":"sealog-verify-proof-report-v1","valid":N,"invalid":N,"proofs":[...]}')
    .addHelpText('after', '\nOutput: one line per proof, "OK stream seq (...)" or "INVALID stream seq: code: reason".\nExit codes: 0 every proof valid, 1 a proof invalid, 2 usage error or unreadable key or file.')
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
    const bundles: Array<{ path: string; check: BundleCheck }> = [];
    for (const f of files) {
      if (await isBundle(f)) bundles.push({ path: f, check: await checkBundle(await readBundle(f), nodeCrypto, trust) });
      else read.push(...(await readProofFile(f)));
    }
    if (bundles.length > 0) return await reportBundles(bundles, read, trust, o);
    if (read.length === 0) throw new AgentError('INPUT_UNREADABLE', `no proofs in ${files.join(', ')}`);
    const verdicts = checkReadProofs(trust, read);
    const invalid = verdicts.filter((v) => !v.check.ok).length;
    const text = o.json
      ? `${JSON.stringify({ format: 'sealog-verify-proof-report-v1', valid: verdicts.length - invalid, invalid, proofs: verdicts.map(verdictJson) })}\n`
      : verdicts.map((v) => `${verdictLine(v)}\n`).join('');
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
    return invalid ? 1 : 0;
  } catch (err) {
    process.stderr.write(`sealog verify-proof: ${err instanceof Error ? err.message : String(err)}\n`);
    // A bundle whose files do not match its manifest was changed: that is a finding, not unreadable input.
    return err instanceof BundleError && err.code === 'BUNDLE_MISMATCH' ? 1 : 2;
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

/** Bundles (and any loose proofs beside them): every proof, then every hit bound to its proof. */
async function reportBundles(bundles: Array<{ path: string; check: BundleCheck }>, loose: ReadProof[], trust: TrustStore, o: VerifyProofCliOptions): Promise<number> {
  const verdicts = [...bundles.flatMap((b) => b.check.proofs.map((p) => ({ where: `${b.path}!${p.where}`, check: p.check }))), ...checkReadProofs(trust, loose)];
  const hits = bundles.flatMap((b) => b.check.hits.map((h) => ({ ...h, where: `${b.path}!${h.where}` })));
  const invalid = verdicts.filter((v) => !v.check.ok).length;
  const unbound = hits.filter((h) => !h.ok);
  let text: string;
  if (o.json) {
    text = `${JSON.stringify({ format: 'sealog-verify-proof-report-v1', valid: verdicts.length - invalid, invalid, proofs: verdicts.map(verdictJson), hits: { proven: hits.length - unbound.length, unproven: unbound.length, problems: unbound } })}\n`;
  } else {
    text = verdicts.map((v) => `${verdictLine(v)}\n`).join('');
    for (const h of unbound) text += `UNPROVEN ${h.stream ?? '-'} ${h.seq ?? '-'}: ${h.reason} (${h.where})\n`;
    text += `${bundles.length} bundle(s): ${verdicts.length - invalid} valid proof(s), ${invalid} invalid; ${hits.length - unbound.length} of ${hits.length} hit(s) proven\n`;
  }
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
  return invalid || unbound.length ? 1 : 0;
}
