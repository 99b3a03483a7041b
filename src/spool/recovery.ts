/**
 * What openSpool does before anything else: find the segments, check their
 * headers, and scan only the newest segment frame by frame (older segments
 * were fdatasynced when the writer moved past them, so only the newest can
 * end in a torn write). A torn or corrupt tail is cut; a damaged frame in
 * the middle is skipped and counted; nothing is guessed.
 */
import { AgentError } from '../errors.js';
import type { Logger } from '../telemetry/logger.js';
import {
  FORMAT_VERSION,
  FRAME_BODY_FIXED_BYTES,
  FRAME_HEADER_BYTES,
  FRAME_TYPE_CHECKPOINT,
  FRAME_TYPE_DATA,
  SEGMENT_HEADER_BYTES,
  decodeSegmentHeader,
  parseSegmentFileName,
  readU32,
  readU64,
} from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME, SCAN_SKIP, SCAN_TAIL, describeTail } from './frame-scanner.js';
import { SegmentList, newSegment, type Segment } from './segment.js';
import { readFully, type SpoolFs } from './spool-fs.js';
import { dirname as dirOf, join } from 'node:path';

export interface RecoveryReport {
  cutBytes: number;
  skippedFrames: number;
  segments: number;
  durationMs: number;
  messages: string[];
  /**
   * Frames recovery found damaged and left out (skipped, cut, or moved aside
   * with their segment), for the owner to declare (a signed loss record);
   * then it calls settleDamage(). Kept in DAMAGE_NOTE across a crash until
   * settled, including what an earlier, unsettled start found.
   */
  damage: SpoolDamage[];
  /** Skipped regions (`segment@offset`) declared by an earlier start: still on disk, not declared again. */
  declared: string[];
}

/** One damaged region recovery left out. */
export interface SpoolDamage {
  /**
   * skipped: a damaged region between intact frames (or unreadable bytes at
   * the end of an older segment, found by a reader); torn_tail: cut at the end
   * of the newest segment; corrupt_segment: a segment moved aside;
   * missing_segment: a segment file removed by something other than sealog.
   */
  kind: 'skipped' | 'torn_tail' | 'corrupt_segment' | 'missing_segment';
  segment: string;
  bytes: number;
  /** Offset of a skipped region in its segment. */
  from?: number;
  /** Frames lost, where known (ids are consecutive around a skipped region). */
  frames?: number;
  /** Meta of the last intact frame before the region (data or checkpoint), where there is one in the segment. */
  before?: Uint8Array;
  /** Meta and record count of the first intact data frame after it (skipped regions). */
  after?: Uint8Array;
  afterRecords?: number;
}

/** Damage found by recovery and not yet declared by the owner (see RecoveryReport.damage). */
export const DAMAGE_NOTE = 'recovery-damage.json';

interface DamageJson {
  kind: SpoolDamage['kind'];
  segment: string;
  bytes: number;
  from?: number;
  frames?: number;
  before?: string;
  after?: string;
  afterRecords?: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** The key of a skipped region in `declared`. */
export function damageKey(d: SpoolDamage): string | undefined {
  return d.kind === 'skipped' && d.from !== undefined ? `${d.segment}@${d.from}` : undefined;
}

/** The metas of the intact frames just before offset `from` and of the first intact data frame at or after it (a rare path: one scan of the segment). */
export async function neighbourMetas(
  fs: SpoolFs,
  seg: Segment,
  from: number,
  chunkBytes: number,
): Promise<Pick<SpoolDamage, 'before' | 'after' | 'afterRecords'>> {
  const out: Pick<SpoolDamage, 'before' | 'after' | 'afterRecords'> = {};
  const fh = await fs.open(seg.path, 'r');
  try {
    const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, seg.firstId - 1, seg.visibleEnd || seg.size, chunkBytes);
    for (;;) {
      const ev = await sc.next();
      if (ev === SCAN_END || ev === SCAN_TAIL) break;
      if (ev !== SCAN_FRAME) continue;
      const v = sc.view;
      if (sc.frameOffset < from) {
        out.before = sc.buf.slice(v.metaStart, v.metaEnd);
      } else if (v.type === FRAME_TYPE_DATA) {
        out.after = sc.buf.slice(v.metaStart, v.metaEnd);
        out.afterRecords = v.records;
        break;
      }
    }
  } finally {
    await fh.close();
  }
  return out;
}

