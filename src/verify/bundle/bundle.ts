/**
 * Evidence bundles (docs/VERIFY.md, "Evidence bundles"): the layout, the
 * manifest, and the in-memory forms, without node: imports so that a browser
 * page can read (and write) a bundle's zip form. The directory form and file
 * I/O are in ./node.ts.
 *
 *   manifest.json       {format, created, sealog_version, query, counts, files: [{path, sha256, bytes}]}
 *   hits.jsonl          OTLP JSON lines (what `sealog verify` reads)
 *   hits.json           optional: one JSON object per hit, one per line
 *   proofs.jsonl        one proof per line
 *   completeness.json   the completeness report
 *   keys/NAME           public keys and keyrings, verbatim
 *
 * The manifest lists every other file with its SHA-256 and size; reading a
 * bundle checks all of them and refuses a missing, extra or changed file.
 * The manifest itself is not signed: what makes the hits evidence is their
 * proofs, which verify against the public key alone.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { readZip, writeZip, ZIP_DEFAULT_MAX_TOTAL_BYTES, type DeflateCodec, type ReadZipLimits } from './zip.js';

export const BUNDLE_FORMAT = 'sealog-bundle-v1';
export const MANIFEST_PATH = 'manifest.json';
export const HITS_PATH = 'hits.jsonl';
export const HITS_JSON_PATH = 'hits.json';
export const PROOFS_PATH = 'proofs.jsonl';
export const COMPLETENESS_PATH = 'completeness.json';
export const KEYS_DIR = 'keys';

/** Files read whole into memory are capped, so a hostile directory bundle cannot exhaust memory. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const MAX_COMPLETENESS_BYTES = 64 * 1024 * 1024;
export const MAX_KEY_BYTES = 16 * 1024 * 1024;
export const MAX_KEYS = 1000;
/** Longest line `lines()`/`values()` hold. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface ManifestFile {
  path: string;
  /** Lowercase hex. */
  sha256: string;
  bytes: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  /** RFC 3339. */
  created: string;
  sealog_version: string;
  query: Record<string, unknown>;
  counts: Record<string, unknown>;
  files: ManifestFile[];
}

/** A file's content as given to the writer: whole, or as chunks (streamed by the directory form). */
export type ChunkSource = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface BundleKey {
  /** The file name under keys/: letters, digits and `._@+-`, not starting with a dot. */
  name: string;
  bytes: Uint8Array;
}

export interface BundleContent {
  /** The query as the caller gives it; stored in the manifest as is. */
  query: Record<string, unknown>;
  /** Counts as the caller gives them; stored in the manifest as is. */
  counts: Record<string, unknown>;
  /** hits.jsonl: OTLP JSON lines. */
  hits: ChunkSource;
  /** hits.json (optional): one JSON object per hit, one per line. */
  hitsJson?: ChunkSource;
  /** proofs.jsonl: one proof JSON per line (see `jsonLines`). */
  proofs: ChunkSource;
  /** completeness.json: any JSON value, written with two-space indentation. */
  completeness: unknown;
  /** At least one. */
  keys: readonly BundleKey[];
}

export interface BundleOptions {
  sealogVersion: string;
  /** The manifest's `created` and the zip entries' mtime; default now. */
  created?: Date;
}

export type BundleErrorCode =
  /** Not a bundle, or a malformed one: manifest missing or invalid, a file that is not JSON where JSON is required. */
  | 'BUNDLE_INVALID'
  /** The files do not match the manifest: missing, extra or changed. `problems` names each one. */
  | 'BUNDLE_MISMATCH'
  /** The target exists (a file, or a non-empty directory). */
  | 'BUNDLE_EXISTS';

export class BundleError extends Error {
  readonly code: BundleErrorCode;
  readonly problems: readonly string[];
  constructor(code: BundleErrorCode, problems: string | readonly string[], options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? list[0] : `${list.length} problems: ${list.join('; ')}`, options);
    this.code = code;
    this.problems = list;
    this.name = 'BundleError';
  }
}

/** Incremental SHA-256; `node.ts` passes node:crypto's, the default is @noble/hashes. */
export interface Sha256 {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}
export type Sha256Factory = () => Sha256;
export const portableSha256: Sha256Factory = () => nobleSha256.create();

