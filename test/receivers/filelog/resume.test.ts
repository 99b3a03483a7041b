/**
 * A file whose recovered position matched at start, then truncated before it
 * was first read (the property test's counterexample for seed -1997933565:
 * "append3 copytruncate append6 append3 yield append7 down down
 * copytruncate", include "*.log"). The truncation is made at the exact point
 * the race needs: after the start matched app.log's recovered position, before
 * its first turn looked at the file (it is empty then).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, statSync, truncateSync } from 'node:fs';
import type { LogFields } from '../../../src/telemetry/logger.js';
import { GapConsumer, Harness, appendLines, baseConfig, lines, waitFor } from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Runs `f` synchronously when the receiver logs `msg` (before it goes on with its next await). */
function onLog(msg: string, f: () => void): void {
  const info = h.logger.info;
  let done = false;
  h.logger.info = (m: string, fields?: LogFields) => {
    info(m, fields);
    if (m === msg && !done) {
      done = true;
      f();
    }
  };
}

describe('filelog: a recovered position of a file truncated before its first read', () => {
  it('copytruncate right after a restart: the unread bytes are read from the copy (or declared), never skipped', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [h.path('*.log')], fingerprintSizeBytes: 128, maxBatchLines: 7, pollIntervalMs: 40 });
    const c = new GapConsumer();
    const g0 = lines('g0', 0, 3);
    const g1 = lines('g1', 0, 16, 10);
    appendLines(app, g0);
    let r = await h.start(cfg, c);
    await waitFor(() => g0.every((l) => c.delivered.has(l)), 'g0');
    // First copytruncate while running: app.log.1 (outside *.log) holds g0, app.log starts again.
    copyFileSync(app, h.path('app.log.1'));
    truncateSync(app, 0);
    appendLines(app, g1.slice(0, 9));
    await waitFor(() => g1.slice(0, 9).every((l) => c.delivered.has(l)), 'g1 up to 9');
    await r.shutdown();
    // Written after the last look: unread when the receiver stops.
    appendLines(app, g1.slice(9));
    // Restart; app.log's position matches at start; copytruncate before its first read.
    onLog('filelog: started', () => {
      copyFileSync(app, h.path('app.log.2'));
      truncateSync(app, 0);
    });
    r = await h.start(cfg, c, c.recovered());
    const accounted = (l: string): boolean => c.delivered.has(l) || c.gaps.length > 0;
    await waitFor(() => g1.every(accounted), 'every g1 line delivered or declared', 10_000).catch(() => undefined);
    expect({ missing: g1.filter((l) => !accounted(l)), gaps: c.gaps }).toEqual({ missing: [], gaps: [] });
  });

  it('a copy overwriting a rotated file in place while stopped: its new content is not taken for the old one at the old position', async () => {
    const app = h.path('app.log');
    const rotated = h.path('app.log.1');
    const cfg = baseConfig({ include: [h.path('*.log')], fingerprintSizeBytes: 128, maxBatchLines: 7, pollIntervalMs: 40 });
    const c = new GapConsumer();
    const g0 = lines('g0', 0, 3);
    const g1 = lines('g1', 0, 16, 10);
    appendLines(app, g0);
    let r = await h.start(cfg, c);
    await waitFor(() => g0.every((l) => c.delivered.has(l)), 'g0');
    copyFileSync(app, rotated);
    truncateSync(app, 0);
    appendLines(app, g1.slice(0, 9));
    await waitFor(() => g1.slice(0, 9).every((l) => c.delivered.has(l)), 'g1 up to 9');
    await r.shutdown();
    appendLines(app, g1.slice(9));
    // While stopped: copytruncate into the same name, same inode (rewritten in place), then restart.
    const ino = statSync(rotated).ino;
    copyFileSync(app, rotated);
    expect(statSync(rotated).ino).toBe(ino);
    truncateSync(app, 0);
    r = await h.start(cfg, c, c.recovered());
    await waitFor(() => g1.every((l) => c.delivered.has(l)), 'every g1 line', 10_000).catch(() => undefined);
    expect(g1.filter((l) => !c.delivered.has(l))).toEqual([]);
  });

  it('truncated right after a restart with no copy: a gap from the recovered position', async () => {
    const app = h.path('app.log');
    const cfg = baseConfig({ include: [h.path('*.log')], fingerprintSizeBytes: 128, maxBatchLines: 7, pollIntervalMs: 40 });
    const c = new GapConsumer();
    const g1 = lines('g1', 0, 16, 10);
    appendLines(app, g1.slice(0, 9));
    let r = await h.start(cfg, c);
    await waitFor(() => g1.slice(0, 9).every((l) => c.delivered.has(l)), 'g1 up to 9');
    await r.shutdown();
    const at = statSync(app).size;
    appendLines(app, g1.slice(9));
    onLog('filelog: started', () => truncateSync(app, 0));
    r = await h.start(cfg, c, c.recovered());
    await waitFor(() => c.gaps.length > 0, 'a gap', 10_000).catch(() => undefined);
    expect(c.gaps.map((g) => ({ path: g.path, from: g.from, to: g.to, reason: g.reason }))).toEqual([{ path: app, from: at, to: undefined, reason: 'truncated' }]);
  });
});
