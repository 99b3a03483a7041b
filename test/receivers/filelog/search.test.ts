import { link, mkdir, mkdtemp, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/receivers/filelog/identity.js';
import { DirectoryListings, searchDirectory, searchHooks } from '../../../src/receivers/filelog/search.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('rotation search and protected files', () => {
  it('never lists the agent key (by any hard-linked name) or spool files, while ordinary rotated files are listed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    const logs = join(dir, 'logs');
    const keys = join(dir, 'keys');
    await mkdir(logs);
    await mkdir(keys);
    const key = join(keys, 'sealog.key');
    await writeFile(key, '{"secret":"k"}\n', { mode: 0o600 });
    await writeFile(join(logs, 'app.log'), 'a\n');
    await writeFile(join(logs, 'app.log.2'), 'b\n');
    // A planted hard link with a rotation's name: the "read whole, oldest first" rule would pick it up.
    await link(key, join(logs, 'app.log.1'));
    const protect = { followSymlinks: false, protectedFiles: [key], protectedDirs: [join(dir, 'spool')] };
    const names = async (o?: typeof protect) => (await new DirectoryListings(5000, o).get(logs, Date.now())).map((f) => f.path).sort();
    expect(await names(protect)).toEqual([join(logs, 'app.log'), join(logs, 'app.log.2')]);
    // Without protection the link is an ordinary file to the search: the guard is what keeps it out.
    expect(await names()).toContain(join(logs, 'app.log.1'));
    // A log directory that is (or holds) the spool lists nothing of it.
    await mkdir(join(dir, 'spool'));
    await writeFile(join(dir, 'spool', 'app.log.3'), 'frames');
    expect((await new DirectoryListings(5000, protect).get(join(dir, 'spool'), Date.now())).length).toBe(0);
  });

  it('finds a file seen only while empty by its inode after a rename (nothing read: no content to confirm it, none to copy)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    await writeFile(join(dir, 'app.log'), '');
    const st = await stat(join(dir, 'app.log'), { bigint: true });
    const id = `${st.dev}:${st.ino}`;
    await writeFile(join(dir, 'app.log'), 'written after discovery\n');
    await rename(join(dir, 'app.log'), join(dir, 'app.log.1'));
    await writeFile(join(dir, 'other.log'), 'written after discovery\n'); // same content, other inode: not a continuation
    const target = { dir, id, fpHex: sha256Hex(new Uint8Array(0)), offset: 0 };
    const hit = await searchDirectory(target, { fingerprintSize: 1000, copies: true, isTracked: () => false });
    expect(hit).toMatchObject({ kind: 'inode', file: { path: join(dir, 'app.log.1') } });
    await rm(join(dir, 'app.log.1'));
    expect(await searchDirectory(target, { fingerprintSize: 1000, copies: true, isTracked: () => false })).toBeUndefined();
  });
});

describe('rotation search: names swapped after the listing', () => {
  it('a listed file replaced by a symlink to a secret (or by another file) before its head is read is not read as the listed file: a new listing is searched', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    const logs = join(dir, 'logs');
    await mkdir(logs);
    const secretText = 'TOP-SECRET-CONTENT the remembered file started with this\n';
    await writeFile(join(dir, 'secret.txt'), secretText);
    await writeFile(join(logs, 'app.log.1'), 'x'.repeat(secretText.length));
    await writeFile(join(logs, 'app.log.2'), 'y'.repeat(secretText.length));
    // The remembered file (gone) had the secret's first bytes: a head read through the link would match.
    const target = { dir: logs, id: '0:0', fpHex: sha256Hex(Buffer.from(secretText)), offset: secretText.length };
    const cache = new DirectoryListings(60_000);
    const listed = await cache.get(logs, 0);
    expect(listed.map((f) => f.path).sort()).toEqual([join(logs, 'app.log.1'), join(logs, 'app.log.2')]);
    // After the listing: one name becomes a symlink to the secret, the other a different file with its content.
    await rm(join(logs, 'app.log.1'));
    await symlink(join(dir, 'secret.txt'), join(logs, 'app.log.1'));
    await writeFile(join(logs, 'swap'), secretText);
    await rename(join(logs, 'swap'), join(logs, 'app.log.2'));
    const o = { fingerprintSize: 1000, copies: true, isTracked: () => false, listings: { cache, notBefore: 0 } };
    // Neither listed name is read as the listed file (the symlink is not followed, the other is another inode
    // now): the search looks again in a new listing, which sees app.log.2 as the file it now is, a regular
    // file that continues the target, and the symlink as no candidate.
    const listed2 = listed.find((f) => f.path === join(logs, 'app.log.2'))!;
    const st = await stat(join(logs, 'app.log.2'), { bigint: true });
    const hit = await searchDirectory(target, o);
    expect(hit).toMatchObject({ kind: 'copy', file: { path: join(logs, 'app.log.2'), id: `${st.dev}:${st.ino}` } });
    expect(hit?.kind === 'copy' && hit.file.id).not.toBe(listed2.id);
    // Only the symlink left: nothing continues the target.
    await rm(join(logs, 'app.log.2'));
    expect(await searchDirectory(target, { ...o, listings: { cache, notBefore: Date.now() } })).toBeUndefined();
    await writeFile(join(logs, 'swap'), secretText);
    await rename(join(logs, 'swap'), join(logs, 'app.log.2'));
    // Control: a fresh listing sees app.log.2 as the file it now is, and finds the continuation there.
    expect(await searchDirectory(target, { ...o, listings: undefined })).toMatchObject({ kind: 'copy', file: { path: join(logs, 'app.log.2') } });
  });
});

