/**
 * Every rotation style, each with receivers shut down mid-stream and
 * restarted from the positions the consumer committed: every line must
 * arrive exactly once, in order per generation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { positionKey, sha256Hex } from '../../../src/receivers/filelog/identity.js';
import type { LogBatch } from '../../../src/pipeline/types.js';
import { gzipSync } from 'node:zlib';
import type { FilelogReceiverConfig } from '../../../src/config/types.js';
import { Harness, TestConsumer, appendLines, baseConfig, expectExactlyOnce, inOrder, lines, waitFor } from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Runs one receiver until it has delivered at least `atLeast` records in total, then shuts it down mid-stream. */
async function runUntil(
  cfg: FilelogReceiverConfig,
  c: TestConsumer,
  atLeast: number | (() => boolean),
  total: number,
  during?: () => Promise<void>,
): Promise<void> {
  const r = await h.start(cfg, c, c.recovered());
  if (during) await during();
  const done = typeof atLeast === 'number' ? () => c.count() >= atLeast : atLeast;
  await waitFor(done, `stop condition (${String(atLeast)})`);
  await r.shutdown();
  // The restart must really happen in the middle of the stream.
  expect(c.count()).toBeLessThan(total);
}

async function finish(cfg: FilelogReceiverConfig, c: TestConsumer, expected: string[]): Promise<void> {
  await h.start(cfg, c, c.recovered());
  await waitFor(() => c.count() >= expected.length, `all ${expected.length} records`, 60_000).catch(() => undefined);
  const r = expectExactlyOnce(c.bodies(), expected);
  if (process.env.FILELOG_DEBUG && (r.missing.length || r.duplicated.length)) {
    console.log(JSON.stringify({ missing: [r.missing[0], r.missing.at(-1), r.missing.length], dup: [r.duplicated[0], r.duplicated.at(-1), r.duplicated.length] }));
    for (const l of h.logger.lines) console.log(JSON.stringify(l));
    for (const b of c.batches) console.log(b.positions![0]!.path, b.positions![0]!.key.slice(0, 8), b.positions![0]!.key.slice(64), b.positions![0]!.offset, (b.data.resourceLogs[0]?.scopeLogs[0]?.logRecords[0]?.body as { value: string } | undefined)?.value.slice(0, 9) ?? '(positions only)');
  }
  expect(r).toEqual({ missing: [], duplicated: [], unexpected: [] });
}

function count(c: TestConsumer, prefix: string): number {
  return c.bodies().filter((b) => b.startsWith(prefix + ' ')).length;
}

function slowConsumer(): TestConsumer {
  const c = new TestConsumer();
  c.delayMs = 4;
  return c;
}

