/**
 * What openSpool does before anything else: find the segments, check their
 * headers, and scan only the newest segment frame by frame (older segments
 * were fdatasynced when the writer moved past them, so only the newest can
 * end in a torn write). A torn or corrupt tail is cut; a damaged frame in
 * the middle is skipped and counted; nothing is guessed.
 */
import { AgentError } from '../errors.js';
import { FORMAT_VERSION, FRAME_BODY_FIXED_BYTES, FRAME_HEADER_BYTES, FRAME_TYPE_CHECKPOINT, FRAME_TYPE_DATA, SEGMENT_HEADER_BYTES, decodeSegmentHeader, parseSegmentFileName, readU32, readU64, } from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME, SCAN_SKIP, SCAN_TAIL, describeTail } from './frame-scanner.js';
import { SegmentList, newSegment } from './segment.js';
import { readFully } from './spool-fs.js';
const PEEK_BYTES = SEGMENT_HEADER_BYTES + FRAME_HEADER_BYTES + FRAME_BODY_FIXED_BYTES;
export async function recoverSegments(fs, dir, logger, chunkBytes) {
    const started = performance.now();
    const report = { cutBytes: 0, skippedFrames: 0, segments: 0, durationMs: 0, messages: [] };
    const note = (level, msg, fields) => {
        report.messages.push(msg);
        logger[level](msg, fields);
    };
    const files = await fs.readdir(dir);
    const named = files
        .map((f) => ({ file: f, id: parseSegmentFileName(f) }))
        .filter((x) => x.id !== undefined)
        .sort((a, b) => a.id - b.id);
    const segments = new SegmentList();
    const idFloor = named.length > 0 ? named[named.length - 1].id - 1 : 0;
    for (let i = 0; i < named.length; i++) {
        const seg = await openSegmentHead(fs, dir, named[i].file, named[i].id, i === named.length - 1, note);
        if (seg)
            segments.push(seg);
    }
    for (let i = 0; i + 1 < segments.items.length; i++) {
        const s = segments.items[i];
        const next = segments.items[i + 1];
        s.lastId = next.firstId - 1;
        s.recordsEnd = next.firstRecordIndex;
        s.frames = Math.max(0, next.firstId - s.firstId - 1);
    }
    // Scan the newest segment; one left empty by a crash is removed and the one before it becomes the newest.
    let metas = [];
    let haveCheckpoint = false;
    while (segments.last) {
        const last = segments.last;
        const scanned = await scanSegment(fs, last, chunkBytes, true, report, note);
        if (scanned.empty) {
            await fs.unlink(last.path);
            segments.remove(last);
            note('info', `removed ${last.name}: it holds no frame (a crash while it was being started)`, { segment: last.name });
            continue;
        }
        metas = scanned.metas;
        haveCheckpoint = scanned.haveCheckpoint;
        break;
    }
    // The newest checkpoint may sit in an older segment if the newest one's was damaged.
    for (let i = segments.items.length - 2; i >= 0 && !haveCheckpoint && segments.last; i--) {
        const scanned = await scanSegment(fs, segments.items[i], chunkBytes, false, report, note);
        metas = scanned.metas.concat(metas);
        haveCheckpoint = scanned.haveCheckpoint;
    }
    if (segments.last && !haveCheckpoint) {
        note('warn', 'no intact checkpoint frame in the spool: pipeline state is recovered from data frames only', { dir });
    }
    const last = segments.last;
    report.segments = segments.items.length;
    report.durationMs = performance.now() - started;
    return {
        segments,
        lastId: Math.max(idFloor, last ? last.lastId : 0),
        recordsEnd: last ? last.recordsEnd : 0,
        metas,
        files,
        report,
    };
}
async function openSegmentHead(fs, dir, file, id, newest, note) {
    const seg = newSegment(dir, id, 0);
    const fh = await fs.open(seg.path, 'r');
    let size;
    let head;
    let n;
    try {
        size = await fh.size();
        head = new Uint8Array(PEEK_BYTES);
        n = await readFully(fh, head, 0, PEEK_BYTES, 0);
    }
    finally {
        await fh.close();
    }
    const h = decodeSegmentHeader(head, n);
    if (!h.ok && h.reason === 'version' && (h.version ?? 0) > FORMAT_VERSION) {
        throw new AgentError('SPOOL_CORRUPT', `${seg.path} was written by a newer sealog (spool format ${h.version}; this build reads format ${FORMAT_VERSION}): run the newer version or move the spool aside`);
    }
    if (!h.ok || h.header.firstId !== id) {
        const why = h.ok ? `its header says first frame ${h.header.firstId}` : `its header is ${h.reason === 'short' ? 'incomplete' : h.reason === 'zero' ? 'all zeros' : `damaged (${h.reason})`}`;
        if (newest && h.ok === false && (h.reason === 'short' || h.reason === 'zero')) {
            await fs.unlink(seg.path);
            note('warn', `removed ${file}: ${why}, a crash while the segment was being started (${size} bytes, no frame)`, { segment: file, bytes: size });
            return undefined;
        }
        await fs.rename(seg.path, seg.path + '.corrupt');
        note('error', `moved ${file} aside to ${file}.corrupt: ${why}; its frames are not delivered`, { segment: file, bytes: size });
        return undefined;
    }
    seg.firstRecordIndex = h.header.firstRecordIndex;
    seg.recordsEnd = seg.firstRecordIndex;
    seg.size = size;
    seg.logicalSize = size;
    seg.visibleEnd = size;
    seg.sealed = true;
    if (n >= PEEK_BYTES && readU32(head, SEGMENT_HEADER_BYTES) >= FRAME_BODY_FIXED_BYTES) {
        seg.startedAtMs = readU64(head, SEGMENT_HEADER_BYTES + 24);
    }
    return seg;
}
/**
 * Metas of the frames since the newest checkpoint, copied into one growing
 * buffer (a newest segment of small frames holds hundreds of thousands).
 */
