/**
 * Key files on disk (docs/PROTOCOL.md §8):
 *
 *   sealog.key      private, 0600, JSON: the current epoch's seed, and during a
 *                   rotation the next epoch's seed ("pending") with its certificate
 *   sealog.pub      the epoch-0 public key: the trust anchor the checker needs
 *   sealog.keyring  public, JSON lines: every later epoch's public key with its
 *                   certificate signed by the previous epoch's key
 *
 * Writes are atomic (temp file, fsync, rename, fsync dir). Rotation overwrites
 * the old private key with the new one; the old seed is zeroed in place first.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AgentError } from '../../errors.js';
import { fromHex, toHex } from '../bytes.js';
import { keyCertStatement } from '../control.js';
import type { Signer } from '../crypto.js';
import type { KeyringEntry } from '../keys.js';
import { KEY_FORMAT, parsePublicKeys, parseSinceNs, PUB_FORMAT } from '../public-keys.js';
import { nodeCrypto, signerFromSeed } from './crypto.js';

export { KEY_FORMAT, PUB_FORMAT };

interface SeedJson {
  epoch: number;
  key_id: string;
  public_key: string;
  private_key: string; // base64 seed
  created: string;
  cert?: string;
  /** When the key came into force (ns since the Unix epoch, decimal): covered by a v2 `cert`. */
  since_ns?: string;
}

interface KeyFileJson extends SeedJson {
  format: string;
  alg: 'ed25519';
  anchor_id: string;
  pending?: SeedJson;
}

export interface PubJson {
  format: string;
  alg: 'ed25519';
  anchor_id: string;
  epoch: number;
  key_id: string;
  public_key: string;
  cert?: string;
  since_ns?: string;
}

export interface LoadedKey {
  path: string;
  anchorId: string;
  signer: Signer;
  createdMs: number;
  pending?: { signer: Signer; cert: Uint8Array; createdMs: number; sinceNs?: bigint };
}

function seedJson(seed: Uint8Array, signer: Signer, cert?: Uint8Array, sinceNs?: bigint): SeedJson {
  return {
    epoch: signer.epoch,
    key_id: signer.keyId,
    public_key: toHex(signer.publicKey),
    private_key: Buffer.from(seed).toString('base64'),
    created: new Date().toISOString(),
    ...(cert ? { cert: toHex(cert) } : {}),
    ...(sinceNs !== undefined ? { since_ns: sinceNs.toString() } : {}),
  };
}

/** Writes `data` to `path` atomically with `mode`. */
export function writeFileAtomic(path: string, data: string, mode: number): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dfd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

/** Overwrites a file's bytes with zeros in place (best effort: journaling and SSDs may keep copies). */
function shred(path: string): void {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, constants.O_WRONLY);
    try {
      writeSync(fd, Buffer.alloc(size), 0, size, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The rename below replaces it anyway.
  }
}

export function generateKeyFiles(dir: string, opts: { force?: boolean } = {}): { keyFile: string; pubFile: string; keyId: string } {
  const keyFile = join(dir, 'sealog.key');
  const pubFile = join(dir, 'sealog.pub');
  if (!opts.force && (existsSync(keyFile) || existsSync(pubFile))) {
    throw new AgentError('USAGE', `${keyFile} or ${pubFile} already exists; refusing to overwrite a key (pass --force to replace it)`);
  }
  const seed = new Uint8Array(randomBytes(32));
  const signer = signerFromSeed(seed, 0);
  const key: KeyFileJson = { format: KEY_FORMAT, alg: 'ed25519', anchor_id: signer.keyId, ...seedJson(seed, signer) };
  writeFileAtomic(keyFile, JSON.stringify(key, null, 2) + '\n', 0o600);
  writeFileAtomic(pubFile, JSON.stringify(pubJson(signer.keyId, signer), null, 2) + '\n', 0o644);
  seed.fill(0);
  return { keyFile, pubFile, keyId: signer.keyId };
}

function pubJson(anchorId: string, signer: Signer, cert?: Uint8Array, sinceNs?: bigint): PubJson {
  return {
    format: PUB_FORMAT,
    alg: 'ed25519',
    anchor_id: anchorId,
    epoch: signer.epoch,
    key_id: signer.keyId,
    public_key: toHex(signer.publicKey),
    ...(cert ? { cert: toHex(cert) } : {}),
    ...(sinceNs !== undefined ? { since_ns: sinceNs.toString() } : {}),
  };
}

