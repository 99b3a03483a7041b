/**
 * Run-time loss that the receiver must find or declare (issue 14,
 * docs/FILELOG.md "Gaps"): the copytruncate window, truncation and closed
 * descriptors with bytes possibly unread (a gap of unknown end, counted in
 * both gap metrics), a file that leaves the include set before it was read,
 * and a compressed rotation of a file whose descriptor was closed.
 *
 * Polling only (watch: false) with a poll interval long enough that the
 * writes of one step land between two looks of the receiver.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { GapConsumer, Harness, appendDurable, appendLines, baseConfig, lines, waitFor } from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

const GAPS = 'sealog_filelog_gaps_total';
const GAP_BYTES = 'sealog_filelog_gap_bytes_total';

function cfg(extra: Partial<Parameters<typeof baseConfig>[0]> = {}) {
  return baseConfig({ include: [h.path('*.log')], watch: false, pollIntervalMs: 300, forceFlushPeriodMs: 60_000, ...extra });
}

const has = (c: GapConsumer, ls: string[]) => () => ls.every((l) => c.delivered.has(l));

describe('filelog: run-time gaps and the copytruncate window', () => {
  it('copytruncate: lines written after the last look and before the truncation are read from the copy outside the include set', async () => {
    const app = h.path('app.log');
    const g1 = lines('g1', 0, 50, 20);
    appendLines(app, g1.slice(0, 30));
    const c = new GapConsumer();
    await h.start(cfg(), c);
    await waitFor(has(c, g1.slice(0, 30)), 'the first 30 lines');
    // Between two looks: more lines, the copy (outside *.log), the truncation, new content.
    appendLines(app, g1.slice(30));
    copyFileSync(app, h.path('app.log.1'));
    truncateSync(app, 0);
    const g2 = lines('g2', 0, 10, 20);
    appendLines(app, g2);
    await waitFor(has(c, [...g1, ...g2]), 'the window (from the copy) and the new content', 30_000);
    expect(c.gaps).toEqual([]);
    expect(h.metric(GAPS)).toBe(0);
  });

  it('copytruncate: bytes seen in the original after the copy was made are declared a gap from the end of the copy', async () => {
    const app = h.path('app.log');
    const other = h.path('other.log');
    const g1 = lines('g1', 0, 20, 20);
    appendLines(app, g1);
    const c = new GapConsumer();
    await h.start(cfg(), c);
    await waitFor(has(c, g1), 'the first lines');
    copyFileSync(app, h.path('app.log.1'));
    const copied = statSync(h.path('app.log.1')).size;
    // Written after the copy (a line still being written: seen, not read), then the truncation.
    const partial = 'written between the copy and the truncation';
    appendDurable(app, partial);
    // Two polls that see a sentinel file both looked at app.log after the write above.
    for (const s of ['s1', 's2']) {
      appendLines(other, [s]);
      await waitFor(() => c.delivered.has(s), `sentinel ${s}`);
    }
    truncateSync(app, 0);
    const g2 = lines('g2', 0, 10, 20);
    appendLines(app, g2);
    await waitFor(() => c.gaps.length > 0 && has(c, g2)(), 'a gap and the new content', 30_000);
    expect(c.gaps).toHaveLength(1);
    expect(c.gaps[0]).toMatchObject({ path: app, from: copied, reason: 'truncated' });
    expect(c.gaps[0]!.to).toBeUndefined();
    expect(h.metric(GAPS)).toBe(1);
    expect(h.metric(GAP_BYTES)).toBe(Buffer.byteLength(partial));
  });

  it('truncation without a copy: a gap from the position with an unknown end, counting the bytes seen in both metrics', async () => {
    const app = h.path('app.log');
    const g1 = lines('g1', 0, 20, 20);
    appendLines(app, g1);
    // A last line still being written (no newline; force_flush_period is long): seen, not read.
    const partial = 'half a line that never ends';
    appendDurable(app, partial);
    const offset = Buffer.byteLength(g1.join('\n') + '\n');
    const c = new GapConsumer();
    await h.start(cfg(), c);
    await waitFor(has(c, g1), 'the complete lines');
    // More bytes after the last look, then truncated with no copy anywhere.
    const more = lines('g1', 20, 30, 20);
    appendDurable(app, ' and more\n' + more.join('\n') + '\n');
    truncateSync(app, 0);
    const g2 = lines('g2', 0, 10, 20);
    appendLines(app, g2);
    await waitFor(() => c.gaps.length > 0 && has(c, g2)(), 'a gap and the new content', 30_000);
    expect(c.gaps).toHaveLength(1);
    // The gap starts where reading stopped. Usually that is the partial line (the appends and the
    // truncation land between two looks); on a busy machine a look already in flight can read the
    // appended bytes first, and then the gap starts after them. Either way, what the receiver
    // delivered ends exactly where the gap begins, and the gap counts the bytes seen but not read.
    const readAll = c.delivered.has(partial + ' and more');
    const from = readAll ? offset + Buffer.byteLength(partial + ' and more\n' + more.join('\n') + '\n') : offset;
    if (readAll) expect(has(c, more)()).toBe(true);
    else expect(more.some((l) => c.delivered.has(l))).toBe(false);
    expect(c.gaps[0]).toMatchObject({ path: app, from, reason: 'truncated' });
    // Bytes may have been written after the last look: the end is not the size last seen.
    expect(c.gaps[0]!.to).toBeUndefined();
    expect(h.metric(GAPS)).toBe(1);
    expect(h.metric(GAP_BYTES)).toBe(readAll ? 0 : Buffer.byteLength(partial));
  });

  it('a file gone while its descriptor was closed: a closed gap with an unknown end, counted in both metrics', async () => {
    const a = h.path('a.log');
    const b = h.path('b.log');
    const ga = lines('a', 0, 20, 20);
    appendLines(a, ga);
    const partial = 'a line still being written';
    appendDurable(a, partial);
    const offset = Buffer.byteLength(ga.join('\n') + '\n');
    const c = new GapConsumer();
    const r = await h.start(cfg({ maxConcurrentFiles: 1 }), c);
    await waitFor(has(c, ga), "a.log's complete lines");
    // b.log takes the only descriptor: a.log's is closed.
    const gb = lines('b', 0, 5, 20);
    appendLines(b, gb);
    await waitFor(has(c, gb), 'b.log');
    expect(r.openFiles()).toBeLessThanOrEqual(1);
    appendDurable(a, ' ends now\n');
    unlinkSync(a);
    await waitFor(() => c.gaps.length > 0, 'a gap', 30_000);
    expect(c.gaps).toHaveLength(1);
    expect(c.gaps[0]).toMatchObject({ path: a, from: offset, reason: 'closed' });
    expect(c.gaps[0]!.to).toBeUndefined();
    expect(h.metric(GAPS)).toBe(1);
    expect(h.metric(GAP_BYTES)).toBe(Buffer.byteLength(partial));
  });

  it('a compressed rotation of a file whose descriptor was closed is found even when no unread byte was seen', async () => {
    const a = h.path('a.log');
    const b = h.path('b.log');
    const ga = lines('a', 0, 60, 20);
    appendLines(a, ga.slice(0, 30));
    const c = new GapConsumer();
    await h.start(cfg({ maxConcurrentFiles: 1 }), c);
    await waitFor(has(c, ga.slice(0, 30)), "a.log's first lines");
    const gb = lines('b', 0, 5, 20);
    appendLines(b, gb);
    await waitFor(has(c, gb), 'b.log');
    // Between two looks: the last lines, compressed away (outside *.log), the original deleted.
    appendLines(a, ga.slice(30));
    writeFileSync(h.path('a.log.1.gz'), gzipSync(readFileSync(a)));
    unlinkSync(a);
    await waitFor(has(c, ga), 'the rest of a.log from the .gz', 30_000);
    expect(c.gaps).toEqual([]);
  });
});

describe('filelog: content replaced between a restart and the first read', () => {
  it('a copytruncate right after the start: the old content continues in the copy, the new one is read from 0 (not from the old position)', async () => {
    const app = h.path('app.log');
    const g1 = lines('g1', 0, 5, 10);
    appendLines(app, g1);
    const c = new GapConsumer();
    const r = await h.start(cfg(), c);
    await waitFor(has(c, g1), 'the first lines');
    await r.shutdown();
    await h.start(cfg(), c, c.recovered());
    // The position was matched at start; the content changes before the file is read.
    appendLines(app, lines('g1', 5, 8, 10));
    copyFileSync(app, h.path('app.log.1'));
    truncateSync(app, 0);
    const g2 = lines('g2', 0, 12, 10);
    appendLines(app, g2);
    await waitFor(has(c, [...lines('g1', 0, 8, 10), ...g2]), 'the copied tail and the new content', 30_000);
    expect(c.bodies().filter((b) => !b.startsWith('g1 ') && !b.startsWith('g2 '))).toEqual([]);
    expect(c.gaps).toEqual([]);
  });
});

describe('filelog: a file that leaves the include set before it was read', () => {
  it('seen only while empty, then written and renamed away: found by its inode and read', async () => {
    const app = h.path('app.log');
    writeFileSync(app, '');
    const c = new GapConsumer();
    await h.start(cfg(), c);
    await waitFor(() => h.metric('sealog_filelog_files_discovered_total') === 1, 'the empty file discovered');
    const ls = lines('x', 0, 10, 20);
    appendLines(app, ls);
    renameSync(app, h.path('app.log.1'));
    await waitFor(has(c, ls), 'the renamed lines', 30_000);
    expect(c.gaps).toEqual([]);
  });

  it('a compressed file renamed out of the include set before it was read: found by its inode and read whole', async () => {
    const c = new GapConsumer();
    await h.start(cfg({ include: [h.path('*.log'), h.path('*.gz')], compression: 'gzip', pollIntervalMs: 400 }), c);
    const ls = lines('z', 0, 10, 20);
    writeFileSync(h.path('old.log.1.gz'), gzipSync(Buffer.from(ls.join('\n') + '\n')));
    // Discovered, then renamed before it stayed unchanged for a poll interval (when it would be read).
    await waitFor(() => h.metric('sealog_filelog_files_discovered_total') === 1, 'the .gz discovered');
    renameSync(h.path('old.log.1.gz'), h.path('old.log.1.gz.bak'));
    await waitFor(has(c, ls), 'the renamed .gz read', 30_000);
    expect(c.gaps).toEqual([]);
  });

  it('seen only while empty, then written and deleted: a gap from 0 with an unknown end', async () => {
    const app = h.path('app.log');
    writeFileSync(app, '');
    const key = `${statSync(app, { bigint: true }).ino}`;
    const c = new GapConsumer();
    await h.start(cfg(), c);
    await waitFor(() => h.metric('sealog_filelog_files_discovered_total') === 1, 'the empty file discovered');
    appendLines(app, lines('x', 0, 10, 20));
    unlinkSync(app);
    await waitFor(() => c.gaps.length > 0, 'a gap', 30_000);
    expect(c.gaps).toHaveLength(1);
    expect(c.gaps[0]).toMatchObject({ path: app, from: 0, reason: 'gone' });
    expect(c.gaps[0]!.to).toBeUndefined();
    expect(c.gaps[0]!.file.endsWith(`:${key}`)).toBe(true);
    expect(h.metric(GAPS)).toBe(1);
  });
});
