import { readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { processStartTicks } from '../../src/spool/lock.js';
import { openSpool } from '../../src/spool/spool.js';
import { startChild, killChild, type Child } from './helpers/child.js';
import { compileSpoolFixtures } from './helpers/compile.js';
import { baseOptions, entries, open, seqsOnDisk } from './helpers/entries.js';
import { makeTmpDir, removeDir } from './helpers/tmp.js';

let build = '';
let script = '';
let dir = '';
const children: Child[] = [];

beforeAll(async () => {
  build = await makeTmpDir('sealog-spool-build-');
  script = (await compileSpoolFixtures(build)).child;
});

afterAll(async () => {
  await removeDir(build);
});

beforeEach(async () => {
  dir = await makeTmpDir();
});

afterEach(async () => {
  for (const c of children.splice(0)) await killChild(c);
  await removeDir(dir);
});

test('a second agent on the same spool refuses to start, naming the process that holds it', async () => {
  const c = startChild(script, ['lock', dir]);
  children.push(c);
  const pid = Number((await c.waitFor('READY')).split(' ')[1]);
  expect(pid).toBe(c.proc.pid);
  const err = await open(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code: 'SPOOL_LOCKED' });
  expect(String((err as Error).message)).toContain(`pid ${pid}`);
});

test('a lock left behind by a process killed with SIGKILL is taken over', async () => {
  const c = startChild(script, ['lock', dir]);
  children.push(c);
  await c.waitFor('READY');
  await killChild(c);
  expect(await readdir(dir)).toContain('sealog.lock');
  const opts = baseOptions(dir);
  const s = await openSpool(opts);
  expect(opts.logger.lines.some((l) => String(l.msg).includes('stale spool lock'))).toBe(true);
  await s.append(entries(1, 2));
  expect(await seqsOnDisk(s)).toEqual([1, 2]);
  await s.close();
});

test('opening a spool twice in one process is refused with SPOOL_LOCKED', async () => {
  const s = await open(dir);
  await expect(open(dir)).rejects.toMatchObject({ code: 'SPOOL_LOCKED' });
  await s.close();
  const again = await open(dir);
  await again.close();
});

test('close() removes the lock file; the lock file names this process', async () => {
  const s = await open(dir);
  const info = JSON.parse(await readFile(join(dir, 'sealog.lock'), 'utf8')) as { pid: number; host: string };
  expect(info.pid).toBe(process.pid);
  expect(info.host).toBe(hostname());
  await s.close();
  expect(await readdir(dir)).not.toContain('sealog.lock');
});

test('a lock naming a live pid that started at another time (a reused pid) is stale', async () => {
  const c = startChild(script, ['lock', join(dir, 'other')]);
  children.push(c);
  await c.waitFor('READY');
  const ticks = processStartTicks(c.proc.pid!);
  expect(ticks).toBeDefined();
  await writeFile(
    join(dir, 'sealog.lock'),
    JSON.stringify({ pid: c.proc.pid, host: hostname(), startTicks: String(Number(ticks) + 12345), nonce: 'x', createdAt: 'then' }),
  );
  const s = await open(dir);
  await s.close();
});

test('an unreadable lock file is replaced with a warning', async () => {
  await writeFile(join(dir, 'sealog.lock'), 'not json');
  const opts = baseOptions(dir);
  const s = await openSpool(opts);
  expect(opts.logger.lines.some((l) => String(l.msg).includes('unreadable spool lock'))).toBe(true);
  await s.close();
});
