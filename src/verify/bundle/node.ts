/**
 * Evidence bundles on disk (Node): `writeBundle` and `readBundle` for both
 * forms, a `.zip` file or a directory with the same layout (./bundle.ts).
 *
 * The directory form streams: each file is written chunk by chunk (in 1 MiB
 * writes) and hashed as it goes, and read back the same way, so JSON lines
 * files of hundreds of MB cost no more memory than a chunk. The zip form is
 * built and read in memory (every file whole, plus the archive): it is for
 * bundles up to 1 GiB of content by default (`maxTotalBytes`).
 *
 * Nothing is ever extracted: a zip's entries are read into memory and checked,
 * so a hostile entry name (`../x`, `/etc/x`) cannot write anywhere; such names
 * are refused anyway.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import {
  assembleBundle,
  BundleError,
  bundleSources,
  checkAgainstManifest,
  chunksOf,
  dataOf,
  KEYS_DIR,
  encodeManifest,
  makeManifest,
  MANIFEST_PATH,
  MAX_KEYS,
  MAX_MANIFEST_BYTES,
  parseManifest,
  readBundleZip,
  writeBundleZip,
  type Bundle,
  type BundleContent,
  type BundleData,
  type BundleManifest,
  type BundleOptions,
  type ChunkSource,
  type ManifestFile,
  type Sha256Factory,
} from './bundle.js';
import { ZIP_DEFAULT_MAX_ENTRIES, ZIP_DEFAULT_MAX_TOTAL_BYTES, ZipError, type DeflateCodec, type ReadZipLimits } from './zip.js';

const deflateRawAsync = promisify(deflateRaw);
const inflateRawAsync = promisify(inflateRaw);

/** zlib's raw deflate, off the main thread; inflation stops at `maxOutput` bytes (zlib's maxOutputLength). */
export const nodeDeflateCodec: DeflateCodec = {
  deflateRaw: (data) => deflateRawAsync(data),
  inflateRaw: (data, maxOutput) => inflateRawAsync(data, { maxOutputLength: Math.max(1, maxOutput) }),
};

export const nodeSha256: Sha256Factory = () => createHash('sha256');

const FILE_MODE = 0o644;
const DIR_MODE = 0o755;
const WRITE_CHUNK = 1024 * 1024;

export interface WriteBundleOptions extends BundleOptions {
  /** Zip form only: refuse content over this many bytes (default 1 GiB, what `readBundle` accepts by default). */
  maxTotalBytes?: number;
}

export interface ReadBundleOptions {
  /** Zip form only (defaults: 10,000 entries, 1 GiB uncompressed). */
  limits?: ReadZipLimits;
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

/**
 * Writes a bundle: a zip file when `target` ends with `.zip` (any case), else
 * a directory (its parents are created). Never overwrites: an existing zip
 * file, or an existing directory that is not empty, is `BUNDLE_EXISTS`.
 * Files are 0644 and directories 0755 whatever the umask, each file fsynced;
 * in a directory manifest.json is written last. On failure what it created
 * is removed. Invalid content (`BUNDLE_INVALID`) is refused before anything
 * is created. Returns the manifest written.
 */
export async function writeBundle(target: string, content: BundleContent, opts: WriteBundleOptions): Promise<BundleManifest> {
  const o = { ...opts, created: opts.created ?? new Date() };
  return target.toLowerCase().endsWith('.zip') ? writeZipFile(target, content, o) : writeDirectory(target, content, o);
}

async function createExclusive(file: string): Promise<FileHandle> {
  try {
    const fh = await open(file, 'wx', FILE_MODE);
    await fh.chmod(FILE_MODE);
    return fh;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) throw new BundleError('BUNDLE_EXISTS', `${file} exists; a bundle is never overwritten`, { cause: err });
    throw err;
  }
}

