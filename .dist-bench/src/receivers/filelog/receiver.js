/**
 * The filelog receiver: discovery (polling plus chokidar hints), file
 * identity across rotation, a bounded pool of open descriptors, a small pool
 * of readers, and delivery of batches whose positions advance only once the
 * pipeline made them durable. See docs/FILELOG.md.
 */
import { open } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { newResource, newScope } from '../../otlp/types.js';
import { AgentError, errorMessage } from '../../errors.js';
import { compileGlobs } from './glob.js';
import { discover } from './discovery.js';
import { compatible } from './identity.js';
import { BatchBuilder } from './records.js';
import { RecordScanner, newScanState } from './scanner.js';
import { compileParsers } from './parsers.js';
import { Sender } from './sender.js';
import { TrackedFile } from './tracked.js';
import { IdentityResolver, readHead } from './resolver.js';
import { startWatcher } from './watcher.js';
import { HandlePool } from './handles.js';
import { readAvailable, readDecompressed } from './reader.js';
export const SCOPE_NAME = 'sealog/filelog';
const MIN_READ_BUFFER = 256 * 1024;
const MAX_READERS = 8;
function defaultNow() {
    return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1_000_000));
}
export { defaultNow };
function compileRegex(source, what) {
    try {
        return new RegExp(source);
    }
    catch (err) {
        throw new AgentError('CONFIG_INVALID', `filelog ${what}: invalid regex ${JSON.stringify(source)}: ${errorMessage(err)}`);
    }
}
function isActive(t) {
    return t.state === 'active';
}
export class FilelogReceiver {
    #cfg;
    #consumer;
    #log;
    #m;
    #now;
    #include;
    #exclude;
    #scanner;
    #builder;
    #bufferSize;
    #fpSize;
    #maxOpen;
    #maxReaders;
    #orphanIdleMs;
    #files = new Map();
    #byPath = new Map();
    #ids;
    #queue = [];
    #running = 0;
    #holding = true;
    #turns = new Set();
    #handles;
    #reader;
    #buffers = [];
    #abort = new AbortController();
    #sender;
    #started = false;
    #starting = null;
    #stopped = false;
    #pollTimer = null;
    #soonTimer = null;
    #scanning = null;
    #scanAgain = false;
    #watcher = null;
    #warnedPaths = new Set();
    constructor(cfg, deps) {
        this.#cfg = cfg;
        this.#consumer = deps.consumer;
        this.#log = deps.logger;
        this.#m = deps.metrics;
        this.#now = deps.now;
        if (cfg.include.length === 0)
            throw new AgentError('CONFIG_INVALID', `${cfg.id}: include must name at least one file glob`);
        this.#include = compileGlobs(cfg.include.map((p) => resolvePath(p)));
        this.#exclude = compileGlobs(cfg.exclude.map((p) => resolvePath(p)));
        const ml = cfg.multiline;
        if (ml?.lineStartPattern !== undefined && ml.lineEndPattern !== undefined) {
            throw new AgentError('CONFIG_INVALID', `${cfg.id}: multiline takes line_start_pattern or line_end_pattern, not both`);
        }
        this.#scanner = new RecordScanner({
            encoding: cfg.encoding,
            maxLogSize: cfg.maxLogSizeBytes,
            action: cfg.maxLogSizeAction,
            ...(ml?.lineStartPattern !== undefined ? { lineStart: compileRegex(ml.lineStartPattern, 'multiline.line_start_pattern') } : {}),
            ...(ml?.lineEndPattern !== undefined ? { lineEnd: compileRegex(ml.lineEndPattern, 'multiline.line_end_pattern') } : {}),
        });
        const parsers = compileParsers(cfg.parsers);
        const m = this.#m;
        const parseSeries = parsers ? parsers.names.map((n, i) => m.parseErrors(`${i}:${n}`)) : [];
        const builderOpts = {
            encoding: cfg.encoding,
            maxBatchLines: cfg.maxBatchLines,
            includeFileName: cfg.includeFileName,
            includeFilePath: cfg.includeFilePath,
            includeProvenance: cfg.includeProvenance,
            parsers,
            onParseError: (i) => parseSeries[i].inc(),
            onSplit: () => m.linesSplit.inc(),
            onTruncated: () => m.linesTruncated.inc(),
        };
        this.#builder = () => new BatchBuilder(builderOpts);
        this.#bufferSize = Math.max(MIN_READ_BUFFER, this.#scanner.maxCarry + 64 * 1024);
        this.#fpSize = Math.max(16, Math.floor(cfg.fingerprintSizeBytes));
        this.#maxOpen = Math.max(1, Math.floor(cfg.maxConcurrentFiles));
        this.#handles = new HandlePool(this.#maxOpen, m.filesOpen, (t) => {
            this.#log.warn('filelog: closed a file that left the include set before it was drained; raise max_concurrent_files', {
                receiver: this.#cfg.id,
                path: t.path,
            });
            this.#forget(t, true);
        });
        this.#maxReaders = Math.max(1, Math.min(this.#maxOpen, MAX_READERS));
        this.#orphanIdleMs = Math.max(1000, 2 * cfg.pollIntervalMs, cfg.forceFlushPeriodMs + cfg.pollIntervalMs);
        this.#reader = {
            scanner: this.#scanner,
            newBuilder: this.#builder,
            now: this.#now,
            stopped: () => this.#stopped,
            deliver: (t, batches) => this.#deliver(t, batches),
            forceFlushPeriodMs: cfg.forceFlushPeriodMs,
            scheduleFlush: (t, ms) => this.#scheduleFlush(t, ms),
            clearFlush: (t) => this.#clearFlushTimer(t),
        };
        this.#sender = new Sender(this.#consumer, this.#log, this.#abort.signal, m.backpressureWaits);
        this.#ids = new IdentityResolver({
            cfg,
            fingerprintSize: this.#fpSize,
            copySettleMs: Math.max(3 * cfg.pollIntervalMs, 1000),
            log: this.#log,
            metrics: m,
            open: (t) => this.#ensureOpen(t),
            release: (t) => this.#handles.release(t),
            readError: (t, what, err) => this.#readError(t, what, err),
            stopped: () => this.#stopped,
            donorAdded: () => this.#markWaiting(),
        }, deps.recovered);
    }
    /** Descriptors currently held (open files plus ones being opened). */
    openFiles() {
        return this.#handles.count;
    }
    async start() {
        if (this.#started || this.#stopped)
            return;
        this.#started = true;
        this.#starting = this.#start();
        await this.#starting;
    }
    async #start() {
        const found = await discover(this.#include, this.#exclude);
        this.#reportDiscoveryErrors(found.errors);
        if (this.#stopped)
            return;
        this.#reconcile(found.files, true);
        // Own recovered positions first, so a copy never takes the position of a file that is still there.
        for (const t of [...this.#files.values()]) {
            if (this.#stopped)
                return;
            if (this.#ids.hasRecovered(t.id))
                await this.#ids.matchRecovered(t);
        }
        this.#ids.donateRecoveredPositions();
        if (this.#cfg.watch) {
            try {
                this.#watcher = await startWatcher(this.#include, this.#exclude, {
                    changed: (p) => {
                        const t = this.#byPath.get(p);
                        if (t)
                            this.#mark(t);
                        else
                            this.#requestScan(10);
                    },
                    structure: () => this.#requestScan(10),
                    error: (err) => this.#log.warn('filelog: file watcher error; polling continues', { receiver: this.#cfg.id, error: errorMessage(err) }),
                });
                if (this.#stopped)
                    await this.#watcher.close();
            }
            catch (err) {
                this.#log.warn('filelog: could not start the file watcher; relying on polling', { receiver: this.#cfg.id, error: errorMessage(err) });
            }
        }
        if (this.#stopped)
            return;
        this.#holding = false;
        this.#pump();
        this.#schedulePoll();
        this.#log.info('filelog: started', { receiver: this.#cfg.id, files: this.#files.size, include: this.#cfg.include, watch: this.#cfg.watch });
    }
    async shutdown() {
        if (this.#stopped)
            return;
        this.#stopped = true;
        this.#abort.abort();
        if (this.#pollTimer)
            clearTimeout(this.#pollTimer);
        if (this.#soonTimer)
            clearTimeout(this.#soonTimer);
        this.#pollTimer = this.#soonTimer = null;
        for (const t of this.#files.values())
            this.#clearFlushTimer(t);
        this.#queue.length = 0;
        if (this.#starting)
            await this.#starting.catch(() => undefined);
        if (this.#watcher)
            await this.#watcher.close().catch(() => undefined);
        if (this.#scanning)
            await this.#scanning;
        while (this.#turns.size > 0)
            await Promise.allSettled([...this.#turns]);
        for (const t of this.#files.values())
            this.#handles.release(t);
        await this.#handles.settled();
        this.#m.filesOpen.set(0);
    }
    // ------------------------------------------------------------ discovery
    #schedulePoll() {
        if (this.#stopped)
            return;
        this.#pollTimer = setTimeout(() => {
            this.#pollTimer = null;
            void this.#runScan().finally(() => this.#schedulePoll());
        }, this.#cfg.pollIntervalMs);
    }
    #requestScan(delayMs) {
        if (this.#stopped || this.#holding)
            return;
        if (this.#scanning) {
            this.#scanAgain = true;
            return;
        }
        if (this.#soonTimer)
            return;
        this.#soonTimer = setTimeout(() => {
            this.#soonTimer = null;
            void this.#runScan();
        }, delayMs);
    }
    #runScan() {
        if (this.#stopped)
            return Promise.resolve();
        if (this.#scanning) {
            this.#scanAgain = true;
            return this.#scanning;
        }
        const run = (async () => {
            try {
                const found = await discover(this.#include, this.#exclude);
                this.#reportDiscoveryErrors(found.errors);
                if (!this.#stopped)
                    this.#reconcile(found.files, false);
            }
            catch (err) {
                this.#m.readErrors.inc();
                this.#log.warn('filelog: discovery failed; will retry at the next poll', { receiver: this.#cfg.id, error: errorMessage(err) });
            }
        })();
        this.#scanning = run.finally(() => {
            this.#scanning = null;
            if (this.#scanAgain) {
                this.#scanAgain = false;
                this.#requestScan(0);
            }
        });
        return this.#scanning;
    }
    #reportDiscoveryErrors(errors) {
        for (const e of errors) {
            this.#m.readErrors.inc();
            if (this.#warnedPaths.has(e.path))
                continue;
            this.#warnedPaths.add(e.path);
            this.#log.warn('filelog: cannot read a path the include globs select; check its permissions', { receiver: this.#cfg.id, path: e.path, code: e.code });
        }
    }
    #reconcile(found, initial) {
        const now = Date.now();
        const seen = new Set();
        const byPath = new Map();
        for (const f of found) {
            if (seen.has(f.id))
                continue;
            seen.add(f.id);
            let t = this.#files.get(f.id);
            if (!t) {
                const gz = this.#cfg.compression === 'gzip' && f.path.endsWith('.gz');
                t = new TrackedFile(f, initial, gz, now);
                this.#files.set(f.id, t);
                this.#m.filesDiscovered.inc();
                this.#mark(t);
            }
            else {
                if (t.path !== f.path) {
                    this.#log.debug('filelog: file renamed', { receiver: this.#cfg.id, from: t.path, to: f.path });
                    t.setPath(f.path);
                    this.#m.rotations.inc();
                }
                if (t.orphan)
                    t.orphan = false;
                const changed = f.size !== t.seenSize || f.mtimeMs !== t.seenMtimeMs;
                if (changed) {
                    t.seenSize = f.size;
                    t.seenMtimeMs = f.mtimeMs;
                    t.stableSince = now;
                }
                const waiting = t.state === 'unresolved' || t.state === 'deferred';
                const unread = t.state === 'active' && f.size !== t.readFrom && f.size !== t.pendingEof;
                if (changed || waiting || unread)
                    this.#mark(t);
            }
            byPath.set(f.path, t);
        }
        this.#byPath = byPath;
        for (const t of [...this.#files.values()])
            if (!seen.has(t.id))
                this.#lost(t, now);
    }
    /** A tracked file no longer matches: drain it through its descriptor if open, else forget it. */
    #lost(t, now) {
        const readable = t.state === 'active' && !t.gz;
        if (readable && (t.fh !== null || t.busy)) {
            if (!t.orphan) {
                t.orphan = true;
                t.lastGrowthAt = now;
                this.#m.rotations.inc();
                this.#log.debug('filelog: file left the include set; reading it to its end', { receiver: this.#cfg.id, path: t.path });
            }
            this.#mark(t);
            return;
        }
        if (readable && t.offset < t.seenSize) {
            this.#log.warn('filelog: a file disappeared before it was fully read and its descriptor was not open; raise max_concurrent_files', {
                receiver: this.#cfg.id,
                path: t.path,
                readUpTo: t.offset,
                lastSize: t.seenSize,
            });
        }
        this.#forget(t, readable);
    }
    #forget(t, retire) {
        if (t.removed)
            return;
        t.removed = true;
        if (retire)
            this.#ids.retire(t);
        this.#ids.forget(t);
        this.#clearFlushTimer(t);
        if (!t.busy)
            this.#handles.release(t); // else when its turn ends
        this.#files.delete(t.id);
    }
    /** Deferred files may be copies waiting for their original to go: look again. */
    #markWaiting() {
        for (const t of this.#files.values())
            if (t.state === 'deferred')
                this.#mark(t);
    }
    // ------------------------------------------------------------ scheduling
    #mark(t) {
        if (t.removed || this.#stopped)
            return;
        if (t.busy) {
            t.again = true;
            return;
        }
        if (t.queued)
            return;
        t.queued = true;
        this.#queue.push(t);
        this.#pump();
    }
    #pump() {
        if (this.#holding)
            return;
        while (this.#running < this.#maxReaders && this.#queue.length > 0 && !this.#stopped) {
            const t = this.#queue.shift();
            t.queued = false;
            if (t.removed)
                continue;
            this.#run(t);
        }
    }
    #run(t) {
        t.busy = true;
        this.#running++;
        const p = this.#turn(t)
            .catch((err) => {
            this.#m.readErrors.inc();
            if (!t.warned) {
                t.warned = true;
                this.#log.warn('filelog: reading a file failed; will retry', { receiver: this.#cfg.id, path: t.path, error: errorMessage(err) });
            }
        })
            .finally(() => {
            t.busy = false;
            this.#running--;
            this.#turns.delete(p);
            if (t.removed)
                this.#handles.release(t);
            if (t.again && !t.removed) {
                t.again = false;
                this.#mark(t);
            }
            this.#pump();
        });
        this.#turns.add(p);
    }
    #clearFlushTimer(t) {
        if (t.flushTimer) {
            clearTimeout(t.flushTimer);
            t.flushTimer = null;
        }
    }
    // ------------------------------------------------------------ descriptors
    /** The file's open handle, opening (and checking identity) if needed; null if unavailable now. */
    async #ensureOpen(t) {
        if (t.fh) {
            this.#handles.touch(t);
            return t.fh;
        }
        if (t.orphan)
            return null;
        this.#handles.reserve();
        let fh;
        try {
            fh = await open(t.path, 'r');
        }
        catch (err) {
            this.#handles.cancel();
            const code = err.code;
            if (code === 'ENOENT')
                this.#requestScan(0);
            else
                this.#readError(t, 'cannot open file', err);
            return null;
        }
        this.#handles.attach(t, fh);
        let same = false;
        try {
            const st = await fh.stat({ bigint: true });
            same = `${st.dev}:${st.ino}` === t.id;
        }
        catch (err) {
            this.#readError(t, 'cannot stat file', err);
        }
        if (!same || this.#stopped || t.removed) {
            this.#handles.release(t);
            if (!same)
                this.#requestScan(0);
            return null;
        }
        return fh;
    }
    #readError(t, what, err) {
        this.#m.readErrors.inc();
        if (t.warned)
            return;
        t.warned = true;
        this.#log.warn(`filelog: ${what}; will retry`, { receiver: this.#cfg.id, path: t.path, code: err.code, error: errorMessage(err) });
    }
    #takeBuffer() {
        return this.#buffers.pop() ?? Buffer.allocUnsafe(this.#bufferSize);
    }
    #giveBuffer(b) {
        if (this.#buffers.length < this.#maxReaders)
            this.#buffers.push(b);
    }
    // ------------------------------------------------------------ reading
    async #turn(t) {
        if (this.#stopped || t.removed)
            return;
        if (t.state === 'done') {
            if (!t.gz || t.seenSize === t.lastSize)
                return;
            t.state = 'active'; // a compressed file changed after it was read: read on from its position
        }
        if (t.state === 'unresolved' || t.state === 'deferred') {
            if (t.gz)
                await this.#ids.resolveGz(t);
            else if (t.seenSize > 0 || t.fh !== null || t.resumeAt !== undefined)
                await this.#ids.resolve(t);
            if (!isActive(t))
                return;
        }
        if (t.gz)
            await this.#readGz(t);
        else
            await this.#readPlain(t);
    }
    #batch(t, b) {
        const data = {
            resourceLogs: [
                {
                    resource: newResource(),
                    scopeLogs: [{ scope: newScope(SCOPE_NAME, ''), logRecords: b.records, schemaUrl: '' }],
                    schemaUrl: '',
                },
            ],
        };
        return { data, positions: [{ key: t.key, path: t.path, offset: b.end, receiver: this.#cfg.id }] };
    }
    /** Delivers batches in order, committing each file position once durable; false if stopped. */
    async #deliver(t, batches) {
        for (const b of batches) {
            const ok = await this.#sender.deliver(this.#batch(t, b), t.path);
            if (!ok)
                return false;
            this.#m.linesRead.inc(b.records.length);
            this.#m.bytesRead.inc(Math.max(0, b.end - t.offset));
            t.offset = b.end;
            if (b.tail.length > 0)
                t.tail = b.tail;
            if (t.warned)
                t.warned = false;
        }
        return true;
    }
    async #readPlain(t) {
        const fh = await this.#ensureOpen(t);
        if (!fh)
            return;
        const st = await fh.stat();
        const size = st.size;
        const now = Date.now();
        // Truncated or rewritten in place? (Also grows a fingerprint shorter than fingerprint_size.)
        let truncated = size < t.readFrom || size < t.fp.length;
        if (!truncated && (t.fp.length < this.#fpSize || size !== t.lastSize || st.mtimeMs !== t.lastMtimeMs)) {
            const want = Math.min(size, this.#fpSize);
            if (want > 0 && (want > t.fp.length || st.mtimeMs !== t.lastMtimeMs)) {
                const head = await readHead(fh, want);
                if (t.fp.length > 0 && !compatible(head, t.fp))
                    truncated = true;
                else if (head.length > t.fp.length)
                    this.#ids.grewFingerprint(t, head);
            }
        }
        if (truncated) {
            await this.#ids.truncated(t, fh, size);
            this.#clearFlushTimer(t);
        }
        if (size !== t.lastSize)
            t.lastGrowthAt = now;
        t.lastSize = size;
        t.lastMtimeMs = st.mtimeMs;
        if (this.#stopped || t.removed)
            return;
        if (size > t.readFrom || t.scan.kept !== null || t.pendingEof >= 0) {
            const buf = this.#takeBuffer();
            try {
                await readAvailable(this.#reader, t, fh, buf);
            }
            finally {
                this.#giveBuffer(buf);
            }
        }
        if (t.orphan && !t.again && t.pendingEof < 0 && t.scan.kept === null && Date.now() - t.lastGrowthAt >= this.#orphanIdleMs) {
            this.#log.debug('filelog: finished a file that left the include set', { receiver: this.#cfg.id, path: t.path, offset: t.offset });
            this.#forget(t, true);
        }
    }
    #scheduleFlush(t, ms) {
        this.#clearFlushTimer(t);
        if (this.#stopped)
            return;
        t.flushTimer = setTimeout(() => {
            t.flushTimer = null;
            this.#mark(t);
        }, Math.max(1, ms));
    }
    async #readGz(t) {
        const fh = await this.#ensureOpen(t);
        if (!fh)
            return;
        const st = await fh.stat();
        // Always from the committed position with fresh framing (an earlier attempt may have stopped mid-stream).
        const start = t.offset;
        t.readFrom = start;
        t.scan = newScanState();
        const buf = this.#takeBuffer();
        try {
            let result = await readDecompressed(this.#reader, t, fh, buf, start, start > 0 ? t.tail : null);
            if (result === 'mismatch') {
                this.#log.debug('filelog: compressed file does not continue the file it looked like; reading all of it', { receiver: this.#cfg.id, path: t.path });
                t.offset = t.readFrom = 0;
                t.scan = newScanState();
                result = await readDecompressed(this.#reader, t, fh, buf, 0, null);
            }
            if (result === 'stopped')
                return;
        }
        catch (err) {
            if (this.#stopped)
                return;
            // Corrupt, or still being written: read on from the committed position when it changes.
            this.#readError(t, 'cannot decompress gzip file (corrupt or still being written)', err);
        }
        finally {
            this.#giveBuffer(buf);
        }
        t.lastSize = st.size;
        t.state = 'done';
        this.#handles.release(t);
    }
}
//# sourceMappingURL=receiver.js.map