/**
 * Loading, checking and saving reader cursors.
 *
 * At open each declared reader's cursor is resolved against the segments on
 * disk (without scanning them, unless the stored offset does not check out):
 *
 *   missing     -> start at the oldest frame on disk (everything is delivered)
 *   corrupt     -> same, with a warning (at-least-once: some frames may be resent)
 *   stale       -> its frames were deleted: start at the oldest frame on disk
 *   past end    -> the spool lost its tail (e.g. power loss with sync: interval):
 *                  keep the id (new frames get larger ids) and read from the end
 *   offset off  -> find the first frame after the acknowledged id in its segment
 *
 * `cursor-NAME.cur.tmp`, if complete and newer, wins over `cursor-NAME.cur`
 * (a crash between its fdatasync and the rename).
 */
import { join } from 'node:path';
import { CURSOR_SUFFIX, cursorFileName, decodeCursor, encodeCursor, parseCursorFileName } from './cursor-file.js';
import { SEGMENT_HEADER_BYTES } from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME } from './frame-scanner.js';
import { errorMessage } from '../errors.js';
import { isDiskFullError, overwriteInPlace, readIfExists, unlinkIfExists, writeFileAtomic } from './spool-fs.js';
/** Reads a reader's cursor (newest intact of .cur and .cur.tmp). */
export async function readCursorFile(fs, dir, reader) {
    const path = join(dir, cursorFileName(reader));
    const main = await readIfExists(fs, path);
    const tmp = await readIfExists(fs, path + '.tmp');
    let best;
    let problem;
    for (const [label, buf] of [
        ['', main],
        ['.tmp', tmp],
    ]) {
        if (!buf)
            continue;
        const d = decodeCursor(buf);
        if (!d.ok) {
            if (label === '')
                problem = d.reason;
            continue;
        }
        if (d.reader !== reader) {
            if (label === '')
                problem = `it names reader ${JSON.stringify(d.reader)}`;
            continue;
        }
        if (!best || d.state.ackedId > best.ackedId)
            best = d.state;
    }
    return { state: best, present: main !== undefined || tmp !== undefined, problem };
}
/**
 * Saves a cursor atomically (temp file, fdatasync, rename, directory fsync).
 * On a full disk (no room for the temp file) the cursor is overwritten in
 * place instead: it fits in one sector and carries a CRC, so a torn write
 * reads as a damaged cursor (delivery restarts at the oldest frame) rather
 * than a wrong one. Without this, a full disk could never be relieved by
 * acknowledgements.
 */
