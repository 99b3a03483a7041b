import { open as fsOpen, readdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { registerSpoolCommands, runSpoolInspect } from '../../src/cli/spool.js';
import type { SpoolInspection } from '../../src/spool/inspect.js';
import { entries, open, readN } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';

let dir = '';

beforeEach(async () => {
  dir = await makeTmpDir();
});

afterEach(async () => {
  await removeDir(dir);
});

function sink(): { write(s: string): void; text: string } {
  return {
    text: '',
    write(s: string) {
      this.text += s;
    },
  };
}

async function snapshot(d: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of (await readdir(d)).sort()) {
    const st = await stat(join(d, f));
    out.push(`${f}:${st.size}:${st.mtimeMs}`);
  }
  return out;
}

test('inspect reports segments, frames, records and cursor lag next to a running spool, changing nothing', async () => {
  const s = await open(dir, { segmentSizeBytes: 600, readers: ['otlphttp', 'file/out'] });
  try {
    for (let i = 0; i < 10; i++) await s.append(entries(i * 3 + 1, 3));
    const r = s.reader('otlphttp');
    const got = await readN(r, 30);
    await r.ack(got[19].id);
    const before = await snapshot(dir);
    const out = sink();
    const err = sink();
    expect(await runSpoolInspect(dir, true, out, err)).toBe(0);
    expect(err.text).toBe('');
    expect(await snapshot(dir)).toEqual(before);
    const rep = JSON.parse(out.text) as SpoolInspection;
    const stats = s.stats();
    expect(rep.totals.segments).toBe(stats.segments);
    expect(rep.totals.bytes).toBe(stats.bytes);
    expect(rep.totals.dataFrames).toBe(stats.frames);
    expect(rep.totals.records).toBe(stats.records);
    expect(rep.totals.lastId).toBe(stats.lastFrameId);
    expect(rep.lock).toMatchObject({ held: true, pid: process.pid, holder: 'alive' });
    const lagOf = (name: string) => rep.cursors.find((c) => c.name === name)!;
    expect(lagOf('otlphttp')).toMatchObject({ ackedId: got[19].id, lagFrames: 10 });
    expect(lagOf('otlphttp').lagRecords).toBe(r.lag().records);
    expect(lagOf('file/out').lagFrames).toBe(30);
    expect(rep.findings).toEqual([]);
    expect(rep.recoveryState.checkpointMetaBytes).toBe(4);
  } finally {
    await s.close();
  }
});

test('inspect names damage the next start would cut or skip, without touching the files', async () => {
  const s = await open(dir);
  await s.append(entries(1, 8));
  const offsets: Array<{ segment: string; offset: number }> = [];
  for await (const f of s.scan()) if (f.type === 1) offsets.push({ segment: f.segment, offset: f.offset });
  await s.close();
  const seg = join(dir, offsets[0].segment);
  const fh = await fsOpen(seg, 'r+');
  await fh.write(Buffer.from('XX'), 0, 2, offsets[3].offset + 40);
  await fh.close();
  const size = (await stat(seg)).size;
  await truncate(seg, size - 7);
  const out = sink();
  expect(await runSpoolInspect(dir, false, out, sink())).toBe(0);
  expect(out.text).toMatch(/read-only: opened without taking the lock; no agent holds the lock/);
  expect(out.text).toMatch(/damaged region at bytes/);
  expect(out.text).toMatch(/the next start cuts \d+ bytes/);
  expect(out.text).toMatch(/DAMAGED/);
  expect((await stat(seg)).size).toBe(size - 7);
});

test('the spool inspect command prints the report and exits 2 for an unreadable directory', async () => {
  const s = await open(dir);
  await s.append(entries(1, 2));
  await s.close();
  const out = sink();
  const err = sink();
  const program = new Command('sealog').exitOverride();
  const spoolCmd = registerSpoolCommands(program, { out, err });
  expect(spoolCmd.name()).toBe('spool');
  await program.parseAsync(['node', 'sealog', 'spool', 'inspect', '--dir', dir]);
  expect(out.text).toMatch(/segments: 1, bytes: \d+, data frames: 2/);
  expect(process.exitCode ?? 0).toBe(0);

  const err2 = sink();
  expect(await runSpoolInspect(join(dir, 'nope'), false, sink(), err2)).toBe(2);
  expect(err2.text).toMatch(/cannot read spool directory .*nope.*ENOENT/);
});
