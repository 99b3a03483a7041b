/**
 * Named damage tests: each changes bytes on disk the way a crash, a power
 * loss, a bad disk or a careless operator would, then reopens the spool.
 */
import { lstat, open as fsOpen, readFile, readdir, rename, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import { cursorFileName, decodeCursor, encodeCursor } from '../../src/spool/cursor-file.js';
import { FORMAT_VERSION, writeU16 } from '../../src/spool/format.js';
import { crc32c } from '../../src/spool/crc32c.js';
import type { Spool } from '../../src/spool/spool.js';
import { baseOptions, entries, open, readAvailable, readN, seqOf, seqsOnDisk } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';
import { openSpool } from '../../src/spool/spool.js';

let dir = '';
const opened: Spool[] = [];

beforeEach(async () => {
  dir = await makeTmpDir();
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  await removeDir(dir);
});

async function reopen(over: Parameters<typeof open>[1] = {}): Promise<Spool> {
  const s = await open(dir, over);
  opened.push(s);
  return s;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function segmentFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.seg')).sort();
}

/** Appends `count` entries one per append, closes, and returns where each frame sits. */
async function populate(count: number, over: Parameters<typeof open>[1] = {}): Promise<Array<{ seq: number; id: number; segment: string; offset: number }>> {
  const s = await open(dir, over);
  for (let i = 1; i <= count; i++) await s.append(entries(i, 1));
  const where: Array<{ seq: number; id: number; segment: string; offset: number }> = [];
  for await (const f of s.scan()) if (f.type === 1) where.push({ seq: seqOf(f.payload), id: f.id, segment: f.segment, offset: f.offset });
  await s.close();
  return where;
}

async function patch(file: string, offset: number, bytes: Uint8Array): Promise<void> {
  const fh = await fsOpen(join(dir, file), 'r+');
  await fh.write(bytes, 0, bytes.length, offset);
  await fh.close();
}

const delivered = new WeakMap<object, Array<{ id: number; payload: Uint8Array }>>();

/** Reads what is available and acknowledges through the frame holding `seq`. */
async function ackThrough(s: Spool, reader: string, seq: number): Promise<void> {
  const r = s.reader(reader);
  const seen = delivered.get(r) ?? [];
  delivered.set(r, seen);
  seen.push(...(await readAvailable(r)));
  const f = seen.find((x) => seqOf(x.payload) === seq);
  if (!f) throw new Error(`seq ${seq} not delivered`);
  await r.ack(f.id);
}

describe('damaged segment tails', () => {
  test('torn tail: a partly written last frame is cut at reopen and every frame before it is kept', async () => {
    await populate(10);
    const [seg] = await segmentFiles();
    const size = (await stat(join(dir, seg))).size;
    await truncate(join(dir, seg), size - 5);
    const s = await reopen();
    expect(s.recovery.cutBytes).toBeGreaterThan(0);
    expect(s.recovery.messages.join('\n')).toMatch(/cut \d+ bytes at the end of .*incomplete/);
    expect(await seqsOnDisk(s)).toEqual(range(1, 9));
    expect((await stat(join(dir, seg))).size).toBe(size - 5 - s.recovery.cutBytes);
    // Appending continues cleanly after the cut.
    await s.append(entries(11, 2));
    expect((await readN(s.reader('r1'), 11)).map((f) => seqOf(f.payload))).toEqual([...range(1, 9), 11, 12]);
  });

  test('zero-filled tail (what a power loss leaves) is cut and reported as such', async () => {
    await populate(8);
    const [seg] = await segmentFiles();
    const size = (await stat(join(dir, seg))).size;
    await patch(seg, size, new Uint8Array(8192));
    const s = await reopen();
    expect(s.recovery.cutBytes).toBe(8192);
    expect(s.recovery.messages.join('\n')).toMatch(/zero-filled/);
    expect(await seqsOnDisk(s)).toEqual(range(1, 8));
    expect((await stat(join(dir, seg))).size).toBe(size);
  });

  test('zeros over the last frames themselves: the zeroed frames are cut, the earlier ones kept', async () => {
    const where = await populate(8);
    const f7 = where.find((w) => w.seq === 7)!;
    const size = (await stat(join(dir, f7.segment))).size;
    await patch(f7.segment, f7.offset, new Uint8Array(size - f7.offset));
    const s = await reopen();
    expect(s.recovery.cutBytes).toBe(size - f7.offset);
    expect(await seqsOnDisk(s)).toEqual(range(1, 6));
  });

  test('a final frame failing its CRC with nothing intact after it is cut as a torn write', async () => {
    const where = await populate(6);
    const last = where[where.length - 1];
    await patch(last.segment, last.offset + 40, Buffer.from('XX'));
    const s = await reopen();
    expect(s.recovery.cutBytes).toBeGreaterThan(0);
    expect(s.recovery.skippedFrames).toBe(0);
    expect(await seqsOnDisk(s)).toEqual(range(1, 5));
  });
});

describe('damaged frames in the middle', () => {
  test('corrupt frame in the middle: skipped and counted, the frames around it delivered, nothing cut', async () => {
    const where = await populate(10);
    const f5 = where.find((w) => w.seq === 5)!;
    const size = (await stat(join(dir, f5.segment))).size;
    await patch(f5.segment, f5.offset + 40, Buffer.from('garbage'));
    const metrics = new MetricsRegistry();
    const s = await reopen({ metrics });
    expect(s.recovery.skippedFrames).toBe(1);
    expect(s.recovery.cutBytes).toBe(0);
    expect(s.recovery.messages.join('\n')).toMatch(/skipped a damaged region/);
    expect((await stat(join(dir, f5.segment))).size).toBe(size);
    const got = await readAvailable(s.reader('r1'));
    expect(got.map((f) => seqOf(f.payload))).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(metrics.render()).toMatch(/sealog_spool_corrupt_frames_skipped_total [1-9]/);
  });

  test('a damaged length field in the middle: the reader resynchronises on the next intact frame', async () => {
    const where = await populate(10);
    const f4 = where.find((w) => w.seq === 4)!;
    await patch(f4.segment, f4.offset, Buffer.from([0x7f, 0x00, 0x12, 0x34]));
    const s = await reopen();
    expect(s.recovery.skippedFrames).toBe(1);
    expect(s.recovery.cutBytes).toBe(0);
    expect((await readAvailable(s.reader('r1'))).map((f) => seqOf(f.payload))).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
  });

  test('a corrupt frame in an older (sealed) segment is skipped by readers and counted', async () => {
    const where = await populate(40, { segmentSizeBytes: 512 });
    const segs = await segmentFiles();
    expect(segs.length).toBeGreaterThan(2);
    const victim = where.find((w) => w.segment === segs[0] && w.seq > 1)!;
    await patch(victim.segment, victim.offset + 40, Buffer.from('!!'));
    const metrics = new MetricsRegistry();
    const s = await reopen({ segmentSizeBytes: 512, metrics });
    expect(s.recovery.skippedFrames).toBe(0); // only the newest segment is scanned at startup
    const got = (await readAvailable(s.reader('r1'))).map((f) => seqOf(f.payload));
    expect(got).toEqual(range(1, 40).filter((n) => n !== victim.seq));
    expect(metrics.render()).toMatch(/sealog_spool_corrupt_frames_skipped_total 1/);
  });

  test('a segment whose header is damaged is moved aside (not deleted) and its frames are not delivered', async () => {
    const where = await populate(30, { segmentSizeBytes: 512 });
    const segs = await segmentFiles();
    await patch(segs[1], 3, Buffer.from('??'));
    const s = await reopen({ segmentSizeBytes: 512 });
    expect(s.recovery.messages.join('\n')).toMatch(/moved .* aside/);
    expect(await readdir(dir)).toContain(segs[1] + '.corrupt');
    const lost = new Set(where.filter((w) => w.segment === segs[1]).map((w) => w.seq));
    expect((await readAvailable(s.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(1, 30).filter((n) => !lost.has(n)));
  });

  test('a newest segment with an incomplete header (crash while starting it) is removed', async () => {
    await populate(5);
    await writeFile(join(dir, '00000000000000000900.seg'), Buffer.from('SEALOG'));
    const s = await reopen();
    expect(await segmentFiles()).toHaveLength(1);
    expect(await seqsOnDisk(s)).toEqual(range(1, 5));
    // Ids never go below what the removed segment claimed.
    const { firstId } = await s.append(entries(6, 1));
    expect(firstId).toBeGreaterThan(900);
  });

  test('a segment written by a newer format version is refused with SPOOL_CORRUPT, untouched', async () => {
    await populate(3);
    const [seg] = await segmentFiles();
    const head = await readFile(join(dir, seg));
    writeU16(head, 8, FORMAT_VERSION + 1);
    head.writeUInt32BE(crc32c(head, 0, 36), 36);
    await writeFile(join(dir, seg), head);
    await expect(open(dir)).rejects.toMatchObject({ code: 'SPOOL_CORRUPT' });
    expect(await readFile(join(dir, seg))).toEqual(head);
    // The failed open released the lock.
    expect(await readdir(dir)).not.toContain('sealog.lock');
  });
});

describe('damaged or missing cursors', () => {
  test('missing cursor file: the reader starts at the oldest frame on disk', async () => {
    const s = await open(dir, { segmentSizeBytes: 512 });
    for (let i = 1; i <= 30; i++) await s.append(entries(i, 1));
    await ackThrough(s, 'r1', 20);
    await s.collectGarbage();
    const oldest = (await seqsOnDisk(s))[0];
    expect(oldest).toBeGreaterThan(1);
    await s.close();
    await rm(join(dir, cursorFileName('r1')));
    const s2 = await reopen({ segmentSizeBytes: 512 });
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(oldest, 30));
  });

  test('stale cursor file (restored from an old backup): continues from the oldest frame still on disk, with a warning', async () => {
    const s = await open(dir, { segmentSizeBytes: 512 });
    for (let i = 1; i <= 40; i++) await s.append(entries(i, 1));
    await ackThrough(s, 'r1', 2);
    const early = await readFile(join(dir, cursorFileName('r1')));
    await ackThrough(s, 'r1', 30);
    await s.collectGarbage();
    const oldest = (await seqsOnDisk(s))[0];
    await s.close();
    await writeFile(join(dir, cursorFileName('r1')), early);
    const s2 = await reopen({ segmentSizeBytes: 512 });
    expect(s2.recovery.messages.join('\n')).toMatch(/stale/);
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(oldest, 40));
  });

  test('corrupt cursor file: delivers again from the oldest frame, with a warning', async () => {
    const s = await open(dir);
    await s.append(entries(1, 10));
    await ackThrough(s, 'r1', 6);
    await s.close();
    const path = join(dir, cursorFileName('r1'));
    const buf = await readFile(path);
    buf[20] ^= 0xff;
    await writeFile(path, buf);
    const opts = baseOptions(dir);
    const s2 = await openSpool(opts);
    opened.push(s2);
    expect(s2.recovery.messages.join('\n')).toMatch(/unreadable \(CRC mismatch\)/);
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(1, 10));
  });

  test('a complete newer cursor .tmp left by a crash before the rename wins over the old cursor', async () => {
    const s = await open(dir);
    await s.append(entries(1, 10));
    await ackThrough(s, 'r1', 3);
    const path = join(dir, cursorFileName('r1'));
    const old = await readFile(path);
    await ackThrough(s, 'r1', 7);
    await s.close();
    await rename(path, path + '.tmp');
    await writeFile(path, old);
    const s2 = await reopen();
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(8, 10));
  });

  test('a leftover cursor .tmp, a file or a planted symlink, is replaced on the next acknowledgement and never written through', async () => {
    const outside = join(dir, '..', `outside-${process.pid}-${Date.now()}`);
    await writeFile(outside, 'not the spool\n');
    try {
      const s = await open(dir);
      await s.append(entries(1, 10));
      await ackThrough(s, 'r1', 3);
      const path = join(dir, cursorFileName('r1'));
      await writeFile(path + '.tmp', 'stale');
      await ackThrough(s, 'r1', 5);
      await symlink(outside, path + '.tmp');
      await ackThrough(s, 'r1', 7);
      await s.close();
      expect(await readFile(outside, 'utf8')).toBe('not the spool\n');
      await expect(lstat(path + '.tmp')).rejects.toMatchObject({ code: 'ENOENT' });
      const s2 = await reopen();
      expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(8, 10));
    } finally {
      await rm(outside, { force: true });
    }
  });

  test('cursor offset that does not match the segment: the position is found again by frame id', async () => {
    const s = await open(dir);
    await s.append(entries(1, 10));
    await ackThrough(s, 'r1', 4);
    await s.close();
    const path = join(dir, cursorFileName('r1'));
    const d = decodeCursor(await readFile(path));
    if (!d.ok) throw new Error(d.reason);
    await writeFile(path, encodeCursor('r1', { ...d.state, offset: d.state.offset + 3 }));
    const s2 = await reopen();
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual(range(5, 10));
  });

  test('cursor past the end of data (the tail was lost): new frames get larger ids and are delivered', async () => {
    const where = await populate(10);
    const s = await open(dir);
    await ackThrough(s, 'r1', 10);
    await s.close();
    // Lose frames 6..10 as a power cut with sync: none could.
    const f6 = where.find((w) => w.seq === 6)!;
    await truncate(join(dir, f6.segment), f6.offset);
    const s2 = await reopen();
    expect(s2.recovery.messages.join('\n')).toMatch(/past the end/);
    const ackedId = where.find((w) => w.seq === 10)!.id;
    const { firstId } = await s2.append(entries(11, 3));
    expect(firstId).toBeGreaterThan(ackedId);
    expect((await readAvailable(s2.reader('r1'))).map((f) => seqOf(f.payload))).toEqual([11, 12, 13]);
  });
});