/** One checked file of a bundle. */
export interface BundleData {
  /** The path inside the bundle. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Directory form: the file on disk. Reading it again elsewhere is not checked; `chunks()` is. */
  readonly file?: string;
  /** The content; the directory form hashes it again as it streams and throws `BUNDLE_MISMATCH` at the end if it changed. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Whole, as UTF-8 (for small files). */
  text(): Promise<string>;
  /** Its non-empty lines without the line break (LF or CRLF). */
  lines(): AsyncIterable<string>;
  /** Each non-empty line parsed as JSON; a line that is not names `path:line`. */
  values(): AsyncIterable<unknown>;
}

export interface Bundle {
  manifest: BundleManifest;
  completeness: unknown;
  keys: BundleKey[];
  hits: BundleData;
  hitsJson?: BundleData;
  proofs: BundleData;
}

// ---------------------------------------------------------------- helpers

const encoder = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const KEY_NAME = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,254}$/;

/** True for a path the layout allows (manifest.json excluded). */
export function isBundlePath(path: string): boolean {
  if (path === HITS_PATH || path === HITS_JSON_PATH || path === PROOFS_PATH || path === COMPLETENESS_PATH) return true;
  return path.startsWith(`${KEYS_DIR}/`) && KEY_NAME.test(path.slice(KEYS_DIR.length + 1));
}

/** Chunks of a source as bytes (strings UTF-8 encoded). */
export async function* chunksOf(src: ChunkSource): AsyncIterable<Uint8Array> {
  if (typeof src === 'string') {
    yield encoder.encode(src);
    return;
  }
  if (src instanceof Uint8Array) {
    yield src;
    return;
  }
  for await (const c of src as AsyncIterable<string | Uint8Array>) {
    yield typeof c === 'string' ? encoder.encode(c) : c;
  }
}

/** JSON lines of `values` (each `JSON.stringify`, then a newline): a `ChunkSource` for proofs.jsonl or hits.json. */
export async function* jsonLines(values: Iterable<unknown> | AsyncIterable<unknown>): AsyncIterable<string> {
  let n = 0;
  for await (const v of values as AsyncIterable<unknown>) {
    n++;
    const line = JSON.stringify(v);
    if (line === undefined) throw new BundleError('BUNDLE_INVALID', `value ${n} cannot be written as JSON`);
    yield `${line}\n`;
  }
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Non-empty lines of a byte stream with their line numbers (every line counts), UTF-8 checked, LF or CRLF. */
async function* numberedLines(path: string, chunks: AsyncIterable<Uint8Array>): AsyncIterable<{ text: string; no: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let no = 0;
  const decode = (c?: Uint8Array): string => {
    try {
      return c === undefined ? decoder.decode() : decoder.decode(c, { stream: true });
    } catch {
      throw new BundleError('BUNDLE_INVALID', `${path}:${no + 1}: not valid UTF-8`);
    }
  };
  const split = function* (text: string, final: boolean): Iterable<{ text: string; no: number }> {
    pending += text;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
      no++;
      const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const line = pending.slice(start, end);
      start = nl + 1;
      if (line.trim() !== '') yield { text: line, no };
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_BYTES) {
      throw new BundleError('BUNDLE_INVALID', `${path}:${no + 1}: line longer than ${MAX_LINE_BYTES} characters`);
    }
    if (final && pending.trim() !== '') yield { text: pending, no: no + 1 };
  };
  for await (const c of chunks) yield* split(decode(c), false);
  yield* split(decode(), true);
}

/** Non-empty lines of a byte stream without their line break (LF or CRLF), UTF-8 checked; errors name `path:line`. */
export async function* linesOf(path: string, chunks: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  for await (const line of numberedLines(path, chunks)) yield line.text;
}

/** `linesOf`, each line parsed as JSON; a line that is not JSON is a `BUNDLE_INVALID` naming `path:line`. */
export async function* valuesOf(path: string, chunks: AsyncIterable<Uint8Array>): AsyncIterable<unknown> {
  for await (const line of numberedLines(path, chunks)) {
    let value: unknown;
    try {
      value = JSON.parse(line.text) as unknown;
    } catch (err) {
      throw new BundleError('BUNDLE_INVALID', `${path}:${line.no}: not JSON (${err instanceof Error ? err.message : String(err)})`, {
        cause: err,
      });
    }
    yield value;
  }
}

// ---------------------------------------------------------------- writing

