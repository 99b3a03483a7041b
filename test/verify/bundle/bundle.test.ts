import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_FORMAT,
  BundleError,
  jsonLines,
  parseBundle,
  readBundleZip,
  writeBundleZip,
  type Bundle,
  type BundleContent,
} from '../../../src/verify/bundle/bundle.js';
import { nodeDeflateCodec, readBundle, writeBundle } from '../../../src/verify/bundle/node.js';
import { webDeflateCodec } from '../../../src/verify/bundle/web-codec.js';
import { readZip, writeZip, ZipError } from '../../../src/verify/bundle/zip.js';

const enc = new TextEncoder();
const created = new Date('2026-12-07T10:11:12.000Z');
const opts = { sealogVersion: '0.1.0', created };

const hitLines = ['{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"a"}}]}]}]}', '{"resourceLogs":[]}'];
const proofs = [{ record: 1, path: ['ab', 'cd'] }, { record: 2, path: [] }];

function content(extra: Partial<BundleContent> = {}): BundleContent {
  return {
    query: { since: '2026-12-07T02:00:00Z', text: ['alice'] },
    counts: { hits: 2, streams: 1 },
    hits: hitLines.map((l) => `${l}\n`),
    hitsJson: jsonLines([{ seq: 3 }, { seq: 4 }]),
    proofs: jsonLines(proofs),
    completeness: { streams: [{ stream: 'vm/logs', missing: [] }] },
    keys: [
      { name: 'sealog.pub', bytes: enc.encode('ed25519 key\n') },
      { name: 'sealog.keyring', bytes: enc.encode('{"epoch":0}\n') },
    ],
    ...extra,
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function expectContent(b: Bundle): Promise<void> {
  expect(b.manifest.format).toBe(BUNDLE_FORMAT);
  expect(b.manifest.created).toBe('2026-12-07T10:11:12.000Z');
  expect(b.manifest.sealog_version).toBe('0.1.0');
  expect(b.manifest.query).toEqual({ since: '2026-12-07T02:00:00Z', text: ['alice'] });
  expect(b.manifest.counts).toEqual({ hits: 2, streams: 1 });
  expect(b.manifest.files.map((f) => f.path)).toEqual([
    'hits.jsonl',
    'hits.json',
    'proofs.jsonl',
    'completeness.json',
    'keys/sealog.keyring',
    'keys/sealog.pub',
  ]);
  expect(await collect(b.hits.lines())).toEqual(hitLines);
  expect(await collect(b.proofs.values())).toEqual(proofs);
  expect(await collect((b.hitsJson as NonNullable<Bundle['hitsJson']>).values())).toEqual([{ seq: 3 }, { seq: 4 }]);
  expect(b.completeness).toEqual({ streams: [{ stream: 'vm/logs', missing: [] }] });
  expect(b.keys.map((k) => [k.name, Buffer.from(k.bytes).toString()])).toEqual([
    ['sealog.keyring', '{"epoch":0}\n'],
    ['sealog.pub', 'ed25519 key\n'],
  ]);
}

async function mismatch(p: Promise<unknown>, problem: RegExp): Promise<BundleError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  const be = err as BundleError;
  expect(be.problems.some((x) => problem.test(x)), be.message).toBe(true);
  return be;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealog-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('directory form', () => {
  it('round-trips, with the documented modes', async () => {
    const target = join(dir, 'rt', 'bundle');
    const old = process.umask(0o077);
    let manifest;
    try {
      manifest = await writeBundle(target, content(), opts);
    } finally {
      process.umask(old);
    }
    expect(manifest.files).toHaveLength(6);
    expect((await readdir(target)).sort()).toEqual(['completeness.json', 'hits.json', 'hits.jsonl', 'keys', 'manifest.json', 'proofs.jsonl']);
    expect((await stat(target)).mode & 0o777).toBe(0o755);
    expect((await stat(join(target, 'keys'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(target, 'hits.jsonl'))).mode & 0o777).toBe(0o644);
    expect((await stat(join(target, 'manifest.json'))).mode & 0o777).toBe(0o644);
    const m = JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    const hits = await readFile(join(target, 'hits.jsonl'));
    expect(m.files[0]).toEqual({ path: 'hits.jsonl', sha256: createHash('sha256').update(hits).digest('hex'), bytes: hits.length });
    const b = await readBundle(target);
    expect(b.hits.file).toBe(join(target, 'hits.jsonl'));
    await expectContent(b);
  });

  it('hits.json is optional', async () => {
    const target = join(dir, 'nojson');
    await writeBundle(target, { ...content(), hitsJson: undefined }, opts);
    const b = await readBundle(target);
    expect(b.hitsJson).toBeUndefined();
    expect(b.manifest.files.map((f) => f.path)).not.toContain('hits.json');
  });

  it('streams large JSON lines files', async () => {
    const target = join(dir, 'large');
    const line = `${JSON.stringify({ resourceLogs: [{ x: 'y'.repeat(200) }] })}\n`;
    const n = 100_000;
    async function* many(): AsyncIterable<string> {
      for (let i = 0; i < n; i++) yield line;
    }
    await writeBundle(target, content({ hits: many() }), opts);
    expect((await stat(join(target, 'hits.jsonl'))).size).toBe(n * line.length);
    const b = await readBundle(target);
    let count = 0;
    for await (const l of b.hits.lines()) if (l.length === line.length - 1) count++;
    expect(count).toBe(n);
  });

  it('refuses a non-empty directory and an existing file, accepts an empty one', async () => {
    const full = join(dir, 'full');
    await mkdir(full);
    await writeFile(join(full, 'x'), 'x');
    await expect(writeBundle(full, content(), opts)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' });
    expect(await readdir(full)).toEqual(['x']);
    const file = join(dir, 'afile');
    await writeFile(file, 'x');
    await expect(writeBundle(file, content(), opts)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' });
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await writeBundle(empty, content(), opts);
    await expectContent(await readBundle(empty));
  });

  it('refuses invalid content before creating anything', async () => {
    const target = join(dir, 'invalid');
    await expect(writeBundle(target, content({ keys: [] }), opts)).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
    await expect(writeBundle(target, content({ keys: [{ name: '../evil', bytes: new Uint8Array(1) }] }), opts)).rejects.toThrow(/not allowed/);
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes what it created when a source fails', async () => {
    const target = join(dir, 'failing');
    async function* broken(): AsyncIterable<string> {
      yield 'a\n';
      throw new Error('source broke');
    }
    await expect(writeBundle(target, content({ proofs: broken() }), opts)).rejects.toThrow(/source broke/);
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  describe('tamper detection', () => {
    async function fresh(name: string): Promise<string> {
      const target = join(dir, 'tamper', name);
      await writeBundle(target, content(), opts);
      return target;
    }

    it('a changed file', async () => {
      const t = await fresh('changed');
      await writeFile(join(t, 'hits.jsonl'), (await readFile(join(t, 'hits.jsonl'), 'utf8')).replace('"a"', '"b"'));
      await mismatch(readBundle(t), /^hits.jsonl: changed \(its SHA-256/);
      await writeFile(join(t, 'keys', 'sealog.pub'), 'other key, other size\n');
      const err = await mismatch(readBundle(t), /^keys\/sealog.pub: changed \(22 bytes, the manifest says 12\)/);
      expect(err.problems).toHaveLength(2);
      expect(err.code).toBe('BUNDLE_MISMATCH');
    });

    it('a missing file', async () => {
      const t = await fresh('missing');
      await unlink(join(t, 'proofs.jsonl'));
      await mismatch(readBundle(t), /^proofs.jsonl: missing/);
    });

    it('an extra file, directory or symbolic link', async () => {
      const t = await fresh('extra');
      await writeFile(join(t, 'keys', 'attacker.pub'), 'k');
      await writeFile(join(t, 'notes.txt'), 'k');
      await mkdir(join(t, 'more'));
      await symlink('/etc/passwd', join(t, 'link'));
      const err = await mismatch(readBundle(t), /^keys\/attacker.pub: extra file/);
      expect(err.problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^notes.txt: extra/), expect.stringMatching(/^more\/: extra directory/), expect.stringMatching(/^link: a symbolic link/)]),
      );
    });

    it('a listed file replaced by a symbolic link', async () => {
      const t = await fresh('symlinked');
      const real = join(dir, 'outside-hits.jsonl');
      await writeFile(real, await readFile(join(t, 'hits.jsonl')));
      await unlink(join(t, 'hits.jsonl'));
      await symlink(real, join(t, 'hits.jsonl'));
      await mismatch(readBundle(t), /^hits.jsonl: a symbolic link/);
    });

    it('an edited manifest', async () => {
      const t = await fresh('manifest');
      const file = join(t, 'manifest.json');
      const orig = await readFile(file, 'utf8');
      const m = JSON.parse(orig) as { files: { sha256: string; bytes: number }[]; query: unknown };
      m.files[1].sha256 = '0'.repeat(64);
      await writeFile(file, JSON.stringify(m));
      await mismatch(readBundle(t), /^hits.json: changed/);
      m.files.splice(1, 1);
      await writeFile(file, JSON.stringify(m));
      await mismatch(readBundle(t), /^hits.json: extra file/);
      for (const [edit, why] of [
        [(x: Record<string, unknown>) => (x['format'] = 'sealog-bundle-v2'), /format is "sealog-bundle-v2"/],
        [(x: Record<string, unknown>) => (x['created'] = 'yesterday'), /created is not an RFC 3339 time/],
        [(x: Record<string, unknown>) => (x['extra'] = 1), /unknown field "extra"/],
        [(x: Record<string, unknown>) => (x['query'] = []), /query is not an object/],
        [(x: Record<string, unknown>) => ((x['files'] as { path: string }[])[0].path = '../hits.jsonl'), /not a file of the bundle layout/],
      ] as const) {
        const x = JSON.parse(orig) as Record<string, unknown>;
        edit(x);
        await writeFile(file, JSON.stringify(x));
        await expect(readBundle(t)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringMatching(why) });
      }
      await writeFile(file, '{not json');
      await expect(readBundle(t)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: /manifest.json is not JSON/ });
      await unlink(file);
      await expect(readBundle(t)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: /no manifest.json/ });
    });

    it('a file changed after the check is caught while it is streamed', async () => {
      const t = await fresh('late');
      const b = await readBundle(t);
      await writeFile(join(t, 'proofs.jsonl'), '{"forged":true}\n');
      await expect(collect(b.proofs.values())).rejects.toMatchObject({ code: 'BUNDLE_MISMATCH', message: /proofs.jsonl: changed after/ });
    });

    it('a line that is not JSON names the file and line', async () => {
      const t = join(dir, 'tamper', 'badline');
      await writeBundle(t, content({ proofs: '{"a":1}\n\nnot json\n' }), opts);
      const b = await readBundle(t);
      await expect(collect(b.proofs.values())).rejects.toThrow(/^proofs.jsonl:3: not JSON/);
    });
  });
});

describe('zip form', () => {
  it('round-trips, 0644, and Python reads it', async () => {
    const target = join(dir, 'rt.zip');
    await writeBundle(target, content(), opts);
    expect((await stat(target)).mode & 0o777).toBe(0o644);
    await expectContent(await readBundle(target));
    const names = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(" ".join(z.namelist()))', target]);
    expect(names.toString().trim()).toBe('manifest.json hits.jsonl hits.json proofs.jsonl completeness.json keys/sealog.keyring keys/sealog.pub');
    await expect(writeBundle(target, content(), opts)).rejects.toMatchObject({ code: 'BUNDLE_EXISTS' });
  });

  it('is pure: written and read in memory with the browser codec, byte-identical to the Node output', async () => {
    const { zip, manifest } = await writeBundleZip(content(), { ...opts, codec: webDeflateCodec });
    expect(manifest.files).toHaveLength(6);
    await expectContent(await readBundleZip(zip, { codec: webDeflateCodec }));
    // The same input deflates identically with zlib on both paths, so the archives match.
    const node = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    expect(Buffer.from(node.zip).equals(Buffer.from(zip))).toBe(true);
  });

  it('refuses content over its in-memory limit', async () => {
    await expect(writeBundle(join(dir, 'big.zip'), content(), { ...opts, maxTotalBytes: 100 })).rejects.toThrow(/too large for the zip form/);
    await expect(stat(join(dir, 'big.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  /** A zip of the bundle with `edit` applied to its entries. */
  async function edited(name: string, edit: (e: { name: string; bytes: Uint8Array }[]) => { name: string; bytes: Uint8Array }[]): Promise<string> {
    const { zip } = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    const entries = await readZip(zip, nodeDeflateCodec);
    const file = join(dir, `${name}.zip`);
    await writeFile(file, await writeZip(edit(entries), nodeDeflateCodec));
    return file;
  }

  it('detects a changed, missing or extra file and an edited manifest', async () => {
    await mismatch(
      readBundle(await edited('changed', (es) => es.map((e) => (e.name === 'completeness.json' ? { ...e, bytes: enc.encode('{}\n') } : e)))),
      /^completeness.json: changed/,
    );
    await mismatch(readBundle(await edited('missing', (es) => es.filter((e) => e.name !== 'keys/sealog.pub'))), /^keys\/sealog.pub: missing/);
    await mismatch(readBundle(await edited('extra', (es) => [...es, { name: 'keys/evil.pub', bytes: enc.encode('x') }])), /^keys\/evil.pub: extra file/);
    await mismatch(readBundle(await edited('extra2', (es) => [...es, { name: 'other/file', bytes: enc.encode('x') }])), /^other\/file: extra file/);
    const manifestEdit = await edited('manifest', (es) =>
      es.map((e) => {
        if (e.name !== 'manifest.json') return e;
        const m = JSON.parse(Buffer.from(e.bytes).toString()) as { files: { bytes: number }[] };
        m.files[0].bytes += 1;
        return { ...e, bytes: enc.encode(JSON.stringify(m)) };
      }),
    );
    await mismatch(readBundle(manifestEdit), /^hits.jsonl: changed \(\d+ bytes, the manifest says \d+\)/);
    await expect(readBundle(await edited('nomanifest', (es) => es.filter((e) => e.name !== 'manifest.json')))).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      message: /no manifest.json/,
    });
  });

  it('refuses a path-traversal entry name, and writes nothing anywhere (entries are never extracted)', async () => {
    const sandbox = join(dir, 'sandbox');
    await mkdir(join(sandbox, 'inner'), { recursive: true });
    const { zip } = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    const entries = await readZip(zip, nodeDeflateCodec);
    // Same length as "keys/sealog.pub", so the patched archive stays well formed but for the name.
    const evil = '../../evil.pub';
    const placeholder = 'keys/xxxxxx.pub'.slice(0, evil.length);
    const base = await writeZip([...entries, { name: placeholder, bytes: enc.encode('pwned') }], nodeDeflateCodec);
    const patched = Buffer.from(base);
    let at = patched.indexOf(placeholder);
    while (at !== -1) {
      patched.write(evil, at);
      at = patched.indexOf(placeholder, at + 1);
    }
    const file = join(sandbox, 'inner', 'evil.zip');
    await writeFile(file, patched);
    const err = await readBundle(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipError);
    expect((err as ZipError).code).toBe('ZIP_UNSAFE_NAME');
    expect((await readdir(sandbox)).sort()).toEqual(['inner']);
    expect((await readdir(join(sandbox, 'inner'))).sort()).toEqual(['evil.zip']);
    await expect(stat(join(dir, 'evil.pub'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('hostile archives surface as ZipError through readBundle', async () => {
    const file = join(dir, 'garbage.zip');
    await writeFile(file, 'PK\u0003\u0004 not a zip');
    await expect(readBundle(file)).rejects.toBeInstanceOf(ZipError);
    const { zip } = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    const limited = join(dir, 'limited.zip');
    await writeFile(limited, zip);
    await expect(readBundle(limited, { limits: { maxTotalBytes: 100 } })).rejects.toMatchObject({ code: 'ZIP_LIMIT' });
    await expect(readBundle(limited, { limits: { maxEntries: 2 } })).rejects.toMatchObject({ code: 'ZIP_LIMIT' });
  });
});

describe('parseBundle', () => {
  it('reads entries given in memory, in any order', async () => {
    const { zip } = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    const entries = (await readZip(zip, nodeDeflateCodec)).reverse();
    await expectContent(await parseBundle(entries));
  });

  it('refuses an entry given twice', async () => {
    const { zip } = await writeBundleZip(content(), { ...opts, codec: nodeDeflateCodec });
    const entries = await readZip(zip, nodeDeflateCodec);
    await expect(parseBundle([...entries, entries[1]])).rejects.toThrow(/present twice/);
  });
});

describe('a directory bundle is readable only as the user allows', () => {
  it('an unreadable file is a file-system error, thrown as it is', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const t = join(dir, 'unreadable');
    await writeBundle(t, content(), opts);
    await chmod(join(t, 'hits.jsonl'), 0o000);
    await expect(readBundle(t)).rejects.toMatchObject({ code: 'EACCES' });
  });
});