async function writeZipFile(target: string, content: BundleContent, opts: WriteBundleOptions): Promise<BundleManifest> {
  const { zip, manifest } = await writeBundleZip(content, { ...opts, codec: nodeDeflateCodec, sha256: nodeSha256 });
  await mkdir(dirname(target), { recursive: true, mode: DIR_MODE });
  const fh = await createExclusive(target);
  try {
    await fh.writeFile(zip);
    await fh.sync();
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(target, { force: true });
    throw err;
  }
  return manifest;
}

/** Creates `dir` (true), or accepts an existing empty directory (false). */
async function prepareDirectory(dir: string): Promise<boolean> {
  await mkdir(dirname(dir), { recursive: true, mode: DIR_MODE });
  try {
    await mkdir(dir, { mode: DIR_MODE });
    await chmod(dir, DIR_MODE);
    return true;
  } catch (err) {
    if (!isErrno(err, 'EEXIST')) throw err;
  }
  const st = await lstat(dir);
  if (!st.isDirectory()) throw new BundleError('BUNDLE_EXISTS', `${dir} exists and is not a directory`);
  if ((await readdir(dir)).length > 0) throw new BundleError('BUNDLE_EXISTS', `${dir} is not empty; a bundle is written into a new or empty directory`);
  return false;
}

