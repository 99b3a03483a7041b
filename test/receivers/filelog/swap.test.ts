/**
 * Issue 21, finding 1 (open path): a file discovered as a regular file, then
 * replaced by a symlink to a secret before the receiver opens it, must not be
 * read through the link (O_NOFOLLOW, and the descriptor's device and inode
 * checked against what discovery saw).
 */
import { symlink, unlink, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../src/pipeline/types.js';
import { Harness, TestConsumer, appendLines, baseConfig, waitFor } from './helpers.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Runs `onFirst` inside the first consume, before it resolves (while the one reader is busy with the first file). */
class SwappingConsumer extends TestConsumer {
  #first = true;
  constructor(readonly onFirst: () => Promise<void>) {
    super();
  }
  override async consume(batch: LogBatch): Promise<void> {
    if (this.#first) {
      this.#first = false;
      await this.onFirst();
    }
    return super.consume(batch);
  }
}

describe('filelog: a name swapped after discovery', () => {
  it('a file discovered, then replaced by a symlink to a secret before it is opened, is not read through the link', async () => {
      const secret = h.path('secret.txt');
      await writeFile(secret, 'TOP-SECRET-SWAPPED-IN\n');
      appendLines(h.path('a.log'), ['first file line']);
      appendLines(h.path('b.log'), ['b original line']);
      const c = new SwappingConsumer(async () => {
        // a.log is being delivered; b.log was discovered (a regular file) and waits for the only reader.
        await unlink(h.path('b.log'));
        await symlink(secret, h.path('b.log'));
      });
      // One file at a time: b.log is opened only after a.log's batch was consumed.
      await h.start(baseConfig({ include: [h.path('*.log')], maxConcurrentFiles: 1 }), c);
      await waitFor(() => c.bodies().includes('first file line'), 'a.log read', 30_000);
      // The open failed (ELOOP) and asked for a scan; the scan sees the link and skips it, counted.
      await waitFor(() => h.metric('sealog_filelog_files_skipped_total', { receiver: 'filelog/test', reason: 'symlink' }) >= 1, 'the symlink skipped', 30_000);
      expect(c.bodies()).not.toContain('TOP-SECRET-SWAPPED-IN');
      // b.log was swapped before it was opened: its original content was never read either.
      expect(c.bodies()).not.toContain('b original line');
    });
});
