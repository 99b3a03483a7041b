/**
 * The index (src/verify/index/): hits equal a brute-force filter over the
 * same sealed output, every hit re-proven; the index is not trusted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogsJson } from '../../../src/otlp/json.js';
import { getAttr } from '../../../src/otlp/types.js';
import { buildIndex } from '../../../src/verify/index/build.js';
import { parseQuery, type Query, type QueryFlags } from '../../../src/verify/search/query.js';
import { search as searchFiles } from '../../../src/verify/search/run.js';
import { frameLines, NOW, search, sealedStream, testKey, writeLines } from './fixture.js';

interface Plain {
  stream: string;
  seq: number;
  timeNs: bigint;
  severity: number;
  body: string;
  attrs: Record<string, string>;
}

/** Every record of the files, decoded the general way. */
function allRecords(lines: string[]): Plain[] {
  const out: Plain[] = [];
  for (const line of lines) {
    for (const rl of decodeLogsJson(line).resourceLogs) {
      const stream = getAttr(rl.resource.attributes, 'sealog.stream');
      for (const sl of rl.scopeLogs) {
        for (const r of sl.logRecords) {
          const seq = getAttr(r.attributes, 'sealog.seq');
          const attrs: Record<string, string> = {};
          for (const a of r.attributes) if (a.key !== 'sealog.seq' && a.key !== 'sealog.hash') attrs[a.key] = a.value.type === 'kvlist' || a.value.type === 'array' || a.value.type === 'bytes' || a.value.type === 'empty' ? '?' : String(a.value.value);
          if (getAttr(r.attributes, 'sealog.type')) continue; // control records are never hits
          out.push({
            stream: stream?.type === 'string' ? stream.value : '',
            seq: seq?.type === 'int' ? Number(seq.value) : -1,
            timeNs: r.timeUnixNano || r.observedTimeUnixNano,
            severity: r.severityNumber,
            body: r.body.type === 'string' ? r.body.value : '',
            attrs,
          });
        }
      }
    }
  }
  return out;
}

/** The brute-force filter: the query's rules written out plainly over decoded records (string bodies and scalar attributes only). */
function bruteForce(records: Plain[], q: Query): string[] {
  return records
    .filter(
      (r) =>
        (q.streams.length === 0 || q.streams.includes(r.stream)) &&
        (q.sinceNs === undefined || r.timeNs >= q.sinceNs) &&
        (q.untilNs === undefined || r.timeNs <= q.untilNs) &&
        (q.minSeverity === undefined || r.severity >= q.minSeverity) &&
        (q.seqFrom === undefined || r.seq >= q.seqFrom) &&
        (q.seqTo === undefined || r.seq <= q.seqTo) &&
        q.text.every((t) => r.body.toLowerCase().includes(t)) &&
        q.where.every((c) => (c.op === '=' ? r.attrs[c.key] === c.value : r.attrs[c.key] !== undefined && c.regex!.test(r.attrs[c.key]!))),
    )
    .map((r) => `${r.stream}#${r.seq}`)
    .sort();
}

describe('index search', () => {
  let dir: string;
  let pubFile: string;
  let db: string;
  let lines: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealog-index-'));
    const key = testKey(dir);
    pubFile = key.pubFile;
    const a = sealedStream({ signer: key.signer, host: 'web-1', records: 1000, sealEvery: 100 });
    const b = sealedStream({ signer: key.signer, host: 'db-22', records: 700, sealEvery: 64, finalSeal: false });
    const la = frameLines(a.frames);
    const lb = frameLines(b.frames);
    writeLines(join(dir, 'a.jsonl'), la);
    writeLines(join(dir, 'b.jsonl'), lb);
    lines = [...la, ...lb];
    db = join(dir, 'index.duckdb');
    const r = await buildIndex({ db, inputs: [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')], keyFiles: [pubFile] });
    expect(r.report.violations).toBe(0);
    expect(r.records).toBe(lines.reduce((n, l) => n + decodeLogsJson(l).resourceLogs.reduce((m, rl) => m + rl.scopeLogs.reduce((k, sl) => k + sl.logRecords.length, 0), 0), 0));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const queries: QueryFlags[] = [
    {},
    { text: 'alice' },
    { text: '"login failed" carol' },
    { stream: ['web-1/logs'], severity: 'WARN' },
    { where: ['user=bob'], since: '2026-01-01T00:00:00.200Z', until: '2026-01-01T00:00:00.450Z' },
    { where: ['http.status~^[34]'], text: 'dave' },
    { seq: '90..130', stream: ['db-22/logs'] },
    { where: ['ok=false'], severity: 'ERROR' },
    { text: 'nobody-has-this' },
  ];
  for (const flags of queries) {
    it(`hits equal the brute-force filter: ${JSON.stringify(flags)}`, async () => {
      const { hits } = await search(db, flags, pubFile);
      const q = parseQuery(flags, NOW);
      expect(hits.map((h) => `${h.stream}#${h.seq}`).sort()).toEqual(bruteForce(allRecords(lines), q));
      for (const h of hits) {
        const sealedUpTo = h.stream === 'db-22/logs' ? 'unsealed' : 'verified';
        if (h.status !== 'verified') expect(h.status, `${h.stream}#${h.seq}: ${h.reason}`).toBe(sealedUpTo);
      }
    });
  }

  for (const flags of queries.slice(1, 8)) {
    it(`hits and statuses equal search without an index: ${JSON.stringify(flags)}`, async () => {
      const q = parseQuery(flags, NOW);
      const files = await searchFiles({ query: q, keyFiles: [pubFile], files: [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')], nowNs: () => NOW });
      const { hits, completeness } = await search(db, flags, pubFile);
      const key = (h: { stream: string; seq: number; status: string; body: unknown; source: string }): string => `${h.stream}#${h.seq} ${h.status} ${JSON.stringify(h.body)} ${h.source}`;
      expect(hits.map(key).sort()).toEqual(files.hits.map(key).sort());
      // The same windows are judged, and the same kinds of findings come out.
      const kinds = (ws: Array<{ stream: string; findings: Array<{ kind: string }> }>): string[] => ws.map((w) => `${w.stream}: ${[...new Set(w.findings.map((f) => f.kind))].sort().join(',')}`).sort();
      expect(kinds(completeness.windows)).toEqual(kinds(files.windows));
    });
  }

  it('returns the record as it was sealed: fields, attributes, resource, source', async () => {
    const { hits } = await search(db, { stream: ['web-1/logs'], seq: '5' }, pubFile);
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(h.status).toBe('verified');
    expect(h.resource).toMatchObject({ 'host.name': 'web-1', 'sealog.stream': 'web-1/logs' });
    expect(typeof h.body).toBe('string');
    expect(h.attributes).toHaveProperty('user');
    expect(h.source).toMatch(/a\.jsonl:\d+$/);
  });

  it('reports the unsealed tail of a window, and a complete window as complete', async () => {
    const tail = await search(db, { stream: ['db-22/logs'] }, pubFile);
    expect(tail.completeness.complete).toBe(false);
    expect(tail.completeness.windows[0]!.findings.map((f) => f.kind)).toContain('unsealed_tail');
    const whole = await search(db, { stream: ['web-1/logs'] }, pubFile);
    expect(whole.completeness.windows).toHaveLength(1);
    expect(whole.completeness.windows[0]!.findings).toEqual([]);
    expect(whole.completeness.complete).toBe(true);
  });
});
