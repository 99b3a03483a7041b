/**
 * `sealog index` run again: only what is new is read (appended lines, new
 * files), a rotated file is followed under its new name, a rewritten or
 * edited file is read again, and the index answers as if built in one go.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/verify/index/build.js';
import { IndexDb } from '../../../src/verify/index/db.js';
import { frameLines, search, sealedStream, testKey, writeLines } from './fixture.js';

describe('incremental indexing', () => {
  let dir: string;
  let logs: string;
  let db: string;
  let key: ReturnType<typeof testKey>;
  let lines: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealog-index-inc-'));
    logs = join(dir, 'logs');
    mkdirSync(logs);
    db = join(dir, 'index.duckdb');
    key = testKey(dir);
    lines = frameLines(sealedStream({ signer: key.signer, host: 'web-1', records: 600, sealEvery: 100, batch: 10 }).frames);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const index = () => buildIndex({ db, inputs: [logs], keyFiles: [key.pubFile] });

  /** Rows of the index; with `dataOnly`, only those of records that are not control records (the ones that can be hits). */
  async function rows(dataOnly = false): Promise<number> {
    const d = await IndexDb.open(db, { create: false });
    try {
      return Number((await d.rows(`SELECT count(*) FROM records${dataOnly ? ' WHERE type = 0' : ''}`))[0]![0]);
    } finally {
      d.close();
    }
  }

  it('reads only the appended lines, and a seal range split across runs re-proves whole', async () => {
    const file = join(logs, 'a.jsonl');
    // Cut inside a seal range: the seal that covers the first run's last records comes in the second.
    const cut = 30;
    writeLines(file, lines.slice(0, cut));
    const first = await index();
    expect(first.files[0]).toMatchObject({ action: 'new' });
    const n1 = first.records;
    writeLines(file, lines.slice(cut), true);
    const second = await index();
    expect(second.files[0]).toMatchObject({ action: 'appended' });
    expect(second.report.violations).toBe(0);
    // The continued chain is checked whole: no absent prefix, no unverifiable range.
    expect(second.report.streams[0]!.findings.map((f) => f.kind)).toEqual([]);
    const { hits, completeness } = await search(db, {}, key.pubFile);
    expect(await rows()).toBe(n1 + second.records);
    expect(await rows(true)).toBe(hits.length);
    expect(hits.filter((h) => h.status !== 'verified').map((h) => `${h.seq} ${h.status} ${h.reason}`)).toEqual([]);
    expect(completeness.complete).toBe(true);
    const third = await index();
    expect(third.files[0]).toMatchObject({ action: 'unchanged', records: 0 });
    expect(await rows()).toBe(n1 + second.records);
  });

  it('does not consume a last line without its newline until it is whole', async () => {
    const file = join(logs, 'a.jsonl');
    writeLines(file, lines.slice(0, 10));
    const torn = lines[10]!;
    writeFileSync(file, readFileSync(file, 'utf8') + torn.slice(0, 40));
    const first = await index();
    expect(first.unreadableLines).toBe(0);
    expect(first.files[0]!.note).toMatch(/not a whole line yet/);
    writeFileSync(file, readFileSync(file, 'utf8') + torn.slice(40) + '\n');
    const second = await index();
    expect(second.unreadableLines).toBe(0);
    expect(second.lines).toBe(1);
  });

  it('indexes a new file, follows a rotated one under its new name, and reads a rewritten one again', async () => {
    const a = join(logs, 'app.jsonl');
    writeLines(a, lines.slice(0, 40));
    await index();
    const total0 = await rows();
    const data0 = await rows(true);
    // Rotation: app.jsonl -> app.jsonl.1, the rest goes to a new app.jsonl.
    renameSync(a, join(logs, 'app.jsonl.1'));
    writeLines(a, lines.slice(40));
    const second = await index();
    const byPath = Object.fromEntries(second.files.map((f) => [f.path.slice(logs.length + 1), f]));
    expect(byPath['app.jsonl.1']).toMatchObject({ action: 'renamed', records: 0 });
    expect(byPath['app.jsonl']).toMatchObject({ action: 'new' });
    expect(second.report.violations).toBe(0);
    const all = await search(db, {}, key.pubFile);
    expect(await rows()).toBe(total0 + second.records);
    expect(new Set(all.hits.map((h) => h.seq)).size).toBe(all.hits.length);
    expect(all.hits.every((h) => h.status === 'verified')).toBe(true);
    // Rewritten: the rotated file is replaced by other content (another stream).
    const other = frameLines(sealedStream({ signer: key.signer, host: 'db-1', records: 50, sealEvery: 25 }).frames);
    rmSync(join(logs, 'app.jsonl.1'));
    writeLines(join(logs, 'app.jsonl.1'), other);
    const third = await index();
    const f = third.files.find((x) => x.path.endsWith('app.jsonl.1'))!;
    expect(f.action).toBe('reindexed');
    expect(third.notes.join('\n')).toMatch(/app\.jsonl\.1: rewritten or truncated/);
    const web = await search(db, { stream: ['web-1/logs'] }, key.pubFile);
    // The web-1 records of the rewritten file are gone from the index, and the window says so.
    expect(web.hits.length).toBe(all.hits.length - data0);
    expect(web.completeness.windows[0]!.findings.some((x) => x.kind === 'missing' || x.kind === 'absent_prefix')).toBe(true);
    const db1 = await search(db, { stream: ['db-1/logs'] }, key.pubFile);
    expect(db1.hits.length).toBe(50); // its 50 app records (its genesis and seals are rows, never hits)
    expect(db1.hits.every((h) => h.status === 'verified')).toBe(true);
  });

  it('reads a file edited in place before the position read so far again, and the edit is then a modified hit', async () => {
    const file = join(logs, 'a.jsonl');
    writeLines(file, lines);
    await index();
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('User bob logged in', text.length >> 1);
    expect(at).toBeGreaterThan(5000);
    expect(at).toBeLessThan(text.length - 5000);
    writeFileSync(file, text.slice(0, at) + 'User mallory logged in' + text.slice(at + 'User bob logged in'.length));
    const again = await index();
    expect(again.files[0]!.action).toBe('reindexed');
    expect(again.report.violations).toBeGreaterThan(0);
    const { hits } = await search(db, { text: 'mallory' }, key.pubFile);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.status).toBe('modified');
  });

  it('refuses an index of an older format, for search and for a run that would extend it, and says to rebuild it', async () => {
    writeLines(join(logs, 'a.jsonl'), lines);
    await index();
    const d = await IndexDb.open(db, { create: false });
    await d.run(`UPDATE meta SET value = 'sealog-index-v1' WHERE key = 'format'`);
    d.close();
    await expect(search(db, { text: 'alice' }, key.pubFile)).rejects.toThrow(/older format \(sealog-index-v1; this sealog reads sealog-index-v2\): rebuild it/);
    await expect(index()).rejects.toThrow(/older format .*rebuild it/);
  });
});
