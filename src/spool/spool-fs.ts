/**
 * The spool's only door to the filesystem. The default implementation is
 * node:fs/promises; tests wrap it to inject ENOSPC/EIO, short writes and
 * power loss. Errors keep Node's shape (`code: 'ENOSPC'`, ...).
 */
import { constants, promises as fsp } from 'node:fs';

export interface SpoolFileHandle {
  /** pread: bytes read (0 at end of file). */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** pwrite: bytes written, possibly fewer than `length` (a short write). */
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

/** 'r' read-only, 'r+' read-write existing, 'wx' create exclusively (fails with EEXIST). */
export type OpenMode = 'r' | 'r+' | 'wx';

export interface SpoolFs {
  /** Creates the directory and its parents (mode 0700); fine if it exists. */
  mkdir(path: string): Promise<void>;
  open(path: string, mode: OpenMode): Promise<SpoolFileHandle>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of a directory, so that created, renamed and removed names are durable. */
  syncDir(path: string): Promise<void>;
  /** Bytes an unprivileged writer can still use on the filesystem holding `path`. */
  freeBytes(path: string): Promise<number>;
}

class NodeFileHandle implements SpoolFileHandle {
  constructor(readonly fh: fsp.FileHandle) {}
  async read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    const { bytesRead } = await this.fh.read(buffer, offset, length, position);
    return bytesRead;
  }
  async write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    const { bytesWritten } = await this.fh.write(buffer, offset, length, position);
    return bytesWritten;
  }
  datasync(): Promise<void> {
    return this.fh.datasync();
  }
  truncate(length: number): Promise<void> {
    return this.fh.truncate(length);
  }
  async size(): Promise<number> {
    return (await this.fh.stat()).size;
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

const OPEN_FLAGS: Record<OpenMode, number> = {
  r: constants.O_RDONLY,
  'r+': constants.O_RDWR,
  wx: constants.O_RDWR | constants.O_CREAT | constants.O_EXCL,
};

export const nodeSpoolFs: SpoolFs = {
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true, mode: 0o700 });
  },
  async open(path, mode) {
    return new NodeFileHandle(await fsp.open(path, OPEN_FLAGS[mode], 0o600));
  },
  readdir: (path) => fsp.readdir(path),
  readFile: (path) => fsp.readFile(path),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async syncDir(path) {
    const fh = await fsp.open(path, constants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async freeBytes(path) {
    const s = await fsp.statfs(path);
    return s.bavail * s.bsize;
  },
};

/** Node's error code of a thrown value ('ENOENT', ...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Errors that mean "the disk cannot take more data right now": handled like a full spool. */
export function isDiskFullError(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'EFBIG';
}

/** Writes all of buffer[offset, offset+length) at `position`, looping over short writes. */
export async function writeFully(
  fh: SpoolFileHandle,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const n = await fh.write(buffer, offset + done, length - done, position + done);
    if (n <= 0) {
      throw Object.assign(new Error(`write returned ${n} at offset ${position + done}`), { code: 'EIO' });
    }
    done += n;
  }
}

/** Reads up to `length` bytes at `position`, looping over short reads; returns the bytes read (less at end of file). */
export async function readFully(
  fh: SpoolFileHandle,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const n = await fh.read(buffer, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Reads a small file, or undefined if it does not exist. */
export async function readIfExists(fs: SpoolFs, path: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Removes a file; a missing file is fine. */
export async function unlinkIfExists(fs: SpoolFs, path: string): Promise<boolean> {
  try {
    await fs.unlink(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Replaces `path` atomically: writes `path.tmp`, fdatasyncs it, renames it
 * over `path` and fsyncs the directory. A crash leaves either the old or the
 * new content at `path` (and possibly a complete `path.tmp`).
 */
export async function writeFileAtomic(fs: SpoolFs, dir: string, path: string, data: Uint8Array): Promise<void> {
  const tmp = path + '.tmp';
  // 'wx' never follows or reuses what is at `tmp`; a leftover (a crash before the rename) is removed first. The
  // common case (no leftover) costs no unlink: a cursor is saved on every acknowledgement.
  let fh: SpoolFileHandle;
  try {
    fh = await fs.open(tmp, 'wx');
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    await unlinkIfExists(fs, tmp);
    fh = await fs.open(tmp, 'wx');
  }
  try {
    try {
      await writeFully(fh, data, 0, data.length, 0);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, path);
  } catch (err) {
    await unlinkIfExists(fs, tmp).catch(() => undefined);
    throw err;
  }
  await fs.syncDir(dir);
}

/**
 * Overwrites an existing file of exactly data.length bytes in place and
 * fdatasyncs it. Needs no new disk blocks, so it works on a full disk; not
 * atomic, so the content must carry its own checksum. Returns false if the
 * file is missing or has another size.
 */
export async function overwriteInPlace(fs: SpoolFs, path: string, data: Uint8Array): Promise<boolean> {
  let fh: SpoolFileHandle;
  try {
    fh = await fs.open(path, 'r+');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
  try {
    if ((await fh.size()) !== data.length) return false;
    await writeFully(fh, data, 0, data.length, 0);
    await fh.datasync();
    return true;
  } finally {
    await fh.close();
  }
}
