/**
 * The index (`sealog index`, `sealog search --db`): build speed over N
 * sealed records (10,000,000 by default, 1,000,000 with --quick), an
 * incremental run over appended records, and selective queries with every
 * hit re-proven and the window's completeness worked out. Build time counts
 * reading, the checker's pass and writing the DuckDB file.
 *
 * The input is what the agent writes: OTLP JSON lines (one frame of 500
 * records per line), chained and sealed every 1,000 records by the Sealer
 * with a real Ed25519 key, four streams interleaved.
 *
 * Standalone: node dist/bench/index.js [--quick] [--records N] [--dir DIR [--queries-only]]
 * With --dir, the generated input is kept there and used again by the next
 * run with the same N (generating 10M records takes minutes).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateKeyFiles, loadKeyFile } from '../src/integrity/node/keyfile.js';
import { nodeCrypto } from '../src/integrity/node/crypto.js';
import { Sealer } from '../src/integrity/sealer.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { int, kv, newLogRecord, newResource, newScope, str, type LogRecord, type ResourceLogs } from '../src/otlp/types.js';
import { buildIndex } from '../src/verify/index/build.js';
import { IndexDb } from '../src/verify/index/db.js';
import { searchIndex } from '../src/verify/index/search.js';
import { parseQuery, type QueryFlags } from '../src/verify/search/query.js';
import { loadAuditorTrust } from '../src/verify/trust.js';
import type { BenchResult } from './types.js';

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
const HOSTS = ['web-1', 'web-2', 'db-1', 'queue-1'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
const STATUS = [200, 200, 200, 201, 204, 302, 404, 200, 200, 500];
const FRAME = 500;
/** One record in 100 microseconds over all streams: 10M records span 1,000 s. */
const STEP_NS = 100_000n;

function record(i: number): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = T0 + BigInt(i) * STEP_NS;
  r.observedTimeUnixNano = r.timeUnixNano + 1_000_000n;
  const status = STATUS[i % STATUS.length]!;
  r.severityNumber = status >= 500 ? 17 : status >= 400 ? 13 : 9;
  r.severityText = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO';
  const user = USERS[(i >> 3) % USERS.length]!;
  r.body = str(
    i % 50_000 === 7
      ? `pam_unix(sudo:session): session opened for user root by ${user}(uid=${1000 + (i % 50)})`
      : `GET /api/v1/items/${i % 9973} ${status} user=${user} took ${i % 997}ms trace=${(i * 2654435761) >>> 0}`,
  );
  r.attributes = [kv('user', str(user)), kv('http.status', int(status)), kv('http.route', str('/api/v1/items/:id'))];
  return r;
}

