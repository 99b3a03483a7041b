import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDeflateCodec } from '../../../src/verify/bundle/node.js';
import { webDeflateCodec } from '../../../src/verify/bundle/web-codec.js';
import { checkEntryName, crc32, readZip, writeZip, ZipError, type DeflateCodec, type ZipEntryInput } from '../../../src/verify/bundle/zip.js';

/** The synchronous zlib functions, as a caller may inject them. */
const syncCodec: DeflateCodec = {
  deflateRaw: (d) => deflateRawSync(d),
  inflateRaw: (d, max) => inflateRawSync(d, { maxOutputLength: Math.max(1, max) }),
};

const enc = new TextEncoder();
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealog-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A safe path segment: no `.`/`..`, some non-ASCII. */
const segment = fc
  .stringMatching(/^[A-Za-z0-9_\-.éü日本]{1,12}$/)
  .filter((s) => s !== '.' && s !== '..');
const entryName = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const content = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.string({ maxLength: 2000 }).map((s) => enc.encode(s.repeat(3))),
  fc.constant(new Uint8Array(0)),
);
const mtime = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

/** Entries with unique names where no file stands where another needs a directory. */
const entries = fc
  .uniqueArray(fc.record({ name: entryName, bytes: content, mtime }), { selector: (e) => e.name.normalize('NFC'), maxLength: 8 })
  .map((list) => {
    const keep: ZipEntryInput[] = [];
    for (const e of list) {
      const n = e.name.normalize('NFC');
      const clash = keep.some((k) => {
        const m = k.name.normalize('NFC');
        return n.startsWith(`${m}/`) || m.startsWith(`${n}/`);
      });
      if (!clash) keep.push(e);
    }
    return keep;
  });

function python(script: string, input?: Uint8Array): Buffer {
  return execFileSync('python3', ['-c', script], { input, maxBuffer: 64 * 1024 * 1024 });
}

/** Replaces every occurrence of `from` (bytes of a name) with `to`, same length. */
function patch(zip: Uint8Array, from: string, to: string): Uint8Array {
  const a = enc.encode(from);
  const b = enc.encode(to);
  expect(b.length).toBe(a.length);
  const out = zip.slice();
  let n = 0;
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((x, j) => out[i + j] === x)) {
      out.set(b, i);
      n++;
    }
  }
  expect(n).toBeGreaterThan(0);
  return out;
}

function offsets(zip: Uint8Array): { central: number[]; local: number[] } {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const central: number[] = [];
  const local: number[] = [];
  for (let i = 0; i < count; i++) {
    central.push(p);
    local.push(v.getUint32(p + 42, true));
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return { central, local };
}

async function refused(zip: Uint8Array, code: string, message: RegExp, limits = {}): Promise<void> {
  const err = await readZip(zip, nodeDeflateCodec, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZipError);
  expect((err as ZipError).code).toBe(code);
  expect((err as ZipError).message).toMatch(message);
}

const sample: ZipEntryInput[] = [
  { name: 'manifest.json', bytes: enc.encode('{"a":1}\n'.repeat(50)), mtime: new Date('2026-03-01T02:03:04Z') },
  { name: 'random.bin', bytes: Uint8Array.from({ length: 600 }, (_, i) => (i * 2654435761) >>> 24) },
  { name: 'keys/sealog.pub', bytes: enc.encode('ed25519 abcdef\n') },
  { name: 'empty', bytes: new Uint8Array(0) },
];

describe('crc32', () => {
  it('has the standard check value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(enc.encode('56789'), crc32(enc.encode('1234')))).toBe(0xcbf43926);
  });
});

