/**
 * Group commit. append() frames its entries at once, in the caller's turn,
 * into the open batch of the segment being written; a single flush loop
 * writes one batch at a time with one pwrite, so every append that arrives
 * while a write (or fdatasync) is in flight is coalesced into the next one:
 *
 *   append ─┐  encode (CRC)  ┌────────── batch k+1 (open) ◄── more appends
 *   append ─┴──────────────► │
 *                            └─ flush loop: pwrite batch k ─► [fdatasync] ─► resolve, show to readers
 *
 * A batch that starts a segment first writes the segment header and a
 * checkpoint frame (pipeline state from `checkpoint()`, taken once every
 * earlier append has resolved). Before a new segment is started the old one
 * is fdatasynced and closed, so only the newest segment can end torn.
 *
 * A failed write or fsync cuts the file back to where the batch began,
 * rejects that batch and every queued one (SPOOL_FULL for ENOSPC/EIO-like
 * errors, SPOOL_IO otherwise) and reuses their ids: no reader saw them.
 */
import { AgentError, errorMessage } from '../errors.js';
import { FRAME_HEADER_BYTES, FRAME_TYPE_CHECKPOINT, FRAME_TYPE_DATA, MAX_FRAME_BODY_BYTES, SEGMENT_HEADER_BYTES, encodeFrame, encodeSegmentHeader, frameSize, } from './format.js';
import { newSegment } from './segment.js';
import { errnoCode, isDiskFullError, unlinkIfExists, writeFully } from './spool-fs.js';
const BUFFER_BYTES = 1024 * 1024;
const KEEP_BUFFER_MAX_BYTES = 16 * 1024 * 1024;
const EMPTY = new Uint8Array(0);
export class SegmentWriter {
    o;
    #nextId;
    #nextRecordIndex;
    /** Segment receiving appends (its file may not exist yet). */
    #tail;
    #pending = [];
    #flushing = false;
    #idle = [];
    #fh;
    #fhSeg;
    #dirty = false;
    #syncing;
    #timer;
    #spare = [];
    #closed = false;
    /** Bytes of the last checkpoint frame, to estimate the next one's size. */
    #checkpointBytes = 64;
    constructor(o) {
        this.o = o;
        this.#nextId = o.nextId;
        this.#nextRecordIndex = o.nextRecordIndex;
        if (o.sync === 'interval') {
            this.#timer = setInterval(() => void this.#intervalSync(), Math.max(1, o.syncIntervalMs));
            this.#timer.unref();
        }
    }
    get nextId() {
        return this.#nextId;
    }
    append(entries, force) {
        if (this.#closed)
            return Promise.reject(new AgentError('SPOOL_IO', 'spool is closed: append refused'));
        if (entries.length === 0)
            return Promise.resolve({ firstId: this.#nextId, lastId: this.#nextId - 1 });
        let bytes = 0;
        let records = 0;
        for (const e of entries) {
            const size = frameSize(e.meta.length, e.payload.length);
            if (size - FRAME_HEADER_BYTES > MAX_FRAME_BODY_BYTES) {
                return Promise.reject(new AgentError('SPOOL_IO', `spool entry of ${size} bytes exceeds the largest frame (${MAX_FRAME_BODY_BYTES} bytes)`));
            }
            bytes += size;
            records += e.records;
        }
        const rolls = this.#mustRoll();
        const startBytes = rolls ? SEGMENT_HEADER_BYTES + this.#checkpointBytes : 0;
        if (bytes + startBytes > this.o.space.maxBytesFor(force)) {
            return Promise.reject(new AgentError('SPOOL_IO', `append of ${bytes} bytes can never fit in the spool (max_size ${this.o.space.maxBytesFor(false)} bytes): raise spool.max_size`));
        }
        try {
            this.o.space.admit(bytes + startBytes, force);
        }
        catch (err) {
            return Promise.reject(err);
        }
        const batch = rolls ? this.#startSegment(startBytes) : this.#openBatch();
        this.#ensureRoom(batch, bytes);
        const now = this.o.now();
        const firstId = this.#nextId;
        let len = batch.len;
        for (const e of entries) {
            len += encodeFrame(batch.buf, len, this.#nextId++, FRAME_TYPE_DATA, e.flags, e.records, now, e.meta, e.payload);
        }
        batch.len = len;
        batch.lastId = this.#nextId - 1;
        batch.records += records;
        batch.frames += entries.length;
        this.#nextRecordIndex += records;
        batch.seg.logicalSize += bytes;
        return new Promise((resolve, reject) => {
            batch.waiters.push({ resolve, reject, firstId, lastId: batch.lastId });
            this.#kick();
        });
    }
    /** Resolves once every append made so far has been written (or failed). */
    flushed() {
        if (!this.#flushing && this.#pending.length === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.#idle.push(resolve));
    }
    /** fdatasync of the segment being written, after queued appends are written. */
    async sync() {
        await this.flushed();
        await this.#syncNow();
    }
    /** fdatasync of `seg` if it is the segment being written and has unsynced bytes (older ones were synced when left). */
    async syncSegment(seg) {
        if (this.#fhSeg === seg && this.#dirty)
            await this.#syncNow();
    }
    /** Flushes, fdatasyncs and closes the open segment; appends are refused afterwards. */
    async close() {
        this.#closed = true;
        if (this.#timer)
            clearInterval(this.#timer);
        this.#timer = undefined;
        await this.flushed();
        try {
            await this.#syncNow();
        }
        finally {
            const fh = this.#fh;
            this.#fh = undefined;
            this.#fhSeg = undefined;
            await fh?.close();
        }
    }
    // ---------------------------------------------------------------- batching
    #mustRoll() {
        const t = this.#tail;
        return t === undefined || t.sealed || t.logicalSize >= this.o.segmentSizeBytes;
    }
    #startSegment(startBytes) {
        if (this.#tail)
            this.#tail.sealed = true;
        const seg = newSegment(this.o.dir, this.#nextId, this.#nextRecordIndex);
        seg.logicalSize = startBytes;
        this.o.segments.push(seg);
        this.#tail = seg;
        const batch = this.#newBatch(seg, true);
        this.#nextId++; // the checkpoint frame's id
        return batch;
    }
    #openBatch() {
        const last = this.#pending[this.#pending.length - 1];
        if (last && last.seg === this.#tail)
            return last;
        return this.#newBatch(this.#tail, false);
    }
    #newBatch(seg, starts) {
        const batch = {
            seg,
            starts,
            buf: this.#spare.pop() ?? EMPTY,
            len: 0,
            firstId: this.#nextId,
            lastId: this.#nextId - 1,
            recordsStart: this.#nextRecordIndex,
            records: 0,
            frames: 0,
            waiters: [],
        };
        this.#pending.push(batch);
        return batch;
    }
    #ensureRoom(batch, bytes) {
        const need = batch.len + bytes;
        if (need <= batch.buf.length)
            return;
        const grown = Buffer.allocUnsafeSlow(Math.max(need, BUFFER_BYTES, batch.buf.length * 2));
        grown.set(batch.buf.subarray(0, batch.len));
        batch.buf = grown;
    }
    #kick() {
        if (this.#flushing)
            return;
        this.#flushing = true;
        queueMicrotask(() => void this.#flushLoop());
    }
    async #flushLoop() {
        while (this.#pending.length > 0) {
            // Detach the batch: appends from now on go into a new one.
            const batch = this.#pending.shift();
            try {
                await this.#write(batch);
                this.#commit(batch);
            }
            catch (err) {
                await this.#fail(batch, err);
            }
        }
        this.#flushing = false;
        const idle = this.#idle;
        this.#idle = [];
        for (const f of idle)
            f();
    }
    // ------------------------------------------------------------------- I/O
    async #write(batch) {
        if (batch.starts)
            await this.#createSegmentFile(batch);
        const fh = this.#fh;
        await writeFully(fh, batch.buf, 0, batch.len, batch.seg.size);
        if (this.o.sync === 'always') {
            await this.#datasync(fh);
            this.#dirty = false;
        }
        else {
            this.#dirty = true;
        }
    }
    #commit(batch) {
        const seg = batch.seg;
        seg.size += batch.len;
        seg.visibleEnd = seg.size;
        seg.lastId = batch.lastId;
        seg.recordsEnd = batch.recordsStart + batch.records;
        seg.frames += batch.frames;
        this.o.metrics.framesAppended.inc(batch.frames);
        this.o.metrics.recordsAppended.inc(batch.records);
        this.o.metrics.bytesAppended.inc(batch.len);
        this.o.space.diskOk();
        this.#release(batch);
        this.o.onCommit(batch.firstId, this.o.now());
        for (const w of batch.waiters)
            w.resolve({ firstId: w.firstId, lastId: w.lastId });
    }
    async #createSegmentFile(batch) {
        const seg = batch.seg;
        const old = this.#fh;
        if (old) {
            // The segment we leave must be durable before a newer one exists (only the newest may be torn).
            const oldSeg = this.#fhSeg;
            this.#fh = undefined;
            this.#fhSeg = undefined;
            this.#dirty = false;
            try {
                await this.#syncing;
                await this.#datasync(old);
            }
            catch (err) {
                this.o.logger.error('fdatasync of a finished spool segment failed', { segment: oldSeg?.name, error: errorMessage(err) });
                throw err;
            }
            finally {
                await old.close().catch(() => undefined);
            }
        }
        else {
            // Let the continuations of appends that just resolved run, so the checkpoint includes them.
            await new Promise((resolve) => setImmediate(resolve));
        }
        let meta;
        try {
            meta = this.o.checkpoint();
        }
        catch (err) {
            this.o.logger.error('the checkpoint callback failed: starting the segment with an empty checkpoint frame', { error: errorMessage(err) });
            meta = EMPTY;
        }
        const headLen = SEGMENT_HEADER_BYTES + frameSize(meta.length, 0);
        const head = new Uint8Array(headLen);
        encodeSegmentHeader(head, 0, seg.firstId, seg.firstRecordIndex);
        const now = this.o.now();
        encodeFrame(head, SEGMENT_HEADER_BYTES, seg.firstId, FRAME_TYPE_CHECKPOINT, 0, 0, now, meta, EMPTY);
        seg.logicalSize += headLen - (SEGMENT_HEADER_BYTES + this.#checkpointBytes);
        this.#checkpointBytes = headLen - SEGMENT_HEADER_BYTES;
        let fh;
        try {
            fh = await this.o.fs.open(seg.path, 'wx');
        }
        catch (err) {
            if (errnoCode(err) !== 'EEXIST')
                throw err;
            // Left behind by a failed attempt to start this same segment: it holds no acknowledged frame.
            await this.o.fs.unlink(seg.path);
            fh = await this.o.fs.open(seg.path, 'wx');
        }
        this.#fh = fh;
        this.#fhSeg = seg;
        await writeFully(fh, head, 0, headLen, 0);
        this.#dirty = true;
        seg.size = headLen;
        seg.startedAtMs = now;
        await this.o.fs.syncDir(this.o.dir);
    }
    async #datasync(fh) {
        const t0 = performance.now();
        await fh.datasync();
        this.o.metrics.fsyncs.inc();
        this.o.metrics.fsyncSeconds.inc((performance.now() - t0) / 1000);
    }
    async #syncNow() {
        await this.#syncing;
        const fh = this.#fh;
        if (!fh)
            return;
        this.#dirty = false;
        const p = this.#datasync(fh);
        this.#syncing = p.catch(() => undefined);
        try {
            await p;
        }
        catch (err) {
            this.#dirty = true;
            this.#syncFailed(err);
            throw new AgentError('SPOOL_IO', `fdatasync of ${this.#fhSeg?.name ?? 'the spool'} failed: ${errorMessage(err)}`, { cause: err });
        }
    }
    async #intervalSync() {
        if (!this.#dirty || !this.#fh)
            return;
        try {
            await this.#syncNow();
        }
        catch {
            // Logged and handled by #syncFailed.
        }
    }
    #syncFailed(err) {
        this.o.logger.error('fdatasync of the spool failed: appends acknowledged since the last good fsync may not survive a power loss', {
            segment: this.#fhSeg?.name,
            error: errorMessage(err),
        });
        if (isDiskFullError(err))
            this.o.space.diskFailed(err, 0);
        else
            this.o.metrics.diskErrors.inc();
    }
    // --------------------------------------------------------------- failures
    async #fail(batch, err) {
        const discarded = [batch, ...this.#pending];
        this.#pending = [];
        const seg = batch.seg;
        const bytes = discarded.reduce((n, b) => n + b.len, 0);
        await this.#cutBack(batch, err);
        // Forget every queued batch: their ids and record indexes are reused by the retries.
        this.#nextId = batch.firstId;
        this.#nextRecordIndex = batch.recordsStart;
        for (const b of discarded) {
            if (b.starts && b.seg.size === 0)
                this.o.segments.remove(b.seg);
            b.seg.logicalSize = b.seg.size;
        }
        this.#tail = this.o.segments.items.includes(seg) ? seg : this.o.segments.last;
        if (this.#tail && this.#fhSeg !== this.#tail)
            this.#tail.sealed = true;
        const diskFull = isDiskFullError(err);
        if (diskFull)
            this.o.space.diskFailed(err, bytes);
        else
            this.o.metrics.diskErrors.inc();
        const code = errnoCode(err) ?? 'error';
        const failure = diskFull
            ? new AgentError('SPOOL_FULL', `spool write failed (${code}: ${errorMessage(err)}): treated as a full spool, nothing was written; retry after waitForSpace()`, { cause: err })
            : new AgentError('SPOOL_IO', `spool write to ${seg.name} failed (${code}: ${errorMessage(err)}); nothing was written`, { cause: err });
        for (const b of discarded) {
            this.#release(b);
            for (const w of b.waiters)
                w.reject(failure);
        }
    }
    /** Removes whatever part of a failed batch reached the file. */
    async #cutBack(batch, err) {
        const seg = batch.seg;
        const fh = this.#fhSeg === seg ? this.#fh : undefined;
        try {
            if (batch.starts && seg.size === 0) {
                this.#fh = undefined;
                this.#fhSeg = undefined;
                await fh?.close().catch(() => undefined);
                await unlinkIfExists(this.o.fs, seg.path);
                return;
            }
            if (fh) {
                await fh.truncate(seg.size);
                if (this.o.sync === 'always')
                    await fh.datasync();
            }
        }
        catch (cutErr) {
            // The file may end in a partial batch. Stop writing to it: the next append starts a new segment,
            // and readers never look past the visible end; recovery treats the bytes as a damaged tail.
            this.o.logger.error('could not cut a failed spool write back; moving on to a new segment', {
                segment: seg.name,
                writeError: errorMessage(err),
                cutError: errorMessage(cutErr),
            });
            seg.sealed = true;
            if (this.#fhSeg === seg) {
                this.#fh = undefined;
                this.#fhSeg = undefined;
                await fh?.close().catch(() => undefined);
            }
        }
    }
    #release(batch) {
        if (batch.buf.length > 0 && batch.buf.length <= KEEP_BUFFER_MAX_BYTES && this.#spare.length < 2)
            this.#spare.push(batch.buf);
        batch.buf = EMPTY;
    }
}
//# sourceMappingURL=writer.js.map