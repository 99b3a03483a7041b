/**
 * kill -9 at random instants: a real child process appends (two concurrent
 * appenders, group commit) and exports through a reader while the parent
 * SIGKILLs it again and again. After each kill the parent checks, from the
 * files alone, that every append the child acknowledged is still on disk or
 * was exported, and each restarted child must report the exact chain head
 * (seq and hash) continuing from everything acknowledged.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FRAME_TYPE_DATA, SEGMENT_HEADER_BYTES, decodeSegmentHeader, parseSegmentFileName } from '../../src/spool/format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME } from '../../src/spool/frame-scanner.js';
import { nodeSpoolFs, readFully } from '../../src/spool/spool-fs.js';
import { openSpool } from '../../src/spool/spool.js';
import { GENESIS, payloadOf, seqOfPayload, step, type ChainState } from './fixtures/chain.js';
import { killChild, startChild, type Child } from './helpers/child.js';
import { compileSpoolFixtures } from './helpers/compile.js';
import { baseOptions } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';

const KILLS = 60;

let build = '';
let script = '';
let work = '';

beforeAll(async () => {
  build = await makeTmpDir('sealog-spool-build-');
  script = (await compileSpoolFixtures(build)).child;
  work = await makeTmpDir('sealog-spool-crash-');
});

afterAll(async () => {
  await removeDir(build);
  await removeDir(work);
});

/** Seqs of the data frames on disk, read without the lock and without changing anything. */
async function seqsOnDiskReadOnly(dir: string): Promise<number[]> {
  const out: number[] = [];
  const files = (await readdir(dir)).filter((f) => parseSegmentFileName(f) !== undefined).sort();
  for (const f of files) {
    const fh = await nodeSpoolFs.open(join(dir, f), 'r');
    try {
      const head = new Uint8Array(SEGMENT_HEADER_BYTES);
      const h = decodeSegmentHeader(head, await readFully(fh, head, 0, head.length, 0));
      if (!h.ok) continue; // a segment whose start was cut short: it holds nothing
      const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, h.header.firstId - 1, await fh.size());
      for (let ev = await sc.next(); ev !== SCAN_END; ev = await sc.next()) {
        if (ev === SCAN_FRAME && sc.view.type === FRAME_TYPE_DATA) out.push(seqOfPayload(sc.buf.subarray(sc.view.payloadStart, sc.view.payloadEnd)));
      }
    } finally {
      await fh.close();
    }
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test(`no acknowledged append is lost and the chain continues across ${KILLS} SIGKILLs`, { timeout: 300_000 }, async () => {
  const dir = join(work, 'spool');
  const exportedFile = join(work, 'exported.txt');
  // Expected chain, extended as needed: chain[n] = state after record n.
  const chain: ChainState[] = [GENESIS];
  const expected = (seq: number): ChainState => {
    while (chain.length <= seq) chain.push(step(chain[chain.length - 1], payloadOf(chain.length)));
    return chain[seq];
  };

  let acked = 0;
  let killsAfterReady = 0;
  const syncs = ['none', 'interval', 'always'] as const;
  for (let round = 0; round < KILLS; round++) {
    const sync = syncs[round % 3];
    const child: Child = startChild(script, ['crash', dir, sync]);
    try {
      if (round % 6 === 5) {
        // Kill during startup and recovery.
        await sleep(5 + Math.random() * 60);
      } else {
        const ready = await child.waitFor('READY', 60_000);
        const [, seqText, hash] = ready.split(' ');
        const seq = Number(seqText);
        // The restarted chain holds everything acknowledged before the last kill, exactly.
        expect(seq).toBeGreaterThanOrEqual(acked);
        expect(hash).toBe(expected(seq).hash);
        await sleep(10 + Math.random() * 150);
        killsAfterReady++;
      }
    } finally {
      await killChild(child);
    }
    if (process.env.SPOOL_CRASH_DEBUG) process.stdout.write(`round ${round} ${sync} acked=${acked} ${child.stderr().match(/"msg":"[^"]*/g)?.join(' | ') ?? ''}\n`);
    if (child.proc.signalCode !== 'SIGKILL') throw new Error(`child ended by itself (${child.proc.exitCode}): ${child.stderr()}`);
    for (const l of child.lines) if (l.startsWith('ACK ')) acked = Math.max(acked, Number(l.slice(4)));

    const onDisk = await seqsOnDiskReadOnly(dir);
    const exported = (await readFile(exportedFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
    const have = new Set([...onDisk, ...exported]);
    const missing: number[] = [];
    for (let s = 1; s <= acked; s++) if (!have.has(s)) missing.push(s);
    expect(missing, `round ${round} (${sync}): acknowledged records missing`).toEqual([]);
    // What is on disk is one unbroken stretch of the chain.
    for (let i = 1; i < onDisk.length; i++) expect(onDisk[i]).toBe(onDisk[i - 1] + 1);
  }
  expect(acked).toBeGreaterThan(100);
  expect(killsAfterReady).toBeGreaterThanOrEqual(50);

  // A final clean open: recovery succeeds and the reader's cursor is intact.
  const s = await openSpool(baseOptions(dir, { readers: ['exp'], segmentSizeBytes: 16 * 1024 }));
  expect(s.recovery.skippedFrames).toBe(0);
  await s.close();
});