/** Streams `source` into a new file, in writes of up to 1 MiB, hashing as it goes. */
async function writeStreamed(file: string, path: string, source: ChunkSource): Promise<ManifestFile> {
  const fh = await createExclusive(file);
  try {
    const h = createHash('sha256');
    let bytes = 0;
    let buffered: Uint8Array[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (size === 0) return;
      await fh.write(Buffer.concat(buffered, size));
      buffered = [];
      size = 0;
    };
    for await (const c of chunksOf(source)) {
      h.update(c);
      bytes += c.length;
      if (c.length >= WRITE_CHUNK) {
        await flush();
        await fh.write(c);
        continue;
      }
      buffered.push(c);
      size += c.length;
      if (size >= WRITE_CHUNK) await flush();
    }
    await flush();
    await fh.sync();
    return { path, sha256: h.digest('hex'), bytes };
  } finally {
    await fh.close();
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeDirectory(dir: string, content: BundleContent, opts: WriteBundleOptions): Promise<BundleManifest> {
  const sources = bundleSources(content);
  const createdDir = await prepareDirectory(dir);
  const made: string[] = [];
  try {
    const keys = join(dir, KEYS_DIR);
    await mkdir(keys, { mode: DIR_MODE });
    made.push(keys);
    await chmod(keys, DIR_MODE);
    const files: ManifestFile[] = [];
    for (const { path, source } of sources) {
      const file = join(dir, ...path.split('/'));
      made.push(file);
      files.push(await writeStreamed(file, path, source));
    }
    const manifest = makeManifest(content, files, opts);
    made.push(join(dir, MANIFEST_PATH));
    await writeStreamed(join(dir, MANIFEST_PATH), MANIFEST_PATH, encodeManifest(manifest));
    await fsyncDirectory(keys);
    await fsyncDirectory(dir);
    return manifest;
  } catch (err) {
    if (createdDir) await rm(dir, { recursive: true, force: true });
    else for (const p of made.reverse()) await rm(p, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Reads a bundle, either form, and checks every file against the manifest
 * (`BUNDLE_MISMATCH` names each missing, extra or changed file). A zip is
 * read into memory and checked by the ZIP codec's rules (`ZipError`); a
 * directory is hashed by streaming, and its large files are read again, and
 * checked again, only when the caller streams them (`BundleData.chunks`).
 * Symbolic links and other non-regular files inside a directory bundle are
 * refused. Errors of the file system itself (no such file, no permission)
 * are thrown as they are.
 */
export async function readBundle(path: string, opts: ReadBundleOptions = {}): Promise<Bundle> {
  const st = await stat(path);
  if (st.isDirectory()) return readDirectory(path);
  if (!st.isFile()) throw new BundleError('BUNDLE_INVALID', `${path} is neither a file nor a directory`);
  const maxTotal = opts.limits?.maxTotalBytes ?? ZIP_DEFAULT_MAX_TOTAL_BYTES;
  const maxEntries = opts.limits?.maxEntries ?? ZIP_DEFAULT_MAX_ENTRIES;
  // Stored entries make an archive as large as its content, plus headers.
  const maxFile = Math.min(0xffffffff, maxTotal + maxEntries * 1024 + 64 * 1024 * 1024);
  if (st.size > maxFile) {
    throw new ZipError('ZIP_LIMIT', `${path} is ${st.size} bytes, over the ${maxFile} a zip bundle may have; use the directory form`);
  }
  const zip = await readFile(path);
  return readBundleZip(zip, { codec: nodeDeflateCodec, sha256: nodeSha256, ...(opts.limits === undefined ? {} : { limits: opts.limits }) });
}

/** A file's content in chunks of up to 1 MiB, opened without following a symbolic link. */
async function* fileChunks(file: string): AsyncIterable<Uint8Array> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(WRITE_CHUNK);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Hashes a file by streaming it. */
async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const c of fileChunks(file)) {
    h.update(c);
    bytes += c.length;
  }
  return { bytes, sha256: h.digest('hex') };
}

/** The file's chunks, hashed again as they stream: `BUNDLE_MISMATCH` at the end if it is no longer what the manifest says. */
function checkedChunks(file: string, meta: ManifestFile): () => AsyncIterable<Uint8Array> {
  return async function* () {
    const h = createHash('sha256');
    let bytes = 0;
    for await (const c of fileChunks(file)) {
      h.update(c);
      bytes += c.length;
      yield c;
    }
    if (bytes !== meta.bytes || h.digest('hex') !== meta.sha256) {
      throw new BundleError('BUNDLE_MISMATCH', `${meta.path}: changed after the bundle was checked`);
    }
  };
}

async function readDirectory(dir: string): Promise<Bundle> {
  const manifestFile = join(dir, MANIFEST_PATH);
  let mst;
  try {
    mst = await lstat(manifestFile);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw new BundleError('BUNDLE_INVALID', `not an evidence bundle: no ${MANIFEST_PATH} in ${dir}`, { cause: err });
    throw err;
  }
  if (!mst.isFile()) throw new BundleError('BUNDLE_INVALID', `${MANIFEST_PATH} is not a regular file`);
  if (mst.size > MAX_MANIFEST_BYTES) throw new BundleError('BUNDLE_INVALID', `${MANIFEST_PATH} is over ${MAX_MANIFEST_BYTES} bytes`);
  const manifest = parseManifest(await readFile(manifestFile, { flag: constants.O_RDONLY | constants.O_NOFOLLOW }));

  const problems: string[] = [];
  const found = new Map<string, { bytes: number; sha256: string }>();
  const files = new Map<string, string>();
  const visit = async (rel: string, abs: string, depth: number): Promise<void> => {
    const ents = await readdir(abs, { withFileTypes: true });
    if (ents.length > MAX_KEYS + 16) {
      problems.push(`${rel === '' ? dir : `${rel}/`}: ${ents.length} entries, more than a bundle holds`);
      return;
    }
    for (const e of ents) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      const full = join(abs, e.name);
      if (path === MANIFEST_PATH) continue;
      if (e.isDirectory()) {
        if (depth === 0 && e.name === KEYS_DIR) await visit(path, full, 1);
        else problems.push(`${path}/: extra directory (not in the layout)`);
      } else if (e.isFile()) {
        files.set(path, full);
        found.set(path, await hashFile(full));
      } else {
        problems.push(`${path}: ${e.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; a bundle holds regular files only`);
      }
    }
  };
  await visit('', dir, 0);
  try {
    checkAgainstManifest(manifest, found);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0) throw new BundleError('BUNDLE_MISMATCH', problems);
  const data = new Map<string, BundleData>();
  for (const f of manifest.files) {
    const file = files.get(f.path) as string;
    data.set(f.path, dataOf(f, checkedChunks(file, f), file));
  }
  return assembleBundle(manifest, data);
}
