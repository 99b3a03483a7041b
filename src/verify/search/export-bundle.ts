/**
 * `sealog search --bundle OUT`: the hits, a proof for each, the trusted keys,
 * the window report and a manifest, as one evidence bundle (a .zip, or a
 * directory) that `sealog verify-proof --key PUB OUT` checks with nothing
 * else (docs/VERIFY.md "Evidence bundles").
 *
 * The proofs are built by a second read of the same input (the proof
 * collector keeps 33 bytes per record of the chains that hold a hit).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { nodeCrypto } from '../../integrity/node/crypto.js';
import { decodeResourceLogsProto } from '../../otlp/proto.js';
import { FRAME_TYPE_DATA } from '../../spool/format.js';
import { inspectSpool } from '../../spool/inspect.js';
import { resolveSpoolDirs } from '../../spool/layout.js';
import { writeBundle } from '../bundle/node.js';
import { expandInputs } from '../input-files.js';
import { feedCollector } from '../proof-inputs.js';
import { ProofCollector, type ProveResult } from '../proof/collector.js';
import { loadAuditorTrust } from '../trust.js';
import { hitJson, otlpLines, summaryJson } from './format.js';
import { queryJson } from './query.js';
import type { SearchResult } from './result.js';

export interface BundleExport {
  target: string;
  result: SearchResult;
  keyFiles: string[];
  keyFor?: string[];
  files?: string[];
  spoolDir?: string;
  sealogVersion: string;
}

export interface BundleSummary {
  proofs: number;
  /** Hits without a proof, and why (modified, unsealed, its seal unverifiable, ...). */
  unproven: Array<{ stream: string; seq: number; code: string; reason: string }>;
}

async function proveHits(e: BundleExport): Promise<ProveResult[]> {
  const { trust } = loadAuditorTrust(e.keyFiles, e.keyFor);
  const c = new ProofCollector(nodeCrypto, e.result.hits.map((h) => ({ stream: h.stream, chain: h.chain, seq: h.seq })), { trust });
  if (e.spoolDir !== undefined) {
    for (const p of (await resolveSpoolDirs(e.spoolDir)).pipelines) {
      await inspectSpool(p.dir, undefined, (f) => {
        if (f.type !== FRAME_TYPE_DATA) return;
        try {
          c.add({ resourceLogs: [decodeResourceLogsProto(f.payload)] }, `${f.segment}@${f.offset}`);
        } catch {
          // A frame that does not decode claims no record (the search's report names it).
        }
      });
    }
  } else {
    await feedCollector(c, await expandInputs(e.files ?? []));
  }
  return c.finish();
}

export async function exportBundle(e: BundleExport): Promise<BundleSummary> {
  const results = await proveHits(e);
  const proofs = results.filter((r): r is Extract<ProveResult, { ok: true }> => r.ok).map((r) => JSON.stringify(r.proof) + '\n');
  const unproven = results.filter((r): r is Extract<ProveResult, { ok: false }> => !r.ok).map((r) => ({ stream: r.stream, seq: r.seq, code: r.code, reason: r.reason }));
  const keys = [];
  for (const k of e.keyFiles) keys.push({ name: basename(k), bytes: new Uint8Array(await readFile(k)) });
  const r = e.result;
  await writeBundle(
    e.target,
    {
      query: { ...queryJson(r.query), inputs: e.spoolDir !== undefined ? { spool: e.spoolDir } : { files: e.files ?? [] } },
      counts: { hits: r.hitCount, by_status: r.byStatus, proofs: proofs.length, unproven: unproven.length, window_complete: r.windowComplete, all_verified: r.allVerified },
      hits: [...otlpLines(r)],
      hitsJson: r.hits.map((h) => JSON.stringify(hitJson(h), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n'),
      proofs,
      completeness: { ...summaryJson(r), unproven },
      keys,
    },
    { sealogVersion: e.sealogVersion },
  );
  return { proofs: proofs.length, unproven };
}
