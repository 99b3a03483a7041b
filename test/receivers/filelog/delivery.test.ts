/**
 * Delivery guarantees: provenance that re-hashes, backpressure without loss
 * or duplication, retries after pipeline errors, polling without any watcher,
 * and the descriptor budget with thousands of files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError } from '../../../src/errors.js';
import type { LogBatch } from '../../../src/pipeline/types.js';
import { ATTR_FINGERPRINT, ATTR_LENGTH, ATTR_OFFSET } from '../../../src/receivers/filelog/index.js';
import {
  Harness,
  TestConsumer,
  appendLines,
  attrValue,
  baseConfig,
  expectExactlyOnce,
  lines,
  openFdCount,
  sleep,
  waitFor,
} from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

describe('filelog provenance', () => {
  it('lets an auditor find each record in the original bytes: fingerprint, offset and length re-hash', async () => {
    const file = h.path('audit.log');
    const content = lines('audit é', 0, 80, 30).join('\n') + '\n';
    writeFileSync(file, content);
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [file], includeProvenance: true, fingerprintSizeBytes: 1024 }), c);
    await waitFor(() => c.count() === 80, '80 records');
    const bytes = readFileSync(file);
    const fpHex = createHash('sha256').update(bytes.subarray(0, 1024)).digest('hex');
    for (const rec of c.records()) {
      expect(attrValue(rec, ATTR_FINGERPRINT)).toBe(fpHex);
      const off = Number(attrValue(rec, ATTR_OFFSET));
      const len = Number(attrValue(rec, ATTR_LENGTH));
      const original = bytes.subarray(off, off + len);
      const body = (rec.body as { value: string }).value;
      expect(createHash('sha256').update(original).digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
      expect(attrValue(rec, 'sealog.seq')).toBeUndefined();
      expect(rec.attributes.some((a) => a.key.startsWith('sealog.'))).toBe(false);
    }
    // The position key carries the same fingerprint.
    expect(c.batches[0]!.positions![0]!.key.startsWith(fpHex + ':')).toBe(true);
  });
});

describe('filelog backpressure and retries', () => {
  it('stops reading while the spool is full, then resumes without losing or duplicating a line', async () => {
    const file = h.path('bp.log');
    const all = lines('bp', 0, 3000, 20);
    appendLines(file, all.slice(0, 1000));
    const c = new TestConsumer();
    c.setFull(true);
    await h.start(baseConfig({ include: [file], maxBatchLines: 50 }), c);
    await waitFor(() => c.fullRejections >= 1, 'a SPOOL_FULL rejection');
    appendLines(file, all.slice(1000, 2000));
    await sleep(200);
    // While full, the receiver waits for space instead of hammering the pipeline.
    expect(c.fullRejections).toBeLessThanOrEqual(2);
    expect(c.count()).toBe(0);
    c.setFull(false);
    await waitFor(() => c.count() >= 1000, 'delivery after space returns');
    c.setFull(true);
    appendLines(file, all.slice(2000));
    await sleep(150);
    c.setFull(false);
    await waitFor(() => c.count() >= 3000, 'all lines');
    expect(expectExactlyOnce(c.bodies(), all)).toEqual({ missing: [], duplicated: [], unexpected: [] });
    expect(c.bodies()).toEqual(all);
    expect(h.metric('sealog_filelog_backpressure_waits_total')).toBeGreaterThanOrEqual(2);
  });

  it('retries the same batch with backoff when the pipeline fails, and logs it', async () => {
    const file = h.path('retry.log');
    appendLines(file, lines('r', 0, 30));
    let failures = 3;
    const seen: LogBatch[] = [];
    const c = new TestConsumer();
    const flaky = {
      consume: async (b: LogBatch) => {
        seen.push(b);
        if (failures-- > 0) throw new AgentError('SPOOL_IO', 'disk hiccup');
        await c.consume(b);
      },
      waitForSpace: () => Promise.resolve(),
    };
    await h.start(baseConfig({ include: [file] }), flaky);
    await waitFor(() => c.count() === 30, 'delivery after retries');
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(1); // the very same batch object each time
    expect(h.logger.lines.some((l) => String(l.msg).includes('retrying the same batch'))).toBe(true);
  });
});

describe('filelog restarts', () => {
  it('resumes a file that was shorter than fingerprint_size when its position was committed (no line twice)', async () => {
    const file = h.path('young.log');
    appendLines(file, lines('y', 0, 5));
    const cfg = baseConfig({ include: [file], fingerprintSizeBytes: 1024 });
    const c = new TestConsumer();
    const r1 = await h.start(cfg, c);
    await waitFor(() => c.count() === 5, 'the first lines');
    await r1.shutdown();
    appendLines(file, lines('y', 5, 80, 20)); // now well past 1 KiB: the fingerprint grew
    await h.start(cfg, c, c.recovered());
    await waitFor(() => c.count() >= 80, 'the appended lines');
    await sleep(200);
    expect(expectExactlyOnce(c.bodies(), [...lines('y', 0, 5), ...lines('y', 5, 80, 20)])).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  it('start_at end does not skip a file that replaced one the receiver was reading', async () => {
    const file = h.path('svc.log');
    appendLines(file, lines('old', 0, 10));
    const cfg = baseConfig({ include: [file], startAt: 'end' });
    const c = new TestConsumer();
    const r1 = await h.start(cfg, c);
    appendLines(file, lines('old', 10, 12));
    await waitFor(() => c.count() === 2, 'lines appended after start');
    await r1.shutdown();
    unlinkSync(file);
    appendLines(file, lines('new', 0, 6));
    await h.start(cfg, c, c.recovered());
    await waitFor(() => c.count() === 8, 'the replacement file from its start');
    expect(c.bodies().slice(2)).toEqual(lines('new', 0, 6));
  });
});

describe('filelog discovery', () => {
  it('works by polling alone (watch: false): new files, appends, renames and ** globs', async () => {
    mkdirSync(h.path('a/b'), { recursive: true });
    const c = new TestConsumer();
    const cfg = baseConfig({ include: [h.path('**/*.log')], exclude: [h.path('**/skip*.log')], watch: false });
    await h.start(cfg, c);
    appendLines(h.path('top.log'), lines('top', 0, 5));
    appendLines(h.path('a/b/deep.log'), lines('deep', 0, 5));
    appendLines(h.path('a/skip-me.log'), lines('skip', 0, 5));
    await waitFor(() => c.count() === 10, '10 records');
    renameSync(h.path('top.log'), h.path('a/top-renamed.log'));
    appendLines(h.path('a/top-renamed.log'), lines('top', 5, 8));
    await waitFor(() => c.count() === 13, '13 records');
    expect(expectExactlyOnce(c.bodies(), [...lines('top', 0, 8), ...lines('deep', 0, 5)])).toEqual({ missing: [], duplicated: [], unexpected: [] });
    expect(h.metric('sealog_filelog_files_discovered_total')).toBe(2);
  });

  it('follows appends, new files and renames from watcher events alone (polling set to a minute)', async () => {
    appendLines(h.path('a.log'), lines('a', 0, 3));
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('*.log')], watch: true, pollIntervalMs: 60_000 }), c);
    await waitFor(() => c.count() === 3, 'the existing lines');
    appendLines(h.path('a.log'), lines('a', 3, 6));
    await waitFor(() => c.count() === 6, 'appended lines (change event)');
    appendLines(h.path('b.log'), lines('b', 0, 4));
    await waitFor(() => c.count() === 10, 'a new file (add event)');
    renameSync(h.path('a.log'), h.path('a2.log'));
    appendLines(h.path('a2.log'), lines('a', 6, 8));
    await waitFor(() => c.count() === 12, 'lines appended after a rename');
    expect(expectExactlyOnce(c.bodies(), [...lines('a', 0, 8), ...lines('b', 0, 4)])).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  it('reads a write that lands inside the watcher change throttle without waiting for the next poll', async () => {
    // The file starts empty (discovery saw size 0: its first write must be read on the watcher's event alone), and
    // chokidar reports one change per file per 50 ms and drops the rest: the receiver looks again after that window.
    writeFileSync(h.path('burst.log'), '');
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('*.log')], watch: true, pollIntervalMs: 3_600_000 }), c);
    for (let round = 0; round < 5; round++) {
      const before = c.count();
      appendLines(h.path('burst.log'), lines(`r${round}-first`, 0, 1));
      await waitFor(() => c.count() === before + 1, `round ${round}: the first write (change event)`);
      // Within the 50 ms after the event; nothing is written after it, so only the receiver's second look can read it.
      appendLines(h.path('burst.log'), lines(`r${round}-second`, 0, 1));
      await waitFor(() => c.count() === before + 2, `round ${round}: the second write, inside the throttle window`, 10_000);
      await sleep(120);
    }
    expect(c.count()).toBe(10);
  });

  it('reads thousands of files with a small max_concurrent_files, rotates them all, and leaks no descriptor', async () => {
    const N = 2000;
    const dir = h.path('many');
    mkdirSync(dir);
    const expected: string[] = [];
    for (let i = 0; i < N; i++) {
      const ls = lines(`f${i}-a`, 0, 3, 60);
      writeFileSync(join(dir, `f${i}.log`), ls.join('\n') + '\n');
      expected.push(...ls);
    }
    const fdBefore = openFdCount();
    const c = new TestConsumer();
    const maxOpen = 8;
    const r = await h.start(baseConfig({ include: [join(dir, '*.log')], watch: false, pollIntervalMs: 100, maxConcurrentFiles: maxOpen }), c);
    let maxSeenOpen = 0;
    let maxSeenFds = 0;
    const sampler = setInterval(() => {
      maxSeenOpen = Math.max(maxSeenOpen, r.openFiles());
      maxSeenFds = Math.max(maxSeenFds, openFdCount() - fdBefore);
    }, 5);
    try {
      await waitFor(() => c.count() >= expected.length, `${expected.length} records`, 150_000);
      // Rotate everything: half renamed out of the pattern, half deleted, all recreated.
      for (let i = 0; i < N; i++) {
        const p = join(dir, `f${i}.log`);
        if (i % 2 === 0) renameSync(p, p + '.1');
        else unlinkSync(p);
        const ls = lines(`f${i}-b`, 0, 2, 60);
        writeFileSync(p, ls.join('\n') + '\n');
        expected.push(...ls);
      }
      await waitFor(() => c.count() >= expected.length, `${expected.length} records`, 150_000);
    } finally {
      clearInterval(sampler);
    }
    expect(expectExactlyOnce(c.bodies(), expected)).toEqual({ missing: [], duplicated: [], unexpected: [] });
    expect(maxSeenOpen).toBeLessThanOrEqual(maxOpen);
    // Descriptors being closed may linger for a moment; never more than a few beyond the budget.
    expect(maxSeenFds).toBeLessThanOrEqual(maxOpen + 4);
    await r.shutdown();
    expect(r.openFiles()).toBe(0);
    expect(openFdCount()).toBe(fdBefore);
  }, 360_000);
});