class MetaCollector {
    #buf = new Uint8Array(64 * 1024);
    #len = 0;
    #ends = [];
    reset() {
        this.#len = 0;
        this.#ends.length = 0;
    }
    add(src, start, end) {
        const n = end - start;
        if (this.#len + n > this.#buf.length) {
            const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
            grown.set(this.#buf.subarray(0, this.#len));
            this.#buf = grown;
        }
        const buf = this.#buf;
        let at = this.#len;
        if (n <= 64) {
            for (let i = start; i < end; i++)
                buf[at++] = src[i];
        }
        else {
            buf.set(src.subarray(start, end), at);
        }
        this.#len += n;
        this.#ends.push(this.#len);
    }
    list() {
        const out = new Array(this.#ends.length);
        let start = 0;
        for (let i = 0; i < this.#ends.length; i++) {
            out[i] = this.#buf.subarray(start, this.#ends[i]);
            start = this.#ends[i];
        }
        return out;
    }
}
/** Scans a whole segment; for the newest one (`cut`), truncates a bad tail and sets exact counts. */
async function scanSegment(fs, seg, chunkBytes, cut, report, note) {
    const fh = await fs.open(seg.path, cut ? 'r+' : 'r');
    const metas = new MetaCollector();
    let haveCheckpoint = false;
    let frames = 0;
    let records = 0;
    try {
        const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, seg.firstId - 1, seg.size, chunkBytes);
        for (;;) {
            const ev = await sc.next();
            if (ev === SCAN_END)
                break;
            const v = sc.view;
            if (ev === SCAN_FRAME) {
                records += v.records;
                if (v.type === FRAME_TYPE_CHECKPOINT) {
                    metas.reset();
                    metas.add(sc.buf, v.metaStart, v.metaEnd);
                    haveCheckpoint = true;
                }
                else if (v.type === FRAME_TYPE_DATA) {
                    metas.add(sc.buf, v.metaStart, v.metaEnd);
                    frames++;
                }
                if (seg.startedAtMs === 0)
                    seg.startedAtMs = v.appendedAtMs;
            }
            else if (ev === SCAN_SKIP) {
                report.skippedFrames += sc.skipFrames;
                note('warn', `skipped a damaged region in ${seg.name} at bytes ${sc.skipFrom}..${sc.skipTo} (about ${sc.skipFrames} frame(s) lost; the frames around it are intact)`, {
                    segment: seg.name,
                    from: sc.skipFrom,
                    to: sc.skipTo,
                    frames: sc.skipFrames,
                });
            }
            else if (ev === SCAN_TAIL && cut) {
                const bytes = seg.size - sc.tailFrom;
                await fh.truncate(sc.tailFrom);
                await fh.datasync();
                report.cutBytes += bytes;
                note('warn', `cut ${bytes} bytes at the end of ${seg.name} (offset ${sc.tailFrom}): ${describeTail(sc.tailReason)}`, {
                    segment: seg.name,
                    offset: sc.tailFrom,
                    bytes,
                    reason: sc.tailReason,
                });
                seg.size = seg.logicalSize = seg.visibleEnd = sc.tailFrom;
            }
            else if (ev === SCAN_TAIL) {
                note('warn', `${seg.name} ends with ${seg.size - sc.tailFrom} unreadable bytes at offset ${sc.tailFrom}: ${describeTail(sc.tailReason)}`, {
                    segment: seg.name,
                    offset: sc.tailFrom,
                });
            }
        }
        if (cut) {
            // What recovery found is the base for everything after it: make it durable.
            await fh.datasync();
            seg.lastId = sc.lastId;
            seg.recordsEnd = seg.firstRecordIndex + records;
            seg.frames = frames;
        }
    }
    finally {
        await fh.close();
    }
    return { metas: metas.list(), haveCheckpoint, empty: cut && seg.size <= SEGMENT_HEADER_BYTES };
}
//# sourceMappingURL=recovery.js.map