function parseSeed(j: SeedJson, where: string): { signer: Signer; createdMs: number } {
  const seed = new Uint8Array(Buffer.from(String(j.private_key ?? ''), 'base64'));
  if (seed.length !== 32 || !Number.isInteger(j.epoch) || j.epoch < 0) {
    throw new AgentError('KEY_INVALID', `${where}: not a valid sealog key (expected a 32-byte base64 private_key and an epoch)`);
  }
  const signer = signerFromSeed(seed, j.epoch);
  if (j.public_key && j.public_key !== toHex(signer.publicKey)) {
    throw new AgentError('KEY_INVALID', `${where}: public_key does not match private_key; the file is damaged`);
  }
  const createdMs = Date.parse(j.created ?? '');
  return { signer, createdMs: Number.isNaN(createdMs) ? Date.now() : createdMs };
}

export function loadKeyFile(path: string): LoadedKey {
  let j: KeyFileJson;
  try {
    const st = statSync(path);
    if ((st.mode & 0o077) !== 0) {
      throw new AgentError('KEY_INVALID', `${path}: private key file is readable by group or others (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
    }
    j = JSON.parse(readFileSync(path, 'utf8')) as KeyFileJson;
  } catch (err) {
    if (err instanceof AgentError) throw err;
    throw new AgentError('KEY_INVALID', `cannot read key file ${path}: ${(err as Error).message} (create one with: sealog keygen --out ${dirname(path)})`);
  }
  if (j.format !== KEY_FORMAT) throw new AgentError('KEY_INVALID', `${path}: not a sealog private key (format ${String(j.format)})`);
  const cur = parseSeed(j, path);
  const out: LoadedKey = { path, anchorId: j.anchor_id, signer: cur.signer, createdMs: cur.createdMs };
  if (j.pending) {
    const p = parseSeed(j.pending, `${path} (pending)`);
    const cert = fromHex(j.pending.cert ?? '');
    if (!cert || cert.length !== 64) throw new AgentError('KEY_INVALID', `${path}: pending key has no certificate`);
    const sinceNs = parseSinceNs(j.pending.since_ns, `${path} (pending)`);
    out.pending = { signer: p.signer, cert, createdMs: p.createdMs, ...(sinceNs !== undefined ? { sinceNs } : {}) };
  }
  return out;
}

/**
 * Step 1 of a rotation: make key k+1, certify it with key k (a v2
 * certificate: it also signs the time k+1 comes into force, now), store both.
 */
export function prepareRotation(key: LoadedKey, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): LoadedKey {
  if (key.pending) return key;
  const j = JSON.parse(readFileSync(key.path, 'utf8')) as KeyFileJson;
  const seed = new Uint8Array(randomBytes(32));
  const next = signerFromSeed(seed, key.signer.epoch + 1);
  const cert = key.signer.sign(keyCertStatement(key.anchorId, next.epoch, next.publicKey, nowNs));
  j.pending = seedJson(seed, next, cert, nowNs);
  writeFileAtomic(key.path, JSON.stringify(j, null, 2) + '\n', 0o600);
  seed.fill(0);
  return { ...key, pending: { signer: next, cert, createdMs: Date.now(), sinceNs: nowNs } };
}

/**
 * Step 2, once the seal announcing k+1 is durable: k+1 becomes current, its
 * public key and certificate go to the keyring, and key k is destroyed.
 */
export async function commitRotation(key: LoadedKey): Promise<LoadedKey> {
  if (!key.pending) return key;
  const j = JSON.parse(readFileSync(key.path, 'utf8')) as KeyFileJson;
  const p = j.pending!;
  const next: KeyFileJson = { format: KEY_FORMAT, alg: 'ed25519', anchor_id: j.anchor_id, ...p };
  delete next.cert;
  const entry = pubJson(key.anchorId, key.pending.signer, key.pending.cert, key.pending.sinceNs);
  await appendKeyring(keyringPath(key.path), entry);
  shred(key.path);
  writeFileAtomic(key.path, JSON.stringify(next, null, 2) + '\n', 0o600);
  return { path: key.path, anchorId: key.anchorId, signer: key.pending.signer, createdMs: key.pending.createdMs };
}

export function keyringPath(keyFile: string): string {
  return join(dirname(keyFile), 'sealog.keyring');
}

async function appendKeyring(path: string, entry: PubJson): Promise<void> {
  let existing = '';
  try {
    existing = await readFile(path, 'utf8');
  } catch {
    existing = '';
  }
  if (existing.includes(`"key_id":"${entry.key_id}"`)) return;
  await appendFile(path, JSON.stringify(entry) + '\n', { mode: 0o644 });
}

/**
 * Reads a public key file for the checker: a sealog.pub, a keyring (JSON
 * lines), or a PEM SPKI Ed25519 public key (parsed by ../public-keys.ts).
 * Returns keyring entries.
 */
export function readPublicKeys(path: string): KeyringEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot read key ${path}: ${(err as Error).message}`);
  }
  return parsePublicKeys(text, path);
}

export { nodeCrypto };
