/**
 * The exporters' acknowledged positions outlive a lost spool tail: cursor
 * files carry the acknowledged frame's ack tag (format version 2), a cursor
 * past the end is reported as `tailLoss` and left untouched on disk until the
 * next acknowledgement, and new frames get ids above it.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CURSOR_VERSION, CURSOR_VERSION_TAGGED, cursorFileName, decodeCursor, encodeCursor } from '../../src/spool/cursor-file.js';
import { parseSegmentFileName, readU16 } from '../../src/spool/format.js';
import type { Spool } from '../../src/spool/spool.js';
import { entries, open, readN } from './helpers/entries.js';
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

const ackTag = (meta: Uint8Array): Uint8Array => Buffer.concat([Buffer.from('tag:'), meta]);
const track = async (p: Promise<Spool>): Promise<Spool> => {
  const s = await p;
  opened.push(s);
  return s;
};

describe('cursor format version 2 (ack tag)', () => {
  test('a tag round-trips; a cursor without one is still written as version 1', () => {
    const state = { ackedId: 9, segmentFirstId: 3, offset: 400, recordsEnd: 20, writtenAtMs: 5 };
    const plain = encodeCursor('otlphttp/backup', state);
    expect(readU16(plain, 8)).toBe(CURSOR_VERSION);
    expect(decodeCursor(plain)).toEqual({ ok: true, reader: 'otlphttp/backup', state });
    const tagged = encodeCursor('otlphttp/backup', { ...state, tag: Buffer.from('hello') });
    expect(readU16(tagged, 8)).toBe(CURSOR_VERSION_TAGGED);
    const d = decodeCursor(tagged);
    expect(d.ok && Buffer.from(d.state.tag!).toString()).toBe('hello');
  });

  test('a damaged tagged cursor is refused, not misread', () => {
    const tagged = encodeCursor('r', { ackedId: 1, segmentFirstId: 1, offset: 32, recordsEnd: 1, writtenAtMs: 1, tag: Buffer.from('abc') });
    const flipped = tagged.slice();
    flipped[flipped.length - 6] ^= 1; // inside the tag
    expect(decodeCursor(flipped)).toEqual({ ok: false, reason: 'CRC mismatch' });
    const badLength = tagged.slice();
    badLength[56 + 1] = 0;
    badLength[56 + 2] = 0; // tag length 0
    expect(decodeCursor(badLength)).toMatchObject({ ok: false });
    expect(() => encodeCursor('r', { ackedId: 1, segmentFirstId: 1, offset: 32, recordsEnd: 1, writtenAtMs: 1, tag: new Uint8Array(1025) })).toThrow(RangeError);
  });
});

describe('a lost spool tail', () => {
  test('acks store the acknowledged frame tag; after the newest segment is lost the cursor is the evidence', async () => {
    const s1 = await track(open(dir, { segmentSizeBytes: 1024, retainMs: 3_600_000, ackTag }));
    for (let i = 1; i <= 40; i += 5) await s1.append(entries(i, 5));
    const r = s1.reader('r1');
    const frames = await readN(r, 40);
    const last = frames[frames.length - 1]!;
    await r.ack(last.id);
    const cursorPath = join(dir, cursorFileName('r1'));
    const stored = decodeCursor(await readFile(cursorPath));
    expect(stored.ok && Buffer.from(stored.state.tag!).toString()).toBe('tag:m40');
    await s1.close();

    const segs = (await readdir(dir)).filter((f) => parseSegmentFileName(f) !== undefined).sort();
    expect(segs.length).toBeGreaterThan(1);
    await rm(join(dir, segs[segs.length - 1]!));
    const before = await readFile(cursorPath);

    const s2 = await track(open(dir, { segmentSizeBytes: 1024, retainMs: 3_600_000, ackTag }));
    const loss = s2.tailLoss!;
    expect(loss).toBeDefined();
    expect(loss.ackedId).toBe(last.id);
    expect(loss.lastIdOnDisk).toBeLessThan(last.id);
    expect(loss.readers.map((x) => [x.name, x.ackedId, Buffer.from(x.tag!).toString()])).toEqual([['r1', last.id, 'tag:m40']]);
    // Opening changed nothing in the cursor file: the evidence stays until the next acknowledgement.
    expect(Buffer.from(await readFile(cursorPath)).equals(before)).toBe(true);

    const next = await s2.append(entries(41, 1));
    expect(next.firstId).toBeGreaterThan(last.id);
    const r2 = s2.reader('r1');
    const got = await readN(r2, 1);
    expect(got[0]!.id).toBe(next.firstId);
    await r2.ack(got[0]!.id);
    const after = decodeCursor(await readFile(cursorPath));
    expect(after.ok && [after.state.ackedId, Buffer.from(after.state.tag!).toString()]).toEqual([next.firstId, 'tag:m41']);
  });

  test('an intact spool reports no tail loss', async () => {
    const s1 = await track(open(dir, { ackTag }));
    await s1.append(entries(1, 5));
    const r = s1.reader('r1');
    await r.ack((await readN(r, 5))[4]!.id);
    await s1.close();
    const s2 = await track(open(dir, { ackTag }));
    expect(s2.tailLoss).toBeUndefined();
  });
});
