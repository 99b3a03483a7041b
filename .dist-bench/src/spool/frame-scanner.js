/**
 * Reads the frames of one segment file in order, in large chunks, and
 * classifies damage. Shared by recovery, the readers, scan() and inspect.
 *
 * A frame is good when its length is plausible, its CRC matches and its id
 * is greater than the previous good id. At a bad frame the scanner looks for
 * the next good frame (first right after the bad frame's stated length, then
 * byte by byte) whose id is within MAX_ID_GAP of the last good id:
 *
 *   found      -> SCAN_SKIP: [skipFrom, skipTo) is a damaged region, counted
 *                 and skipped; scanning continues at skipTo
 *   not found  -> SCAN_TAIL: [tailFrom, limit) holds no frame (a torn final
 *                 write, a zero-filled tail after power loss, or garbage)
 *
 * Nothing is guessed: every frame delivered passed its CRC.
 */
import { FRAME_BODY_FIXED_BYTES, FRAME_HEADER_BYTES, FrameView, MAX_FRAME_BODY_BYTES, PARSE_BAD_CRC, PARSE_OK, PARSE_PARTIAL, parseFrame, peekBodyLength, peekFrameId, } from './format.js';
import { readFully } from './spool-fs.js';
export const SCAN_FRAME = 0;
export const SCAN_END = 1;
export const SCAN_SKIP = 2;
export const SCAN_TAIL = 3;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** A resync candidate's id must be within this distance of the last good id. */
export const MAX_ID_GAP = 1 << 24;
const EMPTY = new Uint8Array(0);
/** Words for a log line about a tail that holds no frame. */
export function describeTail(reason) {
    switch (reason) {
        case 'zero-filled':
            return 'the tail is zero-filled (blocks allocated but never written: what a power loss leaves)';
        case 'torn':
            return 'the last frame is incomplete (a write cut short by a crash)';
        case 'corrupt':
            return 'the last frame fails its CRC and no intact frame follows (a torn or damaged final write)';
    }
}
export class FrameScanner {
    fh;
    chunkBytes;
    chunks;
    /** Fields of the frame after SCAN_FRAME; offsets are into `buf`. */
    view = new FrameView();
    /**
     * The chunk holding the current frame. Without a chunk pool it is never
     * reused, so subarrays of it stay valid; with one, see ChunkPool.
     */
    buf = EMPTY;
    /** File offset of buf[0]. */
    bufStart = 0;
    #bufEnd = 0;
    /** File offset of the next frame. */
    pos;
    /** Id of the last good frame (the segment's first id - 1 at its start). */
    lastId;
    /** File offset where the data ends (file size, or a reader's visible end). */
    limit;
    /** File offset of the frame after SCAN_FRAME. */
    frameOffset = 0;
    skipFrom = 0;
    skipTo = 0;
    /** Frames lost in the skipped region (from the id gap; at least 1). */
    skipFrames = 0;
    tailFrom = 0;
    tailReason = 'torn';
    constructor(fh, start, lastId, limit, chunkBytes = DEFAULT_CHUNK_BYTES, chunks) {
        this.fh = fh;
        this.chunkBytes = chunkBytes;
        this.chunks = chunks;
        this.pos = start;
        this.lastId = lastId;
        this.limit = limit;
    }
    /** Advances to the next event: SCAN_FRAME, SCAN_SKIP, SCAN_TAIL or SCAN_END. */
    async next() {
        if (this.pos >= this.limit)
            return SCAN_END;
        const pos = this.pos;
        let code = this.#parseBuffered(pos);
        if (code === PARSE_PARTIAL)
            code = await this.#parseAt(pos);
        if (code === PARSE_OK && this.view.id > this.lastId) {
            this.frameOffset = pos;
            this.lastId = this.view.id;
            this.pos = pos + this.view.size;
            return SCAN_FRAME;
        }
        return this.#recover(pos, code);
    }
    /** Parses at file offset pos using the current chunk (no I/O). */
    #parseBuffered(pos) {
        if (pos < this.bufStart || pos >= this.#bufEnd) {
            this.view.need = FRAME_HEADER_BYTES;
            return PARSE_PARTIAL;
        }
        return parseFrame(this.buf, pos - this.bufStart, Math.min(this.#bufEnd, this.limit) - this.bufStart, this.view);
    }
    /** Parses at file offset pos, reading as needed (a frame may be larger than a chunk). */
    async #parseAt(pos) {
        let code = this.#parseBuffered(pos);
        for (let i = 0; i < 2 && code === PARSE_PARTIAL; i++) {
            if (pos + this.view.need > this.limit)
                break; // it cannot complete: a torn frame
            await this.#fill(pos, this.view.need);
            code = this.#parseBuffered(pos);
        }
        return code;
    }
    async #fill(pos, minBytes) {
        const want = Math.min(Math.max(this.chunkBytes, minBytes), this.limit - pos);
        const buf = this.chunks ? this.chunks.take(want) : Buffer.allocUnsafe(want);
        const n = await readFully(this.fh, buf, 0, want, pos);
        if (n < want)
            this.limit = pos + n; // the file is shorter than we were told: it ends here
        this.dispose();
        this.buf = buf;
        this.bufStart = pos;
        this.#bufEnd = pos + n;
    }
    /** Stops reading from the current chunk (a pooled one may be reused once its frames are released). */
    dispose() {
        if (this.chunks && this.buf !== EMPTY)
            this.chunks.retire(this.buf);
        this.buf = EMPTY;
        this.bufStart = 0;
        this.#bufEnd = 0;
    }
    /** Whether a good frame with an acceptable id starts at q (may read). */
    async #goodAt(q) {
        if (q + FRAME_HEADER_BYTES + FRAME_BODY_FIXED_BYTES > this.limit)
            return false;
        const code = await this.#parseAt(q);
        return code === PARSE_OK && this.view.id > this.lastId && this.view.id - this.lastId <= MAX_ID_GAP;
    }
    async #recover(p, code) {
        let q;
        if (code === PARSE_BAD_CRC || (code === PARSE_OK && this.view.id <= this.lastId)) {
            const next = p + this.view.size;
            if (await this.#goodAt(next))
                q = next;
        }
        if (q === undefined)
            q = await this.#search(p + 1);
        if (q !== undefined) {
            // #goodAt(q) left the candidate's fields in view; report the gap, then let next() deliver it.
            this.skipFrom = p;
            this.skipTo = q;
            this.skipFrames = Math.max(1, this.view.id - this.lastId - 1);
            this.pos = q;
            return SCAN_SKIP;
        }
        this.tailFrom = p;
        this.tailReason = (await this.#allZero(p, this.limit)) ? 'zero-filled' : code === PARSE_PARTIAL ? 'torn' : 'corrupt';
        this.pos = this.limit;
        return SCAN_TAIL;
    }
    /** First offset >= from where a good frame starts, or undefined. */
    async #search(from) {
        const minHead = FRAME_HEADER_BYTES + 8; // length, CRC and id
        let q = from;
        while (q + FRAME_HEADER_BYTES + FRAME_BODY_FIXED_BYTES <= this.limit) {
            if (q < this.bufStart || q + minHead > this.#bufEnd)
                await this.#fill(q, minHead);
            const buf = this.buf;
            const base = this.bufStart;
            const end = Math.min(this.#bufEnd, this.limit) - minHead;
            for (; q <= end; q++) {
                const rel = q - base;
                const len = peekBodyLength(buf, rel);
                if (len < FRAME_BODY_FIXED_BYTES || len > MAX_FRAME_BODY_BYTES || q + FRAME_HEADER_BYTES + len > this.limit)
                    continue;
                const id = peekFrameId(buf, rel);
                if (id <= this.lastId || id - this.lastId > MAX_ID_GAP)
                    continue;
                if (await this.#goodAt(q))
                    return q;
                break; // #goodAt may have replaced the chunk: re-enter the outer loop at q + 1
            }
            if (q <= end)
                q++;
            else if (this.#bufEnd >= this.limit)
                break;
        }
        return undefined;
    }
    async #allZero(from, to) {
        const chunk = Buffer.allocUnsafe(Math.min(this.chunkBytes, Math.max(0, to - from)));
        for (let off = from; off < to;) {
            const n = await readFully(this.fh, chunk, 0, Math.min(chunk.length, to - off), off);
            if (n === 0)
                break;
            for (let i = 0; i < n; i++)
                if (chunk[i] !== 0)
                    return false;
            off += n;
        }
        return true;
    }
}
//# sourceMappingURL=frame-scanner.js.map