/**
 * What `sealog verify-proof` reports, and what the verifier page shows and
 * puts in #report for the same files: loose proofs (proof-text.ts) checked
 * under the auditor's trust store, evidence bundles checked by checkBundle
 * (src/verify/bundle/check.ts), as one text and one JSON report with one
 * verdict. Pure: the CLI passes node:crypto, the page @noble.
 *
 * JSON (`--json`), one line:
 *   {"format":"sealog-verify-proof-report-v1","valid":N,"invalid":N,"proofs":[...],
 *    "hits":{"proven":N,"unproven":N,"problems":[...]},          (with bundles only)
 *    "bundles":[{"path","manifest_matches","problems"?}]}         (with bundles only)
 */
import type { CryptoProvider } from '../../integrity/crypto.js';
import type { TrustStore } from '../../integrity/keys.js';
import type { BundleCheck, BundleHitCheck } from '../bundle/check.js';
import { nsToIso } from '../core/index.js';
import type { ReadProof } from './proof-text.js';
import { ProofVerifier, type ProofCheck } from './verify.js';

export const PROOF_REPORT_FORMAT = 'sealog-verify-proof-report-v1';

/** One line of the report: a proof, where it was read, and its verdict. */
export interface ProofVerdict {
  where: string;
  check: ProofCheck;
}

/** Checks proofs read from files under one trust store. */
export function checkReadProofs(crypto: CryptoProvider, trust: TrustStore, proofs: readonly ReadProof[]): ProofVerdict[] {
  const v = new ProofVerifier(crypto, trust);
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

/**
 * One evidence bundle as given (`path`: how the report names it): checked,
 * or refused because its files do not match its manifest (a file missing,
 * changed or extra: `mismatch` names each).
 */
export type BundleOutcome = { path: string; check: BundleCheck } | { path: string; mismatch: readonly string[] };

export interface ProofReport {
  /** Every proof valid, every hit of every bundle proven, every bundle matching its manifest: exit 0. */
  ok: boolean;
  valid: number;
  invalid: number;
  /** Every proof: the bundles' (named `bundle!proofs.jsonl:N`), then the loose ones. */
  proofs: ProofVerdict[];
  /** The bundles' hits (named `bundle!hits.jsonl:N`). */
  hits: BundleHitCheck[];
  /** Bundles whose files do not match their manifest. */
  mismatched: Array<{ path: string; problems: readonly string[] }>;
  /** What `sealog verify-proof --json` prints (one line). */
  json: string;
  /** What `sealog verify-proof` prints. */
  text: string;
}

/** The report over `bundles` and the loose proofs' verdicts. */
export function proofReport(bundles: readonly BundleOutcome[], loose: readonly ProofVerdict[]): ProofReport {
  const proofs: ProofVerdict[] = [];
  const hits: BundleHitCheck[] = [];
  const mismatched: ProofReport['mismatched'] = [];
  for (const b of bundles) {
    if ('mismatch' in b) {
      mismatched.push({ path: b.path, problems: b.mismatch });
      continue;
    }
    for (const p of b.check.proofs) proofs.push({ where: `${b.path}!${p.where}`, check: p.check });
    for (const h of b.check.hits) hits.push({ ...h, where: `${b.path}!${h.where}` });
  }
  proofs.push(...loose);
  const invalid = proofs.filter((v) => !v.check.ok).length;
  const valid = proofs.length - invalid;
  const unbound = hits.filter((h) => !h.ok);
  const incomplete = bundles.filter((b): b is { path: string; check: BundleCheck } => 'check' in b && b.check.windowComplete === false).map((b) => b.path);
  const ok = invalid === 0 && unbound.length === 0 && mismatched.length === 0 && incomplete.length === 0;
  const out: Record<string, unknown> = { format: PROOF_REPORT_FORMAT, valid, invalid, proofs: proofs.map(verdictJson) };
  let text = proofs.map((v) => `${verdictLine(v)}\n`).join('');
  if (bundles.length > 0) {
    out['hits'] = { proven: hits.length - unbound.length, unproven: unbound.length, problems: unbound };
    out['bundles'] = bundles.map((b) => ('mismatch' in b ? { path: b.path, manifest_matches: false, problems: b.mismatch } : { path: b.path, manifest_matches: true, window_complete: b.check.windowComplete ?? null }));
    for (const h of unbound) text += `UNPROVEN ${h.stream ?? '-'} ${h.seq ?? '-'}: ${h.reason} (${h.where})\n`;
    for (const m of mismatched) for (const p of m.problems) text += `MISMATCH ${m.path}: ${p}\n`;
    for (const p of incomplete) text += `INCOMPLETE ${p}: the search that made it found its window incomplete (completeness.json: missing ranges, an unsealed tail, ...); the hits are proven, the window is not whole\n`;
    text += `${bundles.length} bundle(s)${mismatched.length ? `, ${mismatched.length} not matching its manifest` : ''}: ${valid} valid proof(s), ${invalid} invalid; ${hits.length - unbound.length} of ${hits.length} hit(s) proven\n`;
  }
  return { ok, valid, invalid, proofs, hits, mismatched, json: `${JSON.stringify(out)}\n`, text };
}
