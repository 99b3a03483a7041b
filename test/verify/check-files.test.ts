/**
 * `sealog verify` end to end over OTLP JSON lines files: the fast path
 * (bytes to canonical records) and the general decoder must give the same
 * report, byte for byte, on intact and on damaged input in any of the
 * encodings OTLP JSON allows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/integrity/bytes.js';
import { encodeLogsJson } from '../../src/otlp/json.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { formatJson } from '../../src/verify/format.js';
import { asLines, buildStream, T0, testSigner } from '../helpers/stream.js';

let dir: string;
let pub: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealog-verify-fast-'));
  pub = join(dir, 'sealog.pub');
  const s = testSigner();
  await writeFile(pub, JSON.stringify({ format: 'sealog-pub-v1', alg: 'ed25519', anchor_id: s.keyId, epoch: 0, key_id: s.keyId, public_key: toHex(s.publicKey) }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function lines(perLine = 3): string[] {
  const s = buildStream({ records: 120, sealEvery: 25, batch: 9 });
  return asLines(s.frames, perLine).map((d) => encodeLogsJson(d));
}

const snake = (t: string): string => t.replace(/"([a-z]+(?:[A-Z][a-z]*)+)":/g, (_m, k: string) => `"${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}":`);
const bareInts = (t: string): string => t.replace(/"(timeUnixNano|observedTimeUnixNano|intValue)":"(-?\d+)"/g, '"$1":$2');
const spaced = (t: string): string => t.replace(/([,:{[])/g, '$1 \t');

let n = 0;
/** The report both ways, as the --json output. */
async function both(content: string | Buffer): Promise<{ fast: string; general: string; intact: boolean }> {
  const file = join(dir, `in-${n++}.jsonl`);
  await writeFile(file, content);
  const run = async (fastPath: boolean): Promise<string> => {
    const r = await checkFiles({ keyFiles: [pub], files: [file], fastPath, nowNs: () => T0 + 10_000_000_000n });
    return formatJson(r.report, { lines: r.lines, unreadableLines: r.unreadableLines });
  };
  const fast = await run(true);
  const general = await run(false);
  return { fast, general, intact: (JSON.parse(fast) as { intact: boolean }).intact };
}

describe('sealog verify: fast path and general decoder agree', () => {
  it('on intact input in every encoding, plain and gzip, with CRLF and blank lines', async () => {
    for (const f of [(t: string) => t, snake, bareInts, spaced, (t: string) => snake(bareInts(spaced(t)))]) {
      const text = lines().map(f).join('\r\n') + '\n\n';
      const r = await both(text);
      expect(r.intact).toBe(true);
      expect(r.fast).toBe(r.general);
      const gz = await both(gzipSync(Buffer.from(text)));
      expect(gz.intact).toBe(true);
      expect(gz.fast).toBe(gz.general);
    }
  });

  it('on damaged input: a changed body, a dropped line, duplicates, reordering, garbage and foreign records', async () => {
    const base = lines(2);
    const damaged: Array<[boolean, string[]]> = [
      [false, base.map((l, i) => (i === 5 ? l.replace(/logged in/, 'logged out') : l))],
      [false, base.filter((_, i) => i !== 7)],
      [false, [...base, base[3]!, base[4]!.replace(/10\.0\.0\./, '10.0.1.')]],
      [true, [...base].reverse()],
      // Lines that are not OTLP JSON claim no record: unreadable_line warnings (every record is still there).
      [true, [...base.slice(0, 4), '{"resourceLogs":[', 'not json', ...base.slice(4)]],
      [false, [...base, '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"foreign"}}]}]}]}']],
      [false, base.map((l, i) => (i === 2 ? l.replace(/\{"key":"sealog\.seq","value":\{"intValue":"\d+"\}\},?/, '') : l))],
      [false, base.map((l, i) => (i === 3 ? l.replace(/"sealog\.hash","value":\{"stringValue":"[0-9a-f]{6}/, '"sealog.hash","value":{"stringValue":"000000') : l))],
      [true, base.slice(0, -1)],
    ];
    for (const [intact, ls] of damaged) {
      const r = await both(ls.join('\n') + '\n');
      expect(r.intact).toBe(intact);
      expect(r.fast).toBe(r.general);
    }
  });
});