/** Writes `n` sealed records as OTLP JSON lines; resolves with the file's size. */
export async function writeSealedInput(path: string, keyDir: string, n: number, firstIndex = 0, sealers?: Map<string, Sealer>): Promise<{ bytes: number; pubFile: string; sealers: Map<string, Sealer> }> {
  mkdirSync(keyDir, { recursive: true });
  const pubFile = join(keyDir, 'sealog.pub');
  let signer;
  if (!sealers) {
    const { keyFile } = generateKeyFiles(keyDir, { force: true });
    signer = loadKeyFile(keyFile).signer;
  }
  const own = sealers ?? new Map<string, Sealer>();
  const out = createWriteStream(path, { flags: firstIndex === 0 ? 'w' : 'a', highWaterMark: 1 << 22 });
  let pending: string[] = [];
  const flush = async (): Promise<void> => {
    if (!out.write(pending.join(''))) await new Promise<void>((res) => out.once('drain', () => res()));
    pending = [];
  };
  let clock = T0;
  for (let i = firstIndex; i < firstIndex + n; i += FRAME) {
    const host = HOSTS[(i / FRAME) % HOSTS.length]!;
    let sealer = own.get(host);
    const frames: ResourceLogs[] = [];
    if (!sealer) {
      const g = Sealer.genesis(
        {
          crypto: nodeCrypto,
          signer: signer!,
          now: () => (clock += 1_000_000n),
          sealEveryRecords: 1000,
          controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str(host))]),
          controlScope: newScope('sealog.integrity', '1'),
        },
        { stream: `${host}/logs`, chain: `c0ffee00000000${HOSTS.indexOf(host)}${HOSTS.indexOf(host)}` },
        'new',
      );
      sealer = g.sealer;
      own.set(host, sealer);
      frames.push(g.genesis);
    }
    const records: LogRecord[] = [];
    for (let k = i; k < Math.min(firstIndex + n, i + FRAME); k++) records.push(record(k));
    sealer.stamp(
      { resourceLogs: [{ resource: newResource([kv('service.name', str('api')), kv('host.name', str(host))]), scopeLogs: [{ scope: newScope('api', '2.1'), logRecords: records, schemaUrl: '' }], schemaUrl: '' }] },
      (rl) => frames.push(rl),
    );
    for (const f of frames) pending.push(encodeLogsJson({ resourceLogs: [f] }) + '\n');
    if (pending.length >= 64) await flush();
  }
  // Every stream ends with a seal (the agent's heartbeat seals an idle stream the same way).
  for (const sealer of own.values()) pending.push(encodeLogsJson({ resourceLogs: [sealer.seal()] }) + '\n');
  await flush();
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return { bytes: statSync(path).size, pubFile, sealers: own };
}

function iso(offsetS: number): string {
  return new Date(Number(T0 / 1_000_000n) + offsetS * 1000).toISOString();
}

async function timeQuery(db: string, pubFile: string, flags: QueryFlags): Promise<{ ms: number; hits: number; verified: number; complete: boolean }> {
  const t = performance.now();
  const idx = await IndexDb.open(db, { create: false });
  try {
    const { trust } = loadAuditorTrust([pubFile]);
    const s = await searchIndex(idx, parseQuery(flags, T0), trust);
    let hits = 0;
    let verified = 0;
    for await (const h of s.hits) {
      hits++;
      if (h.status === 'verified') verified++;
    }
    const c = await s.completeness();
    return { ms: performance.now() - t, hits, verified, complete: c.complete };
  } finally {
    idx.close();
  }
}

