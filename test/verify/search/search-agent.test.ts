/**
 * `sealog search` on real agent output (the process from dist/, OTLP/HTTP in,
 * file exporter out): hits equal a brute-force filter over what was sent,
 * every hit carries its status, and what a window cannot show is reported.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/agent-process.js';
import { AUDIT_T0, auditOutput, type AuditOutput, type SentRecord } from '../../helpers/audit-fixture.js';
import { parseQuery, type QueryFlags } from '../../../src/verify/search/query.js';
import { search } from '../../../src/verify/search/run.js';

const N = 600;
let fx: AuditOutput;
const scratch: Array<{ cleanup(): Promise<void> }> = [];

beforeAll(async () => {
  fx = await auditOutput({ records: N, sealEvery: 50, batch: 40 });
}, 180_000);

afterAll(async () => {
  await fx?.cleanup();
  for (const s of scratch) await s.cleanup();
});

const at = (s: number): string => new Date(Number(AUDIT_T0 / 1_000_000n) + s * 1000).toISOString();

/** The query's answer computed from what was sent, by event id. */
function bruteForce(f: QueryFlags): number[] {
  const q = parseQuery(f, 0n);
  const host = f.resource?.[0]?.split('=')[1];
  return fx.sent
    .filter((r: SentRecord) => {
      if (q.sinceNs !== undefined && r.timeNs < q.sinceNs) return false;
      if (q.untilNs !== undefined && r.timeNs > q.untilNs) return false;
      if (host !== undefined && r.host !== host) return false;
      if (q.minSeverity !== undefined && r.severity < q.minSeverity) return false;
      for (const c of q.where) {
        const v = c.key === 'user' ? r.user : c.key === 'http.status' ? String(r.status) : undefined;
        if (v === undefined || (c.op === '=' ? v !== c.value : !c.regex!.test(v))) return false;
      }
      return q.text.every((t) => r.body.toLowerCase().includes(t));
    })
    .map((r) => r.i);
}

async function hitIds(f: QueryFlags, files = [fx.out]): Promise<{ ids: number[]; ok: boolean; statuses: Set<string> }> {
  const r = await search({ query: parseQuery({ ...f }, 0n), keyFiles: [fx.pub], files });
  return { ids: r.hits.map((h) => Number(h.attributes['event.id'])).sort((a, b) => a - b), ok: r.ok, statuses: new Set(r.hits.map((h) => h.status)) };
}

/** A copy of the output to tamper with. */
async function copy(): Promise<{ out: string; pub: string }> {
  const t = await tempDir('sealog-search-');
  scratch.push(t);
  await cp(fx.out, join(t.dir, 'logs.jsonl'));
  return { out: join(t.dir, 'logs.jsonl'), pub: fx.pub };
}

