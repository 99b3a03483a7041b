/**
 * In-memory view of the segment files, oldest first. Segment objects are
 * shared by the writer, the readers and retention; a deleted segment keeps
 * its object (flagged `deleted`) so a reader holding it can move on.
 */
import { join } from 'node:path';
import { segmentFileName } from './format.js';
export function newSegment(dir, firstId, firstRecordIndex) {
    const name = segmentFileName(firstId);
    return {
        firstId,
        firstRecordIndex,
        name,
        path: join(dir, name),
        size: 0,
        logicalSize: 0,
        visibleEnd: 0,
        lastId: firstId - 1,
        recordsEnd: firstRecordIndex,
        frames: 0,
        startedAtMs: 0,
        sealed: false,
        deleted: false,
        ackedAtMs: 0,
    };
}
export class SegmentList {
    /** Live segments, oldest first (deleted ones are removed). */
    items = [];
    get last() {
        return this.items[this.items.length - 1];
    }
    get first() {
        return this.items[0];
    }
    push(seg) {
        this.items.push(seg);
    }
    remove(seg) {
        const i = this.items.indexOf(seg);
        if (i >= 0)
            this.items.splice(i, 1);
    }
    /** The oldest live segment that readers can see whose first id is greater than `id`. */
    visibleAfterId(id) {
        for (const s of this.items)
            if (s.firstId > id && s.visibleEnd > 0)
                return s;
        return undefined;
    }
    /** The live segment that holds (or would hold) frame id `id`: the newest one starting at or before it. */
    holding(id) {
        let found;
        for (const s of this.items) {
            if (s.firstId <= id)
                found = s;
            else
                break;
        }
        return found;
    }
    /** Bytes of every live segment, counting queued writes. */
    logicalBytes() {
        let n = 0;
        for (const s of this.items)
            n += s.logicalSize;
        return n;
    }
    /** Bytes of every live segment on disk. */
    diskBytes() {
        let n = 0;
        for (const s of this.items)
            n += s.size;
        return n;
    }
}
//# sourceMappingURL=segment.js.map