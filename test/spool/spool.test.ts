import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import type { Spool } from '../../src/spool/spool.js';
import { baseOptions, entries, entryFor, open, readAvailable, readN, seqOf, seqsOnDisk } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';
import { openSpool } from '../../src/spool/spool.js';
import { FaultyFs } from './helpers/faulty-fs.js';

let dir = '';
const open_: Spool[] = [];

async function track(p: Promise<Spool>): Promise<Spool> {
  const s = await p;
  open_.push(s);
  return s;
}

beforeEach(async () => {
  dir = await makeTmpDir();
});

afterEach(async () => {
  for (const s of open_.splice(0)) await s.close().catch(() => undefined);
  await removeDir(dir);
});

const seqs = (frames: Array<{ payload: Uint8Array }>): number[] => frames.map((f) => seqOf(f.payload));
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('append and read', () => {
  test('appended entries come back to a reader intact and in order, checkpoint frames skipped', async () => {
    const s = await track(open(dir, { segmentSizeBytes: 1024 }));
    const a = await s.append(entries(1, 30));
    const b = await s.append(entries(31, 30));
    expect(b.firstId).toBeGreaterThan(a.lastId);
    const got = await readN(s.reader('r1'), 60);
    expect(seqs(got)).toEqual(range(1, 60));
    for (const f of got) {
      const n = seqOf(f.payload);
      const e = entryFor(n);
      expect(Buffer.from(f.payload).equals(Buffer.from(e.payload))).toBe(true);
      expect(f.records).toBe(e.records);
      expect(f.flags).toBe(e.flags);
      expect(f.appendedAtMs).toBeGreaterThan(0);
    }
    expect(s.stats().segments).toBeGreaterThan(1);
  });

  test('concurrent appends are coalesced and each gets its own contiguous id range', async () => {
    const s = await track(open(dir, { segmentSizeBytes: 1 << 20 }));
    const results = await Promise.all(range(0, 19).map((i) => s.append(entries(i * 5 + 1, 5))));
    // One segment: ids are contiguous (a new segment's checkpoint frame would take one id).
    for (let i = 1; i < results.length; i++) expect(results[i].firstId).toBe(results[i - 1].lastId + 1);
    for (const r of results) expect(r.lastId - r.firstId).toBe(4);
    expect(seqs(await readN(s.reader('r1'), 100))).toEqual(range(1, 100));
  });

  test('a reader waiting in next() wakes up when frames are appended', async () => {
    const s = await track(open(dir));
    const reader = s.reader('r1');
    const pending = reader.next({ maxRecords: 100, maxBytes: 1 << 20 });
    await new Promise((r) => setTimeout(r, 20));
    await s.append(entries(1, 3));
    expect(seqs(await pending)).toEqual([1, 2, 3]);
  });

  test('next() honours maxRecords and maxBytes but always returns at least one frame', async () => {
    const s = await track(open(dir));
    await s.append(entries(1, 10, 100));
    const reader = s.reader('r1');
    const one = await reader.next({ maxRecords: 1, maxBytes: 1 << 20 });
    expect(one.length).toBe(1);
    const tiny = await reader.next({ maxRecords: 1000, maxBytes: 10 });
    expect(tiny.length).toBe(1);
    const two = await reader.next({ maxRecords: 1000, maxBytes: 200 });
    expect(two.length).toBe(2);
    expect(seqs([...one, ...tiny, ...two])).toEqual([1, 2, 3, 4]);
  });

  test('an aborted next() resolves with no frames', async () => {
    const s = await track(open(dir));
    const ac = new AbortController();
    const p = s.reader('r1').next({ maxRecords: 10, maxBytes: 1000, signal: ac.signal });
    ac.abort();
    expect(await p).toEqual([]);
  });

  test('an empty append resolves with an empty id range and writes nothing', async () => {
    const s = await track(open(dir));
    const r = await s.append([]);
    expect(r.lastId).toBe(r.firstId - 1);
    expect(s.stats().segments).toBe(0);
  });

  test('large frames (bigger than the read chunk) are read back whole', async () => {
    const s = await track(open(dir, { readChunkBytes: 4096, segmentSizeBytes: 1 << 20 }));
    const big = [entryFor(1, 100_000), entryFor(2, 10), entryFor(3, 50_000)];
    await s.append(big);
    const got = await readN(s.reader('r1'), 3);
    expect(got.map((f) => f.payload.length)).toEqual([100_000, 10, 50_000]);
    expect(seqs(got)).toEqual([1, 2, 3]);
  });

  test('every sync policy resolves appends and survives a reopen', async () => {
    for (const sync of ['always', 'interval', 'none'] as const) {
      const d = join(dir, sync);
      const s = await openSpool(baseOptions(d, { sync, syncIntervalMs: 5 }));
      await s.append(entries(1, 5));
      await s.sync();
      await s.close();
      const s2 = await track(openSpool(baseOptions(d, { sync })));
      expect(await seqsOnDisk(s2)).toEqual(range(1, 5));
    }
  });

  test('appends made while a write is in flight share one write (group commit)', async () => {
    const fs = new FaultyFs();
    const s = await track(openSpool(baseOptions(dir, { fs, segmentSizeBytes: 1 << 20 })));
    await s.append(entries(1, 1));
    const before = fs.calls.write ?? 0;
    await Promise.all(range(0, 49).map((i) => s.append(entries(2 + i * 2, 2))));
    expect((fs.calls.write ?? 0) - before).toBeLessThanOrEqual(2);
    expect(await seqsOnDisk(s)).toEqual(range(1, 101));
  });

  test('sync: always — every acknowledged append survives a power cut right after it resolved', async () => {
    const fs = new FaultyFs();
    const s = await openSpool(baseOptions(dir, { fs, sync: 'always', segmentSizeBytes: 500 }));
    for (let i = 1; i <= 12; i++) await s.append(entries(i, 1));
    fs.kill();
    await s.close().catch(() => undefined);
    await fs.powerLoss('zero');
    const s2 = await track(open(dir, { segmentSizeBytes: 500 }));
    expect(await seqsOnDisk(s2)).toEqual(range(1, 12));
  });

  test('sync: interval — appends become durable within the interval, before that a power cut may take them', async () => {
    const fs = new FaultyFs();
    const s = await openSpool(baseOptions(dir, { fs, sync: 'interval', syncIntervalMs: 15, segmentSizeBytes: 1 << 20 }));
    await s.append(entries(1, 3));
    const synced = fs.calls.datasync ?? 0;
    for (let waited = 0; (fs.calls.datasync ?? 0) === synced && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    fs.kill();
    await s.close().catch(() => undefined);
    await fs.powerLoss('truncate');
    const s2 = await track(open(dir));
    expect(await seqsOnDisk(s2)).toEqual(range(1, 3));
  });

  test('sync: none — a power cut loses the unsynced tail, and what remains is intact and reopens cleanly', async () => {
    const fs = new FaultyFs();
    const s = await openSpool(baseOptions(dir, { fs, sync: 'none', segmentSizeBytes: 1 << 20 }));
    await s.append(entries(1, 3));
    await s.sync();
    await s.append(entries(4, 3));
    fs.kill();
    await s.close().catch(() => undefined);
    await fs.powerLoss('zero');
    const s2 = await track(open(dir));
    expect(await seqsOnDisk(s2)).toEqual(range(1, 3));
    expect(s2.recovery.messages.join('\n')).toMatch(/zero-filled/);
  });

  test('append after close is refused with SPOOL_IO', async () => {
    const s = await open(dir);
    await s.close();
    await expect(s.append(entries(1, 1))).rejects.toMatchObject({ code: 'SPOOL_IO' });
    await s.close(); // idempotent
  });
});

describe('cursors, restarts and ids', () => {
  test('an acknowledged cursor survives a restart: the reader continues right after it', async () => {
    const s = await open(dir);
    await s.append(entries(1, 40));
    const r = s.reader('r1');
    const got = await readN(r, 40);
    await r.ack(got[24].id);
    await s.close();
    const s2 = await track(open(dir));
    expect(seqs(await readAvailable(s2.reader('r1')))).toEqual(range(26, 40));
  });

  test('frame ids continue after a restart and are never reused', async () => {
    const s = await open(dir);
    const a = await s.append(entries(1, 10));
    await s.close();
    const s2 = await track(open(dir));
    const b = await s2.append(entries(11, 10));
    expect(b.firstId).toBeGreaterThan(a.lastId);
    expect(s2.stats().lastFrameId).toBe(b.lastId);
  });

  test('recoveryMeta returns the newest checkpoint then every data frame meta after it', async () => {
    let ckpt = 0;
    const s = await open(dir, { segmentSizeBytes: 300, checkpoint: () => Buffer.from(`ckpt-${++ckpt}`) });
    for (let i = 1; i <= 12; i++) await s.append([entryFor(i)]);
    await s.close();
    const s2 = await track(open(dir, { segmentSizeBytes: 300 }));
    const metas = s2.recoveryMeta().map((m) => Buffer.from(m).toString());
    expect(metas[0]).toMatch(/^ckpt-\d+$/);
    expect(metas[metas.length - 1]).toBe('m12');
    const nums = metas.slice(1).map((m) => Number(m.slice(1)));
    expect(nums).toEqual(range(nums[0], 12));
    expect(Number(metas[0].slice(5))).toBe(ckpt);
  });

  test('recoveryMeta is empty for a new spool', async () => {
    const s = await track(open(dir));
    expect(s.recoveryMeta()).toEqual([]);
  });

  test('the checkpoint callback runs after earlier appends resolved', async () => {
    let committed = 0;
    const seen: number[] = [];
    const s = await track(
      open(dir, {
        segmentSizeBytes: 200,
        checkpoint: () => {
          seen.push(committed);
          return Buffer.from(String(committed));
        },
      }),
    );
    for (let i = 1; i <= 10; i++) {
      await s.append([entryFor(i)]);
      committed = i;
    }
    expect(seen.length).toBeGreaterThan(2);
    // Each checkpoint after the first covers the append right before it.
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
  });

  test('rewind() delivers unacknowledged frames again', async () => {
    const s = await track(open(dir));
    await s.append(entries(1, 10));
    const r = s.reader('r1');
    const got = await readN(r, 10);
    await r.ack(got[3].id);
    r.rewind();
    expect(seqs(await readAvailable(r))).toEqual(range(5, 10));
  });

  test('ack of a frame that was never delivered is refused', async () => {
    const s = await track(open(dir));
    const { lastId } = await s.append(entries(1, 3));
    await expect(s.reader('r1').ack(lastId)).rejects.toMatchObject({ code: 'USAGE' });
  });

  test('lag() counts unacknowledged records and bytes and dates the oldest one', async () => {
    let now = 1_000_000;
    const s = await track(open(dir, { now: () => now }));
    const r = s.reader('r1');
    expect(r.lag()).toEqual({ records: 0, bytes: 0, oldestMs: undefined });
    await s.append(entries(1, 4)); // records 2+3+1+2 = 8
    now += 5000;
    const l = r.lag();
    expect(l.records).toBe(entries(1, 4).reduce((n, e) => n + e.records, 0));
    expect(l.bytes).toBeGreaterThan(0);
    expect(l.oldestMs).toBe(5000);
    const got = await readN(r, 4);
    await r.ack(got[3].id);
    expect(r.lag().records).toBe(0);
    expect(s.stats().cursors).toEqual([{ name: 'r1', ackedId: got[3].id, lagRecords: 0, lagBytes: 0 }]);
  });

  test('cursor files of readers that are no longer configured are removed with a log line', async () => {
    const s = await open(dir, { readers: ['a', 'otlphttp/backup'] });
    await s.append(entries(1, 2));
    for (const name of ['a', 'otlphttp/backup']) {
      const r = s.reader(name);
      const got = await readN(r, 2);
      await r.ack(got[1].id);
    }
    await s.close();
    expect((await readdir(dir)).filter((f) => f.startsWith('cursor-')).sort()).toEqual(['cursor-a.cur', 'cursor-otlphttp%2Fbackup.cur']);
    const opts = baseOptions(dir, { readers: ['a'] });
    const s2 = await track(openSpool(opts));
    expect((await readdir(dir)).filter((f) => f.startsWith('cursor-'))).toEqual(['cursor-a.cur']);
    expect(opts.logger.lines.some((l) => String(l.msg).includes('otlphttp/backup'))).toBe(true);
    expect(s2.recovery.messages.some((m) => m.includes('otlphttp/backup'))).toBe(true);
  });
});

describe('segment deletion', () => {
  test('a segment is deleted once every reader has acknowledged all of it', async () => {
    const s = await track(open(dir, { segmentSizeBytes: 512, readers: ['a', 'b'] }));
    for (let i = 0; i < 10; i++) await s.append(entries(i * 5 + 1, 5));
    const before = s.stats().segments;
    expect(before).toBeGreaterThan(3);
    const a = s.reader('a');
    const fa = await readN(a, 50);
    await a.ack(fa[49].id);
    expect(s.stats().segments).toBe(before); // b has acknowledged nothing
    const b = s.reader('b');
    const fb = await readN(b, 50);
    await b.ack(fb[24].id);
    await s.collectGarbage();
    const mid = s.stats().segments;
    expect(mid).toBeLessThan(before);
    expect(mid).toBeGreaterThan(1);
    await b.ack(fb[49].id);
    await s.collectGarbage();
    expect(s.stats().segments).toBe(1); // the newest segment is always kept
    expect((await readdir(dir)).filter((f) => f.endsWith('.seg')).length).toBe(1);
  });

  test('with no readers every frame is kept', async () => {
    const s = await track(open(dir, { segmentSizeBytes: 256, readers: [] }));
    for (let i = 0; i < 10; i++) await s.append(entries(i * 3 + 1, 3));
    await s.collectGarbage();
    expect(await seqsOnDisk(s)).toEqual(range(1, 30));
  });

  test('retain keeps acknowledged segments until it has elapsed', async () => {
    let now = 1_000_000;
    const s = await track(open(dir, { segmentSizeBytes: 256, retainMs: 60_000, now: () => now }));
    for (let i = 0; i < 8; i++) await s.append(entries(i * 3 + 1, 3));
    const r = s.reader('r1');
    const got = await readN(r, 24);
    await r.ack(got[23].id);
    await s.collectGarbage();
    const n = s.stats().segments;
    expect(n).toBeGreaterThan(1);
    now += 61_000;
    await s.collectGarbage();
    expect(s.stats().segments).toBe(1);
  });

  test('metrics report bytes, segments, appends and deletions', async () => {
    const metrics = new MetricsRegistry();
    const s = await track(open(dir, { segmentSizeBytes: 256, metrics }));
    for (let i = 0; i < 6; i++) await s.append(entries(i * 3 + 1, 3));
    const r = s.reader('r1');
    const got = await readN(r, 18);
    await r.ack(got[17].id);
    await s.collectGarbage();
    const text = metrics.render();
    expect(text).toMatch(/sealog_spool_frames_appended_total 18/);
    expect(text).toMatch(/sealog_spool_segments 1/);
    expect(text).toMatch(/sealog_spool_segments_deleted_total [1-9]/);
    expect(text).toMatch(/sealog_spool_reader_lag_records\{reader="r1"\} 0/);
    expect(text).toMatch(/sealog_spool_fill_ratio /);
  });

  test('unknown files in the spool directory (like dlq/) are left alone', async () => {
    const s = await open(dir);
    await s.append(entries(1, 2));
    await s.close();
    await writeFile(join(dir, 'notes.txt'), 'x');
    const s2 = await track(open(dir));
    expect(await seqsOnDisk(s2)).toEqual([1, 2]);
    expect(await readdir(dir)).toContain('notes.txt');
  });
});
