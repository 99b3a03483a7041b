/**
 * The index is derived data and is not trusted: a record changed in the
 * input, or a row, a block, a seal or the coverage changed in the index
 * file itself (SQL UPDATE/DELETE), never gives a false or unflagged hit,
 * and a deleted range is reported in the window's completeness.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIndex } from '../../../src/cli/index-cmd.js';
import { blobBytes, IndexDb, num } from '../../../src/verify/index/db.js';
import { bodyAt } from '../../../src/verify/search/canonical-read.js';
import { frameLines, search, sealedStream, testKey, writeLines } from './fixture.js';

describe('the index is not trusted', () => {
  let dir: string;
  let db: string;
  let key: ReturnType<typeof testKey>;
  let lines: string[];
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealog-index-untrusted-'));
    db = join(dir, 'index.duckdb');
    key = testKey(dir);
    lines = frameLines(sealedStream({ signer: key.signer, host: 'web-1', records: 400, sealEvery: 50, batch: 10 }).frames);
    file = join(dir, 'a.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const quiet = async <T>(f: () => Promise<T>): Promise<T> => {
    const w = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      return await f();
    } finally {
      process.stdout.write = w;
    }
  };

  async function withDb<T>(f: (d: IndexDb) => Promise<T>): Promise<T> {
    const d = await IndexDb.open(db, { create: false });
    try {
      return await f(d);
    } finally {
      d.close();
    }
  }

  /** Changes the stored canonical bytes of record `seq` with `change(recordBytes)`. */
  async function tamperBytes(seq: number, change: (rec: Uint8Array) => void): Promise<void> {
    await withDb(async (d) => {
      const data = new Uint8Array(blobBytes((await d.rows('SELECT rec FROM records WHERE seq = ?', [BigInt(seq)]))[0]![0]!));
      change(data.subarray(32));
      await d.run('UPDATE records SET rec = ? WHERE seq = ?', [d.blob(data), BigInt(seq)]);
    });
  }

  /** Changes the seals table's copy of the bytes of the seal at `seq` with `change(recordBytes)`. */
  async function tamperSealBytes(seq: number, change: (rec: Uint8Array) => void): Promise<void> {
    await withDb(async (d) => {
      const data = new Uint8Array(blobBytes((await d.rows('SELECT rec FROM seals WHERE seq = ?', [BigInt(seq)]))[0]![0]!));
      change(data);
      await d.run('UPDATE seals SET rec = ? WHERE seq = ?', [d.blob(data), BigInt(seq)]);
    });
  }

  it('a record changed in the input is a modified hit, and `sealog index` exits 1', async () => {
    const at = lines.findIndex((l) => l.includes('User carol'));
    lines[at] = lines[at]!.replace('User carol', 'User mallo');
    writeLines(file, lines);
    expect(await quiet(() => runIndex([file], { db, key: [key.pubFile] }))).toBe(1);
    const { hits } = await search(db, { text: 'mallo' }, key.pubFile);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.status === 'modified')).toBe(true);
    expect(hits[0]!.reason).toMatch(/changed after it was sealed/);
  });

  it('a record whose bytes were changed in the index file is a modified hit', async () => {
    writeLines(file, lines);
    expect(await quiet(() => runIndex([file], { db, key: [key.pubFile] }))).toBe(0);
    const before = await search(db, { seq: '123' }, key.pubFile);
    expect(before.hits[0]!.status).toBe('verified');
    await tamperBytes(123, (rec) => {
      const body = bodyAt(rec, 0);
      rec[body + 5] = 'X'.charCodeAt(0); // "User ..." -> "Xser ..."
    });
    const after = await search(db, { seq: '123' }, key.pubFile);
    expect(after.hits).toHaveLength(1);
    expect(after.hits[0]!.status).toBe('modified');
    expect(after.hits[0]!.body).toMatch(/^Xser/);
  });

  it('a row whose filter columns were changed gives no false hit', async () => {
    writeLines(file, lines);
    await quiet(() => runIndex([file], { db, key: [key.pubFile] }));
    const honest = await search(db, { text: 'alice', where: ['user=alice'] }, key.pubFile);
    await withDb((d) => d.run(`UPDATE records SET body = 'user alice logged in', attrs = '\x1fuser\x1ealice\x1f', severity = 24 WHERE seq % 7 = 0`));
    const lied = await search(db, { text: 'alice', where: ['user=alice'] }, key.pubFile);
    // Rows made to look like alice's (text, attribute, severity) are candidates, and are dropped on their re-proven bytes.
    expect(lied.hits.map((h) => h.seq)).toEqual(honest.hits.map((h) => h.seq));
    expect(honest.hits.length).toBeGreaterThan(10);
    for (const h of lied.hits) expect(String(h.body).toLowerCase()).toContain('alice');
    const fatal = await search(db, { severity: 'FATAL4' }, key.pubFile);
    expect(fatal.hits).toEqual([]);
  });

  it('damaged seals, chain hashes and context bytes make hits unverifiable, never verified', async () => {
    writeLines(file, lines);
    await quiet(() => runIndex([file], { db, key: [key.pubFile] }));
    // The Merkle leaves of one seal range changed: hits of that range cannot be proven unless they restore the root.
    await withDb(async (d) => {
      const [s] = await d.rows('SELECT seq, leaves FROM seals WHERE seq_from <= 60 AND seq_to >= 60');
      const leaves = new Uint8Array(blobBytes(s![1]!));
      leaves[0]! ^= 1;
      leaves[leaves.length - 1]! ^= 1;
      await d.run('UPDATE seals SET leaves = ? WHERE seq = ?', [d.blob(leaves), s![0]!]);
    });
    const r = await search(db, { seq: '60' }, key.pubFile);
    expect(r.hits[0]!.status).toBe('unverifiable');
    expect(r.hits[0]!.reason).toMatch(/do not lead to the signed root/);
    // A seal record's bytes changed (the seals table's copy, which hits and the window read): its signature fails,
    // the range's hits are unverifiable and the window says so.
    const sealSeq = await withDb(async (d) => num((await d.rows('SELECT seq FROM seals WHERE seq_from <= 200 AND seq_to >= 200'))[0]![0]!));
    await tamperSealBytes(sealSeq, (rec) => {
      rec[rec.length - 1] ^= 1; // its event name
    });
    const s = await search(db, { seq: '200' }, key.pubFile);
    expect(s.hits[0]!.status).toBe('unverifiable');
    expect(s.hits[0]!.reason).toMatch(/signature .* does not verify/);
    expect(s.completeness.complete).toBe(false);
    expect(s.completeness.windows[0]!.findings.map((f) => f.kind)).toContain('forged_seal');
    // A context's bytes changed (the resource a hit reports): its chain hash no longer matches.
    await withDb((d) => d.run(`UPDATE contexts SET bytes = bytes || '\\x00'::BLOB`));
    const c = await search(db, { seq: '300' }, key.pubFile);
    expect(['modified', 'unverifiable']).toContain(c.hits[0]!.status);
  });

  it('a range deleted from the input, or from the index, is reported in the window', async () => {
    // Deleted from the input before indexing: records 101..140 (the lines that carry them).
    const kept = lines.filter((l) => {
      const seqs = [...l.matchAll(/"sealog\.seq","value":\{"intValue":"?(\d+)/g)].map((m) => Number(m[1]));
      return !seqs.some((s) => s >= 101 && s <= 140);
    });
    expect(kept.length).toBeLessThan(lines.length);
    writeLines(file, kept);
    await quiet(() => runIndex([file], { db, key: [key.pubFile] }));
    const w = await search(db, { since: '2026-01-01T00:00:00.050Z', until: '2026-01-01T00:00:00.200Z' }, key.pubFile);
    const missing = w.completeness.windows[0]!.findings.filter((f) => f.kind === 'missing');
    expect(missing.length).toBe(1);
    expect(missing[0]!.seq).toBeLessThanOrEqual(101);
    expect(missing[0]!.seqEnd).toBeGreaterThanOrEqual(140);
    expect(w.completeness.complete).toBe(false);
    // Deleted from the index afterwards (rows only, coverage left as it was): the rows are counted, not the coverage believed.
    await withDb((d) => d.run('DELETE FROM records WHERE seq BETWEEN 300 AND 309'));
    const later = await search(db, { seq: '250..350' }, key.pubFile);
    const f = later.completeness.windows[0]!.findings;
    expect(f.some((x) => x.kind === 'missing' && x.seq === 300 && x.seqEnd === 309)).toBe(true);
    expect(f.some((x) => x.message.includes('the index was changed'))).toBe(true);
    expect(later.hits.some((h) => h.seq >= 300 && h.seq <= 309)).toBe(false);
  });

  it("the seals table's copies and columns, changed, never make a time window complete", async () => {
    writeLines(file, lines);
    const window = { since: '2026-01-01T00:00:00.100Z', until: '2026-01-01T00:00:00.150Z' };
    const fresh = async (): Promise<void> => {
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
      expect(await quiet(() => runIndex([file], { db, key: [key.pubFile] }))).toBe(0);
    };
    const kinds = async (): Promise<string[]> => {
      const r = await search(db, window, key.pubFile);
      expect(r.completeness.complete).toBe(false);
      return r.completeness.windows.flatMap((w) => w.findings.map((f) => f.kind));
    };
    await fresh();
    const honest = await search(db, window, key.pubFile);
    expect(honest.completeness.complete).toBe(true);
    const seals = await withDb(async (d) => (await d.rows('SELECT seq FROM seals ORDER BY seq')).map((r) => num(r[0]!)));
    expect(seals.length).toBeGreaterThan(4);
    const [a, b] = [seals[1]!, seals[2]!];
    // Another seal's bytes (a valid signature, over another seq) in a seal's row: the seq its row names is not the one signed.
    await withDb((d) => d.run('UPDATE seals SET rec = (SELECT rec FROM seals WHERE seq = ?) WHERE seq = ?', [BigInt(b), BigInt(a)]));
    expect(await kinds()).toContain('forged_seal');
    // A seal's row moved to another seq.
    await fresh();
    await withDb((d) => d.run('UPDATE seals SET seq = seq + 1 WHERE seq = ?', [BigInt(a)]));
    expect(await kinds()).toContain('forged_seal');
    // One seal's claimed range widened over the one before it, whose row is deleted: what a seal covers is what it signs.
    await fresh();
    await withDb(async (d) => {
      await d.run('DELETE FROM seals WHERE seq = ?', [BigInt(a)]);
      await d.run('UPDATE seals SET seq_from = 1 WHERE seq = ?', [BigInt(b)]);
    });
    expect(await kinds()).toContain('unverifiable');
    // Rows deleted far outside the window (and the coverage left as it was): every seq of the chain is counted.
    await fresh();
    await withDb((d) => d.run('DELETE FROM records WHERE seq BETWEEN 350 AND 352'));
    const r = await search(db, window, key.pubFile);
    expect(r.completeness.complete).toBe(false);
    expect(r.completeness.windows[0]!.findings.some((f) => f.kind === 'missing' && f.seq === 350 && f.seqEnd === 352)).toBe(true);
  });

  it('a forged seal among hundreds (checked in slices, beside the hits) still makes the window incomplete', async () => {
    // 300 seals: checkedSeals makes their claims in slices of 128; the forged one is in the third slice.
    const many = frameLines(sealedStream({ signer: key.signer, host: 'web-1', records: 6000, sealEvery: 20, batch: 20 }).frames);
    writeLines(file, many);
    expect(await quiet(() => runIndex([file], { db, key: [key.pubFile] }))).toBe(0);
    const window = { since: '2026-01-01T00:00:00.100Z', until: '2026-01-01T00:00:00.150Z' };
    expect((await search(db, window, key.pubFile)).completeness.complete).toBe(true);
    const seals = await withDb(async (d) => (await d.rows('SELECT seq FROM seals ORDER BY seq')).map((r) => num(r[0]!)));
    expect(seals.length).toBeGreaterThan(2 * 128);
    const forged = seals[280]!;
    await tamperSealBytes(forged, (rec) => {
      rec[rec.length - 1] ^= 0x01;
    });
    const r = await search(db, window, key.pubFile);
    expect(r.completeness.complete).toBe(false);
    expect(r.completeness.windows[0]!.findings.filter((f) => f.kind === 'forged_seal').map((f) => f.seq)).toEqual([forged]);
  });
});