describe('filelog rotation', () => {
  it('rename and create: the renamed file is read to its end, the new one from its start, across restarts', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [h.path('app.log*')], maxBatchLines: 20 });
    const g1 = lines('g1', 0, 400, 40);
    appendLines(app, g1.slice(0, 300));
    const c = slowConsumer();
    await runUntil(cfg, c, 60, 1000);

    // Rotated while stopped: more lines into the old file, renamed, a new file created.
    appendLines(app, g1.slice(300));
    renameSync(app, h.path('app.log.1'));
    const g2 = lines('g2', 0, 300, 40);
    appendLines(app, g2.slice(0, 200));
    const g3 = lines('g3', 0, 300, 40);
    await runUntil(cfg, c, 750, 1000, async () => {
      await waitFor(() => c.count() >= 420, 'some lines after restart');
      // Rotated while running; the writer appends to the renamed file before it reopens.
      appendLines(app, g2.slice(200, 250));
      renameSync(h.path('app.log.1'), h.path('app.log.2'));
      renameSync(app, h.path('app.log.1'));
      appendLines(h.path('app.log.1'), g2.slice(250));
      appendLines(app, g3.slice(0, 100));
    });
    appendLines(app, g3.slice(100));
    await finish(cfg, c, [...g1, ...g2, ...g3]);
    const got = c.bodies();
    expect(inOrder(got, 'g1') && inOrder(got, 'g2') && inOrder(got, 'g3')).toBe(true);
    expect(h.metric('sealog_filelog_rotations_total')).toBeGreaterThan(0);
  });

  it('copytruncate: the copy continues where the original stopped and the truncated file restarts at 0, across restarts', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [h.path('app.log*')], maxBatchLines: 20 });
    const g1 = lines('g1', 0, 400, 40);
    appendLines(app, g1.slice(0, 300));
    const c = slowConsumer();
    await runUntil(cfg, c, 60, 1100);

    // copytruncate while stopped (the lines not yet read are only in the copy now).
    appendLines(app, g1.slice(300));
    copyFileSync(app, h.path('app.log.1'));
    truncateSync(app, 0);
    const g2 = lines('g2', 0, 300, 40);
    appendLines(app, g2.slice(0, 150));
    const g3 = lines('g3', 0, 400, 40);
    await runUntil(cfg, c, 760, 1100, async () => {
      await waitFor(() => c.count() >= 500, 'the copy and the new lines');
      // copytruncate while running, as logrotate does it: shift the old copy, copy, truncate.
      appendLines(app, g2.slice(150));
      await waitFor(() => c.count() >= 700, 'the whole second generation');
      renameSync(h.path('app.log.1'), h.path('app.log.2'));
      copyFileSync(app, h.path('app.log.1'));
      truncateSync(app, 0);
      appendLines(app, g3.slice(0, 200));
    });
    appendLines(app, g3.slice(200));
    await finish(cfg, c, [...g1, ...g2, ...g3]);
    const got = c.bodies();
    expect(inOrder(got, 'g1') && inOrder(got, 'g2') && inOrder(got, 'g3')).toBe(true);
    expect(h.metric('sealog_filelog_truncations_total')).toBeGreaterThan(0);
  });

  it('copytruncate: stopped after the truncated file committed new lines but before the copy committed its start, the copy still continues (not read again from 0)', async () => {
    const app = h.path('app.log');
    const copy = h.path('app.log.1');
    const cfg = baseConfig({ include: [h.path('app.log*')], maxBatchLines: 20 });
    const g2 = lines('g2', 0, 300, 40);
    const g3 = lines('g3', 0, 100, 40);
    appendLines(app, g2);
    /** Batches of the copy are not made durable while `hold` (the pipeline is slow for them): the copy's start is not committed. */
    class HoldCopy extends TestConsumer {
      hold = false;
      held = 0;
      override async consume(batch: LogBatch): Promise<void> {
        if (this.hold && batch.positions?.some((p) => p.path === copy)) {
          this.held++;
          throw new Error('not durable yet');
        }
        return super.consume(batch);
      }
    }
    const c = new HoldCopy();
    const r = await h.start(cfg, c);
    await waitFor(() => c.count() === 300, 'the whole file');
    c.hold = true;
    copyFileSync(app, copy);
    truncateSync(app, 0);
    appendLines(app, g3.slice(0, 60));
    // The truncated file's new lines are durable (with them, before, the old content's position was settled),
    // the copy's start is not.
    await waitFor(() => count(c, 'g3') === 60 && c.held > 0, 'the new lines, and the copy held');
    await r.shutdown();
    c.hold = false;
    appendLines(app, g3.slice(60));
    await h.start(cfg, c, c.recovered());
    const st = statSync(copy, { bigint: true });
    const copyId = `${st.dev}:${st.ino}`;
    await waitFor(() => count(c, 'g3') >= 100 && [...c.positions.values()].some((p) => p.key.endsWith(`:${copyId}`) && p.offset === 15_000), 'the rest, and the copy at its end');
    expect(expectExactlyOnce(c.bodies(), [...g2, ...g3])).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  it('rotations never seen while stopped are read whole, also one that now stands at the recovered (rotated) name', async () => {
    // While stopped: the file last read as app.log.2 moved on to app.log.3, and two generations the receiver
    // never saw were created and rotated behind it, one of them to app.log.2 itself.
    const gens = [1, 2, 3, 4].map((g) => lines(`g${g}`, 0, 100));
    const names = ['app.log.3', 'app.log.2', 'app.log.1', 'app.log'];
    const t0 = Date.now() / 1000 - 100;
    names.forEach((n, i) => {
      appendLines(h.path(n), gens[i]!);
      utimesSync(h.path(n), t0 + i * 10, t0 + i * 10);
    });
    const g1 = readFileSync(h.path('app.log.3'));
    const st = statSync(h.path('app.log.3'), { bigint: true });
    const offset = g1.indexOf('g1 000080');
    const recovered = [{ key: positionKey(sha256Hex(g1.subarray(0, 1024)), st.dev.toString(), st.ino.toString()), path: h.path('app.log.2'), offset, receiver: 'filelog/test' }];
    const c = new TestConsumer();
    await h.start(baseConfig({ include: [h.path('*.log')] }), c, recovered);
    const expected = [...gens[0]!.slice(80), ...gens[1]!, ...gens[2]!, ...gens[3]!];
    await waitFor(() => c.count() >= expected.length, `all ${expected.length} lines`, 20_000).catch(() => undefined);
    expect(expectExactlyOnce(c.bodies(), expected)).toEqual({ missing: [], duplicated: [], unexpected: [] });
  });

  it('delete and recreate: the deleted file is drained through its open descriptor, the new one read from 0, across restarts', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [app], maxBatchLines: 20 });
    const g1 = lines('g1', 0, 600, 40);
    appendLines(app, g1.slice(0, 300));
    const c = slowConsumer();
    await runUntil(cfg, c, 60, 1100);
    appendLines(app, g1.slice(300));
    const g2 = lines('g2', 0, 500, 40);
    // A file deleted while the receiver is stopped is gone: stop only once the deleted one is drained.
    const drained = () => count(c, 'g1') === 600 && count(c, 'g2') >= 100;
    await runUntil(cfg, c, drained, 1100, async () => {
      // Deleted while lines are still unread (the receiver holds it open), then recreated.
      await waitFor(() => c.count() >= 120, 'reading resumed');
      expect(c.count()).toBeLessThan(600);
      unlinkSync(app);
      appendLines(app, g2.slice(0, 300));
    });
    appendLines(app, g2.slice(300));
    await finish(cfg, c, [...g1, ...g2]);
    expect(inOrder(c.bodies(), 'g1') && inOrder(c.bodies(), 'g2')).toBe(true);
  });

  it('moved out of the include pattern: the moved file is read to its end (including late writes), across restarts', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [h.path('*.log')], maxBatchLines: 20 });
    const g1 = lines('g1', 0, 600, 40);
    appendLines(app, g1.slice(0, 300));
    const c = slowConsumer();
    await runUntil(cfg, c, 60, 1100);
    appendLines(app, g1.slice(300, 550));
    const g2 = lines('g2', 0, 500, 40);
    // A file moved away while the receiver is stopped cannot be found: stop only once the moved one is drained.
    const drained = () => count(c, 'g1') === 600 && count(c, 'g2') >= 100;
    await runUntil(cfg, c, drained, 1100, async () => {
      await waitFor(() => c.count() >= 120, 'reading resumed');
      expect(c.count()).toBeLessThan(550);
      renameSync(app, h.path('app.log.moved'));
      // The writer has not reopened yet: its last lines land in the moved file.
      appendLines(h.path('app.log.moved'), g1.slice(550));
      appendLines(app, g2.slice(0, 300));
    });
    appendLines(app, g2.slice(300));
    await finish(cfg, c, [...g1, ...g2]);
    expect(inOrder(c.bodies(), 'g1') && inOrder(c.bodies(), 'g2')).toBe(true);
  });

  it('a new file that starts with the same header as a file being read is still read whole', async () => {
    const header = '### service log v1 ###';
    const cfg = baseConfig({ include: [h.path('*.log')] });
    appendLines(h.path('a.log'), [header, ...lines('a', 0, 40, 40)]);
    const c = new TestConsumer();
    await h.start(cfg, c);
    await waitFor(() => c.count() === 41, 'the first file');
    appendLines(h.path('b.log'), [header]);
    await waitFor(() => c.count() === 42, 'the header of the second file');
    appendLines(h.path('b.log'), lines('b', 0, 5));
    await waitFor(() => c.count() === 47, 'the rest of the second file');
    expect(c.bodies().filter((x) => x === header)).toHaveLength(2);
  });

  it('gzip-compressed rotation: a .gz copy continues where the plain file stopped; other .gz files are read whole once', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [app, h.path('app.log.*.gz')], compression: 'gzip', maxBatchLines: 20 });
    const old = lines('old', 0, 50, 10);
    writeFileSync(h.path('app.log.9.gz'), gzipSync(Buffer.from(old.join('\n') + '\n')));
    const g1 = lines('g1', 0, 400, 40);
    appendLines(app, g1.slice(0, 300));
    const c = slowConsumer();
    await runUntil(cfg, c, 120, 1150);

    // Rotated while stopped: renamed out of the pattern, compressed, the plain copy deleted.
    appendLines(app, g1.slice(300));
    renameSync(app, h.path('app.log.1'));
    writeFileSync(h.path('app.log.1.gz'), gzipSync(readFileSync(h.path('app.log.1'))));
    unlinkSync(h.path('app.log.1'));
    const g2 = lines('g2', 0, 400, 40);
    appendLines(app, g2.slice(0, 200));
    const g3 = lines('g3', 0, 300, 40);
    await runUntil(cfg, c, 750, 1150, async () => {
      await waitFor(() => c.count() >= 500, 'the rest of g1 from the .gz and some of g2');
      // Rotated while running: the plain file leaves the pattern, is compressed, then deleted.
      appendLines(app, g2.slice(200));
      renameSync(app, h.path('app.log.1'));
      appendLines(app, g3.slice(0, 100));
      await waitFor(() => c.bodies().filter((b) => b.startsWith('g2 ')).length >= 400, 'the rest of g2 read from the renamed file');
      writeFileSync(h.path('app.log.2.gz'), gzipSync(readFileSync(h.path('app.log.1'))));
      unlinkSync(h.path('app.log.1'));
    });
    appendLines(app, g3.slice(100));
    await finish(cfg, c, [...old, ...g1, ...g2, ...g3]);
    const got = c.bodies();
    expect(inOrder(got, 'g1') && inOrder(got, 'g2') && inOrder(got, 'g3')).toBe(true);
  });
});
