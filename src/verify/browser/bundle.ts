/**
 * An evidence bundle (a zip from `sealog search --bundle`) dropped on the
 * page, checked as `sealog verify-proof --key PUB BUNDLE.zip` checks it, by
 * the same pure code: readBundleZip (the zip and the manifest, with the
 * browser's DecompressionStream codec) and checkBundle (every proof under
 * the trusted keys, every hit bound to a valid proof), with the portable
 * crypto. The trusted keys are the ones dropped beside the bundle, never the
 * bundle's own keys/ (a bundle cannot vouch for itself); those are only
 * listed, with whether they are among the keys given. Then what the page
 * shows of it: the manifest, the hits, the exporter's completeness report.
 */
import { isAgentError } from '../../errors.js';
import { keyIdOf, type TrustStore } from '../../integrity/keys.js';
import { portableCrypto } from '../../integrity/portable-crypto.js';
import { parsePublicKeys } from '../../integrity/public-keys.js';
import { decodeLogsJsonValue } from '../../otlp/json.js';
import { BundleError, MANIFEST_PATH, parseManifest, readBundleZip, type Bundle, type BundleManifest } from '../bundle/bundle.js';
import { checkBundle, type BundleCheck } from '../bundle/check.js';
import { webDeflateCodec } from '../bundle/web-codec.js';
import { readZip } from '../bundle/zip.js';
import type { BundleOutcome } from '../proof/report.js';
import { MAX_ROWS, type BundleKeyView, type BundleView, type CompletenessView, type FindingView, type HitRow, type WindowView } from './protocol.js';
import { recordFields, recordsOf } from './records.js';

