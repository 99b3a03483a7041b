/**
 * The verifier page's parts that need no browser (src/verify/browser/), in
 * Node, which has the same Blob, streams and TextDecoder: its UTF-8 check
 * and line reader agree with the CLI's, files are told apart by content,
 * badges follow the core's seal ranges and search's status rules, and the
 * filter's cheap line test never hides a match. The page itself: test/browser/ (chromium).
 */
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyFiles } from '../../src/integrity/node/keyfile.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { encodeLogsJson, decodeLogsJson } from '../../src/otlp/json.js';
import { kv, newLogRecord, newResource, newScope, str, type LogsData } from '../../src/otlp/types.js';
import { blobLines } from '../../src/verify/browser/blob-lines.js';
import { classifyFile } from '../../src/verify/browser/classify.js';
import { NO_FILTER } from '../../src/verify/browser/protocol.js';
import { FilterMatch, recordsOf, StatusIndex } from '../../src/verify/browser/records.js';
import { isUtf8 } from '../../src/verify/browser/utf8.js';
import { statusesOf } from '../../src/verify/search/status.js';
import { verifyPassesSync } from '../../src/verify/core/index.js';
import { LineFeeder } from '../../src/verify/json/index.js';
import { readLineBytes } from '../../src/verify/read-lines.js';
import { asLines, buildStream, T0 } from '../helpers/stream.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealog-page-unit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(gen: AsyncIterable<{ bytes: Uint8Array; line: number }>): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const { bytes, line } of gen) out.push([line, Buffer.from(bytes).toString('latin1')]);
  return out;
}

