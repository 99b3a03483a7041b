/**
 * A ZIP codec (PKWARE APPNOTE 6.3, the ZIP32 subset) without node: imports,
 * so the same code runs in Node and in a browser page.
 *
 * Compression is injected (`DeflateCodec`): Node passes zlib's raw
 * deflate/inflate (src/verify/bundle/node.ts), a browser passes
 * CompressionStream/DecompressionStream('deflate-raw')
 * (src/verify/bundle/web-codec.ts). Either may be sync or async.
 *
 * Writing: method 8 (deflate) where it makes an entry smaller, else method 0
 * (store); CRC-32; UTF-8 names (flag bit 11); the modification time as DOS
 * time in UTC plus an extended-timestamp extra field (0x5455, unix seconds).
 * No ZIP64: an archive over 4 GiB or 65,535 entries is refused.
 *
 * Reading trusts only the end-of-central-directory record and the central
 * directory, and checks everything else against them: each local header's
 * name, method and (without a data descriptor) CRC and sizes, each data
 * descriptor, and that the entries tile the bytes before the central
 * directory exactly (no overlapping entries, no hidden bytes). Every entry is
 * inflated into at most its declared size and its CRC-32 and size checked.
 * Hostile input gets a `ZipError`, never another exception: limits on the
 * entry count and the total uncompressed size (checked on the declared sizes
 * before anything is inflated, and again while inflating), unsafe or
 * duplicate names, encryption, ZIP64, multi-disk archives and compression
 * methods other than store and deflate are refused. Nothing is extracted to
 * disk: entries are returned as bytes.
 */

export type MaybePromise<T> = T | Promise<T>;

/** Raw DEFLATE (RFC 1951, no zlib or gzip wrapper), sync or async. */
export interface DeflateCodec {
  deflateRaw(data: Uint8Array): MaybePromise<Uint8Array>;
  /**
   * Inflates `data`. Must fail (throw or reject) rather than produce more
   * than `maxOutput` bytes: this is what bounds memory against a zip bomb
   * that lies about its sizes.
   */
  inflateRaw(data: Uint8Array, maxOutput: number): MaybePromise<Uint8Array>;
}

export type ZipErrorCode =
  /** Not a ZIP archive, or damaged: bad signature, bounds, CRC, size, inconsistent headers. */
  | 'ZIP_CORRUPT'
  /** Over a reader limit (entry count, total uncompressed size). */
  | 'ZIP_LIMIT'
  /** A valid feature this codec does not implement: encryption, ZIP64, multi-disk, other methods. */
  | 'ZIP_UNSUPPORTED'
  /** An entry name that is unsafe or ambiguous: `..`, absolute, backslash, control characters, duplicate. */
  | 'ZIP_UNSAFE_NAME'
  /** The archive to write would not fit ZIP32 (4 GiB, 65,535 entries). */
  | 'ZIP_TOO_LARGE';

export class ZipError extends Error {
  readonly code: ZipErrorCode;
  constructor(code: ZipErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'ZipError';
  }
}

export interface ZipEntryInput {
  /** Forward slashes, relative, no `.`/`..` segments; a trailing `/` is not allowed (no directory entries). */
  name: string;
  bytes: Uint8Array;
  /** Defaults to 1980-01-01T00:00:00Z (the DOS epoch), for reproducible archives. */
  mtime?: Date;
}

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  /** From the extended-timestamp field when present, else the DOS time read as UTC. */
  mtime: Date;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
}

export interface ReadZipLimits {
  /** Most central-directory records (directory entries included). Default 10,000. */
  maxEntries?: number;
  /** Most uncompressed bytes over all entries. Default 1 GiB. */
  maxTotalBytes?: number;
}

export const ZIP_DEFAULT_MAX_ENTRIES = 10_000;
export const ZIP_DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const EXTRA_UNIX_TIME = 0x5455;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** Unix, APPNOTE 2.0. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** Regular file, rw-r--r--. */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0;

