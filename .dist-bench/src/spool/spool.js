/**
 * The spool: a durable, append-only, segmented write-ahead log between
 * sealing and export (docs/SPOOL.md). openSpool() takes the directory's lock
 * and recovers; append() group-commits; each exporter reads through its own
 * reader and cursor; a segment is deleted once every reader has acknowledged
 * all of it (and `retain` has passed).
 *
 *   writer.ts        group commit, segments, sync policy, write failures
 *   reader.ts        per-exporter read position and cursor
 *   recovery.ts      startup scan, torn-tail cut
 *   cursor-store.ts  cursor files and their checks
 *   retention.ts     deleting acknowledged segments
 *   space.ts         max_size and full-disk handling
 *   lock.ts          the advisory lock
 *   format.ts        the bytes on disk; frame-scanner.ts reads them
 */
import { AgentError, errorMessage, isAgentError } from '../errors.js';
import { removeUnknownCursors, resolveCursor, writeCursorFile } from './cursor-store.js';
import { SEGMENT_HEADER_BYTES } from './format.js';
import { DEFAULT_CHUNK_BYTES } from './frame-scanner.js';
import { acquireLock } from './lock.js';
import { checkOptions } from './options.js';
import { Reader } from './reader.js';
import { recoverSegments } from './recovery.js';
import { Retention } from './retention.js';
import { scanSegments } from './scan.js';
import { Signal } from './signal.js';
import { SpaceGate } from './space.js';
import { nodeSpoolFs } from './spool-fs.js';
import { SpoolMetrics } from './spool-metrics.js';
import { TimeIndex } from './time-index.js';
import { SegmentWriter } from './writer.js';
/** Opens (creating if needed) the spool in opts.dir: takes the lock, recovers, loads cursors. */
export async function openSpool(opts) {
    checkOptions(opts);
    const started = performance.now();
    const fs = opts.fs ?? nodeSpoolFs;
    const chunkBytes = opts.readChunkBytes ?? DEFAULT_CHUNK_BYTES;
    try {
        await fs.mkdir(opts.dir);
    }
    catch (err) {
        throw new AgentError('SPOOL_IO', `cannot create spool directory ${opts.dir}: ${errorMessage(err)}`, { cause: err });
    }
    let lock;
    try {
        lock = await acquireLock(fs, opts.dir, opts.logger);
    }
    catch (err) {
        if (isAgentError(err))
            throw err;
        throw new AgentError('SPOOL_IO', `cannot take the lock of spool ${opts.dir}: ${errorMessage(err)}`, { cause: err });
    }
    try {
        const rec = await recoverSegments(fs, opts.dir, opts.logger, chunkBytes);
        const metrics = new SpoolMetrics(opts.metrics, opts.metricLabels);
        metrics.bytesCut.inc(rec.report.cutBytes);
        metrics.corruptFramesSkipped.inc(rec.report.skippedFrames);
        const ctx = {
            fs,
            dir: opts.dir,
            segments: rec.segments,
            lastId: rec.lastId,
            recordsEnd: rec.recordsEnd,
            logger: opts.logger,
            chunkBytes,
            note: (m) => rec.report.messages.push(m),
        };
        await removeUnknownCursors(ctx, rec.files, new Set(opts.readers));
        const cursors = new Map();
        let maxAcked = rec.lastId;
        for (const name of opts.readers) {
            const r = await resolveCursor(ctx, name);
            cursors.set(name, r.state);
            maxAcked = Math.max(maxAcked, r.state.ackedId);
            if (r.origin !== 'stored') {
                // Make the resolved position durable now; an existing cursor file also lets acks proceed on a full disk.
                await writeCursorFile(fs, opts.dir, name, { ...r.state, writtenAtMs: (opts.now ?? Date.now)() }, opts.logger).catch((err) => opts.logger.warn('could not write the initial cursor file', { reader: name, error: errorMessage(err) }));
            }
        }
        const spool = new Spool({
            opts,
            fs,
            lock,
            segments: rec.segments,
            nextId: maxAcked + 1,
            nextRecordIndex: rec.recordsEnd,
            metas: rec.metas,
            report: rec.report,
            cursors,
            metrics,
            chunkBytes,
        });
        rec.report.durationMs = performance.now() - started;
        opts.logger.info('spool opened', {
            dir: opts.dir,
            segments: rec.segments.items.length,
            bytes: rec.segments.diskBytes(),
            nextId: maxAcked + 1,
            cutBytes: rec.report.cutBytes,
            skippedFrames: rec.report.skippedFrames,
            recoveryMs: Math.round(rec.report.durationMs),
        });
        await spool.collectGarbage();
        return spool;
    }
    catch (err) {
        await lock.release().catch(() => undefined);
        if (isAgentError(err))
            throw err;
        throw new AgentError('SPOOL_IO', `cannot open spool ${opts.dir}: ${errorMessage(err)}`, { cause: err });
    }
}
export class Spool {
    recovery;
    #o;
    #fs;
    #lock;
    #segments;
    #metas;
    #metrics;
    #space;
    #writer;
    #timeIndex = new TimeIndex();
    #cursors;
    #readers = new Map();
    #host;
    #now;
    #commits = new Signal();
    #closed = false;
    #closing;
    #retention;
    #gaugesAt = 0;
    /** Use openSpool(). */
    constructor(init) {
        const o = init.opts;
        this.#o = o;
        this.#fs = init.fs;
        this.#lock = init.lock;
        this.#segments = init.segments;
        this.#metas = init.metas;
        this.#metrics = init.metrics;
        this.#cursors = init.cursors;
        this.#now = o.now ?? Date.now;
        this.recovery = init.report;
        for (const s of this.#segments.items)
            if (s.startedAtMs > 0)
                this.#timeIndex.add(s.firstId, s.startedAtMs);
        this.#space = new SpaceGate({
            maxBytes: o.maxSizeBytes,
            segmentBytes: o.segmentSizeBytes,
            usedBytes: () => this.#segments.logicalBytes(),
            releaseRetained: () => this.#retention.collect(true),
            freeBytes: () => this.#fs.freeBytes(o.dir),
            logger: o.logger,
            metrics: this.#metrics,
            retryInitialMs: o.diskRetryInitialMs ?? 200,
            retryMaxMs: o.diskRetryMaxMs ?? 5000,
        });
        this.#writer = new SegmentWriter({
            dir: o.dir,
            fs: this.#fs,
            segments: this.#segments,
            segmentSizeBytes: o.segmentSizeBytes,
            sync: o.sync,
            syncIntervalMs: o.syncIntervalMs,
            checkpoint: o.checkpoint,
            logger: o.logger,
            metrics: this.#metrics,
            space: this.#space,
            now: this.#now,
            nextId: init.nextId,
            nextRecordIndex: init.nextRecordIndex,
            onCommit: (firstId, at) => this.#onCommit(firstId, at),
        });
        this.#retention = new Retention({
            segments: this.#segments,
            fs: this.#fs,
            dir: o.dir,
            retainMs: o.retainMs,
            now: this.#now,
            logger: o.logger,
            metrics: this.#metrics,
            minDurableAcked: () => this.#minDurableAcked(),
            syncNewest: (seg) => this.#writer.syncSegment(seg),
            freed: () => {
                const first = this.#segments.first;
                if (first)
                    this.#timeIndex.trimBefore(first.firstId);
                this.#updateSizeGauges();
                this.#space.spaceFreed();
            },
        });
        const self = this;
        this.#host = {
            segments: this.#segments,
            fs: this.#fs,
            logger: o.logger,
            metrics: this.#metrics,
            chunkBytes: init.chunkBytes,
            timeIndex: this.#timeIndex,
            now: this.#now,
            closed: () => self.#closed,
            waitForCommit: (signal) => (self.#closed ? Promise.resolve() : self.#commits.wait(signal)),
            visibleRecordsEnd: () => self.#visibleRecordsEnd(),
            persistCursor: (name, state) => writeCursorFile(self.#fs, o.dir, name, state, o.logger),
            cursorDurable: () => void self.#retention.collect(false),
            segmentMissing: (seg, reader) => self.#segmentMissing(seg, reader),
        };
        this.#updateSizeGauges();
    }
    /**
     * Appends entries as data frames in one write (concurrent calls are coalesced); resolves when durable per the sync policy.
     * The entries' bytes are copied before append() returns, so the caller may reuse their buffers at once.
     */
    append(entries, opts) {
        if (this.#closed)
            return Promise.reject(new AgentError('SPOOL_IO', `spool ${this.#o.dir} is closed: append refused`));
        return this.#writer.append(entries, opts?.force === true);
    }
    /** Meta of the newest checkpoint frame and of every data frame after it, as recovered at open (checkpoint first). */
    recoveryMeta() {
        return this.#metas.slice();
    }
    /** The reader (and cursor) of one exporter; the same object for the same name. */
    reader(name) {
        let r = this.#readers.get(name);
        if (r)
            return r;
        let start = this.#cursors.get(name);
        if (!start) {
            // Not declared at open: no cursor file can exist for it (undeclared ones were removed), so it starts at the oldest frame.
            const first = this.#segments.first;
            start = first
                ? { ackedId: first.firstId - 1, segmentFirstId: first.firstId, offset: SEGMENT_HEADER_BYTES, recordsEnd: first.firstRecordIndex, writtenAtMs: 0 }
                : { ackedId: this.#writer.nextId - 1, segmentFirstId: 0, offset: 0, recordsEnd: this.#visibleRecordsEnd(), writtenAtMs: 0 };
            this.#cursors.set(name, start);
            this.#o.logger.info('spool reader added after open: it starts at the oldest frame on disk', { reader: name, fromId: start.ackedId + 1 });
        }
        r = new Reader(name, this.#host, start);
        this.#readers.set(name, r);
        return r;
    }
    isFull() {
        return this.#space.isFull();
    }
    /** Resolves when a small append would succeed again (at once if not full; also on abort or close). */
    waitForSpace(signal) {
        return this.#space.waitForSpace(signal);
    }
    stats() {
        const items = this.#segments.items.filter((s) => s.visibleEnd > 0);
        const first = items[0];
        const last = items[items.length - 1];
        let frames = 0;
        let bytes = 0;
        for (const s of items) {
            frames += s.frames;
            bytes += s.size;
        }
        const cursors = [];
        for (const name of this.#cursorNames()) {
            const r = this.reader(name);
            const lag = r.lag();
            cursors.push({ name, ackedId: r.ackedId, lagRecords: lag.records, lagBytes: lag.bytes });
        }
        return {
            segments: items.length,
            bytes,
            maxBytes: this.#o.maxSizeBytes,
            records: first && last ? last.recordsEnd - first.firstRecordIndex : 0,
            frames,
            lastFrameId: last ? last.lastId : this.#writer.nextId - 1,
            full: this.isFull(),
            cursors,
        };
    }
    /** fdatasync now (after appends queued so far are written). */
    async sync() {
        await this.#writer.sync();
    }
    /** Every frame still on disk with its meta, in order (checkpoint frames have records = 0). Damaged frames are left out. */
    scan() {
        return scanSegments(this.#segments.items.slice(), this.#fs, this.#host.chunkBytes);
    }
    /** Flushes, fdatasyncs, waits for cursor writes, releases the lock; idempotent. */
    close() {
        this.#closing ??= this.#doClose();
        return this.#closing;
    }
    async #doClose() {
        let failure;
        try {
            await this.#writer.close();
        }
        catch (err) {
            failure = err;
        }
        this.#closed = true;
        this.#commits.notify();
        for (const r of this.#readers.values())
            await r.close();
        this.#space.close();
        await this.#retention.close();
        try {
            await this.#lock.release();
        }
        catch (err) {
            failure ??= err;
        }
        if (failure !== undefined) {
            throw isAgentError(failure) ? failure : new AgentError('SPOOL_IO', `closing spool ${this.#o.dir} failed: ${errorMessage(failure)}`, { cause: failure });
        }
    }
    /** Deletes segments every reader has acknowledged (and retain allows). Used at open and after acks. */
    async collectGarbage() {
        await this.#retention.collect(false);
    }
    // ---------------------------------------------------------------- internals
    #cursorNames() {
        return [...new Set([...this.#cursors.keys(), ...this.#readers.keys()])];
    }
    #minDurableAcked() {
        let min;
        for (const n of this.#cursorNames()) {
            const r = this.#readers.get(n);
            const id = r ? r.durableAckedId : this.#cursors.get(n).ackedId;
            min = min === undefined ? id : Math.min(min, id);
        }
        return min;
    }
    #visibleRecordsEnd() {
        const items = this.#segments.items;
        for (let i = items.length - 1; i >= 0; i--)
            if (items[i].visibleEnd > 0)
                return items[i].recordsEnd;
        return 0;
    }
    #onCommit(firstId, atMs) {
        this.#timeIndex.add(firstId, atMs);
        this.#commits.notify();
        if (atMs - this.#gaugesAt >= 1000) {
            this.#gaugesAt = atMs;
            this.#updateSizeGauges();
            for (const r of this.#readers.values())
                r.refreshGauges();
        }
    }
    #updateSizeGauges() {
        this.#metrics.setSize(this.#segments.diskBytes(), this.#segments.items.length, this.#o.maxSizeBytes);
    }
    #segmentMissing(seg, reader) {
        if (seg.deleted)
            return;
        seg.deleted = true;
        this.#segments.remove(seg);
        this.#metrics.missingSegments.inc();
        this.#o.logger.error('a spool segment disappeared from the directory (removed by something other than sealog): its frames are lost for readers that had not read them', {
            segment: seg.name,
            firstId: seg.firstId,
            lastId: seg.lastId,
            reader,
        });
        this.#updateSizeGauges();
        this.#space.spaceFreed();
    }
}
//# sourceMappingURL=spool.js.map