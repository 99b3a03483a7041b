/**
 * spool.recovery.damage: what recovery left out, kept in recovery-damage.json
 * until the owner settles it (declares it in a signed loss record), so a
 * crash before the declaration cannot forget it, and a skipped region still
 * on disk is not reported twice.
 */
import { open as fsOpen, readdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Spool } from '../../src/spool/spool.js';
import { entries, open, seqOf } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';

let dir = '';
const opened: Spool[] = [];
beforeEach(async () => {
  dir = await makeTmpDir();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close().catch(() => undefined);
  await removeDir(dir);
});

async function reopen(): Promise<Spool> {
  const s = await open(dir);
  opened.push(s);
  return s;
}

async function populate(count: number): Promise<Array<{ seq: number; id: number; segment: string; offset: number }>> {
  const s = await open(dir);
  for (let i = 1; i <= count; i++) await s.append(entries(i, 1));
  const where: Array<{ seq: number; id: number; segment: string; offset: number }> = [];
  for await (const f of s.scan()) if (f.type === 1) where.push({ seq: seqOf(f.payload), id: f.id, segment: f.segment, offset: f.offset });
  await s.close();
  return where;
}

async function flip(file: string, offset: number): Promise<void> {
  const fh = await fsOpen(join(dir, file), 'r+');
  const b = Buffer.alloc(1);
  await fh.read(b, 0, 1, offset);
  b[0] = b[0]! ^ 0xff;
  await fh.write(b, 0, 1, offset);
  await fh.close();
}

describe('recovery damage is kept until settled', () => {
  test('a skipped frame is listed with the metas around it, again after a crash, and not after it was settled', async () => {
    const where = await populate(20);
    const newest = where[where.length - 1]!.segment;
    const inNewest = where.filter((w) => w.segment === newest);
    expect(inNewest.length).toBeGreaterThan(3);
    const victim = inNewest[1]!;
    await flip(victim.segment, victim.offset + 30);
    let s = await reopen();
    expect(s.recovery.damage).toHaveLength(1);
    const d = s.recovery.damage[0]!;
    expect(d).toMatchObject({ kind: 'skipped', segment: newest, frames: 1 });
    expect(d.before).toBeInstanceOf(Uint8Array);
    expect(d.after).toBeInstanceOf(Uint8Array);
    expect(d.afterRecords).toBe(1);
    // A crash (no settleDamage): the next open reports it again, once.
    await s.close();
    opened.length = 0;
    s = await reopen();
    expect(s.recovery.damage).toHaveLength(1);
    await s.settleDamage();
    await s.close();
    opened.length = 0;
    s = await reopen();
    expect(s.recovery.damage).toEqual([]);
    expect(s.recovery.declared).toHaveLength(1);
  });

  test('a torn tail is noted before the cut: a crash after the cut still reports it', async () => {
    const where = await populate(10);
    const last = where[where.length - 1]!;
    const path = join(dir, last.segment);
    await truncate(path, (await stat(path)).size - 3);
    let s = await reopen();
    expect(s.recovery.damage.map((x) => x.kind)).toEqual(['torn_tail']);
    expect(s.recovery.damage[0]!.bytes).toBeGreaterThan(0);
    await s.close();
    opened.length = 0;
    // The tail is gone from disk now; only the note remembers it.
    s = await reopen();
    expect(s.recovery.cutBytes).toBe(0);
    expect(s.recovery.damage.map((x) => x.kind)).toEqual(['torn_tail']);
    await s.settleDamage();
    expect((await readdir(dir)).includes('recovery-damage.json')).toBe(false);
  });

  test('a segment with a damaged header is moved aside and listed with its frame count', async () => {
    const where = await populate(150);
    const segs = [...new Set(where.map((w) => w.segment))].sort();
    expect(segs.length).toBeGreaterThan(1);
    await flip(segs[0]!, 2);
    const s = await reopen();
    const d = s.recovery.damage.find((x) => x.kind === 'corrupt_segment');
    expect(d).toMatchObject({ segment: segs[0] });
    expect(d!.frames).toBeGreaterThan(0);
    expect((await readdir(dir)).some((f) => f.endsWith('.corrupt'))).toBe(true);
  });
});