async function readDamageNote(fs: SpoolFs, dir: string): Promise<{ damage: SpoolDamage[]; declared: string[] }> {
  let text: string;
  try {
    text = Buffer.from(await fs.readFile(join(dir, DAMAGE_NOTE))).toString('utf8');
  } catch {
    return { damage: [], declared: [] };
  }
  try {
    const j = JSON.parse(text) as { v: number; damage: DamageJson[]; declared?: string[] };
    const declared = Array.isArray(j.declared) ? j.declared.filter((x) => typeof x === 'string') : [];
    const damage = j.damage.map((d) => ({
      kind: d.kind,
      segment: d.segment,
      bytes: d.bytes,
      ...(d.from !== undefined ? { from: d.from } : {}),
      ...(d.frames !== undefined ? { frames: d.frames } : {}),
      ...(d.before ? { before: Uint8Array.from(Buffer.from(d.before, 'hex')) } : {}),
      ...(d.after ? { after: Uint8Array.from(Buffer.from(d.after, 'hex')) } : {}),
      ...(d.afterRecords !== undefined ? { afterRecords: d.afterRecords } : {}),
    }));
    return { damage, declared };
  } catch {
    return { damage: [{ kind: 'skipped', segment: DAMAGE_NOTE, bytes: 0 }], declared: [] }; // unreadable: something was pending, its details are lost
  }
}

/** Makes `damage` durable (before the destructive step it describes, so a crash cannot lose its account). */
export async function writeDamageNote(fs: SpoolFs, dir: string, damage: SpoolDamage[], declared: string[]): Promise<void> {
  const path = join(dir, DAMAGE_NOTE);
  const tmp = path + '.tmp';
  await fs.unlink(tmp).catch(() => undefined);
  if (damage.length === 0 && declared.length === 0) {
    await fs.unlink(path).catch(() => undefined);
    await fs.syncDir(dir);
    return;
  }
  const json: DamageJson[] = damage.map((d) => ({
    kind: d.kind,
    segment: d.segment,
    bytes: d.bytes,
    ...(d.from !== undefined ? { from: d.from } : {}),
    ...(d.frames !== undefined ? { frames: d.frames } : {}),
    ...(d.before ? { before: hex(d.before) } : {}),
    ...(d.after ? { after: hex(d.after) } : {}),
    ...(d.afterRecords !== undefined ? { afterRecords: d.afterRecords } : {}),
  }));
  const bytes = Buffer.from(JSON.stringify({ v: 1, damage: json, declared }));
  const fh = await fs.open(tmp, 'wx');
  try {
    let off = 0;
    while (off < bytes.length) off += await fh.write(bytes, off, bytes.length - off, off);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, path);
  await fs.syncDir(dir);
}

export interface RecoveredSegments {
  segments: SegmentList;
  /**
   * Highest frame id that may ever have been used: the last frame on disk, or
   * the id before the first frame of a newest segment removed as empty (0 if none).
   */
  lastId: number;
  /** Record index after the last frame on disk. */
  recordsEnd: number;
  /** Meta of the newest checkpoint frame and of every data frame after it. */
  metas: Uint8Array[];
  /** Names in the directory, for the cursor loader. */
  files: string[];
  report: RecoveryReport;
}

const PEEK_BYTES = SEGMENT_HEADER_BYTES + FRAME_HEADER_BYTES + FRAME_BODY_FIXED_BYTES;

