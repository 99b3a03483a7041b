import { link, mkdir, mkdtemp, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/receivers/filelog/identity.js';
import { DirectoryListings, searchDirectory } from '../../../src/receivers/filelog/search.js';

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
  it('a listed file replaced by a symlink to a secret (or by another file) before its head is read is not a continuation', async () => {
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
    expect(await searchDirectory(target, o)).toBeUndefined();
    // Control: a fresh listing sees app.log.2 as the file it now is, and finds the continuation there.
    expect(await searchDirectory(target, { ...o, listings: undefined })).toMatchObject({ kind: 'copy', file: { path: join(logs, 'app.log.2') } });
  });
});