/** A bundle checked (or refused for not matching its manifest), and its view; throws when it cannot be read at all. */
export async function checkDroppedBundle(blob: Blob, name: string, trust: TrustStore): Promise<{ outcome: BundleOutcome; view: BundleView }> {
  const zip = new Uint8Array(await blob.arrayBuffer());
  const empty = { name, size: blob.size, keys: [], hits: [], hitCount: 0, unproven: 0, proofCount: 0, invalidProofs: 0 };
  let bundle: Bundle;
  try {
    bundle = await readBundleZip(zip, { codec: webDeflateCodec });
  } catch (err) {
    if (err instanceof BundleError && err.code === 'BUNDLE_MISMATCH') {
      const manifest = await manifestOf(zip);
      return { outcome: { path: name, mismatch: err.problems }, view: { ...empty, ...(manifest ? { manifest: manifestView(manifest) } : {}), mismatch: [...err.problems] } };
    }
    throw new Error(`${name}: not a readable evidence bundle: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const check = await checkBundle(bundle, portableCrypto, trust);
  return {
    outcome: { path: name, check },
    view: {
      ...empty,
      manifest: manifestView(bundle.manifest),
      completeness: completenessView(bundle.completeness),
      keys: keyViews(bundle, trust),
      hits: await hitRows(bundle, check),
      hitCount: check.hits.length,
      unproven: check.hits.filter((h) => !h.ok).length,
      proofCount: check.proofs.length,
      invalidProofs: check.proofs.filter((p) => !p.check.ok).length,
    },
  };
}

/** The manifest of a bundle whose files do not match it, to show what it claims. */
async function manifestOf(zip: Uint8Array): Promise<BundleManifest | undefined> {
  try {
    const m = (await readZip(zip, webDeflateCodec)).find((e) => e.name === MANIFEST_PATH);
    return m ? parseManifest(m.bytes) : undefined;
  } catch {
    return undefined;
  }
}

/** An object's members as [key, value as text] (strings as they are, anything else as JSON). */
function entries(o: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

function manifestView(m: BundleManifest): NonNullable<BundleView['manifest']> {
  return {
    created: m.created,
    sealogVersion: m.sealog_version,
    query: entries(m.query),
    counts: entries(m.counts),
    files: m.files.map((f) => ({ path: f.path, bytes: f.bytes })),
  };
}

/** What the bundle's key files hold, and whether their anchors are among the trusted ones. */
function keyViews(b: Bundle, trust: TrustStore): BundleKeyView[] {
  const trusted = new Set(trust.anchors().map((k) => k.anchorId));
  return b.keys.map((k) => {
    const name = `keys/${k.name}`;
    try {
      const entries = parsePublicKeys(new TextDecoder().decode(k.bytes), name);
      const anchors = [...new Set(entries.map((e) => (e.epoch === 0 ? keyIdOf(portableCrypto, e.publicKey) : (e.anchorId ?? ''))).filter((a) => a !== ''))];
      const given = anchors.filter((a) => trusted.has(a));
      const what = entries.length === 1 ? 'a public key' : `a keyring of ${entries.length} keys`;
      return {
        name,
        detail:
          anchors.length === 0
            ? `${what} naming no anchor`
            : `${what}, anchor ${anchors.join(', ')}: ${given.length === anchors.length ? 'the same as a key you gave' : 'NOT among the keys you gave (the proofs were checked against yours only)'}`,
      };
    } catch (err) {
      return { name, detail: isAgentError(err) || err instanceof Error ? err.message : String(err) };
    }
  });
}

/** At most MAX_ROWS hits with their check, the unproven first (in file order), and what the table shows of each record. */
async function hitRows(b: Bundle, check: BundleCheck): Promise<HitRow[]> {
  const unproven: HitRow[] = [];
  const proven: HitRow[] = [];
  let i = 0;
  for await (const line of b.hits.lines()) {
    const h = check.hits[i++];
    if (!h) break;
    const list = h.ok ? proven : unproven;
    if (list.length >= MAX_ROWS) continue;
    const row: HitRow = { where: h.where, proven: h.ok, reason: h.reason ?? '', stream: h.stream ?? '', seq: h.seq === undefined ? '' : String(h.seq), timeNs: '0', severityNumber: 0, severityText: '', body: '' };
    try {
      const view = recordsOf(decodeLogsJsonValue(JSON.parse(line))).next();
      if (!view.done) {
        const f = recordFields(view.value);
        Object.assign(row, { timeNs: f.timeNs, severityNumber: f.severityNumber, severityText: f.severityText, body: f.body }, row.stream ? {} : { stream: f.stream });
      }
    } catch {
      // Not OTLP JSON: the check says so (its reason).
    }
    list.push(row);
  }
  return [...unproven, ...proven].slice(0, MAX_ROWS);
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function findingOf(f: unknown): FindingView {
  const o = isObject(f) ? f : {};
  const sev = o['severity'];
  const seq = text(o['seq']);
  const end = text(o['seq_end']);
  return {
    kind: text(o['kind']),
    severity: sev === 'violation' || sev === 'warning' || sev === 'note' ? sev : 'note',
    seq: seq && end ? `${seq}..${end}` : seq,
    message: text(o['message']) || JSON.stringify(f),
    where: text(o['where']),
  };
}

/**
 * completeness.json as the page shows it: `sealog search`'s summary (its
 * windows, each with what it cannot show) and the hits it could not prove.
 * Any JSON is accepted (the bundle's manifest vouches for the bytes, not
 * for the meaning); what is not of that shape is left to the raw view.
 */
export function completenessView(c: unknown): CompletenessView {
  const o = isObject(c) ? c : {};
  const windows: WindowView[] = (Array.isArray(o['windows']) ? o['windows'] : []).filter(isObject).map((w) => {
    const from = text(w['seq_from']);
    const to = text(w['seq_to']);
    return {
      stream: text(w['stream']),
      chain: text(w['chain']),
      seqs: from && to ? `${from}..${to}` : '',
      records: text(w['records_in_window']),
      complete: bool(w['complete']),
      findings: (Array.isArray(w['findings']) ? w['findings'] : []).map(findingOf),
    };
  });
  const unproven = (Array.isArray(o['unproven']) ? o['unproven'] : []).map((u) => (isObject(u) ? `${text(u['stream'])} seq ${text(u['seq'])}: ${text(u['code'])}: ${text(u['reason'])}` : JSON.stringify(u)));
  return { windowComplete: bool(o['window_complete']), allVerified: bool(o['all_verified']), windows, unproven, json: JSON.stringify(c, null, 2) };
}
