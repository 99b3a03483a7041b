/**
 * An append-only JSON-lines file with buffered writes and size rotation.
 *
 * - Opens with O_APPEND: an existing file is never truncated. If it ends in
 *   a torn line (a crash mid-write), a newline is added first so the next
 *   line stands on its own.
 * - write() buffers complete lines; flush() writes them with writev (a short
 *   write continues where it stopped, so a retried flush never duplicates or
 *   tears a line); sync() fsyncs.
 * - Rotation: before a line would take the file past maxBytes, the buffer is
 *   flushed, the file fsynced, closed and renamed to `<stem>-<UTC stamp><ext>`,
 *   and a new file is opened. Compression (gzip) and pruning to maxBackups
 *   run in the background, one at a time; leftovers of a crash during
 *   compression are finished at the next open.
 * - Every line carries a tag (the spool frame id it came from): `flushedTag`
 *   is the highest tag whose line (and every line before it) has been written.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { errorMessage } from '../../errors.js';
import { backupMatcher, backupPath, backupsToPrune } from './naming.js';
const MAX_IOV = 512;
const NEWLINE = 0x0a;
async function fsyncPath(path) {
    const fh = await open(path, 'r');
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
async function pathExists(path) {
    try {
        await stat(path);
        return true;
    }
    catch {
        return false;
    }
}
export class JsonlFileWriter {
    path;
    #opts;
    #now;
    #fh;
    #size = 0;
    #pending = [];
    #pendingBytes = 0;
    #pendingTag = 0;
    #flushedTag = 0;
    #background = Promise.resolve();
    constructor(opts) {
        this.path = opts.path;
        this.#opts = opts;
        this.#now = opts.now ?? (() => new Date());
    }
    /** Bytes buffered and not yet written. */
    get pendingBytes() {
        return this.#pendingBytes;
    }
    /** Size of the live file on disk (written bytes, excluding the buffer). */
    get size() {
        return this.#size;
    }
    /** The highest tag whose line, and all before it, has been written to the file. */
    get flushedTag() {
        return this.#flushedTag;
    }
    async open() {
        await mkdir(dirname(this.path), { recursive: true });
        await this.#openLive();
        if (this.#size > 0) {
            const last = Buffer.alloc(1);
            await this.#fh.read(last, 0, 1, this.#size - 1);
            if (last[0] !== NEWLINE) {
                this.#opts.logger.warn('the output file ends in an incomplete line (an earlier crash mid-write); appending a newline so new lines stay intact', {
                    path: this.path,
                });
                await this.#fh.write(Buffer.from([NEWLINE]));
                this.#size += 1;
            }
        }
        if (this.#opts.rotation) {
            const rotation = this.#opts.rotation;
            this.#background = this.#background.then(() => this.#finishBackups(rotation));
        }
    }
    async #openLive() {
        this.#fh = await open(this.path, 'a+', 0o640);
        this.#size = (await this.#fh.stat()).size;
    }
    /**
     * Buffers one line (which must end in '\n'), or only advances the tag when
     * line is undefined. May rotate (flushing and fsyncing) first.
     */
    async write(line, tag) {
        if (!this.#fh)
            await this.#openLive();
        if (line !== undefined && line.length > 0) {
            const r = this.#opts.rotation;
            const used = this.#size + this.#pendingBytes;
            if (r && used > 0 && used + line.length > r.maxBytes)
                await this.rotate();
            this.#pending.push(line);
            this.#pendingBytes += line.length;
        }
        if (this.#pendingBytes === 0)
            this.#flushedTag = Math.max(this.#flushedTag, tag);
        else
            this.#pendingTag = Math.max(this.#pendingTag, tag);
    }
    /** Writes the buffer to the file; returns the bytes written. On error the unwritten rest stays buffered. */
    async flush() {
        if (!this.#fh)
            await this.#openLive();
        const fh = this.#fh;
        let written = 0;
        while (this.#pending.length > 0) {
            const bufs = this.#pending.length > MAX_IOV ? this.#pending.slice(0, MAX_IOV) : this.#pending;
            const { bytesWritten } = await fh.writev(bufs);
            written += bytesWritten;
            this.#size += bytesWritten;
            this.#pendingBytes -= bytesWritten;
            this.#consume(bytesWritten);
        }
        this.#flushedTag = Math.max(this.#flushedTag, this.#pendingTag);
        return written;
    }
    #consume(n) {
        let i = 0;
        while (n > 0 && i < this.#pending.length) {
            const b = this.#pending[i];
            if (b.length <= n) {
                n -= b.length;
                i++;
            }
            else {
                this.#pending[i] = b.subarray(n);
                n = 0;
            }
        }
        if (i > 0)
            this.#pending.splice(0, i);
    }
    /** fsync of the live file. */
    async sync() {
        await this.#fh?.sync();
    }
    /** Flushes, fsyncs and renames the live file to a timestamped backup, then opens a fresh one. */
    async rotate() {
        const r = this.#opts.rotation;
        await this.flush();
        await this.#fh.sync();
        const when = this.#now();
        let target = backupPath(this.path, when);
        for (let n = 1; (await pathExists(target)) || (await pathExists(target + '.gz')); n++)
            target = backupPath(this.path, when, n);
        const fh = this.#fh;
        this.#fh = undefined;
        await fh.close();
        try {
            await rename(this.path, target);
        }
        finally {
            // Reopen even if the rename failed, so writing continues (into the same file).
            await this.#openLive();
        }
        await fsyncPath(dirname(this.path));
        this.#opts.onRotate?.(target);
        if (r) {
            this.#background = this.#background.then(async () => {
                if (r.compress)
                    await this.#compress(target);
                await this.#prune(r.maxBackups);
            });
        }
        return target;
    }
    /** Waits for background compression and pruning. */
    async settled() {
        await this.#background;
    }
    /** Flushes, fsyncs and closes; waits for background work. Throws if the final flush fails (data stays unacknowledged). */
    async close() {
        const fh = this.#fh;
        if (!fh)
            return;
        try {
            await this.flush();
            await fh.sync();
        }
        finally {
            this.#fh = undefined;
            await fh.close();
            await this.#background;
        }
    }
    async #compress(file) {
        const gz = file + '.gz';
        const tmp = gz + '.tmp';
        try {
            await pipeline(createReadStream(file), createGzip(), createWriteStream(tmp, { mode: 0o640 }));
            await fsyncPath(tmp);
            await rename(tmp, gz);
            await rm(file);
            await fsyncPath(dirname(file));
        }
        catch (err) {
            await rm(tmp, { force: true }).catch(() => undefined);
            this.#opts.logger.error('could not compress a rotated output file; it stays uncompressed', { path: file, error: errorMessage(err) });
        }
    }
    async #prune(maxBackups) {
        if (maxBackups <= 0)
            return;
        const dir = dirname(this.path);
        const match = backupMatcher(this.path);
        try {
            const names = await readdir(dir);
            const backups = names.map(match).filter((b) => b !== undefined);
            for (const b of backupsToPrune(backups, maxBackups)) {
                await rm(join(dir, b.name), { force: true });
                this.#opts.logger.info('removed an old rotated output file (rotation.max_backups)', { path: join(dir, b.name) });
            }
        }
        catch (err) {
            this.#opts.logger.error('could not prune rotated output files', { dir, error: errorMessage(err) });
        }
    }
    /** At open: removes stale compression temp files, compresses backups a crash left uncompressed, prunes. */
    async #finishBackups(r) {
        const dir = dirname(this.path);
        const match = backupMatcher(this.path);
        const stem = basename(this.path);
        try {
            const names = await readdir(dir);
            const set = new Set(names);
            for (const name of names) {
                if (name.endsWith('.gz.tmp') && match(name.slice(0, -4)) !== undefined)
                    await rm(join(dir, name), { force: true });
                const b = match(name);
                if (!b || b.compressed || name === stem)
                    continue;
                if (set.has(name + '.gz'))
                    await rm(join(dir, name), { force: true });
                else if (r.compress)
                    await this.#compress(join(dir, name));
            }
        }
        catch (err) {
            this.#opts.logger.error('could not tidy rotated output files at start', { dir, error: errorMessage(err) });
        }
        await this.#prune(r.maxBackups);
    }
}
//# sourceMappingURL=writer.js.map