describe('writeZip/readZip', () => {
  it('round-trips arbitrary entries (names, bytes, mtime to the second) with sync and async codecs', async () => {
    await fc.assert(
      fc.asyncProperty(entries, fc.constantFrom(syncCodec, nodeDeflateCodec, webDeflateCodec), async (list, codec) => {
        const zip = await writeZip(list, codec);
        const back = await readZip(zip, codec);
        expect(back.map((e) => e.name)).toEqual(list.map((e) => e.name));
        for (const [i, e] of back.entries()) {
          expect(Buffer.from(e.bytes).equals(Buffer.from(list[i].bytes))).toBe(true);
          // Exact seconds in the extended timestamp up to 2038, DOS time (2 s steps, UTC) after.
          const s = Math.floor((list[i].mtime as Date).getTime() / 1000);
          expect(e.mtime.getTime() / 1000).toBe(s <= 0x7fffffff ? s : s - (s % 2));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('deflates compressible content and stores the rest', async () => {
    const back = await readZip(await writeZip(sample, nodeDeflateCodec), nodeDeflateCodec);
    expect(back.map((e) => e.method)).toEqual([8, 0, 0, 0]);
  });

  it('writes an empty archive that reads back empty', async () => {
    const zip = await writeZip([], nodeDeflateCodec);
    expect(zip.length).toBe(22);
    expect(await readZip(zip, nodeDeflateCodec)).toEqual([]);
  });

  it('refuses to write unsafe or duplicate names', async () => {
    for (const name of ['../x', '/abs', 'a\\b', 'a\0b', 'a//b', './a', 'C:x', 'dir/', '']) {
      await expect(writeZip([{ name, bytes: new Uint8Array(1) }], nodeDeflateCodec)).rejects.toMatchObject({ code: 'ZIP_UNSAFE_NAME' });
    }
    const one = { name: 'a', bytes: new Uint8Array(1) };
    await expect(writeZip([one, one], nodeDeflateCodec)).rejects.toThrow(/duplicate/);
    await expect(writeZip([one, { name: 'a/b', bytes: new Uint8Array(1) }], nodeDeflateCodec)).rejects.toThrow(/which is a file/);
  });

  it('refuses to write what ZIP32 cannot hold, saying so', async () => {
    const many = Array.from({ length: 65536 }, (_, i) => ({ name: `f${i}`, bytes: new Uint8Array(0) }));
    await expect(writeZip(many, nodeDeflateCodec)).rejects.toMatchObject({ code: 'ZIP_TOO_LARGE', message: /65,535/ });
  });

  it('checkEntryName accepts ordinary relative names', () => {
    for (const n of ['a', 'keys/sealog.pub', 'a.b/c-d_e', 'résumé/日本.txt', '..a', 'a..']) expect(() => checkEntryName(n)).not.toThrow();
    expect(() => checkEntryName('d/', true)).not.toThrow();
  });
});

describe('interop with Python zipfile and Info-ZIP', () => {
  it('Python reads and tests what we write (arbitrary entries)', async () => {
    await fc.assert(
      fc.asyncProperty(entries, async (list) => {
        const zip = await writeZip(list, nodeDeflateCodec);
        const out = python(
          'import sys, io, zipfile, hashlib, json\n' +
            'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\n' +
            'assert z.testzip() is None\n' +
            'print(json.dumps([[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))',
          zip,
        );
        expect(JSON.parse(out.toString('utf8'))).toEqual(list.map((e) => [e.name, sha(e.bytes)]));
      }),
      { numRuns: 15 },
    );
  });

  it('unzip -t tests what we write', async () => {
    const file = join(dir, 'ours.zip');
    await writeFile(file, await writeZip(sample, nodeDeflateCodec));
    const out = execFileSync('unzip', ['-t', file]).toString();
    expect(out).toMatch(/No errors detected/);
    expect(execFileSync('unzip', ['-p', file, 'manifest.json']).toString()).toBe('{"a":1}\n'.repeat(50));
  });

  it('reads what Python writes: stored, deflated, UTF-8 names, directories, and data descriptors (non-seekable output)', async () => {
    const script =
      'import sys, io, zipfile, hashlib, json\n' +
      'seekable = sys.argv[1] == "seek"\n' +
      'buf = io.BytesIO()\n' +
      'target = buf if seekable else sys.stdout.buffer\n' +
      'z = zipfile.ZipFile(target, "w")\n' +
      'z.writestr("dir/", b"")\n' +
      'z.writestr(zipfile.ZipInfo("dir/stored.txt", (2024, 5, 6, 7, 8, 10)), b"hello " * 100, compress_type=zipfile.ZIP_STORED)\n' +
      'z.writestr("dir/deflated.txt", b"hello " * 1000, compress_type=zipfile.ZIP_DEFLATED)\n' +
      'z.writestr("résumé/日本.json", "{\\"ü\\": 1}".encode(), compress_type=zipfile.ZIP_DEFLATED)\n' +
      'z.writestr("empty", b"", compress_type=zipfile.ZIP_DEFLATED)\n' +
      'z.close()\n' +
      'if seekable: sys.stdout.buffer.write(buf.getvalue())\n';
    const expected = [
      ['dir/stored.txt', 'hello '.repeat(100)],
      ['dir/deflated.txt', 'hello '.repeat(1000)],
      ['résumé/日本.json', '{"ü": 1}'],
      ['empty', ''],
    ];
    for (const mode of ['seek', 'stream']) {
      const zip = execFileSync('python3', ['-c', script, mode]);
      for (const codec of [nodeDeflateCodec, webDeflateCodec]) {
        const back = await readZip(zip, codec);
        expect(back.map((e) => [e.name, Buffer.from(e.bytes).toString('utf8')])).toEqual(expected);
        expect(back[0].mtime.toISOString()).toBe('2024-05-06T07:08:10.000Z');
      }
    }
  });

  it('reads what Info-ZIP zip writes, from files (-r) and from a pipe (data descriptors)', async () => {
    const src = join(dir, 'src');
    await mkdir(join(src, 'keys'), { recursive: true });
    await writeFile(join(src, 'hits.jsonl'), '{"x":1}\n'.repeat(1000));
    await writeFile(join(src, 'keys', 'sealog.pub'), 'key\n');
    const file = join(dir, 'infozip.zip');
    execFileSync('zip', ['-q', '-r', file, '.'], { cwd: src });
    const back = await readZip(await readFile(file), nodeDeflateCodec);
    expect(new Map(back.map((e) => [e.name, Buffer.from(e.bytes).toString()]))).toEqual(
      new Map([
        ['hits.jsonl', '{"x":1}\n'.repeat(1000)],
        ['keys/sealog.pub', 'key\n'],
      ]),
    );
    const piped = execFileSync('zip', ['-q', '-', '-'], { input: 'piped data\n'.repeat(500) });
    const p = await readZip(piped, nodeDeflateCodec);
    expect(p.map((e) => [e.name, Buffer.from(e.bytes).toString()])).toEqual([['-', 'piped data\n'.repeat(500)]]);
    // Zipping a pipe into a seekable file makes a ZIP64 archive, refused as such.
    await writeFile(join(dir, 'in.txt'), 'x\n');
    execFileSync('sh', ['-c', 'zip -q - - < in.txt > z64.zip'], { cwd: dir });
    await refused(await readFile(join(dir, 'z64.zip')), 'ZIP_UNSUPPORTED', /ZIP64/);
  });
});

describe('hostile archives', () => {
  it('refuses names with .., absolute paths, backslashes and NUL', async () => {
    const base = await writeZip([{ name: 'xx/passwd', bytes: enc.encode('x') }], nodeDeflateCodec);
    await refused(patch(base, 'xx/passwd', '../passwd'), 'ZIP_UNSAFE_NAME', /"\.\." segment/);
    await refused(patch(base, 'xx/passwd', '/x/passwd'), 'ZIP_UNSAFE_NAME', /absolute/);
    await refused(patch(base, 'xx/passwd', 'xx\\passwd'), 'ZIP_UNSAFE_NAME', /backslash/);
    await refused(patch(base, 'xx/passwd', 'xx/pa\0swd'), 'ZIP_UNSAFE_NAME', /NUL/);
    await refused(patch(base, 'xx/passwd', 'C:/passwd'), 'ZIP_UNSAFE_NAME', /drive letter/);
    await refused(patch(base, 'xx/passwd', 'a/../../b'), 'ZIP_UNSAFE_NAME', /"\.\." segment/);
  });

  it('refuses duplicate names', async () => {
    const zip = await writeZip(
      [
        { name: 'a1', bytes: enc.encode('one') },
        { name: 'a2', bytes: enc.encode('two') },
      ],
      nodeDeflateCodec,
    );
    await refused(patch(zip, 'a2', 'a1'), 'ZIP_UNSAFE_NAME', /duplicate entry name "a1"/);
  });

  it('refuses encrypted entries and names unsupported methods', async () => {
    const zip = await writeZip([{ name: 'a', bytes: enc.encode('x') }], nodeDeflateCodec);
    const { central, local } = offsets(zip);
    const enc1 = zip.slice();
    enc1[central[0] + 8] |= 1;
    enc1[local[0] + 6] |= 1;
    await refused(enc1, 'ZIP_UNSUPPORTED', /"a" is encrypted/);
    for (const [method, name] of [
      [12, /method 12 \(bzip2\)/],
      [14, /method 14 \(LZMA\)/],
      [93, /method 93 \(zstd\)/],
      [77, /method 77; only 0 \(store\) and 8 \(deflate\)/],
      [99, /encrypted/],
    ] as const) {
      const z = zip.slice();
      z[central[0] + 10] = method;
      z[local[0] + 8] = method;
      await refused(z, 'ZIP_UNSUPPORTED', name);
    }
  });

  it('refuses a zip bomb by its declared sizes, before inflating anything', async () => {
    const zip = await writeZip([{ name: 'zeros', bytes: new Uint8Array(1024 * 1024) }], nodeDeflateCodec);
    await refused(zip, 'ZIP_LIMIT', /declares more than 1000 bytes/, { maxTotalBytes: 1000 });
    // A declared size near 4 GiB is refused by the default 1 GiB limit.
    const { central } = offsets(zip);
    const big = zip.slice();
    new DataView(big.buffer).setUint32(central[0] + 24, 0xf0000000, true);
    await refused(big, 'ZIP_LIMIT', /declares more than 1073741824 bytes/);
  });

  it('refuses a zip bomb that understates its size while inflating, never producing more than declared', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const zip = await writeZip([{ name: 'bomb', bytes: zeros }], nodeDeflateCodec);
    const { central, local } = offsets(zip);
    const lying = zip.slice();
    const v = new DataView(lying.buffer);
    v.setUint32(central[0] + 24, 1000, true);
    v.setUint32(local[0] + 22, 1000, true);
    let largest = 0;
    const spy: DeflateCodec = {
      deflateRaw: nodeDeflateCodec.deflateRaw,
      inflateRaw: async (d, max) => {
        largest = Math.max(largest, max);
        return nodeDeflateCodec.inflateRaw(d, max);
      },
    };
    for (const codec of [spy, webDeflateCodec]) {
      const err = await readZip(lying, codec).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ZipError);
      expect((err as ZipError).message).toMatch(/"bomb": deflate data is invalid or inflates to more than its declared 1000 bytes/);
    }
    expect(largest).toBe(1000);
  });

  it('refuses too many entries', async () => {
    const zip = await writeZip(
      Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, bytes: new Uint8Array(0) })),
      nodeDeflateCodec,
    );
    await refused(zip, 'ZIP_LIMIT', /5 entries, over the limit of 3/, { maxEntries: 3 });
  });

  it('refuses overlapping entries (a non-recursive bomb) and hidden bytes', async () => {
    const zip = await writeZip(
      [
        { name: 'a', bytes: enc.encode('same') },
        { name: 'b', bytes: enc.encode('same') },
      ],
      nodeDeflateCodec,
    );
    const { central, local } = offsets(zip);
    // b's central record points at a's local header (same name length, patched name check aside).
    const overlap = zip.slice();
    new DataView(overlap.buffer).setUint32(central[1] + 42, local[0], true);
    await refused(overlap, 'ZIP_CORRUPT', /local header names another file|overlaps/);
    // Bytes smuggled in front of the first entry.
    const hidden = new Uint8Array(zip.length + 7);
    hidden.set(zip.subarray(0, local[1]), 0);
    hidden.set(enc.encode('SECRET!'), local[1]);
    hidden.set(zip.subarray(local[1]), local[1] + 7);
    const hv = new DataView(hidden.buffer);
    hv.setUint32(central[1] + 7 + 42, local[1] + 7, true);
    hv.setUint32(hidden.length - 22 + 16, hv.getUint32(hidden.length - 22 + 16, true) + 7, true);
    await refused(hidden, 'ZIP_CORRUPT', /7 bytes before entry "b" belong to no entry/);
  });

  it('refuses ZIP64 and multi-disk archives, and garbage', async () => {
    const zip = await writeZip(sample, nodeDeflateCodec);
    const z64 = zip.slice();
    new DataView(z64.buffer).setUint32(z64.length - 22 + 16, 0xffffffff, true);
    await refused(z64, 'ZIP_UNSUPPORTED', /ZIP64/);
    const split = zip.slice();
    split[split.length - 22 + 4] = 1;
    await refused(split, 'ZIP_UNSUPPORTED', /multi-disk/);
    await refused(new Uint8Array(0), 'ZIP_CORRUPT', /too short/);
    await refused(enc.encode('PK not really a zip file at all, just text'), 'ZIP_CORRUPT', /no end-of-central-directory/);
    await refused(zip.subarray(0, zip.length - 1), 'ZIP_CORRUPT', /no end-of-central-directory/);
    await refused(zip.subarray(100), 'ZIP_CORRUPT', /./);
    const trailing = new Uint8Array(zip.length + 3);
    trailing.set(zip);
    await refused(trailing, 'ZIP_CORRUPT', /no end-of-central-directory/);
  });

  it('checks each CRC-32 and size', async () => {
    const zip = await writeZip(sample, nodeDeflateCodec);
    const { central, local } = offsets(zip);
    const crc = zip.slice();
    const v = new DataView(crc.buffer);
    v.setUint32(central[2] + 16, v.getUint32(central[2] + 16, true) ^ 1, true);
    v.setUint32(local[2] + 14, v.getUint32(local[2] + 14, true) ^ 1, true);
    await refused(crc, 'ZIP_CORRUPT', /"keys\/sealog.pub": CRC-32 mismatch/);
    const inconsistent = zip.slice();
    new DataView(inconsistent.buffer).setUint32(local[1] + 14, 0, true);
    await refused(inconsistent, 'ZIP_CORRUPT', /local header's CRC or sizes disagree/);
  });

  it('random byte flips give a ZipError or the same entries, never another exception', async () => {
    const zip = await writeZip(sample, nodeDeflateCodec);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: zip.length - 1 }), bits: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }),
        async (flips) => {
          const z = zip.slice();
          for (const f of flips) z[f.at] ^= f.bits;
          let back;
          try {
            back = await readZip(z, nodeDeflateCodec);
          } catch (err) {
            expect(err).toBeInstanceOf(ZipError);
            return;
          }
          expect(back.map((e) => [e.name, sha(e.bytes)])).toEqual(sample.map((e) => [e.name, sha(e.bytes)]));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random bytes and truncations give a ZipError', async () => {
    const zip = await writeZip(sample, nodeDeflateCodec);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: zip.length - 1 }), fc.uint8Array({ maxLength: 200 }), async (cut, junk) => {
        for (const z of [zip.subarray(0, cut), junk]) {
          const err = await readZip(z, nodeDeflateCodec).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(ZipError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