describe('the page in Node', () => {
  it('checks UTF-8 exactly as node:buffer does', () => {
    const utf8ish = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xed, 0xa0)), { maxLength: 64 });
    fc.assert(fc.property(utf8ish, (bytes) => isUtf8(Uint8Array.from(bytes)) === nodeIsUtf8(Uint8Array.from(bytes))));
    expect(isUtf8(new TextEncoder().encode('{"body":"héllo 😀"}'))).toBe(true);
    expect(isUtf8(Uint8Array.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]))).toBe(false); // an encoded surrogate
  });

  it('reads the lines of a Blob as the CLI reads the file: CRLF, empty lines, no final newline, gzip, any chunking', async () => {
    const text = 'first\r\n\nsecond line\nthird'.repeat(3) + '\n' + 'x'.repeat(100_000) + '\nlast';
    const file = join(dir, 'lines.txt');
    await writeFile(file, text);
    const want = await collect(readLineBytes(file));
    // A Blob of many parts streams in several chunks: lines span them.
    const parts = text.match(/[\s\S]{1,7}/g)!;
    expect(await collect(blobLines(new Blob(parts)))).toEqual(want);
    expect(await collect(blobLines(new Blob([gzipSync(text)])))).toEqual(want);
    let counted = 0;
    await collect(blobLines(new Blob([text]), (n) => (counted += n)));
    expect(counted).toBe(Buffer.byteLength(text));
  });

  it('tells keys, logs, bundles and the rest apart by content, never by name', async () => {
    const k = generateKeyFiles(join(dir, 'keys'), { force: true });
    const pub = await readFile(k.pubFile, 'utf8');
    const j = JSON.parse(pub) as { public_key: string };
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(j.public_key, 'hex')]).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    const logs = encodeLogsJson(asLines(buildStream({ records: 3 }).frames)[0]!) + '\n';
    const kinds = async (content: string | Uint8Array<ArrayBuffer>): Promise<string> => (await classifyFile(new Blob([content]), 'x')).kind;
    expect(await kinds(pub)).toBe('key');
    expect(await kinds(JSON.stringify(JSON.parse(pub)) + '\n')).toBe('key'); // one keyring line
    expect(await kinds(pem)).toBe('key');
    expect(await kinds(await readFile(k.keyFile, 'utf8'))).toBe('private-key');
    expect(await kinds('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n')).toBe('private-key');
    expect(await kinds(logs)).toBe('logs');
    const gz = await classifyFile(new Blob([gzipSync(logs)]), 'x');
    expect([gz.kind, gz.gzip]).toEqual(['logs', true]);
    expect(await kinds(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))).toBe('bundle');
    // Proofs hold their record as OTLP JSON (resourceLogs): still proofs, as JSON lines, pretty-printed or in an array.
    const proof = { format: 'sealog-proof-v1', record: JSON.parse(logs) as unknown, prev: 'AA', index: 0, size: 1, path: [], seal: {}, keys: [] };
    expect(await kinds(`${JSON.stringify(proof)}\n${JSON.stringify(proof)}\n`)).toBe('proofs');
    expect(await kinds(JSON.stringify(proof, null, 2))).toBe('proofs');
    expect(await kinds(JSON.stringify([proof]))).toBe('proofs');
    expect(await kinds(gzipSync(JSON.stringify(proof) + '\n'))).toBe('proofs');
    // Another member first: told by the first line parsed.
    expect(await kinds(`${JSON.stringify({ record: proof.record, format: 'sealog-proof-v1' })}\n`)).toBe('proofs');
    expect(await kinds('hello\n')).toBe('unknown');
    expect((await classifyFile(new Blob(['{"public_key":"00"}']), 'k.pub')).detail).toContain('k.pub: not a sealog public key');
  });

  it("badges come from the core's seal ranges and search's status rules: a range verified only when its seal verified and every record of it is present", () => {
    const s = buildStream({ records: 60, sealEvery: 10, batch: 5 });
    const lines = asLines(s.frames).map((d) => new TextEncoder().encode(encodeLogsJson(d)));
    const trust = new TrustStore(nodeCrypto);
    trust.addAnchor(s.signer.publicKey);
    const check = (keep: (seq: number) => boolean) => {
      const v = verifyPassesSync({ crypto: nodeCrypto, trust, nowNs: () => T0 + 10_000_000_000n }, (ver) => {
        const feeder = new LineFeeder(ver, { isUtf8 });
        lines.forEach((l, i) => {
          const data = decodeLogsJson(new TextDecoder().decode(l));
          for (const rl of data.resourceLogs) for (const sl of rl.scopeLogs) sl.logRecords = sl.logRecords.filter((_, k) => keep(seqAt(sl.logRecords, k)));
          feeder.line(new TextEncoder().encode(encodeLogsJson(data)), `t:${i + 1}`);
        });
      });
      const report = v.report().streams[0]!;
      const ranges = v.sealRanges(report.stream, report.chain);
      const index = new StatusIndex();
      index.add(report, ranges);
      const status = (seq: number): string => index.status(s.stream, s.chain, seq).status;
      // A hit's status in search is the record's badge on the page: one rule set.
      for (const seq of [1, 5, 19, 20, 21, 35, 59]) expect(statusesOf([{ stream: s.stream, chain: s.chain, seq, where: '' }], report, ranges)[0]!.status).toBe(status(seq));
      return { ranges, status, report };
    };
    const all = check(() => true);
    expect(all.ranges.length).toBeGreaterThan(3);
    expect(all.ranges.every((r) => r.verified)).toBe(true);
    expect(all.status(5)).toBe('verified');
    expect(all.status(1)).toBe('verified'); // the genesis record
    // A seal record: verified when its seal verified.
    expect(all.status(all.ranges[0]!.seq)).toBe('verified');
    // Seq 20 gone: its range is not complete; the ranges before and after still verify.
    const gap = check((seq) => seq !== 20);
    const holding = gap.ranges.find((r) => r.from <= 20 && r.to >= 20)!;
    expect(holding.verified).toBe(false);
    expect(gap.ranges.filter((r) => r !== holding).every((r) => r.verified)).toBe(true);
    expect(gap.status(21)).toBe(holding.to >= 21 ? 'unverifiable' : 'verified');
    expect(gap.status(holding.to + 2)).toBe('verified');
    expect(gap.status(s.frames.length + 1000)).toBe('unsealed');
    expect(gap.status(-1)).toBe('inserted');
    expect(gap.status(holding.seq)).toBe('unverifiable'); // the seal of the incomplete range
    expect(new StatusIndex().status(undefined, undefined, 3).status).toBe('foreign');
    expect(new StatusIndex().status(s.stream, s.chain, 3).status).toBe('unverifiable'); // a chain the check holds no report of
  });

  it('the cheap line test never hides a record the filter matches', () => {
    const r = newLogRecord();
    r.timeUnixNano = T0;
    r.body = str('Refund approved by ALICE');
    r.attributes = [kv('user', str('b\u00e9atrice'))];
    const data: LogsData = { resourceLogs: [{ resource: newResource([kv('sealog.stream', str('web-1/logs'))]), scopeLogs: [{ scope: newScope('s', '1'), logRecords: [r], schemaUrl: '' }], schemaUrl: '' }] };
    const line = new TextEncoder().encode(encodeLogsJson(data));
    // The same record with its body's letters escaped (\u0041 for A): the bytes no longer hold the text.
    const escaped = new TextEncoder().encode(encodeLogsJson(data).replace('ALICE', '\\u0041LICE'));
    const view = [...recordsOf(decodeLogsJson(new TextDecoder().decode(escaped)))][0]!;
    for (const text of ['alice', 'REFUND approved', 'web-1', 'user', 'béatrice', 'x']) {
      const m = new FilterMatch({ ...NO_FILTER, text });
      const matches = m.matches(view, 'verified');
      expect(matches).toBe(text !== 'x');
      if (matches) {
        expect(m.lineMayMatch(line)).toBe(true);
        expect(m.lineMayMatch(escaped)).toBe(true);
      }
    }
    expect(new FilterMatch({ ...NO_FILTER, text: 'mallory' }).lineMayMatch(line)).toBe(false);
    expect(new FilterMatch(NO_FILTER).empty).toBe(true);
  });
});

function seqAt(records: LogsData['resourceLogs'][number]['scopeLogs'][number]['logRecords'], k: number): number {
  const v = records[k]!.attributes.find((a) => a.key === 'sealog.seq')?.value;
  return v?.type === 'int' ? Number(v.value) : -1;
}
