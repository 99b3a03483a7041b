/**
 * What a dropped file is, told by its content, never by its name: a public
 * key (sealog.pub, a keyring, a PEM Ed25519 key), OTLP JSON lines (plain or
 * gzip), inclusion proofs (`sealog prove`: sealog-proof-v1 JSON, one
 * document or JSON lines), an evidence bundle (a zip), a private key
 * (refused: an auditor needs only the public one), or none of these.
 */
import { isAgentError } from '../../errors.js';
import type { KeyringEntry } from '../../integrity/keys.js';
import { keyIdOf } from '../../integrity/keys.js';
import { portableCrypto } from '../../integrity/portable-crypto.js';
import { KEY_FORMAT, parsePublicKeys } from '../../integrity/public-keys.js';
import { PROOF_FORMAT } from '../proof/format.js';
import { blobContent, isGzipBlob } from './blob-lines.js';
import type { InputKind } from './protocol.js';

/** How much of a file's (decompressed) content decides what it is; key files are smaller than this. */
export const HEAD_BYTES = 64 * 1024;

export interface Classified {
  kind: InputKind;
  gzip: boolean;
  detail: string;
  /** The key file's entries (kind 'key'). */
  keys?: KeyringEntry[];
}

const ZIP_MAGIC = [0x50, 0x4b];

/** The first HEAD_BYTES of the content (gunzipped when gzip); `complete` when that is all of it. */
async function head(blob: Blob, gzip: boolean): Promise<{ bytes: Uint8Array; complete: boolean }> {
  if (!gzip) {
    const bytes = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
    return { bytes, complete: blob.size <= HEAD_BYTES };
  }
  const reader = (await blobContent(blob)).getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  let complete = false;
  try {
    while (n < HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      parts.push(value);
      n += value.length;
    }
  } catch {
    // A damaged gzip stream: what was read so far decides (the checker reports the rest).
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(Math.min(n, HEAD_BYTES));
  let o = 0;
  for (const p of parts) {
    const take = Math.min(p.length, bytes.length - o);
    bytes.set(p.subarray(0, take), o);
    o += take;
  }
  return { bytes, complete: complete && n <= HEAD_BYTES };
}

export async function classifyFile(blob: Blob, name: string): Promise<Classified> {
  const gzip = await isGzipBlob(blob);
  if (!gzip) {
    const magic = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    if (magic[0] === ZIP_MAGIC[0] && magic[1] === ZIP_MAGIC[1] && (magic[2] === 3 || magic[2] === 5) && (magic[3] === 4 || magic[3] === 6)) {
      return { kind: 'bundle', gzip, detail: 'a zip archive (evidence bundle)' };
    }
  }
  const h = await head(blob, gzip);
  return { gzip, ...classifyText(new TextDecoder().decode(h.bytes), h.complete, name) };
}

/** `sealog prove` writes the format member first: `{"format":"sealog-proof-v1", ...`, pretty-printed or not, alone or in an array. */
const PROOF_START = new RegExp(`^\\[?\\s*\\{\\s*"format"\\s*:\\s*"${PROOF_FORMAT}"`);

/** A proof (or an array of proofs) in JSON: its first line, or the whole text when that is all of it, read as JSON. */
function isProofText(t: string, complete: boolean): boolean {
  if (PROOF_START.test(t)) return true;
  const nl = t.indexOf('\n');
  const candidates = [...(nl >= 0 ? [t.slice(0, nl)] : []), ...(complete ? [t] : [])];
  for (const candidate of candidates) {
    let v: unknown;
    try {
      v = JSON.parse(candidate) as unknown;
    } catch {
      continue;
    }
    const head: unknown = Array.isArray(v) ? v[0] : v;
    if (typeof head === 'object' && head !== null && (head as { format?: unknown }).format === PROOF_FORMAT) return true;
  }
  return false;
}

/** What a file is from the text of its head (all of it when `complete`). */
export function classifyText(text: string, complete: boolean, name: string): Omit<Classified, 'gzip'> {
  const t = text.trimStart();
  // Before logs: a proof holds its record as OTLP JSON (with resourceLogs).
  if ((t.startsWith('{') || t.startsWith('[')) && isProofText(t, complete)) return { kind: 'proofs', detail: `inclusion proofs (${PROOF_FORMAT})` };
  if (/"resource_?[lL]ogs"\s*:/.test(t) && t.startsWith('{')) return { kind: 'logs', detail: 'OTLP JSON lines' };
  if (t.startsWith('-----BEGIN') && !t.startsWith('-----BEGIN PUBLIC KEY-----')) {
    return { kind: 'private-key', detail: 'a PEM file that is not a public key: not used (give the public key, sealog.pub)' };
  }
  if (t.startsWith('-----BEGIN PUBLIC KEY-----') || t.startsWith('{')) {
    if (!complete) return { kind: 'unknown', detail: 'starts like JSON but is neither OTLP JSON lines nor a key file' };
    if (t.includes(`"${KEY_FORMAT}"`)) return { kind: 'private-key', detail: 'a PRIVATE sealog key: not used, and it should not leave its host (give the public key, sealog.pub)' };
    try {
      const keys = parsePublicKeys(text, name);
      return { kind: 'key', detail: describeKeys(keys), keys };
    } catch (err) {
      if (isAgentError(err)) return { kind: 'unknown', detail: err.message };
      throw err;
    }
  }
  return { kind: 'unknown', detail: 'not a public key, OTLP JSON lines, proofs or an evidence bundle' };
}

function describeKeys(keys: readonly KeyringEntry[]): string {
  if (keys.length === 1 && keys[0]!.epoch === 0) return `public key (anchor ${keyIdOf(portableCrypto, keys[0]!.publicKey)})`;
  const epochs = keys.map((k) => k.epoch).sort((a, b) => a - b);
  return `keyring: ${keys.length} key(s), epochs ${epochs[0]}..${epochs[epochs.length - 1]}`;
}
