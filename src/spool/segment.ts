/**
 * In-memory view of the segment files, oldest first. Segment objects are
 * shared by the writer, the readers and retention; a deleted segment keeps
 * its object (flagged `deleted`) so a reader holding it can move on.
 */
import { join } from 'node:path';
import { segmentFileName } from './format.js';

export interface Segment {
  firstId: number;
  /** Records appended to the spool before this segment's first frame. */
  firstRecordIndex: number;
  name: string;
  path: string;
  /** Bytes on disk (completed writes). */
  size: number;
  /** Bytes once the writes queued for it are done; what size limits are checked against. */
  logicalSize: number;
  /** End of the bytes readers may see; 0 until the file exists. */
  visibleEnd: number;
  /** Id of the last visible frame (firstId - 1 while empty). */
  lastId: number;
  /** Record index just past the last visible frame. */
  recordsEnd: number;
  /** Visible data frames (checkpoint frames excluded). */
  frames: number;
  /** Wall-clock ms of the segment's first frame; 0 if unknown. */
  startedAtMs: number;
  /** No more appends go here (a newer segment was started, or it predates this process). */
  sealed: boolean;
  deleted: boolean;
  /** When every reader had acknowledged all of it; 0 = not yet. */
  ackedAtMs: number;
}

export function newSegment(dir: string, firstId: number, firstRecordIndex: number): Segment {
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
  readonly items: Segment[] = [];

  get last(): Segment | undefined {
    return this.items[this.items.length - 1];
  }

  get first(): Segment | undefined {
    return this.items[0];
  }

  push(seg: Segment): void {
    this.items.push(seg);
  }

  remove(seg: Segment): void {
    const i = this.items.indexOf(seg);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** The oldest live segment that readers can see whose first id is greater than `id`. */
  visibleAfterId(id: number): Segment | undefined {
    for (const s of this.items) if (s.firstId > id && s.visibleEnd > 0) return s;
    return undefined;
  }

  /** The live segment that holds (or would hold) frame id `id`: the newest one starting at or before it. */
  holding(id: number): Segment | undefined {
    let found: Segment | undefined;
    for (const s of this.items) {
      if (s.firstId <= id) found = s;
      else break;
    }
    return found;
  }

  /** Bytes of every live segment, counting queued writes. */
  logicalBytes(): number {
    let n = 0;
    for (const s of this.items) n += s.logicalSize;
    return n;
  }

  /** Bytes of every live segment on disk. */
  diskBytes(): number {
    let n = 0;
    for (const s of this.items) n += s.size;
    return n;
  }
}
