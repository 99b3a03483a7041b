import { decompressedChunks } from './gzip.js';
/** Chunks one turn may read before the file goes to the back of the queue (fairness). */
export const MAX_CHUNKS_PER_TURN = 64;
/**
 * Bytes asked of one read (the buffer itself is larger: it must hold the
 * longest record). Records framed from one read stay in memory until they
 * are durable, so this bounds their lifetime: with 256 KiB (about 1,300
 * typical lines) they die young, in V8's cheap young-generation collection,
 * instead of being promoted and collected by full mark-compacts. Measured
 * on scenario 1 of the bench: reading up to 1 MiB at a time cost 20 % more
 * CPU per record and 60 MB more peak RSS; 128 KiB saved another 35 MB of
 * peak RSS for 9 % more CPU (per-batch costs).
 */
export const READ_BYTES = 256 * 1024;
/** Decompressed bytes gathered before framing them. */
const GZ_BATCH_BYTES = 256 * 1024;
/**
 * Reads a plain file from t.readFrom to its end (or the turn's budget). A
 * partial record left at the end is emitted once force_flush_period passed
 * without the file growing.
 */
export async function readAvailable(ctx, t, fh, buf) {
    const builder = ctx.newBuilder();
    let pos = t.readFrom;
    let have = 0;
    let chunks = 0;
    let eof = false;
    let prev = Promise.resolve(true);
    try {
        while (!ctx.stopped() && !t.removed) {
            const { bytesRead } = await fh.read(buf, have, Math.min(buf.length - have, READ_BYTES), pos + have);
            if (bytesRead === 0) {
                eof = true;
                break;
            }
            have += bytesRead;
            const view = buf.subarray(0, have);
            builder.begin(t.attrs, ctx.now(), view, pos);
            const consumed = ctx.scanner.scan(view, pos, false, t.scan, builder);
            const batches = builder.take();
            // Records hold decoded strings, so the buffer is free again once framed.
            if (!(await prev))
                return;
            if (batches.length > 0)
                prev = ctx.deliver(t, batches);
            if (consumed > 0) {
                buf.copyWithin(0, consumed, have);
                pos += consumed;
                have -= consumed;
            }
            t.readFrom = pos;
            if (++chunks >= MAX_CHUNKS_PER_TURN) {
                t.again = true;
                break;
            }
        }
    }
    finally {
        await prev;
    }
    if (!eof || ctx.stopped() || t.removed)
        return;
    if (have === 0 && t.scan.kept === null) {
        t.pendingEof = -1;
        ctx.clearFlush(t);
        return;
    }
    const eofAt = pos + have;
    const waited = t.pendingEof === eofAt ? Date.now() - t.pendingSince : -1;
    if (waited < 0) {
        t.pendingEof = eofAt;
        t.pendingSince = Date.now();
        ctx.scheduleFlush(t, ctx.forceFlushPeriodMs);
        return;
    }
    if (waited < ctx.forceFlushPeriodMs) {
        ctx.scheduleFlush(t, ctx.forceFlushPeriodMs - waited);
        return;
    }
    const view = buf.subarray(0, have);
    builder.begin(t.attrs, ctx.now(), view, pos);
    ctx.scanner.scan(view, pos, true, t.scan, builder);
    const batches = builder.take();
    if (batches.length > 0 && !(await ctx.deliver(t, batches)))
        return;
    t.readFrom = eofAt;
    t.pendingEof = -1;
}
/**
 * Reads a gzip file's decompressed content from `start` (a decompressed
 * offset) to its end; the final unterminated line is emitted at once, since
 * the file is complete. When `tail` is given, the decompressed bytes just
 * before `start` must equal it, else the result is 'mismatch' (the file does
 * not continue the one it looked like). Throws on corrupt or truncated data.
 */
export async function readDecompressed(ctx, t, fh, buf, start, tail) {
    const builder = ctx.newBuilder();
    let total = 0;
    let before = Buffer.alloc(0);
    let pos = start;
    let have = 0;
    const frame = async (flush) => {
        const view = buf.subarray(0, have);
        builder.begin(t.attrs, ctx.now(), view, pos);
        const consumed = ctx.scanner.scan(view, pos, flush, t.scan, builder);
        const batches = builder.take();
        if (batches.length > 0 && !(await ctx.deliver(t, batches)))
            return false;
        if (consumed > 0) {
            buf.copyWithin(0, consumed, have);
            pos += consumed;
            have -= consumed;
        }
        t.readFrom = pos;
        return true;
    };
    for await (const chunk of decompressedChunks(fh)) {
        if (ctx.stopped() || t.removed)
            return 'stopped';
        let c = chunk;
        if (total < start) {
            const skip = Math.min(start - total, c.length);
            if (tail && tail.length > 0) {
                const joined = before.length > 0 ? Buffer.concat([before, c.subarray(0, skip)]) : c.subarray(0, skip);
                before = Buffer.from(joined.subarray(Math.max(0, joined.length - tail.length)));
            }
            total += skip;
            c = c.subarray(skip);
            if (total === start && tail && tail.length > 0 && !before.equals(tail))
                return 'mismatch';
            if (c.length === 0)
                continue;
        }
        while (c.length > 0) {
            const n = Math.min(c.length, buf.length - have);
            c.copy(buf, have, 0, n);
            have += n;
            total += n;
            c = c.subarray(n);
            if (have === buf.length && !(await frame(false)))
                return 'stopped';
        }
        if (have >= GZ_BATCH_BYTES && !(await frame(false)))
            return 'stopped';
    }
    if (total < start)
        return 'mismatch';
    if ((have > 0 || t.scan.kept !== null) && !(await frame(true)))
        return 'stopped';
    return 'ok';
}
//# sourceMappingURL=reader.js.map