const METHOD_NAMES: Record<number, string> = {
  1: 'shrink',
  2: 'reduce',
  3: 'reduce',
  4: 'reduce',
  5: 'reduce',
  6: 'implode',
  9: 'deflate64',
  10: 'PKWARE DCL implode',
  12: 'bzip2',
  14: 'LZMA',
  18: 'IBM TERSE',
  19: 'IBM LZ77',
  20: 'zstd (deprecated id)',
  93: 'zstd',
  94: 'MP3',
  95: 'xz',
  96: 'JPEG',
  97: 'WavPack',
  98: 'PPMd',
  99: 'AES encryption',
};

// ---------------------------------------------------------------- CRC-32

const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  const t = new Uint32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/** CRC-32 (ISO-HDLC, as ZIP and gzip use); `crc` continues a previous value. */
export function crc32(data: Uint8Array, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc >>> 0;
  const n = data.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------- names

/**
 * Throws `ZIP_UNSAFE_NAME` unless `name` is a safe relative path: not empty,
 * forward slashes only, no empty, `.` or `..` segment, not absolute (`/x`,
 * `C:x`), no NUL or other control character. A trailing `/` (a directory) is
 * allowed only with `directory`.
 */
export function checkEntryName(name: string, directory = false): void {
  const bad = (why: string): never => {
    throw new ZipError('ZIP_UNSAFE_NAME', `unsafe entry name ${JSON.stringify(name)}: ${why}`);
  };
  if (name.length === 0) bad('empty');
  if (/[\u0000-\u001f\u007f]/.test(name)) bad(name.includes('\u0000') ? 'contains NUL' : 'contains a control character');
  if (name.includes('\\')) bad('contains a backslash');
  if (name.startsWith('/')) bad('absolute path');
  if (/^[A-Za-z]:/.test(name)) bad('absolute path (drive letter)');
  const body = directory && name.endsWith('/') ? name.slice(0, -1) : name;
  for (const seg of body.split('/')) {
    if (seg === '..') bad('contains a ".." segment');
    if (seg === '.') bad('contains a "." segment');
    if (seg === '') bad(directory ? 'empty path segment' : 'empty path segment (or a directory name)');
  }
}

/** Names must be unique (also after NFC normalisation), and no file may stand where another entry needs a directory. */
class NameSet {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly all = new Set<string>();

  add(name: string, directory: boolean): void {
    const key = name.normalize('NFC');
    const plain = directory ? key.slice(0, -1) : key;
    if (this.all.has(plain)) throw new ZipError('ZIP_UNSAFE_NAME', `duplicate entry name ${JSON.stringify(name)}`);
    this.all.add(plain);
    if (directory) {
      if (this.files.has(plain)) throw new ZipError('ZIP_UNSAFE_NAME', `${JSON.stringify(name)} is both a file and a directory`);
      this.dirs.add(plain);
    } else {
      if (this.dirs.has(plain)) throw new ZipError('ZIP_UNSAFE_NAME', `${JSON.stringify(name)} is both a file and a directory`);
      this.files.add(plain);
    }
    const segs = plain.split('/');
    for (let i = 1; i < segs.length; i++) {
      const parent = segs.slice(0, i).join('/');
      if (this.files.has(parent)) {
        throw new ZipError('ZIP_UNSAFE_NAME', `entry ${JSON.stringify(name)} is below ${JSON.stringify(parent)}, which is a file`);
      }
      this.dirs.add(parent);
    }
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------- time

function dosDateTime(d: Date): { time: number; date: number } {
  let ms = d.getTime();
  if (!Number.isFinite(ms)) ms = 0;
  const lo = Date.UTC(1980, 0, 1);
  const hi = Date.UTC(2107, 11, 31, 23, 59, 58);
  const t = new Date(Math.min(Math.max(ms, lo), hi));
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >>> 1),
    date: ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

function fromDos(time: number, date: number): Date {
  return new Date(
    Date.UTC(1980 + (date >>> 9), ((date >>> 5) & 0xf) - 1, date & 0x1f, time >>> 11, (time >>> 5) & 0x3f, (time & 0x1f) * 2),
  );
}

/** Unix seconds, when they fit the extended-timestamp field (signed 32 bits). */
function unixSeconds(d: Date): number | undefined {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return undefined;
  const s = Math.floor(ms / 1000);
  return s >= -0x80000000 && s <= 0x7fffffff ? s : undefined;
}

// ---------------------------------------------------------------- write

/** The fields a local header (from offset 4) and a central record (from offset 6) share, in the same order. */
interface CommonFields {
  needed: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  csize: number;
  usize: number;
  nameLen: number;
  extraLen: number;
}

function getCommon(v: DataView, at: number): CommonFields & { flags: number } {
  return {
    needed: v.getUint16(at, true),
    flags: v.getUint16(at + 2, true),
    method: v.getUint16(at + 4, true),
    time: v.getUint16(at + 6, true),
    date: v.getUint16(at + 8, true),
    crc: v.getUint32(at + 10, true),
    csize: v.getUint32(at + 14, true),
    usize: v.getUint32(at + 18, true),
    nameLen: v.getUint16(at + 22, true),
    extraLen: v.getUint16(at + 24, true),
  };
}

function putCommon(v: DataView, at: number, f: CommonFields): void {
  v.setUint16(at, f.needed, true);
  v.setUint16(at + 2, FLAG_UTF8, true);
  v.setUint16(at + 4, f.method, true);
  v.setUint16(at + 6, f.time, true);
  v.setUint16(at + 8, f.date, true);
  v.setUint32(at + 10, f.crc, true);
  v.setUint32(at + 14, f.csize, true);
  v.setUint32(at + 18, f.usize, true);
  v.setUint16(at + 22, f.nameLen, true);
  v.setUint16(at + 24, f.extraLen, true);
}

/**
 * One ZIP archive of `entries`, in their order. Throws `ZipError`
 * (`ZIP_UNSAFE_NAME` for a name `readZip` would refuse, `ZIP_TOO_LARGE` past
 * ZIP32's 4 GiB or 65,535 entries).
 */
export async function writeZip(entries: readonly ZipEntryInput[], codec: Pick<DeflateCodec, 'deflateRaw'>): Promise<Uint8Array> {
  if (entries.length > U16_MAX) {
    throw new ZipError('ZIP_TOO_LARGE', `${entries.length} entries do not fit a ZIP archive without ZIP64 (at most 65,535)`);
  }
  const names = new NameSet();
  for (const e of entries) {
    checkEntryName(e.name);
    names.add(e.name, false);
  }
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8Encoder.encode(e.name);
    if (name.length > U16_MAX) throw new ZipError('ZIP_TOO_LARGE', `entry name of ${name.length} bytes is too long`);
    if (e.bytes.length >= U32_MAX) {
      throw new ZipError('ZIP_TOO_LARGE', `entry ${JSON.stringify(e.name)} is 4 GiB or more; ZIP64 is not supported`);
    }
    const crc = crc32(e.bytes);
    let method = 0;
    let data = e.bytes;
    if (e.bytes.length > 0) {
      const deflated = await codec.deflateRaw(e.bytes);
      if (deflated.length < e.bytes.length) {
        method = 8;
        data = deflated;
      }
    }
    const mtime = e.mtime ?? new Date(Date.UTC(1980, 0, 1));
    const { time, date } = dosDateTime(mtime);
    const secs = unixSeconds(mtime);
    const extra = new Uint8Array(secs === undefined ? 0 : 9);
    if (secs !== undefined) {
      const x = new DataView(extra.buffer);
      x.setUint16(0, EXTRA_UNIX_TIME, true);
      x.setUint16(2, 5, true);
      x.setUint8(4, 1);
      x.setInt32(5, secs, true);
    }
    const fields: CommonFields = {
      needed: method === 8 ? 20 : 10,
      method,
      time,
      date,
      crc,
      csize: data.length,
      usize: e.bytes.length,
      nameLen: name.length,
      extraLen: extra.length,
    };

    const local = new Uint8Array(30 + name.length + extra.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, SIG_LOCAL, true);
    putCommon(l, 4, fields);
    local.set(name, 30);
    local.set(extra, 30 + name.length);

    const central = new Uint8Array(46 + name.length + extra.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, SIG_CENTRAL, true);
    c.setUint16(4, VERSION_MADE_BY, true);
    putCommon(c, 6, fields);
    // comment length, disk number start, internal attributes: 0
    c.setUint32(38, EXTERNAL_ATTRS, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);
    central.set(extra, 46 + name.length);

    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
    if (offset >= U32_MAX) throw new ZipError('ZIP_TOO_LARGE', 'the archive would exceed 4 GiB; ZIP64 is not supported');
  }
  const cdOffset = offset;
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  if (cdOffset + cdSize + 22 > U32_MAX) throw new ZipError('ZIP_TOO_LARGE', 'the archive would exceed 4 GiB; ZIP64 is not supported');
  const eocd = new Uint8Array(22);
  const z = new DataView(eocd.buffer);
  z.setUint32(0, SIG_EOCD, true);
  z.setUint16(8, entries.length, true);
  z.setUint16(10, entries.length, true);
  z.setUint32(12, cdSize, true);
  z.setUint32(16, cdOffset, true);

  const out = new Uint8Array(cdOffset + cdSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, eocd]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ---------------------------------------------------------------- read

interface CentralRecord {
  name: string;
  nameBytes: Uint8Array;
  directory: boolean;
  flags: number;
  method: 0 | 8;
  crc: number;
  csize: number;
  usize: number;
  localOffset: number;
  mtime: Date;
  /** Filled in from the local header. */
  dataStart: number;
  end: number;
}

function corrupt(message: string): never {
  throw new ZipError('ZIP_CORRUPT', message);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function findEocd(zip: Uint8Array, v: DataView): number {
  if (zip.length < 22) corrupt(`not a ZIP archive: ${zip.length} bytes is too short for an end-of-central-directory record`);
  const lowest = Math.max(0, zip.length - 22 - U16_MAX);
  for (let i = zip.length - 22; i >= lowest; i--) {
    if (v.getUint32(i, true) === SIG_EOCD && i + 22 + v.getUint16(i + 20, true) === zip.length) return i;
  }
  return corrupt('not a ZIP archive: no end-of-central-directory record at its end');
}

const EXTRA_ZIP64 = 0x0001;

/** What the extra fields say that matters here (an extended timestamp, a ZIP64 field), checking their framing. */
function parseExtra(v: DataView, start: number, length: number, name: string): { mtime?: Date; zip64: boolean } {
  let p = start;
  const end = start + length;
  let mtime: Date | undefined;
  let zip64 = false;
  while (p < end) {
    if (p + 4 > end) corrupt(`entry ${JSON.stringify(name)}: malformed extra field`);
    const tag = v.getUint16(p, true);
    const size = v.getUint16(p + 2, true);
    if (p + 4 + size > end) corrupt(`entry ${JSON.stringify(name)}: malformed extra field`);
    if (tag === EXTRA_UNIX_TIME && size >= 5 && (v.getUint8(p + 4) & 1) !== 0) {
      mtime = new Date(v.getInt32(p + 5, true) * 1000);
    }
    if (tag === EXTRA_ZIP64) zip64 = true;
    p += 4 + size;
  }
  return mtime === undefined ? { zip64 } : { mtime, zip64 };
}

function decodeName(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new ZipError('ZIP_UNSAFE_NAME', 'an entry name is not valid UTF-8');
  }
}

function readCentral(zip: Uint8Array, v: DataView, p: number, cdEnd: number): { rec: CentralRecord; next: number } {
  if (p + 46 > cdEnd || v.getUint32(p, true) !== SIG_CENTRAL) corrupt(`bad central directory record at offset ${p}`);
  const { flags, method, time, date, crc, csize, usize, nameLen, extraLen } = getCommon(v, p + 6);
  const commentLen = v.getUint16(p + 32, true);
  const disk = v.getUint16(p + 34, true);
  const localOffset = v.getUint32(p + 42, true);
  const next = p + 46 + nameLen + extraLen + commentLen;
  if (next > cdEnd) corrupt(`central directory record at offset ${p} runs past the central directory`);
  const nameBytes = zip.subarray(p + 46, p + 46 + nameLen);
  const name = decodeName(nameBytes);
  const q = JSON.stringify(name);
  if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0 || method === 99) {
    throw new ZipError('ZIP_UNSUPPORTED', `entry ${q} is encrypted; encrypted entries are not supported`);
  }
  if (method !== 0 && method !== 8) {
    const known = METHOD_NAMES[method];
    throw new ZipError(
      'ZIP_UNSUPPORTED',
      `entry ${q} uses compression method ${method}${known === undefined ? '' : ` (${known})`}; only 0 (store) and 8 (deflate) are supported`,
    );
  }
  if (csize === U32_MAX || usize === U32_MAX || localOffset === U32_MAX) {
    throw new ZipError('ZIP_UNSUPPORTED', `entry ${q} needs ZIP64, which is not supported`);
  }
  if (disk !== 0) throw new ZipError('ZIP_UNSUPPORTED', `entry ${q} is on another disk; multi-disk archives are not supported`);
  const directory = name.endsWith('/');
  checkEntryName(name, directory);
  if (directory && usize !== 0) corrupt(`directory entry ${q} has ${usize} bytes of content`);
  if (method === 0 && csize !== usize) corrupt(`stored entry ${q} has compressed size ${csize} but size ${usize}`);
  const mtime = parseExtra(v, p + 46 + nameLen, extraLen, name).mtime ?? fromDos(time, date);
  return {
    rec: { name, nameBytes, directory, flags, method, crc, csize, usize, localOffset, mtime, dataStart: 0, end: 0 },
    next,
  };
}

/** Locates the entry's data from its local header and checks the header (and any data descriptor) against the central record. */
function readLocal(zip: Uint8Array, v: DataView, r: CentralRecord, cdOffset: number): void {
  const p = r.localOffset;
  const q = JSON.stringify(r.name);
  if (p + 30 > cdOffset || v.getUint32(p, true) !== SIG_LOCAL) corrupt(`entry ${q}: no local header at offset ${p}`);
  const local = getCommon(v, p + 4);
  const { flags, method, nameLen, extraLen } = local;
  const dataStart = p + 30 + nameLen + extraLen;
  if (dataStart > cdOffset) corrupt(`entry ${q}: local header runs into the central directory`);
  if (!sameBytes(zip.subarray(p + 30, p + 30 + nameLen), r.nameBytes)) corrupt(`entry ${q}: local header names another file`);
  if (method !== r.method || (flags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) !== (r.flags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR))) {
    corrupt(`entry ${q}: local header disagrees with the central directory`);
  }
  // With a ZIP64 field in the local header, a data descriptor holds 8-byte sizes (APPNOTE 4.3.9.2): Info-ZIP
  // writes that when it zips a pipe, whatever the size.
  const { zip64 } = parseExtra(v, p + 30 + nameLen, extraLen, r.name);
  const dataEnd = dataStart + r.csize;
  if (dataEnd > cdOffset) corrupt(`entry ${q}: data runs into the central directory`);
  let end = dataEnd;
  if ((r.flags & FLAG_DESCRIPTOR) === 0) {
    if (local.crc !== r.crc || local.csize !== r.csize || local.usize !== r.usize) {
      corrupt(`entry ${q}: local header's CRC or sizes disagree with the central directory`);
    }
  } else {
    const w = zip64 ? 8 : 4;
    const size = (at: number): number => (zip64 ? v.getUint32(at + 4, true) * 2 ** 32 : 0) + v.getUint32(at, true);
    const matches = (at: number): boolean =>
      at + 4 + 2 * w <= cdOffset && v.getUint32(at, true) === r.crc && size(at + 4) === r.csize && size(at + 4 + w) === r.usize;
    if (dataEnd + 4 <= cdOffset && v.getUint32(dataEnd, true) === SIG_DESCRIPTOR && matches(dataEnd + 4)) end = dataEnd + 8 + 2 * w;
    else if (matches(dataEnd)) end = dataEnd + 4 + 2 * w;
    else corrupt(`entry ${q}: data descriptor missing or disagrees with the central directory`);
  }
  r.dataStart = dataStart;
  r.end = end;
}

/**
 * The file entries of `zip` (directory entries are checked, then left out), in
 * central-directory order, each inflated and checked against its CRC-32 and
 * size. Throws `ZipError` on anything else.
 */
export async function readZip(zip: Uint8Array, codec: Pick<DeflateCodec, 'inflateRaw'>, limits: ReadZipLimits = {}): Promise<ZipEntry[]> {
  const maxEntries = limits.maxEntries ?? ZIP_DEFAULT_MAX_ENTRIES;
  const maxTotal = limits.maxTotalBytes ?? ZIP_DEFAULT_MAX_TOTAL_BYTES;
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEocd(zip, v);
  if (eocd >= 20 && v.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) {
    throw new ZipError('ZIP_UNSUPPORTED', 'ZIP64 archives are not supported');
  }
  const diskNo = v.getUint16(eocd + 4, true);
  const cdDisk = v.getUint16(eocd + 6, true);
  const onDisk = v.getUint16(eocd + 8, true);
  const count = v.getUint16(eocd + 10, true);
  const cdSize = v.getUint32(eocd + 12, true);
  const cdOffset = v.getUint32(eocd + 16, true);
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    throw new ZipError('ZIP_UNSUPPORTED', 'ZIP64 archives are not supported');
  }
  if (diskNo !== 0 || cdDisk !== 0 || onDisk !== count) {
    throw new ZipError('ZIP_UNSUPPORTED', 'multi-disk (split) archives are not supported');
  }
  if (count > maxEntries) throw new ZipError('ZIP_LIMIT', `the archive has ${count} entries, over the limit of ${maxEntries}`);
  if (cdOffset + cdSize !== eocd) corrupt('the central directory does not end where the end-of-central-directory record begins');
  if (cdSize < count * 46) corrupt(`the central directory is too small for ${count} entries`);

  const records: CentralRecord[] = [];
  const names = new NameSet();
  let declared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    const { rec, next } = readCentral(zip, v, p, eocd);
    names.add(rec.name, rec.directory);
    declared += rec.usize;
    if (declared > maxTotal) {
      throw new ZipError('ZIP_LIMIT', `the archive declares more than ${maxTotal} bytes uncompressed (the limit), at entry ${JSON.stringify(rec.name)}`);
    }
    records.push(rec);
    p = next;
  }
  if (p !== eocd) corrupt(`${eocd - p} bytes in the central directory after its ${count} records`);

  for (const r of records) readLocal(zip, v, r, cdOffset);
  const byOffset = [...records].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const r of byOffset) {
    if (r.localOffset < expected) corrupt(`entry ${JSON.stringify(r.name)} overlaps the entry before it`);
    if (r.localOffset > expected) corrupt(`${r.localOffset - expected} bytes before entry ${JSON.stringify(r.name)} belong to no entry`);
    expected = r.end;
  }
  if (expected !== cdOffset) corrupt(`${cdOffset - expected} bytes before the central directory belong to no entry`);

  const out: ZipEntry[] = [];
  let total = 0;
  for (const r of records) {
    if (r.directory) continue;
    const q = JSON.stringify(r.name);
    const raw = zip.subarray(r.dataStart, r.dataStart + r.csize);
    let bytes: Uint8Array;
    if (r.method === 0) {
      bytes = raw.slice();
    } else {
      try {
        bytes = await codec.inflateRaw(raw, r.usize);
      } catch (err) {
        throw new ZipError(
          'ZIP_CORRUPT',
          `entry ${q}: deflate data is invalid or inflates to more than its declared ${r.usize} bytes (${err instanceof Error ? err.message : String(err)})`,
          { cause: err },
        );
      }
    }
    total += bytes.length;
    if (bytes.length !== r.usize) corrupt(`entry ${q}: inflated to ${bytes.length} bytes, its size says ${r.usize}`);
    if (total > maxTotal) throw new ZipError('ZIP_LIMIT', `the archive inflates to more than ${maxTotal} bytes (the limit)`);
    if (crc32(bytes) !== r.crc) corrupt(`entry ${q}: CRC-32 mismatch`);
    out.push({ name: r.name, bytes, mtime: r.mtime, method: r.method });
  }
  return out;
}