function checkContent(content: BundleContent): void {
  const problems: string[] = [];
  if (!isPlainObject(content.query)) problems.push('query must be an object');
  if (!isPlainObject(content.counts)) problems.push('counts must be an object');
  if (content.keys.length === 0) problems.push('a bundle needs at least one key file');
  if (content.keys.length > MAX_KEYS) problems.push(`at most ${MAX_KEYS} key files`);
  const seen = new Set<string>();
  for (const k of content.keys) {
    if (!KEY_NAME.test(k.name)) problems.push(`key file name ${JSON.stringify(k.name)} is not allowed (letters, digits, ._@+-, no leading dot)`);
    if (seen.has(k.name)) problems.push(`key file ${JSON.stringify(k.name)} given twice`);
    seen.add(k.name);
    if (k.bytes.length > MAX_KEY_BYTES) problems.push(`key file ${JSON.stringify(k.name)} is over ${MAX_KEY_BYTES} bytes`);
  }
  if (problems.length > 0) throw new BundleError('BUNDLE_INVALID', problems);
}

/**
 * The files of a bundle other than the manifest, in manifest order, each as a
 * chunk source (validated first: throws `BUNDLE_INVALID`).
 */
export function bundleSources(content: BundleContent): { path: string; source: ChunkSource }[] {
  checkContent(content);
  const completeness = JSON.stringify(content.completeness, null, 2);
  if (completeness === undefined) throw new BundleError('BUNDLE_INVALID', 'completeness cannot be written as JSON');
  const out: { path: string; source: ChunkSource }[] = [{ path: HITS_PATH, source: content.hits }];
  if (content.hitsJson !== undefined) out.push({ path: HITS_JSON_PATH, source: content.hitsJson });
  out.push({ path: PROOFS_PATH, source: content.proofs }, { path: COMPLETENESS_PATH, source: `${completeness}\n` });
  for (const k of [...content.keys].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out.push({ path: `${KEYS_DIR}/${k.name}`, source: k.bytes });
  }
  return out;
}

/** The manifest of a bundle with `files` (as `bundleSources` orders them). */
export function makeManifest(content: BundleContent, files: readonly ManifestFile[], opts: BundleOptions): BundleManifest {
  const created = opts.created ?? new Date();
  if (!Number.isFinite(created.getTime())) throw new BundleError('BUNDLE_INVALID', 'created is not a valid time');
  return {
    format: BUNDLE_FORMAT,
    created: created.toISOString(),
    sealog_version: opts.sealogVersion,
    query: content.query,
    counts: content.counts,
    files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
  };
}