export async function recoverSegments(fs: SpoolFs, dir: string, logger: Logger, chunkBytes: number): Promise<RecoveredSegments> {
  const started = performance.now();
  const pending = await readDamageNote(fs, dir);
  const report: RecoveryReport = { cutBytes: 0, skippedFrames: 0, segments: 0, durationMs: 0, messages: [], damage: pending.damage, declared: pending.declared };
  const pendingBefore = report.damage.length;
  const note = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>): void => {
    report.messages.push(msg);
    logger[level](msg, fields);
  };
  const files = await fs.readdir(dir);
  const named = files
    .map((f) => ({ file: f, id: parseSegmentFileName(f) }))
    .filter((x): x is { file: string; id: number } => x.id !== undefined)
    .sort((a, b) => a.id - b.id);

  const segments = new SegmentList();
  const idFloor = named.length > 0 ? named[named.length - 1].id - 1 : 0;
  for (let i = 0; i < named.length; i++) {
    const nextId = i + 1 < named.length ? named[i + 1].id : undefined;
    const seg = await openSegmentHead(fs, dir, named[i].file, named[i].id, i === named.length - 1, note, report, nextId);
    if (seg) segments.push(seg);
  }
  for (let i = 0; i + 1 < segments.items.length; i++) {
    const s = segments.items[i];
    const next = segments.items[i + 1];
    s.lastId = next.firstId - 1;
    s.recordsEnd = next.firstRecordIndex;
    s.frames = Math.max(0, next.firstId - s.firstId - 1);
  }

  // Scan the newest segment; one left empty by a crash is removed and the one before it becomes the newest.
  let metas: Uint8Array[] = [];
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

  // Skipped regions were found without a destructive step: recorded here, for the owner to declare.
  if (report.damage.length > pendingBefore) await writeDamageNote(fs, dir, report.damage, report.declared);
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

type Note = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>) => void;

