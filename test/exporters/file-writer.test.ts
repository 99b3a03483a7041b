import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileWriter } from '../../src/exporters/file/writer.js';
import { createMemoryLogger } from '../../src/telemetry/logger.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealog-fw-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (i: number, pad = 0): Buffer => Buffer.from(JSON.stringify({ i, pad: 'x'.repeat(pad) }) + '\n');

async function readAllLines(d: string, base: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(d)).sort()) {
    if (!name.startsWith(base)) continue;
    let buf = await readFile(join(d, name));
    if (name.endsWith('.gz')) buf = gunzipSync(buf);
    out.push(...buf.toString('utf8').split('\n').filter((l) => l !== ''));
  }
  return out;
}

describe('JsonlFileWriter', () => {
  it('appends to an existing file and never truncates it', async () => {
    const path = join(dir, 'out.jsonl');
    await writeFile(path, '{"old":1}\n');
    const w = new JsonlFileWriter({ path, logger: createMemoryLogger() });
    await w.open();
    await w.write(line(1), 1);
    await w.close();
    expect(await readFile(path, 'utf8')).toBe('{"old":1}\n{"i":1,"pad":""}\n');
  });

  it('ends a torn last line with a newline before appending, and says so', async () => {
    const path = join(dir, 'out.jsonl');
    await writeFile(path, '{"complete":1}\n{"torn":');
    const logger = createMemoryLogger();
    const w = new JsonlFileWriter({ path, logger });
    await w.open();
    await w.write(line(2), 1);
    await w.close();
    expect(await readFile(path, 'utf8')).toBe('{"complete":1}\n{"torn":\n{"i":2,"pad":""}\n');
    expect(logger.lines.some((l) => String(l.msg).includes('incomplete line'))).toBe(true);
  });

  it('advances flushedTag only when the tagged line has been written', async () => {
    const path = join(dir, 'out.jsonl');
    const w = new JsonlFileWriter({ path, logger: createMemoryLogger() });
    await w.open();
    await w.write(line(1), 5);
    expect(w.flushedTag).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('');
    await w.write(undefined, 6); // a batch with nothing to write, behind a buffered line
    expect(w.flushedTag).toBe(0);
    expect(await w.flush()).toBe(line(1).length);
    expect(w.flushedTag).toBe(6);
    await w.write(undefined, 9); // nothing buffered: the tag passes at once
    expect(w.flushedTag).toBe(9);
    await w.close();
  });

  it('rotates by size into timestamped backups holding only complete lines, losing none', async () => {
    const path = join(dir, 'data.jsonl');
    let t = Date.UTC(2024, 0, 1);
    const rotated: string[] = [];
    const w = new JsonlFileWriter({
      path,
      logger: createMemoryLogger(),
      rotation: { maxBytes: 1000, maxBackups: 0, compress: false },
      now: () => new Date((t += 1000)),
      onRotate: (b) => rotated.push(b),
    });
    await w.open();
    for (let i = 0; i < 60; i++) {
      await w.write(line(i, 50), i + 1);
      if (i % 7 === 0) await w.flush();
    }
    await w.close();
    expect(rotated.length).toBeGreaterThanOrEqual(3);
    const names = await readdir(dir);
    for (const n of names.filter((n) => n !== 'data.jsonl')) expect(n).toMatch(/^data-2024-01-01T00-00-\d\d\.000\.jsonl$/);
    for (const n of names) {
      const text = await readFile(join(dir, n), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1000);
    }
    const lines = await readAllLines(dir, 'data');
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i).sort((a, b) => a - b)).toEqual([...Array(60).keys()]);
  });

  it('gzips rotated files and keeps at most max_backups of them', async () => {
    const path = join(dir, 'data.jsonl');
    let t = Date.UTC(2024, 0, 1);
    const w = new JsonlFileWriter({
      path,
      logger: createMemoryLogger(),
      rotation: { maxBytes: 500, maxBackups: 2, compress: true },
      now: () => new Date((t += 1000)),
    });
    await w.open();
    for (let i = 0; i < 40; i++) await w.write(line(i, 40), i + 1);
    await w.close();
    const names = (await readdir(dir)).sort();
    const backups = names.filter((n) => n !== 'data.jsonl');
    expect(backups).toHaveLength(2);
    for (const b of backups) expect(b).toMatch(/\.jsonl\.gz$/);
    // the newest backups are kept: their lines are the ones just before the live file's
    const kept = await readAllLines(dir, 'data-');
    const live = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
    const ids = [...kept, ...live].map((l) => (JSON.parse(l) as { i: number }).i);
    expect(ids).toEqual([...Array(40).keys()].slice(40 - ids.length));
  });

  it('finishes what a crash during compression left behind when it opens again', async () => {
    const path = join(dir, 'data.jsonl');
    await writeFile(join(dir, 'data-2024-01-01T00-00-01.000.jsonl'), '{"a":1}\n'); // rotated, not yet compressed
    await writeFile(join(dir, 'data-2024-01-01T00-00-01.000.jsonl.gz.tmp'), 'partial');
    await writeFile(join(dir, 'data-2024-01-01T00-00-02.000.jsonl'), '{"b":1}\n'); // compressed, original not yet removed
    await writeFile(join(dir, 'data-2024-01-01T00-00-02.000.jsonl.gz'), gzipSync('{"b":1}\n'));
    const w = new JsonlFileWriter({ path, logger: createMemoryLogger(), rotation: { maxBytes: 10_000, maxBackups: 10, compress: true } });
    await w.open();
    await w.settled();
    await w.close();
    expect((await readdir(dir)).sort()).toEqual(['data-2024-01-01T00-00-01.000.jsonl.gz', 'data-2024-01-01T00-00-02.000.jsonl.gz', 'data.jsonl']);
    expect(gunzipSync(await readFile(join(dir, 'data-2024-01-01T00-00-01.000.jsonl.gz'))).toString()).toBe('{"a":1}\n');
  });
});