/** manifest.json's bytes: two-space indented JSON and a newline. */
export function encodeManifest(manifest: BundleManifest): Uint8Array {
  return encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

export interface ZipBundleOptions extends BundleOptions {
  codec: Pick<DeflateCodec, 'deflateRaw'>;
  sha256?: Sha256Factory;
  /** Refuse content over this many bytes in all (default 1 GiB, what `readBundleZip` accepts by default). */
  maxTotalBytes?: number;
}

/**
 * A bundle's zip form, in memory: every file is held whole, uncompressed and
 * compressed, so this is for bundles up to `maxTotalBytes` (1 GiB by
 * default); larger ones belong in the directory form.
 */
export async function writeBundleZip(content: BundleContent, opts: ZipBundleOptions): Promise<{ zip: Uint8Array; manifest: BundleManifest }> {
  const max = opts.maxTotalBytes ?? ZIP_DEFAULT_MAX_TOTAL_BYTES;
  const sha = opts.sha256 ?? portableSha256;
  const created = opts.created ?? new Date();
  const files: { path: string; bytes: Uint8Array; meta: ManifestFile }[] = [];
  let total = 0;
  for (const { path, source } of bundleSources(content)) {
    const parts: Uint8Array[] = [];
    const h = sha();
    for await (const c of chunksOf(source)) {
      total += c.length;
      if (total > max) {
        throw new BundleError('BUNDLE_INVALID', `the bundle is over ${max} bytes, too large for the zip form; write a directory instead`);
      }
      h.update(c);
      parts.push(c);
    }
    const bytes = concatBytes(parts);
    files.push({ path, bytes, meta: { path, sha256: toHex(h.digest()), bytes: bytes.length } });
  }
  const manifest = makeManifest(content, files.map((f) => f.meta), { ...opts, created });
  const zip = await writeZip(
    [{ name: MANIFEST_PATH, bytes: encodeManifest(manifest), mtime: created }, ...files.map((f) => ({ name: f.path, bytes: f.bytes, mtime: created }))],
    opts.codec,
  );
  return { zip, manifest };
}

// ---------------------------------------------------------------- reading

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Parses and validates manifest.json (`BUNDLE_INVALID` naming each problem). */
export function parseManifest(bytes: Uint8Array): BundleManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) throw new BundleError('BUNDLE_INVALID', `${MANIFEST_PATH} is over ${MAX_MANIFEST_BYTES} bytes`);
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new BundleError('BUNDLE_INVALID', `${MANIFEST_PATH} is not JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const bad = (why: string): never => {
    throw new BundleError('BUNDLE_INVALID', `${MANIFEST_PATH}: ${why}`);
  };
  if (!isPlainObject(m)) return bad('not a JSON object');
  const known = new Set(['format', 'created', 'sealog_version', 'query', 'counts', 'files']);
  for (const k of Object.keys(m)) if (!known.has(k)) bad(`unknown field ${JSON.stringify(k)}`);
  if (m['format'] !== BUNDLE_FORMAT) bad(`format is ${JSON.stringify(m['format'])}, not ${JSON.stringify(BUNDLE_FORMAT)}`);
  const created = m['created'];
  if (typeof created !== 'string' || !RFC3339.test(created) || !Number.isFinite(Date.parse(created))) bad('created is not an RFC 3339 time');
  if (typeof m['sealog_version'] !== 'string') bad('sealog_version is not a string');
  if (!isPlainObject(m['query'])) bad('query is not an object');
  if (!isPlainObject(m['counts'])) bad('counts is not an object');
  const files = m['files'];
  if (!Array.isArray(files)) return bad('files is not an array');
  const seen = new Set<string>();
  const out: ManifestFile[] = [];
  for (const [i, f] of files.entries()) {
    if (!isPlainObject(f)) return bad(`files[${i}] is not an object`);
    const { path, sha256, bytes } = f;
    if (Object.keys(f).some((k) => k !== 'path' && k !== 'sha256' && k !== 'bytes')) bad(`files[${i}] has an unknown field`);
    if (typeof path !== 'string' || !isBundlePath(path)) return bad(`files[${i}].path ${JSON.stringify(path)} is not a file of the bundle layout`);
    if (seen.has(path)) bad(`${path} is listed twice`);
    seen.add(path);
    if (typeof sha256 !== 'string' || !HEX64.test(sha256)) bad(`${path}: sha256 is not 64 lowercase hex digits`);
    if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) bad(`${path}: bytes is not a size`);
    out.push({ path, sha256: sha256 as string, bytes: bytes as number });
  }
  for (const required of [HITS_PATH, PROOFS_PATH, COMPLETENESS_PATH]) if (!seen.has(required)) bad(`does not list ${required}`);
  const keys = out.filter((f) => f.path.startsWith(`${KEYS_DIR}/`));
  if (keys.length === 0) bad(`lists no file under ${KEYS_DIR}/`);
  if (keys.length > MAX_KEYS) bad(`lists more than ${MAX_KEYS} key files`);
  for (const f of out) {
    const cap = f.path === COMPLETENESS_PATH ? MAX_COMPLETENESS_BYTES : f.path.startsWith(`${KEYS_DIR}/`) ? MAX_KEY_BYTES : undefined;
    if (cap !== undefined && f.bytes > cap) bad(`${f.path} is over ${cap} bytes`);
  }
  return {
    format: BUNDLE_FORMAT,
    created: created as string,
    sealog_version: m['sealog_version'] as string,
    query: m['query'] as Record<string, unknown>,
    counts: m['counts'] as Record<string, unknown>,
    files: out,
  };
}

/** What a reader found: each file other than manifest.json with its size and SHA-256 (hex). */
export type FoundFiles = ReadonlyMap<string, { bytes: number; sha256: string }>;

/** Throws `BUNDLE_MISMATCH` naming every file that is missing, not listed, or not as listed. */
export function checkAgainstManifest(manifest: BundleManifest, found: FoundFiles): void {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const got = found.get(f.path);
    if (got === undefined) problems.push(`${f.path}: missing (listed in the manifest)`);
    else if (got.bytes !== f.bytes) problems.push(`${f.path}: changed (${got.bytes} bytes, the manifest says ${f.bytes})`);
    else if (got.sha256 !== f.sha256) problems.push(`${f.path}: changed (its SHA-256 is not the manifest's)`);
  }
  for (const path of found.keys()) if (!listed.has(path)) problems.push(`${path}: extra file (not in the manifest)`);
  if (problems.length > 0) throw new BundleError('BUNDLE_MISMATCH', problems);
}