async function openSegmentHead(
  fs: SpoolFs,
  dir: string,
  file: string,
  id: number,
  newest: boolean,
  note: Note,
  report: RecoveryReport,
  nextId: number | undefined,
): Promise<Segment | undefined> {
  const seg = newSegment(dir, id, 0);
  const fh = await fs.open(seg.path, 'r');
  let size: number;
  let head: Uint8Array;
  let n: number;
  try {
    size = await fh.size();
    head = new Uint8Array(PEEK_BYTES);
    n = await readFully(fh, head, 0, PEEK_BYTES, 0);
  } finally {
    await fh.close();
  }
  const h = decodeSegmentHeader(head, n);
  if (!h.ok && h.reason === 'version' && (h.version ?? 0) > FORMAT_VERSION) {
    throw new AgentError(
      'SPOOL_CORRUPT',
      `${seg.path} was written by a newer sealog (spool format ${h.version}; this build reads format ${FORMAT_VERSION}): run the newer version or move the spool aside`,
    );
  }
  if (!h.ok || h.header.firstId !== id) {
    const why = h.ok ? `its header says first frame ${h.header.firstId}` : `its header is ${h.reason === 'short' ? 'incomplete' : h.reason === 'zero' ? 'all zeros' : `damaged (${h.reason})`}`;
    if (newest && h.ok === false && (h.reason === 'short' || h.reason === 'zero')) {
      await fs.unlink(seg.path);
      note('warn', `removed ${file}: ${why}, a crash while the segment was being started (${size} bytes, no frame)`, { segment: file, bytes: size });
      return undefined;
    }
    report.damage.push({ kind: 'corrupt_segment', segment: file, bytes: size, ...(nextId !== undefined && nextId > id ? { frames: nextId - id } : {}) });
    await writeDamageNote(fs, dir, report.damage, report.declared);
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
  #ends: number[] = [];

  reset(): void {
    this.#len = 0;
    this.#ends.length = 0;
  }

  add(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.#len + n > this.#buf.length) {
      const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    const buf = this.#buf;
    let at = this.#len;
    if (n <= 64) {
      for (let i = start; i < end; i++) buf[at++] = src[i];
    } else {
      buf.set(src.subarray(start, end), at);
    }
    this.#len += n;
    this.#ends.push(this.#len);
  }

  /** A copy of the newest meta added, if any. */
  last(): Uint8Array | undefined {
    const n = this.#ends.length;
    if (n === 0) return undefined;
    return this.#buf.slice(n > 1 ? this.#ends[n - 2] : 0, this.#ends[n - 1]);
  }

  list(): Uint8Array[] {
    const out: Uint8Array[] = new Array(this.#ends.length);
    let start = 0;
    for (let i = 0; i < this.#ends.length; i++) {
      out[i] = this.#buf.subarray(start, this.#ends[i]);
      start = this.#ends[i];
    }
    return out;
  }
}

interface Scanned {
  metas: Uint8Array[];
  haveCheckpoint: boolean;
  /** Nothing but the header is left. */
  empty: boolean;
}

/** Scans a whole segment; for the newest one (`cut`), truncates a bad tail and sets exact counts. */
async function scanSegment(
  fs: SpoolFs,
  seg: Segment,
  chunkBytes: number,
  cut: boolean,
  report: RecoveryReport,
  note: Note,
): Promise<Scanned> {
  const fh = await fs.open(seg.path, cut ? 'r+' : 'r');
  const metas = new MetaCollector();
  let haveCheckpoint = false;
  let frames = 0;
  let records = 0;
  /** A skipped region waiting for the first intact data frame after it. */
  let awaiting: SpoolDamage | undefined;
  try {
    const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, seg.firstId - 1, seg.size, chunkBytes);
    for (;;) {
      const ev = await sc.next();
      if (ev === SCAN_END) break;
      const v = sc.view;
      if (ev === SCAN_FRAME) {
        records += v.records;
        if (v.type === FRAME_TYPE_CHECKPOINT) {
          metas.reset();
          metas.add(sc.buf, v.metaStart, v.metaEnd);
          haveCheckpoint = true;
        } else if (v.type === FRAME_TYPE_DATA) {
          metas.add(sc.buf, v.metaStart, v.metaEnd);
          frames++;
          if (awaiting) {
            awaiting.after = sc.buf.slice(v.metaStart, v.metaEnd);
            awaiting.afterRecords = v.records;
            awaiting = undefined;
          }
        }
        if (seg.startedAtMs === 0) seg.startedAtMs = v.appendedAtMs;
      } else if (ev === SCAN_SKIP) {
        report.skippedFrames += sc.skipFrames;
        const before = metas.last();
        const d: SpoolDamage = { kind: 'skipped', segment: seg.name, bytes: sc.skipTo - sc.skipFrom, from: sc.skipFrom, frames: sc.skipFrames, ...(before ? { before } : {}) };
        const key = damageKey(d)!;
        if (!report.declared.includes(key) && !report.damage.some((x) => damageKey(x) === key)) {
          awaiting = d;
          report.damage.push(d);
        }
        note('warn', `skipped a damaged region in ${seg.name} at bytes ${sc.skipFrom}..${sc.skipTo} (about ${sc.skipFrames} frame(s) lost; the frames around it are intact)`, {
          segment: seg.name,
          from: sc.skipFrom,
          to: sc.skipTo,
          frames: sc.skipFrames,
        });
      } else if (ev === SCAN_TAIL && cut) {
        const bytes = seg.size - sc.tailFrom;
        const before = metas.last();
        report.damage.push({ kind: 'torn_tail', segment: seg.name, bytes, ...(before ? { before } : {}) });
        await writeDamageNote(fs, dirOf(seg.path), report.damage, report.declared);
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
      } else if (ev === SCAN_TAIL) {
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
  } finally {
    await fh.close();
  }
  return { metas: metas.list(), haveCheckpoint, empty: cut && seg.size <= SEGMENT_HEADER_BYTES };
}
