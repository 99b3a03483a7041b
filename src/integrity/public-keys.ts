/**
 * Public key files for the checker, from their text (docs/PROTOCOL.md §8):
 * a `sealog.pub`, a keyring (JSON lines), or a PEM SPKI Ed25519 public key.
 * Portable (no node: imports): `sealog verify` reads the file and calls this
 * (node/keyfile.ts readPublicKeys), the browser page calls it on a dropped file.
 */
import { AgentError } from '../errors.js';
import { base64ToBytes } from '../otlp/binary-text.js';
import { fromHex } from './bytes.js';
import type { KeyringEntry } from './keys.js';

export const KEY_FORMAT = 'sealog-key-v1';
export const PUB_FORMAT = 'sealog-pub-v1';

const PEM_PUBLIC = '-----BEGIN PUBLIC KEY-----';
/** DER of an Ed25519 SubjectPublicKeyInfo: a 12-byte header, then the raw 32-byte key (RFC 8410). */
const SPKI_BYTES = 44;

/** A decimal ns time from a key file, or undefined when absent; a damaged one is an error. */
export function parseSinceNs(v: unknown, where: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) throw new AgentError('KEY_INVALID', `${where}: since_ns must be a decimal string of nanoseconds`);
  return BigInt(v);
}

interface PubFields {
  format?: unknown;
  anchor_id?: unknown;
  epoch?: unknown;
  public_key?: unknown;
  cert?: unknown;
  since_ns?: unknown;
}

/** The keyring entries in a public key file's text; `name` (its path) words the errors. */
export function parsePublicKeys(text: string, name: string): KeyringEntry[] {
  const t = text.trim();
  if (t.startsWith(PEM_PUBLIC)) {
    const der = base64ToBytes(t.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''));
    if (!der || der.length !== SPKI_BYTES) throw new AgentError('KEY_INVALID', `${name}: not an Ed25519 public key`);
    return [{ epoch: 0, publicKey: der.slice(SPKI_BYTES - 32) }];
  }
  const objects: PubFields[] = [];
  if (t.startsWith('{') && !t.includes('\n{')) {
    try {
      objects.push(JSON.parse(t) as PubFields);
    } catch (err) {
      throw new AgentError('KEY_INVALID', `${name}: not a sealog public key (${(err as Error).message})`);
    }
  } else {
    const lines = t.split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        objects.push(JSON.parse(line) as PubFields);
      } catch (err) {
        throw new AgentError('KEY_INVALID', `${name}:${i + 1}: not a keyring entry (${(err as Error).message})`);
      }
    });
  }
  return objects.map((o, i) => {
    const pub = fromHex(String(o.public_key ?? ''));
    if (o.format === KEY_FORMAT) {
      throw new AgentError('KEY_INVALID', `${name} is a PRIVATE key; give the checker the public key (sealog.pub) instead`);
    }
    if (!pub || pub.length !== 32 || !Number.isInteger(o.epoch)) {
      throw new AgentError('KEY_INVALID', `${name}${objects.length > 1 ? `:${i + 1}` : ''}: not a sealog public key (public_key must be 64 hex digits, epoch an integer)`);
    }
    const cert = o.cert ? fromHex(String(o.cert)) : undefined;
    const entry: KeyringEntry = { epoch: o.epoch as number, publicKey: pub };
    if (o.anchor_id) entry.anchorId = String(o.anchor_id);
    if (cert) entry.cert = cert;
    const sinceNs = parseSinceNs(o.since_ns, `${name}${objects.length > 1 ? `:${i + 1}` : ''}`);
    if (sinceNs !== undefined) entry.sinceNs = sinceNs;
    return entry;
  });
}