describe('rotation search: a rotation renaming files while the directory is searched (issue #22)', () => {
  afterEach(() => {
    delete searchHooks.afterReaddir;
    delete searchHooks.beforeOpen;
  });

  /** app.log and app.log.1..4, each with its own content; returns the id of each name. */
  async function rotated(d: string): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const n of ['app.log', 'app.log.1', 'app.log.2', 'app.log.3', 'app.log.4']) {
      await writeFile(join(d, n), `${n} generation, first line of its own\n`.repeat(20));
      const st = await stat(join(d, n), { bigint: true });
      ids.set(n, `${st.dev}:${st.ino}`);
    }
    return ids;
  }

  /** What logrotate (and the e2e writer) does: app.log.k -> app.log.k+1 from the top, app.log -> app.log.1, a new app.log. */
  async function rotate(d: string, top: number): Promise<void> {
    for (let k = top; k >= 1; k--) await rename(join(d, `app.log.${k}`), join(d, `app.log.${k + 1}`)).catch(() => undefined);
    await rename(join(d, 'app.log'), join(d, 'app.log.1'));
    await writeFile(join(d, 'app.log'), 'a new generation\n');
  }

  it('a file renamed between the listing and its lstat (app.log.4 -> app.log.5) is found, not declared gone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    const ids = await rotated(dir);
    const text = 'app.log.4 generation, first line of its own\n'.repeat(20);
    const target = { dir, id: ids.get('app.log.4')!, fpHex: sha256Hex(Buffer.from(text.slice(0, 200))), offset: 200 };
    let rotations = 0;
    searchHooks.afterReaddir = async (d, names) => {
      // The listing named app.log..app.log.4; before any is lstat'ed, the chain moves the target to a name it lacks.
      if (rotations++ === 0) {
        expect([...names].sort()).toEqual(['app.log', 'app.log.1', 'app.log.2', 'app.log.3', 'app.log.4']);
        await rotate(d, 4);
      }
    };
    const hit = await searchDirectory(target, { fingerprintSize: 200, copies: true, isTracked: () => false });
    expect(rotations).toBeGreaterThan(1); // listed again
    expect(hit).toMatchObject({ kind: 'inode', file: { path: join(dir, 'app.log.5'), id: target.id } });
  });

  it('a file renamed between the listing and the read of its head is looked for again and found under its new name', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    const ids = await rotated(dir);
    const text = 'app.log.2 generation, first line of its own\n'.repeat(20);
    const target = { dir, id: ids.get('app.log.2')!, fpHex: sha256Hex(Buffer.from(text.slice(0, 200))), offset: 200 };
    const cache = new DirectoryListings(60_000);
    let opened = 0;
    searchHooks.beforeOpen = async () => {
      if (opened++ === 0) await rotate(dir, 4); // the target moves on to app.log.3 just before it is opened
    };
    const hit = await searchDirectory(target, { fingerprintSize: 200, copies: true, isTracked: () => false, listings: { cache, notBefore: 0 } });
    expect(hit).toMatchObject({ kind: 'inode', file: { path: join(dir, 'app.log.3'), id: target.id } });
    // A file seen only while empty (known by its inode alone) too.
    await writeFile(join(dir, 'empty'), '');
    const e = await stat(join(dir, 'empty'), { bigint: true });
    opened = 0;
    searchHooks.beforeOpen = async () => {
      if (opened++ === 0) await rename(join(dir, 'empty'), join(dir, 'empty.1'));
    };
    const empty = { dir, id: `${e.dev}:${e.ino}`, fpHex: sha256Hex(new Uint8Array(0)), offset: 0 };
    expect(await searchDirectory(empty, { fingerprintSize: 200, copies: true, isTracked: () => false })).toMatchObject({ kind: 'inode', file: { path: join(dir, 'empty.1') } });
  });

  it('a listing made while a rotation chain runs holds every file of the directory (rotated-while-down discovery)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealog-search-'));
    await rotated(dir);
    let rotations = 0;
    searchHooks.afterReaddir = async (d) => {
      if (rotations++ < 3) await rotate(d, 4 + rotations - 1); // three rotations, each during a listing
    };
    const listed = await new DirectoryListings(60_000).get(dir, Date.now());
    const now: string[] = [];
    for (const n of ['app.log', ...Array.from({ length: 7 }, (_, k) => `app.log.${k + 1}`)]) {
      const st = await stat(join(dir, n), { bigint: true });
      now.push(`${n}=${st.dev}:${st.ino}`);
    }
    expect(listed.map((f) => `${f.path.slice(dir.length + 1)}=${f.id}`).sort()).toEqual(now.sort());
  });
});