export async function writeCursorFile(fs, dir, reader, state, logger) {
    const path = join(dir, cursorFileName(reader));
    const data = encodeCursor(reader, state);
    try {
        await writeFileAtomic(fs, dir, path, data);
    }
    catch (err) {
        if (!isDiskFullError(err) || !(await overwriteInPlace(fs, path, data)))
            throw err;
        logger?.warn('disk full: cursor overwritten in place instead of replaced atomically', { reader, error: errorMessage(err) });
    }
}
/** Removes cursor files of readers no longer configured. */
export async function removeUnknownCursors(ctx, files, readers) {
    for (const f of files) {
        const base = f.endsWith('.tmp') ? f.slice(0, -4) : f;
        if (!base.endsWith(CURSOR_SUFFIX))
            continue;
        const name = parseCursorFileName(base);
        if (name === undefined || readers.has(name))
            continue;
        await unlinkIfExists(ctx.fs, join(ctx.dir, f));
        if (f === base) {
            const msg = `removed the cursor of reader ${JSON.stringify(name)}: no exporter of that name is configured`;
            ctx.note(msg);
            ctx.logger.info(msg, { reader: name, file: f });
        }
    }
}
function atOldest(ctx) {
    const first = ctx.segments.first;
    if (!first)
        return { ackedId: ctx.lastId, segmentFirstId: 0, offset: 0, recordsEnd: ctx.recordsEnd, writtenAtMs: 0 };
    return { ackedId: first.firstId - 1, segmentFirstId: first.firstId, offset: SEGMENT_HEADER_BYTES, recordsEnd: first.firstRecordIndex, writtenAtMs: 0 };
}
function atEnd(ctx, ackedId) {
    const last = ctx.segments.last;
    if (!last)
        return { ackedId, segmentFirstId: 0, offset: 0, recordsEnd: ctx.recordsEnd, writtenAtMs: 0 };
    return { ackedId, segmentFirstId: last.firstId, offset: last.visibleEnd, recordsEnd: last.recordsEnd, writtenAtMs: 0 };
}
export async function resolveCursor(ctx, reader) {
    const warn = (msg, fields) => {
        ctx.note(msg);
        ctx.logger.warn(msg, { reader, ...fields });
    };
    const read = await readCursorFile(ctx.fs, ctx.dir, reader);
    const c = read.state;
    if (!c) {
        const start = atOldest(ctx);
        if (read.present) {
            warn(`cursor of reader ${reader} is unreadable (${read.problem ?? 'damaged'}): delivering again from the oldest frame on disk (id ${start.ackedId + 1})`, {
                problem: read.problem,
            });
            return { state: start, origin: 'corrupt' };
        }
        if (ctx.segments.first)
            ctx.logger.info('no cursor for this reader yet: it starts at the oldest frame on disk', { reader, fromId: start.ackedId + 1 });
        return { state: start, origin: 'missing' };
    }
    if (c.ackedId > ctx.lastId) {
        warn(`cursor of reader ${reader} is past the end of the spool (acknowledged id ${c.ackedId}, last frame on disk ${ctx.lastId}): the spool lost its tail; reading continues with new frames`, { ackedId: c.ackedId, lastId: ctx.lastId });
        return { state: atEnd(ctx, c.ackedId), origin: 'past-end' };
    }
    const first = ctx.segments.first;
    if (!first)
        return { state: { ...c, segmentFirstId: 0, offset: 0 }, origin: 'stored' };
    if (c.ackedId < first.firstId - 1) {
        warn(`cursor of reader ${reader} is stale (acknowledged id ${c.ackedId}, oldest frame on disk ${first.firstId}): frames ${c.ackedId + 1}..${first.firstId - 1} are no longer in the spool; continuing from the oldest`, { ackedId: c.ackedId, oldestId: first.firstId });
        return { state: atOldest(ctx), origin: 'stale' };
    }
    const seg = ctx.segments.items.find((s) => s.firstId === c.segmentFirstId);
    if (seg && (await offsetChecksOut(ctx, seg, c)))
        return { state: c, origin: 'stored' };
    const found = await locate(ctx, c.ackedId);
    ctx.logger.info('cursor offset did not match the spool: found the position by frame id', { reader, ackedId: c.ackedId, segment: found.segmentFirstId, offset: found.offset });
    return { state: { ...found, writtenAtMs: c.writtenAtMs }, origin: 'relocated' };
}
/** Whether the frame right after the stored offset is the one after the acknowledged id. */
async function offsetChecksOut(ctx, seg, c) {
    if (c.offset < SEGMENT_HEADER_BYTES || c.offset > seg.visibleEnd)
        return false;
    if (c.offset === seg.visibleEnd)
        return c.ackedId >= seg.firstId - 1 && c.ackedId <= seg.lastId;
    const fh = await ctx.fs.open(seg.path, 'r');
    try {
        const sc = new FrameScanner(fh, c.offset, c.ackedId, seg.visibleEnd, 64 * 1024);
        return (await sc.next()) === SCAN_FRAME && sc.view.id === c.ackedId + 1;
    }
    finally {
        await fh.close();
    }
}
/** Position just after frame `ackedId`, found by scanning the segment that would hold the next frame. */
async function locate(ctx, ackedId) {
    const seg = ctx.segments.holding(ackedId + 1) ?? ctx.segments.first;
    const fh = await ctx.fs.open(seg.path, 'r');
    let records = seg.firstRecordIndex;
    try {
        const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, seg.firstId - 1, seg.visibleEnd, ctx.chunkBytes);
        for (;;) {
            const ev = await sc.next();
            if (ev === SCAN_END)
                break;
            if (ev !== SCAN_FRAME)
                continue;
            if (sc.view.id > ackedId)
                return { ackedId, segmentFirstId: seg.firstId, offset: sc.frameOffset, recordsEnd: records };
            records += sc.view.records;
        }
    }
    finally {
        await fh.close();
    }
    return { ackedId, segmentFirstId: seg.firstId, offset: seg.visibleEnd, recordsEnd: records };
}
//# sourceMappingURL=cursor-store.js.map