/** A `BundleData` over bytes in memory. */
export function memoryData(meta: ManifestFile, bytes: Uint8Array): BundleData {
  async function* chunks(): AsyncIterable<Uint8Array> {
    yield bytes;
  }
  return dataOf(meta, chunks);
}

/** A `BundleData` whose content comes from `chunks`. */
export function dataOf(meta: ManifestFile, chunks: () => AsyncIterable<Uint8Array>, file?: string): BundleData {
  return {
    path: meta.path,
    bytes: meta.bytes,
    sha256: meta.sha256,
    ...(file === undefined ? {} : { file }),
    chunks,
    text: async () => {
      const parts: Uint8Array[] = [];
      for await (const c of chunks()) parts.push(c);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(concatBytes(parts));
      } catch {
        throw new BundleError('BUNDLE_INVALID', `${meta.path} is not valid UTF-8`);
      }
    },
    lines: () => linesOf(meta.path, chunks()),
    values: () => valuesOf(meta.path, chunks()),
  };
}

/** The `Bundle` of checked files (`data` holds one per manifest file): parses completeness.json and reads the keys. */
export async function assembleBundle(manifest: BundleManifest, data: ReadonlyMap<string, BundleData>): Promise<Bundle> {
  const get = (path: string): BundleData => {
    const d = data.get(path);
    if (d === undefined) throw new BundleError('BUNDLE_MISMATCH', `${path}: missing (listed in the manifest)`);
    return d;
  };
  const completenessText = await get(COMPLETENESS_PATH).text();
  let completeness: unknown;
  try {
    completeness = JSON.parse(completenessText) as unknown;
  } catch (err) {
    throw new BundleError('BUNDLE_INVALID', `${COMPLETENESS_PATH} is not JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const keys: BundleKey[] = [];
  for (const f of manifest.files) {
    if (!f.path.startsWith(`${KEYS_DIR}/`)) continue;
    const parts: Uint8Array[] = [];
    for await (const c of get(f.path).chunks()) parts.push(c);
    keys.push({ name: f.path.slice(KEYS_DIR.length + 1), bytes: concatBytes(parts) });
  }
  const hitsJson = data.get(HITS_JSON_PATH);
  return {
    manifest,
    completeness,
    keys,
    hits: get(HITS_PATH),
    ...(hitsJson === undefined ? {} : { hitsJson }),
    proofs: get(PROOFS_PATH),
  };
}

/**
 * A bundle from its files in memory (a zip's entries, or files a browser
 * page was given), checked against its manifest.
 */
export async function parseBundle(entries: readonly { name: string; bytes: Uint8Array }[], opts: { sha256?: Sha256Factory } = {}): Promise<Bundle> {
  const sha = opts.sha256 ?? portableSha256;
  const byName = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (byName.has(e.name)) throw new BundleError('BUNDLE_INVALID', `${e.name}: present twice`);
    byName.set(e.name, e.bytes);
  }
  const manifestEntry = byName.get(MANIFEST_PATH);
  if (manifestEntry === undefined) throw new BundleError('BUNDLE_INVALID', `not an evidence bundle: no ${MANIFEST_PATH}`);
  const manifest = parseManifest(manifestEntry);
  const found = new Map<string, { bytes: number; sha256: string }>();
  for (const [name, bytes] of byName) {
    if (name === MANIFEST_PATH) continue;
    const h = sha();
    h.update(bytes);
    found.set(name, { bytes: bytes.length, sha256: toHex(h.digest()) });
  }
  checkAgainstManifest(manifest, found);
  const data = new Map<string, BundleData>();
  for (const f of manifest.files) data.set(f.path, memoryData(f, byName.get(f.path) as Uint8Array));
  return assembleBundle(manifest, data);
}

export interface ReadZipBundleOptions {
  codec: Pick<DeflateCodec, 'inflateRaw'>;
  limits?: ReadZipLimits;
  sha256?: Sha256Factory;
}

/** A bundle's zip form, from its bytes: `ZipError` for a bad or hostile archive, `BundleError` for a bad bundle. Nothing touches a disk. */
export async function readBundleZip(zip: Uint8Array, opts: ReadZipBundleOptions): Promise<Bundle> {
  const entries = await readZip(zip, opts.codec, opts.limits);
  return parseBundle(entries, opts.sha256 === undefined ? {} : { sha256: opts.sha256 });
}