/** The input in `dir` (made once per N): logs/export.jsonl with n records, and append.part with the next `more`, continuing the same chains. */
async function input(dir: string, n: number, more: number): Promise<{ file: string; part: string; bytes: number; pubFile: string }> {
  const file = join(dir, 'logs', 'export.jsonl');
  const part = join(dir, 'append.part');
  const marker = join(dir, 'input.json');
  const pubFile = join(dir, 'keys', 'sealog.pub');
  const want = JSON.stringify({ n, more });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want && existsSync(file) && existsSync(part)) return { file, part, bytes: statSync(file).size, pubFile };
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const t = performance.now();
  const gen = await writeSealedInput(file, join(dir, 'keys'), n);
  await writeSealedInput(part, join(dir, 'keys'), more, n, gen.sealers);
  writeFileSync(marker, want);
  process.stderr.write(`  generated ${n} sealed records (${(gen.bytes / 1e9).toFixed(2)} GB) in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  return { file, part, bytes: gen.bytes, pubFile };
}

/** The queries, against an index of n + more records built from this input: windows of 6 % and 1 % of the time span (60 s and 10 s of the 1,000 s that 10M records span). */
export async function benchQueries(db: string, pubFile: string, n: number, more: number): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
    const span = Number((BigInt(n) * STEP_NS) / 1_000_000n) / 1000;
    const queries: Array<[string, QueryFlags]> = [
      ['one stream, 6 % time window, text and attribute', { stream: ['web-2/logs'], since: iso(span / 2), until: iso(span / 2 + span * 0.06), text: 'alice', where: ['http.status=500'] }],
      ['one stream, 1 % time window, severity', { stream: ['db-1/logs'], since: iso(span / 3), until: iso(span / 3 + span * 0.01), severity: 'ERROR' }],
      ['rare phrase over every record', { text: '"session opened" root' }],
      ['seq range of one stream', { stream: ['web-1/logs'], seq: `${Math.round(n / 8)}..${Math.round(n / 8) + 100}` }],
    ];
    for (const [name, flags] of queries) {
      const r = await timeQuery(db, pubFile, flags);
      if (r.verified !== r.hits || r.hits === 0 || !r.complete) throw new Error(`query "${name}": ${r.hits} hits, ${r.verified} verified, complete=${r.complete}`);
      out.push({ name: `query: ${name}`, value: Math.round(r.ms), unit: 'ms', extra: { hits: r.hits, reproven: r.verified, records: n + more } });
    }
  return out;
}

export async function bench(o: { quick: boolean; records?: number; dir?: string }): Promise<BenchResult[]> {
  const n = o.records ?? (o.quick ? 1_000_000 : 10_000_000);
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'sealog-bench-index-'));
  mkdirSync(dir, { recursive: true });
  const out: BenchResult[] = [];
  const more = Math.max(FRAME * 4, Math.round(n / 100 / FRAME) * FRAME);
  const inp = await input(dir, n, more);
  try {
    const db = join(dir, 'index.duckdb');
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    let t = performance.now();
    const built = await buildIndex({ db, inputs: [join(dir, 'logs')], keyFiles: [inp.pubFile] });
    const buildS = (performance.now() - t) / 1000;
    if (!built.report.intact || built.records < n) throw new Error(`index build: intact=${built.report.intact}, ${built.records} records of ${n}`);
    const dbBytes = statSync(db).size;
    out.push({ name: `index build, ${n.toLocaleString('en-US')} records`, value: Math.round(built.records / buildS), unit: 'records/s', extra: { seconds: Number(buildS.toFixed(1)), inputGB: Number((inp.bytes / 1e9).toFixed(2)), dbGB: Number((dbBytes / 1e9).toFixed(2)) } });
    // An incremental run: 1 % more records appended to the same file.
    await pipeline(createReadStream(inp.part), createWriteStream(inp.file, { flags: 'a' }));
    t = performance.now();
    const inc = await buildIndex({ db, inputs: [join(dir, 'logs')], keyFiles: [inp.pubFile] });
    const incS = (performance.now() - t) / 1000;
    if (inc.report.violations > 0 || inc.records < more) throw new Error(`incremental run: ${inc.report.violations} violations, ${inc.records} records of ${more}`);
    out.push({ name: `index, incremental run (+${more.toLocaleString('en-US')} appended)`, value: Math.round(inc.records / incS), unit: 'records/s', extra: { seconds: Number(incS.toFixed(2)) } });
    out.push(...(await benchQueries(db, inp.pubFile, n, more)));
    return out;
  } finally {
    // The input goes back to what it was, for the next run.
    if (existsSync(inp.file) && statSync(inp.file).size > inp.bytes) truncateSync(inp.file, inp.bytes);
    if (!o.dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const val = (f: string): string | undefined => {
    const i = args.indexOf(f);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const records = val('--records');
  const dir = val('--dir');
  const n = records ? Number(records) : args.includes('--quick') ? 1_000_000 : 10_000_000;
  // --queries-only: the queries alone, against the index a run with the same --dir and --records left there.
  const results =
    args.includes('--queries-only') && dir
      ? await benchQueries(join(dir, 'index.duckdb'), join(dir, 'keys', 'sealog.pub'), n, Math.max(FRAME * 4, Math.round(n / 100 / FRAME) * FRAME))
      : await bench({ quick: args.includes('--quick'), ...(records ? { records: Number(records) } : {}), ...(dir ? { dir } : {}) });
  for (const r of results) process.stdout.write(`${r.name}: ${r.value} ${r.unit} ${r.extra ? JSON.stringify(r.extra) : ''}\n`);
}
