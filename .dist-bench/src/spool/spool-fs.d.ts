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
export declare const nodeSpoolFs: SpoolFs;
/** Node's error code of a thrown value ('ENOENT', ...), or undefined. */
export declare function errnoCode(err: unknown): string | undefined;
/** Errors that mean "the disk cannot take more data right now": handled like a full spool. */
export declare function isDiskFullError(err: unknown): boolean;
/** Writes all of buffer[offset, offset+length) at `position`, looping over short writes. */
export declare function writeFully(fh: SpoolFileHandle, buffer: Uint8Array, offset: number, length: number, position: number): Promise<void>;
/** Reads up to `length` bytes at `position`, looping over short reads; returns the bytes read (less at end of file). */
export declare function readFully(fh: SpoolFileHandle, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
/** Reads a small file, or undefined if it does not exist. */
export declare function readIfExists(fs: SpoolFs, path: string): Promise<Uint8Array | undefined>;
/** Removes a file; a missing file is fine. */
export declare function unlinkIfExists(fs: SpoolFs, path: string): Promise<boolean>;
/**
 * Replaces `path` atomically: writes `path.tmp`, fdatasyncs it, renames it
 * over `path` and fsyncs the directory. A crash leaves either the old or the
 * new content at `path` (and possibly a complete `path.tmp`).
 */
export declare function writeFileAtomic(fs: SpoolFs, dir: string, path: string, data: Uint8Array): Promise<void>;
/**
 * Overwrites an existing file of exactly data.length bytes in place and
 * fdatasyncs it. Needs no new disk blocks, so it works on a full disk; not
 * atomic, so the content must carry its own checksum. Returns false if the
 * file is missing or has another size.
 */
export declare function overwriteInPlace(fs: SpoolFs, path: string, data: Uint8Array): Promise<boolean>;