describe('segments deleted from under a reader', () => {
  test('a segment removed while the spool runs: the reader logs, counts and jumps to the next one', async () => {
    const metrics = new MetricsRegistry();
    const opts = baseOptions(dir, { segmentSizeBytes: 512, metrics });
    const s = await openSpool(opts);
    opened.push(s);
    for (let i = 1; i <= 40; i++) await s.append(entries(i, 1));
    const segs = await segmentFiles();
    const lost: number[] = [];
    for await (const f of s.scan()) if (f.type === 1 && f.segment === segs[1]) lost.push(seqOf(f.payload));
    await rm(join(dir, segs[1]));
    const got = (await readAvailable(s.reader('r1'))).map((f) => seqOf(f.payload));
    expect(got).toEqual(range(1, 40).filter((n) => !lost.includes(n)));
    expect(metrics.render()).toMatch(/sealog_spool_missing_segments_total 1/);
    expect(opts.logger.lines.some((l) => String(l.msg).includes('disappeared'))).toBe(true);
  });

  test('a segment removed while the agent was down: the reader goes on with the next existing segment', async () => {
    await populate(40, { segmentSizeBytes: 512 });
    const segs = await segmentFiles();
    await rm(join(dir, segs[1]));
    const s = await reopen({ segmentSizeBytes: 512 });
    const got = (await readAvailable(s.reader('r1'))).map((f) => seqOf(f.payload));
    expect(got[0]).toBe(1);
    expect(got[got.length - 1]).toBe(40);
    expect(got.length).toBeLessThan(40);
    for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);
  });
});
