/**
 * Checking an evidence bundle (docs/VERIFY.md "Evidence bundles") once its
 * files matched its manifest: every proof verifies with the trusted key, and
 * every hit in hits.jsonl is the very record a valid proof proves (same
 * stream, chain, seq, and canonical bytes of record and context). Pure (the
 * browser page uses it too).
 */
import { ByteWriter, bytesEqual } from '../../integrity/bytes.js';
import { ATTR_CHAIN, ATTR_SEQ, ATTR_STREAM, canonicalRecord, writeContext } from '../../integrity/canonical.js';
import type { CryptoProvider } from '../../integrity/crypto.js';
import type { TrustStore } from '../../integrity/keys.js';
import { decodeLogsJsonValue } from '../../otlp/json.js';
import { getAttr, type LogsData } from '../../otlp/types.js';
import { ProofVerifier, type ProofCheck } from '../proof/verify.js';
import type { Bundle } from './bundle.js';

/** A record's identity and bytes: "stream\0chain\0seq" and canonical record ‖ context. */
interface RecordKey {
  key: string;
  bytes: Uint8Array;
}

function recordKey(data: LogsData): RecordKey | string {
  const rl = data.resourceLogs;
  if (rl.length !== 1 || rl[0]!.scopeLogs.length !== 1 || rl[0]!.scopeLogs[0]!.logRecords.length !== 1) return 'does not hold exactly one record';
  const res = rl[0]!.resource;
  const sl = rl[0]!.scopeLogs[0]!;
  const r = sl.logRecords[0]!;
  const stream = getAttr(res.attributes, ATTR_STREAM);
  const chain = getAttr(res.attributes, ATTR_CHAIN);
  const seq = getAttr(r.attributes, ATTR_SEQ);
  if (stream?.type !== 'string' || chain?.type !== 'string' || seq?.type !== 'int') return 'has no sealog.stream, sealog.chain and sealog.seq';
  const w = new ByteWriter(512);
  w.bytes(canonicalRecord(r));
  writeContext(w, res, sl.scope);
  return { key: `${stream.value}\u0000${chain.value}\u0000${seq.value}`, bytes: w.toBytes() };
}

export interface BundleHitCheck {
  where: string;
  ok: boolean;
  /** stream/seq of the hit, where readable. */
  stream?: string;
  seq?: number;
  reason?: string;
}

export interface BundleCheck {
  proofs: Array<{ where: string; check: ProofCheck }>;
  hits: BundleHitCheck[];
  /**
   * The exporter's search found the window complete (the manifest's
   * counts.window_complete): its statement, shown and counted, not
   * re-checkable from the bundle; undefined when the manifest does not say.
   */
  windowComplete: boolean | undefined;
  /** Every proof valid, every hit proven, and the window not declared incomplete. */
  ok: boolean;
}

/** Checks the proofs of a bundle and binds each hit to one of them. */
export async function checkBundle(b: Bundle, crypto: CryptoProvider, trust: TrustStore): Promise<BundleCheck> {
  const verifier = new ProofVerifier(crypto, trust);
  const proven = new Map<string, Uint8Array>();
  const proofs: BundleCheck['proofs'] = [];
  let n = 0;
  for await (const value of b.proofs.values()) {
    n++;
    const where = `${b.proofs.path}:${n}`;
    const check = verifier.verify(value);
    proofs.push({ where, check });
    if (!check.ok) continue;
    const rec = (value as { record?: unknown }).record;
    const k = recordKey(decodeLogsJsonValue(rec));
    if (typeof k !== 'string') proven.set(k.key, k.bytes);
  }
  const hits: BundleHitCheck[] = [];
  let line = 0;
  for await (const text of b.hits.lines()) {
    line++;
    const where = `${b.hits.path}:${line}`;
    let k: RecordKey | string;
    try {
      k = recordKey(decodeLogsJsonValue(JSON.parse(text)));
    } catch (err) {
      hits.push({ where, ok: false, reason: `not OTLP JSON: ${(err as Error).message}` });
      continue;
    }
    if (typeof k === 'string') {
      hits.push({ where, ok: false, reason: `the line ${k}` });
      continue;
    }
    const [stream, , seq] = k.key.split('\u0000');
    const p = proven.get(k.key);
    if (!p) hits.push({ where, ok: false, stream: stream!, seq: Number(seq), reason: 'no valid proof in proofs.jsonl proves this record' });
    else if (!bytesEqual(p, k.bytes)) hits.push({ where, ok: false, stream: stream!, seq: Number(seq), reason: 'differs from the record its proof proves' });
    else hits.push({ where, ok: true, stream: stream!, seq: Number(seq) });
  }
  const declared = b.manifest.counts['window_complete'];
  const windowComplete = typeof declared === 'boolean' ? declared : undefined;
  return { proofs, hits, windowComplete, ok: proofs.every((p) => p.check.ok) && hits.every((h) => h.ok) && windowComplete !== false };
}