describe('sealog search on agent output', () => {
  const queries: Array<[string, QueryFlags]> = [
    ['the incident question: one host, one user, one hour', { since: at(60), until: at(300), resource: ['host.name=web-3'], text: 'alice' }],
    ['severity and an attribute regex', { severity: 'ERROR', where: ['http.status~^5'] }],
    ['a quoted phrase, case-insensitive', { text: '"LOGIN failed"' }],
    ['an exact attribute', { where: ['user=Alice.Admin'], since: at(100) }],
    ['no filter at all', {}],
    ['nothing matches', { text: 'no-such-word' }],
  ];
  for (const [name, f] of queries) {
    it(`gives what a brute-force filter gives: ${name}`, async () => {
      const got = await hitIds(f);
      expect(got.ids).toEqual(bruteForce(f));
      expect(got.ok).toBe(true);
      if (got.ids.length) expect([...got.statuses]).toEqual(['verified']);
    });
  }

  it('prints --json hits with every documented field and a summary, and exits 0', async () => {
    const r = await runCli(['search', '--key', fx.pub, '--json', '--text', 'shadow', '--seq', '1..200', fx.out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const hits = lines.filter((l) => l.type === 'hit');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      for (const k of ['stream', 'chain', 'seq', 'time', 'observed_time', 'severity', 'body', 'attributes', 'resource', 'status', 'source']) expect(h).toHaveProperty(k);
      expect(h.status).toBe('verified');
      expect(String(h.body)).toMatch(/shadow/);
      expect(String(h.source)).toMatch(/logs\.jsonl:\d+$/);
      expect((h.resource as Record<string, unknown>)['host.name']).toMatch(/^web-/);
    }
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', format: 'sealog-search-v1', ok: true, all_verified: true, window_complete: true, hits: hits.length });
  });

  it('writes --otlp lines that sealog verify reads, each record still matching its hash', async () => {
    const r = await runCli(['search', '--key', fx.pub, '--otlp', '--where', 'user=bob', fx.out]);
    expect(r.code, r.stderr).toBe(0);
    const t = await tempDir('sealog-search-');
    scratch.push(t);
    const file = join(t.dir, 'hits.jsonl');
    await writeFile(file, r.stdout);
    const v = await runCli(['verify', '--key', fx.pub, '--json', file]);
    expect(v.code).not.toBe(2);
    const report = JSON.parse(v.stdout) as { streams: Array<{ records: number; findings: Array<{ kind: string }> }> };
    expect(report.streams[0]!.records).toBe(bruteForce({ where: ['user=bob'] }).length);
    // The hits are a subset, so records are missing; but none is modified.
    expect(report.streams.flatMap((s) => s.findings.map((f) => f.kind))).not.toContain('modified');
  });

  it('reports a modified hit as modified and exits 1', async () => {
    const c = await copy();
    const text = await readFile(c.out, 'utf8');
    const target = fx.sent.find((r) => r.user === 'carol' && r.i > 100)!;
    await writeFile(c.out, text.replace(`(event ${target.i})"`, `(event ${target.i}) [edited]"`));
    const r = await search({ query: parseQuery({ where: ['user=carol'] }, 0n), keyFiles: [c.pub], files: [c.out] });
    const h = r.hits.find((x) => Number(x.attributes['event.id']) === target.i)!;
    expect(h.status).toBe('modified');
    expect(r.hits.filter((x) => x !== h).every((x) => x.status === 'verified')).toBe(true);
    const cli = await runCli(['search', '--key', c.pub, '--where', 'user=carol', c.out]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^modified .*\[edited\]/m);
  });

  it('reports a range deleted inside the window, even when no hit is near it', async () => {
    const c = await copy();
    const lines = (await readFile(c.out, 'utf8')).trimEnd().split('\n');
    // Delete one line in the middle: its seqs go missing.
    const victim = lines.findIndex((l, i) => i > lines.length / 3 && /\(event \d+\)/.test(l));
    expect(victim).toBeGreaterThan(0);
    const victimEvents = [...lines[victim]!.matchAll(/\(event (\d+)\)/g)].map((m) => Number(m[1]));
    lines.splice(victim, 1);
    await writeFile(c.out, lines.join('\n') + '\n');
    const from = Math.min(...victimEvents);
    const to = Math.max(...victimEvents);
    const f: QueryFlags = { since: at(from - 30), until: at(to + 30), text: 'no-such-word' };
    const r = await search({ query: parseQuery(f, 0n), keyFiles: [c.pub], files: [c.out] });
    expect(r.hitCount).toBe(0);
    expect(r.ok).toBe(false);
    const kinds = r.windows.flatMap((w) => w.findings.map((x) => x.kind));
    expect(kinds).toContain('missing');
    // A window that lies entirely inside the deleted range still sees it.
    const inside = await search({ query: parseQuery({ since: at(from), until: at(to) }, 0n), keyFiles: [c.pub], files: [c.out] });
    expect(inside.hitCount).toBe(0);
    expect(inside.windows.flatMap((w) => w.findings.map((x) => x.kind))).toContain('missing');
    // A window far from it is not complete either: no record time is trusted to place the hole elsewhere.
    const far = await search({ query: parseQuery({ since: at(0), until: at(5) }, 0n), keyFiles: [c.pub], files: [c.out] });
    expect(far.ok).toBe(false);
    expect(far.windows.flatMap((w) => w.findings.map((x) => x.kind))).toContain('missing');
    // Narrowed by --seq (signed bounds) to seqs before the hole, it is complete.
    const narrowed = await search({ query: parseQuery({ since: at(0), until: at(5), seq: `1..${far.windows[0]!.seqTo!}` }, 0n), keyFiles: [c.pub], files: [c.out] });
    expect(narrowed.ok).toBe(true);
    const cli = await runCli(['search', '--key', c.pub, '--since', at(from - 30), '--until', at(to + 30), c.out]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/INCOMPLETE/);
    expect(cli.stdout).toMatch(/VIOLATION +missing/);
    // Its bundle proves the hits, and says the window is not whole: verify-proof fails it.
    const zip = join(dirname(c.out), 'evidence.zip');
    expect((await runCli(['search', '--key', c.pub, '--text', 'alice', '--since', at(from - 30), '--until', at(to + 30), '--bundle', zip, c.out])).code).toBe(1);
    const vp = await runCli(['verify-proof', '--key', c.pub, zip]);
    expect(vp.code).toBe(1);
    expect(vp.stdout).toMatch(/^INCOMPLETE .*window incomplete/m);
    // Hits in the seal range the deletion broke have no proof (unverifiable); none is INVALID.
    expect(vp.stdout).not.toMatch(/^INVALID /m);
  });

  it('never lets app times, a resource filter, a re-hashed change or a deleted prefix hide a problem from the window (review cases)', async () => {
    const lines = (await readFile(fx.out, 'utf8')).trimEnd().split('\n');
    const events = (l: string) => [...l.matchAll(/\(event (\d+)\)/g)].map((m) => Number(m[1]));
    // One record deleted whose seq neighbours lie outside the window (the agent gives a batch's seqs host by host).
    const c1 = await copy();
    const victim = fx.sent.find((r) => r.i > 200 && r.host === 'web-3')!;
    const l = lines.findIndex((x) => events(x).includes(victim.i));
    const data = JSON.parse(lines[l]!) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ body: { stringValue: string } }> }> }> };
    for (const rl of data.resourceLogs) for (const sl of rl.scopeLogs) sl.logRecords = sl.logRecords.filter((r) => !r.body.stringValue.endsWith(`(event ${victim.i})`));
    await writeFile(c1.out, [...lines.slice(0, l), JSON.stringify(data), ...lines.slice(l + 1)].join('\n') + '\n');
    const one = await search({ query: parseQuery({ since: at(victim.i - 1), until: at(victim.i + 1), resource: ['host.name=web-3'] }, 0n), keyFiles: [c1.pub], files: [c1.out] });
    expect(one.hitCount).toBe(0);
    expect(one.ok).toBe(false);
    expect(one.windows.flatMap((w) => w.findings.map((x) => x.kind))).toContain('missing');
    // Every record of one host deleted from a stretch, searched with --resource for that host.
    const c2 = await copy();
    const strip = lines.map((x, i) => {
      if (i < 3 || i > 6) return x;
      const d = JSON.parse(x) as { resourceLogs: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> } }> };
      d.resourceLogs = d.resourceLogs.filter((rl) => !rl.resource.attributes.some((a) => a.key === 'host.name' && a.value.stringValue === 'web-3'));
      return JSON.stringify(d);
    });
    await writeFile(c2.out, strip.join('\n') + '\n');
    const host = await search({ query: parseQuery({ resource: ['host.name=web-3'], since: at(Math.min(...events(lines[4]!))), until: at(Math.max(...events(lines[4]!))) }, 0n), keyFiles: [c2.pub], files: [c2.out] });
    expect(host.ok).toBe(false);
    expect(host.windows.flatMap((w) => w.findings.map((x) => x.kind))).toContain('missing');
    // Everything from seq 1 through the window deleted: not retention, as far as the window is concerned.
    const c3 = await copy();
    await writeFile(c3.out, lines.slice(4).join('\n') + '\n');
    const prefix = await search({ query: parseQuery({ since: at(0), until: at(20) }, 0n), keyFiles: [c3.pub], files: [c3.out] });
    expect(prefix.ok).toBe(false);
    expect(prefix.windows[0]!.findings.find((x) => x.kind === 'absent_prefix')?.severity).toBe('warning');
  });

  it('marks hits after the last seal present as unsealed, and hits under a seal by an untrusted key as unverifiable', async () => {
    const c = await copy();
    const lines = (await readFile(c.out, 'utf8')).trimEnd().split('\n');
    // Drop everything from the last seal on: the records after the seal before it are unsealed.
    const seals = lines.map((l, i) => (l.includes('"sealog.type","value":{"stringValue":"seal"') ? i : -1)).filter((i) => i >= 0);
    expect(seals.length).toBeGreaterThan(2);
    await writeFile(c.out, lines.slice(0, seals.at(-1)).join('\n') + '\n');
    const r = await search({ query: parseQuery({ since: at(N - 60) }, 0n), keyFiles: [c.pub], files: [c.out] });
    const lastSeal = r.report!.streams[0]!.lastSealSeq;
    const after = r.hits.filter((h) => h.seq > lastSeal);
    expect(after.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.status).toBe(h.seq > lastSeal ? 'unsealed' : 'verified');
    expect(r.ok).toBe(false);
    expect(r.windows[0]!.findings.map((f) => f.kind)).toContain('unsealed_tail');

    const other = await tempDir('sealog-search-');
    scratch.push(other);
    const kg = await runCli(['keygen', '--out', join(other.dir, 'k')]);
    expect(kg.code, kg.stderr).toBe(0);
    const wrong = await search({ query: parseQuery({ seq: '10..20' }, 0n), keyFiles: [join(other.dir, 'k', 'sealog.pub')], files: [fx.out] });
    expect(wrong.hits.length).toBe(11);
    expect(new Set(wrong.hits.map((h) => h.status))).toEqual(new Set(['unverifiable']));
  });

  it('searches the spool as it searches the exported files', async () => {
    const f: QueryFlags = { text: 'admin', severity: 'WARN' };
    const files = await hitIds(f);
    const r = await search({ query: parseQuery(f, 0n), keyFiles: [fx.pub], spoolDir: fx.spool });
    expect(r.hits.map((h) => Number(h.attributes['event.id'])).sort((a, b) => a - b)).toEqual(files.ids);
    expect(r.hits.every((h) => h.status === 'verified')).toBe(true);
    // --max-age applies to the spool too: the fixture's last seal is older than 1 ms.
    const stale = await search({ query: parseQuery(f, 0n), keyFiles: [fx.pub], spoolDir: fx.spool, maxAgeNs: 1_000_000n });
    expect(stale.ok).toBe(false);
    expect(stale.windows.flatMap((w) => w.findings.map((x) => x.kind))).toContain('stale');
  });

  it('counts and checks every hit beyond --limit, prints only the first N', async () => {
    const r = await runCli(['search', '--key', fx.pub, '--limit', '3', '--text', 'alice', fx.out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${bruteForce({ text: 'alice' }).length} hit\\(s\\): ${bruteForce({ text: 'alice' }).length} verified \\(first 3 shown`));
  });

  it('writes an evidence bundle that verify-proof checks with the key alone, and catches a hit edited with its manifest redone', async () => {
    const t = await tempDir('sealog-search-');
    scratch.push(t);
    const zip = join(t.dir, 'evidence.zip');
    const dir = join(t.dir, 'evidence');
    const f = ['--resource', 'host.name=web-2', '--text', 'admin', '--since', at(50), '--until', at(400)];
    const r = await runCli(['search', '--key', fx.pub, ...f, '--bundle', zip, fx.out]);
    expect(r.code, r.stderr).toBe(0);
    const hits = bruteForce({ resource: ['host.name=web-2'], text: 'admin', since: at(50), until: at(400) }).length;
    expect(hits).toBeGreaterThan(3);
    expect(r.stderr).toContain(`${hits} hit(s), ${hits} proof(s)`);
    const v = await runCli(['verify-proof', '--key', fx.pub, '--json', zip]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const report = JSON.parse(v.stdout) as { valid: number; invalid: number; hits: { proven: number; unproven: number } };
    expect(report).toMatchObject({ valid: hits, invalid: 0, hits: { proven: hits, unproven: 0 } });

    expect((await runCli(['search', '--key', fx.pub, ...f, '--bundle', dir, fx.out])).code).toBe(0);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { format: string; query: Record<string, unknown>; counts: Record<string, unknown>; files: Array<{ path: string; sha256: string; bytes: number }> };
    expect(manifest.format).toBe('sealog-bundle-v1');
    expect(manifest.query).toMatchObject({ text: ['admin'], resource: ['host.name=web-2'] });
    expect(manifest.counts).toMatchObject({ hits, proofs: hits, unproven: 0, window_complete: true });
    expect(manifest.files.map((x) => x.path).sort()).toEqual(['completeness.json', 'hits.json', 'hits.jsonl', 'keys/sealog.pub', 'proofs.jsonl']);
    expect((await runCli(['verify-proof', '--key', fx.pub, dir])).code).toBe(0);

    // An edited hit: the manifest's checksum catches it ...
    const hitsPath = join(dir, 'hits.jsonl');
    const edited = (await readFile(hitsPath, 'utf8')).replace('admin', 'admln');
    await writeFile(hitsPath, edited);
    const m1 = await runCli(['verify-proof', '--key', fx.pub, dir]);
    expect(m1.code).toBe(1);
    expect(m1.stdout).toMatch(/^MISMATCH .*hits\.jsonl: changed/m);
    // ... and with the manifest redone to match, the proof binding does.
    const { createHash } = await import('node:crypto');
    const entry = manifest.files.find((x) => x.path === 'hits.jsonl')!;
    entry.sha256 = createHash('sha256').update(edited).digest('hex');
    entry.bytes = Buffer.byteLength(edited);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const m2 = await runCli(['verify-proof', '--key', fx.pub, dir]);
    expect(m2.code).toBe(1);
    expect(m2.stdout).toMatch(/^UNPROVEN .*differs from the record its proof proves/m);
    // A bundle checked against another key proves nothing.
    const other = await tempDir('sealog-search-');
    scratch.push(other);
    await runCli(['keygen', '--out', other.dir]);
    const wrong = await runCli(['verify-proof', '--key', join(other.dir, 'sealog.pub'), zip]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^INVALID /m);
  });

  it('answers the same from an index (sealog index, then search --db), every hit re-proven', async () => {
    const t = await tempDir('sealog-search-');
    scratch.push(t);
    const db = join(t.dir, 'audit.duckdb');
    const ix = await runCli(['index', '--key', fx.pub, '--db', db, fx.out]);
    expect(ix.code, ix.stderr).toBe(0);
    const f = ['--resource', 'host.name=web-1', '--where', 'http.status~^5', '--since', at(30), '--until', at(500)];
    const files = await runCli(['search', '--key', fx.pub, '--json', ...f, fx.out]);
    const indexed = await runCli(['search', '--key', fx.pub, '--json', ...f, '--db', db]);
    expect(indexed.code, indexed.stderr).toBe(0);
    const hits = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.type === 'hit')
        .map((h) => `${String(h.seq)} ${String(h.status)} ${JSON.stringify(h.body)}`);
    expect(hits(indexed.stdout)).toEqual(hits(files.stdout));
    expect(hits(indexed.stdout).length).toBe(bruteForce({ resource: ['host.name=web-1'], where: ['http.status~^5'], since: at(30), until: at(500) }).length);
    const usage = await runCli(['search', '--key', fx.pub, '--otlp', '--db', db]);
    expect(usage.code).toBe(2);
  });

  it('exits 2 on usage errors, naming the problem', async () => {
    const bad = await runCli(['search', '--key', fx.pub, '--since', 'yesterday', fx.out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since: "yesterday" is not a time/);
    const none = await runCli(['search', '--key', fx.pub]);
    expect(none.code).toBe(2);
    const missing = await runCli(['search', '--key', fx.pub, join(fx.dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
