/**
 * `sealog index`: reads OTLP JSON lines into the index, verifying them with
 * the same core and the same fast path as `sealog verify` while it does, and
 * extends the index on every later run with what is new (docs/VERIFY.md
 * "The index"):
 *
 *   a known file (same device, inode and first bytes) that grew   its new whole lines
 *   a known file found under another name (rotated)               the same, under its new name
 *   a known file that was rewritten or truncated                   its rows dropped, read again (a note)
 *   a gzip file that changed                                       read again whole (a note)
 *   a new file                                                     read whole
 *
 * Per record the index keeps its canonical bytes and its context's (what
 * recomputes its chain hash), its claimed sealog.hash, where it is (stream,
 * chain, seq, file:line) and what SQL filters on (time, severity, body text,
 * attributes); per seal the range and the chain hashes it covers (the Merkle
 * leaves) and a copy of its bytes; per chain the seq ranges held (coverage).
 * None of it is trusted at query time (search.ts re-proves every hit).
 *
 * The input is read and scanned once, by the checker's pass in its worker
 * thread (verify-pass.ts), which hands this thread the records it read in
 * batches (row-batch.ts); this thread builds the rows and appends them.
 *
 * A run checks what it reads as `sealog verify` would, continuing each
 * chain the index already holds from its last seal (fed to the checker from
 * the index, with the records after it), so a seal range split across runs
 * is checked whole.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AgentError } from '../../errors.js';
import { parseSeal } from '../../integrity/control.js';
import { keyIdOf } from '../../integrity/keys.js';
import { nodeCrypto } from '../../integrity/node/crypto.js';
import type { VerifyReport } from '../core/index.js';
import { recordModel, severityAt } from '../search/canonical-read.js';
import { loadAuditorTrust } from '../trust.js';
import { startVerifyPass, type HeldRecord, type PassFile } from './verify-pass.js';
import { SeqRanges } from './coverage.js';
import { blobBytes, IndexDb, num, TYPE_CODE } from './db.js';
import { expandInputs } from '../input-files.js';
import { HEAD_BYTES, headHash, identify, tailHash, type FileIdentity } from './input-files.js';
import { contextHash } from './reprove.js';
import { readRowBatch } from './row-batch.js';
import { RowWriter, type RowInput } from './rows.js';
import { SearchTextBytes } from './search-text.js';
import { readRecordBytes } from './read.js';

export interface IndexOptions {
  /** The index file (created when absent). */
  db: string;
  /** Files and directories of OTLP JSON lines (plain or gzip). */
  inputs: string[];
  keyFiles: string[];
  keyFor?: string[];
  nowNs?: () => bigint;
}

export type FileAction = 'new' | 'appended' | 'unchanged' | 'renamed' | 'reindexed';

export interface FileResult {
  path: string;
  action: FileAction;
  /** Bytes read this run, and records indexed from them. */
  bytes: number;
  records: number;
  note?: string;
}

export interface IndexResult {
  /** The checker's report over what this run read (and the tails of the chains it continued). */
  report: VerifyReport;
  files: FileResult[];
  /** Rows added. */
  records: number;
  lines: number;
  unreadableLines: number;
  /** Records that could not be placed in a chain (no stream, chain or valid seq): checked, not indexed. */
  unplaced: number;
  /** Notes for the person running it (files dropped and read again, files gone). */
  notes: string[];
  seconds: number;
}

interface KnownFile {
  id: number;
  path: string;
  dev: string;
  ino: string;
  headLen: number;
  headHash: string;
  /** SHA-256 of the last (up to HEAD_BYTES) bytes consumed: an edit before the consumed offset that moved bytes changes it. */
  tailHash: string;
  consumed: number;
  lines: number;
  gzip: boolean;
  size: number;
}

const latin1 = new TextDecoder('latin1');

/** time_unix_nano, else observed_time_unix_nano. */
function timeAt(b: Uint8Array, start: number): bigint {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return v.getBigUint64(start) || v.getBigUint64(start + 8);
}

/** The chain hashes since a chain's last seal, to store with the next seal (its Merkle leaves). */
class Leaves {
  buf = new Uint8Array(32 * 64);
  n = 0;
  /** False once a seq arrived out of order: the next seal's leaves are then read back from the index. */
  inOrder = true;
  constructor(public from: number) {}
  add(seq: number, claimed: Uint8Array, at: number): void {
    if (seq < this.from + this.n) return; // a copy of a seq already here
    if (seq !== this.from + this.n) {
      this.inOrder = false;
      return;
    }
    if ((this.n + 1) * 32 > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    if (at >= 0) this.buf.set(claimed.subarray(at, at + 32), this.n * 32);
    else this.buf.fill(0, this.n * 32, this.n * 32 + 32);
    this.n++;
  }
  /** The leaves of from..to, when this holds exactly them in order. */
  take(from: number, to: number): Uint8Array | undefined {
    if (!this.inOrder || from !== this.from || this.from + this.n - 1 < to) return undefined;
    return this.buf.slice(0, (to - from + 1) * 32);
  }
  restart(from: number): void {
    this.from = from;
    this.n = 0;
    this.inOrder = true;
  }
}

interface PlanEntry {
  file: KnownFile;
  id: FileIdentity;
  action: FileAction;
}

interface FileRead {
  entry: PlanEntry;
  records: number;
  /** The offset after its last whole line read, and that line's number. */
  end: number;
  line: number;
}

interface SealRow {
  chain: number;
  seq: number;
  from: number;
  to: number;
  epoch: number;
  nextKeyId: string | null;
  file: number;
  leaves: Uint8Array | undefined;
  /** The seal record's context id and canonical bytes (a copy). */
  ctx: number;
  rec: Uint8Array;
}

export async function buildIndex(o: IndexOptions): Promise<IndexResult> {
  const t0 = performance.now();
  if (o.keyFiles.length === 0 && !o.keyFor?.length) throw new AgentError('USAGE', 'no public key given: pass --key FILE (the sealog.pub written by `sealog keygen`)');
  if (o.inputs.length === 0) throw new AgentError('USAGE', 'no input files or directories given');
  // The keys are read now, so that a bad key file is a usage error before anything is written.
  loadAuditorTrust(o.keyFiles, o.keyFor);
  // The index's own files are never its input (an index kept beside the logs).
  const own = new Set([resolve(o.db), resolve(`${o.db}.wal`)]);
  const paths = [...new Set(await expandInputs(o.inputs))].filter((p) => !own.has(resolve(p)));
  const db = await IndexDb.open(o.db, { create: true });
  try {
    return await new IndexRun(db, o).run(paths, t0);
  } finally {
    db.close();
  }
}

class IndexRun {
  readonly notes: string[] = [];
  readonly files: FileResult[] = [];
  readonly chains = new Map<string, number>();
  readonly chainNames: Array<{ stream: string; chain: string }> = [];
  readonly contexts = new Map<string, number>();
  readonly coverage = new Map<number, SeqRanges>();
  readonly touched = new Set<number>();
  readonly leaves = new Map<number, Leaves>();
  readonly seals: SealRow[] = [];
  /** What the index holds of each chain from its last seal on, for the checker's pass. */
  readonly held: HeldRecord[] = [];
  readonly row: RowInput = { chain: 0, seq: 0, timeNs: 0n, severity: 0, ctx: 0, type: 0, claimedBuf: new Uint8Array(0), claimedAt: -1, buf: new Uint8Array(0), start: 0, end: 0, body: new Uint8Array(0), attrs: new Uint8Array(0), file: 0, line: 0 };
  /** One buffer for each text: a row holds both. */
  readonly bodyText = new SearchTextBytes();
  readonly attrsText = new SearchTextBytes();
  /** Chains whose absent prefix the index holds (continued from an earlier run): that note is dropped. */
  readonly continued = new Set<string>();
  rows!: RowWriter;
  chainsApp!: import('@duckdb/node-api').DuckDBAppender;
  contextsApp!: import('@duckdb/node-api').DuckDBAppender;
  lines = 0;
  unreadable = 0;
  unplaced = 0;
  fileId = 0;
  /** The file the pass is reading, and per file what it read (by the end of the pass). */
  #reading: FileRead | undefined;
  readonly #read = new Map<PlanEntry, FileRead>();
  #scopeChain = 0;
  #scopeCtx = 0;

  constructor(
    readonly db: IndexDb,
    readonly o: IndexOptions,
  ) {}

  async run(paths: string[], t0: number): Promise<IndexResult> {
    const db = this.db;
    await db.run('BEGIN TRANSACTION');
    try {
      const known = await this.#loadFiles();
      const plan = await this.#plan(paths, known);
      await this.#loadState();
      await this.#continueChains();
      this.rows = new RowWriter(db);
      await this.rows.open();
      this.chainsApp = await db.conn.createAppender('chains');
      this.contextsApp = await db.conn.createAppender('contexts');
      // The checker's pass reads and scans the input, in its own thread, and hands this one the rows.
      const read = plan.filter((p) => p.action !== 'unchanged');
      const files: PassFile[] = read.map((p) => ({ path: p.file.path, gzip: p.file.gzip, start: p.file.consumed, end: p.id.size, firstLine: p.file.lines }));
      const pass = await startVerifyPass({ keyFiles: this.o.keyFiles, keyFor: this.o.keyFor ?? [], nowNs: (this.o.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n))(), held: this.held, files }, (batch) =>
        this.#batch(batch, read),
      );
      this.lines = pass.lines;
      this.unreadable = pass.unreadable;
      for (const p of plan) await this.#fileDone(p);
      this.rows.close();
      this.chainsApp.closeSync();
      this.contextsApp.closeSync();
      await this.#writeSeals();
      await this.#writeCoverage();
      await this.#writeFiles(plan);
      const report = this.#report(pass.report);
      await db.run('INSERT INTO runs SELECT coalesce(max(id), 0) + 1, ?, ?, ? FROM runs', [new Date().toISOString(), this.rows.rows, JSON.stringify({ intact: report.intact, violations: report.violations, warnings: report.warnings })]);
      await db.run('COMMIT');
      return {
        report,
        files: this.files,
        records: this.rows.rows,
        lines: this.lines,
        unreadableLines: this.unreadable,
        unplaced: this.unplaced,
        notes: this.notes,
        seconds: (performance.now() - t0) / 1000,
      };
    } catch (err) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async #loadFiles(): Promise<KnownFile[]> {
    const rows = await this.db.rows('SELECT id, path, dev, ino, head_len, head_hash, tail_hash, consumed, lines, gzip, size FROM files');
    return rows.map((r) => ({
      id: num(r[0]!),
      path: r[1] as string,
      dev: r[2] as string,
      ino: r[3] as string,
      headLen: num(r[4]!),
      headHash: r[5] as string,
      tailHash: r[6] as string,
      consumed: num(r[7]!),
      lines: num(r[8]!),
      gzip: r[9] as boolean,
      size: num(r[10]!),
    }));
  }

  /**
   * What to read of each file, and which rows to drop first (files rewritten
   * since). Known files are matched to this run's paths by identity first
   * (device, inode, first bytes, last bytes consumed), at their own path
   * before any other, so a rotation (app.log to app.log.1, a new app.log) is
   * followed, not read twice.
   */
  async #plan(paths: string[], known: KnownFile[]): Promise<PlanEntry[]> {
    let nextId = known.reduce((m, k) => Math.max(m, k.id), 0) + 1;
    const ids = new Map<string, FileIdentity>();
    for (const p of paths) ids.set(p, await identify(p));
    const same = async (f: KnownFile, id: FileIdentity): Promise<boolean> =>
      f.dev === id.dev &&
      f.ino === id.ino &&
      id.size >= f.consumed &&
      (!f.gzip || id.size === f.size) &&
      (await headHash(id.path, f.headLen)) === f.headHash &&
      (f.gzip || (await tailHash(id.path, f.consumed)) === f.tailHash);
    const assigned = new Map<string, KnownFile>();
    const matched = new Set<number>();
    for (const f of known) {
      const own = ids.get(f.path);
      const candidates = [...(own ? [own] : []), ...[...ids.values()].filter((i) => i.path !== f.path && i.dev === f.dev && i.ino === f.ino)];
      for (const id of candidates) {
        if (assigned.has(id.path) || !(await same(f, id))) continue;
        assigned.set(id.path, f);
        matched.add(f.id);
        break;
      }
    }
    const byPath = new Map(known.map((k) => [k.path, k]));
    const plan: PlanEntry[] = [];
    const drop: number[] = [];
    for (const path of paths) {
      const id = ids.get(path)!;
      const f = assigned.get(path);
      if (f) {
        let action: FileAction = id.size === (f.gzip ? f.size : f.consumed) ? 'unchanged' : 'appended';
        if (f.path !== path) {
          this.notes.push(`${path}: the file indexed as ${f.path} (same device, inode and bytes), read on from byte ${f.consumed}`);
          f.path = path;
          action = 'renamed';
        }
        plan.push({ file: f, id, action });
        continue;
      }
      const k = byPath.get(path);
      if (k && !matched.has(k.id)) {
        // Its path holds other bytes now, and the file it held is nowhere among the inputs: read again.
        matched.add(k.id);
        this.notes.push(
          k.gzip && k.dev === id.dev && k.ino === id.ino
            ? `${path}: a gzip file that changed since it was indexed: its records were dropped from the index and it is read again whole`
            : `${path}: rewritten or truncated since it was indexed (another file, or its bytes before the position read so far changed): the records of its ${k.consumed} bytes were dropped from the index and it is read again`,
        );
        drop.push(k.id);
        Object.assign(k, { consumed: 0, lines: 0, headLen: 0, headHash: '', tailHash: '', dev: id.dev, ino: id.ino, gzip: id.gzip });
        plan.push({ file: k, id, action: 'reindexed' });
        continue;
      }
      const n: KnownFile = { id: nextId++, path, dev: id.dev, ino: id.ino, headLen: 0, headHash: '', tailHash: '', consumed: 0, lines: 0, gzip: id.gzip, size: id.size };
      plan.push({ file: n, id, action: 'new' });
    }
    for (const f of known) {
      if (!matched.has(f.id)) this.notes.push(`${f.path}: indexed before, not among this run's inputs (its records stay in the index)`);
    }
    if (drop.length) await this.#dropFiles(drop);
    return plan;
  }

  async #dropFiles(ids: number[]): Promise<void> {
    const list = ids.join(',');
    const chains = (await this.db.rows(`SELECT DISTINCT chain FROM records WHERE file IN (${list})`)).map((r) => num(r[0]!));
    await this.db.run(`DELETE FROM records WHERE file IN (${list})`);
    await this.db.run(`DELETE FROM seals WHERE file IN (${list})`);
    if (chains.length === 0) return;
    // Coverage of those chains, from the rows that remain.
    const cl = chains.join(',');
    await this.db.run(`DELETE FROM coverage WHERE chain IN (${cl})`);
    await this.db.run(
      `INSERT INTO coverage SELECT chain, min(seq), max(seq) FROM (SELECT chain, seq, seq - row_number() OVER (PARTITION BY chain ORDER BY seq) AS g FROM (SELECT DISTINCT chain, seq FROM records WHERE chain IN (${cl}))) GROUP BY chain, g`,
    );
  }

  async #loadState(): Promise<void> {
    for (const r of await this.db.rows('SELECT id, stream, chain FROM chains ORDER BY id')) {
      const id = num(r[0]!);
      this.chains.set(`${r[1] as string}\u0000${r[2] as string}`, id);
      this.chainNames[id] = { stream: r[1] as string, chain: r[2] as string };
    }
    for (const r of await this.db.rows('SELECT id, bytes FROM contexts')) this.contexts.set(latin1.decode(blobBytes(r[1]!)), num(r[0]!));
    for (const r of await this.db.rows('SELECT chain, seq_from, seq_to FROM coverage ORDER BY chain, seq_from')) {
      const c = num(r[0]!);
      let s = this.coverage.get(c);
      if (!s) this.coverage.set(c, (s = new SeqRanges()));
      s.addRange(num(r[1]!), num(r[2]!));
    }
  }

  /**
   * Feeds the checker, for every chain the index holds, its last seal and
   * the records after it (from the index), and starts that chain's leaves
   * after the seal: new records then continue the chain as if read in one go.
   */
  async #continueChains(): Promise<void> {
    const last = await this.db.rows('SELECT chain, max(seq) FROM seals GROUP BY chain');
    const lastSeal = new Map(last.map((r) => [num(r[0]!), num(r[1]!)]));
    for (const [key, chainId] of this.chains) {
      const from = lastSeal.get(chainId) ?? 0;
      const recs = await readRecordBytes(this.db, `r.chain = ${chainId} AND r.seq >= ${from}`);
      recs.sort((a, b) => a.seq - b.seq);
      const [stream, chain] = key.split('\u0000') as [string, string];
      const cov = this.coverage.get(chainId);
      if (cov && cov.r[0] === 1) this.continued.add(key);
      const leaves = new Leaves(from + 1);
      this.leaves.set(chainId, leaves);
      const ctxCache = new Map<number, Uint8Array>();
      for (const r of recs) {
        let ctx = ctxCache.get(r.ctx);
        if (!ctx) ctxCache.set(r.ctx, (ctx = contextHash(nodeCrypto, r.context)));
        const hasClaimed = r.claimed.some((x) => x !== 0);
        this.held.push({ stream, chain, seq: r.seq, ctx, record: r.record.slice(), claimed: hasClaimed ? r.claimed.slice() : new Uint8Array(0), control: r.type !== TYPE_CODE.none, where: r.where });
        if (r.seq > from) leaves.add(r.seq, r.claimed, hasClaimed ? 0 : -1);
      }
    }
  }

  #chainId(stream: string, chain: string): number {
    const key = `${stream}\u0000${chain}`;
    let id = this.chains.get(key);
    if (id === undefined) {
      id = this.chainNames.length === 0 ? 1 : this.chainNames.length;
      this.chains.set(key, id);
      this.chainNames[id] = { stream, chain };
      this.chainsApp.appendInteger(id);
      this.chainsApp.appendVarchar(stream);
      this.chainsApp.appendVarchar(chain);
      this.chainsApp.endRow();
      this.leaves.set(id, new Leaves(1));
    }
    this.touched.add(id);
    return id;
  }

  #contextId(b: Uint8Array, start: number, end: number): number {
    const view = b.subarray(start, end);
    const key = latin1.decode(view);
    let id = this.contexts.get(key);
    if (id === undefined) {
      id = this.contexts.size + 1;
      this.contexts.set(key, id);
      this.contextsApp.appendInteger(id);
      this.contextsApp.appendBlob(view.slice());
      this.contextsApp.endRow();
    }
    return id;
  }

  /** The rows of one batch the checker's pass read (row-batch.ts), appended as they come. */
  #batch(batch: Uint8Array, files: PlanEntry[]): void {
    readRowBatch(batch, {
      file: (i) => {
        this.#reading = { entry: files[i]!, records: 0, end: -1, line: 0 };
        this.fileId = files[i]!.file.id;
      },
      scope: (stream, chain, context) => {
        this.#scopeChain = this.#chainId(stream, chain);
        this.#scopeCtx = this.#contextId(context, 0, context.length);
      },
      record: (seq, line, type, buf, claimedAt, start, end) => {
        this.#reading!.records++;
        this.#addRow(this.#scopeChain, seq, this.#scopeCtx, type, buf, claimedAt, buf, start, end, line);
      },
      unplaced: (n) => (this.unplaced += n),
      fileEnd: (end, line) => {
        const r = this.#reading!;
        r.end = end;
        r.line = line;
        this.#read.set(r.entry, r);
      },
    });
  }

  /** After the pass: what was read of one file, and how to know it again next run. */
  async #fileDone(p: PlanEntry): Promise<void> {
    const f = p.file;
    const result: FileResult = { path: f.path, action: p.action, bytes: 0, records: 0 };
    this.files.push(result);
    if (p.action === 'unchanged') return;
    const r = this.#read.get(p);
    if (!r) throw new Error(`the checker's pass did not read ${f.path} to its end`);
    const start = f.consumed;
    const end = r.end;
    result.bytes = f.gzip ? p.id.size : end - start;
    result.records = r.records;
    f.consumed = f.gzip ? p.id.size : end;
    f.lines = r.line;
    f.size = p.id.size;
    if (!f.gzip && p.id.size > end) result.note = `its last ${p.id.size - end} bytes are not a whole line yet: read on a later run`;
    // Identify the file by its first bytes from now on (as many as it has, up to HEAD_BYTES, within what was read).
    const headLen = Math.min(HEAD_BYTES, f.gzip ? p.id.size : f.consumed);
    if (headLen > f.headLen) {
      f.headLen = headLen;
      f.headHash = (await headHash(f.path, headLen)) ?? '';
    }
    f.tailHash = f.gzip ? '' : ((await tailHash(f.path, f.consumed)) ?? '');
  }

  #addRow(chain: number, seq: number, ctx: number, type: number, claimedBuf: Uint8Array, claimedAt: number, buf: Uint8Array, start: number, end: number, line: number): void {
    const row = this.row;
    row.chain = chain;
    row.seq = seq;
    row.timeNs = timeAt(buf, start);
    row.severity = severityAt(buf, start);
    row.ctx = ctx;
    row.type = type;
    row.claimedBuf = claimedBuf;
    row.claimedAt = claimedAt;
    row.buf = buf;
    row.start = start;
    row.end = end;
    row.body = this.bodyText.body(buf, start);
    row.attrs = this.attrsText.attrs(buf, start);
    row.file = this.fileId;
    row.line = line;
    this.rows.add(row);
    let cov = this.coverage.get(chain);
    if (!cov) this.coverage.set(chain, (cov = new SeqRanges()));
    cov.add(seq);
    const leaves = this.leaves.get(chain)!;
    if (type === TYPE_CODE.seal) {
      const parsed = parseSeal(recordModel(buf, start));
      if (parsed.ok && parsed.value.to === seq - 1 && parsed.value.from >= 1 && parsed.value.from <= seq) {
        const f = parsed.value;
        this.seals.push({
          chain,
          seq,
          from: f.from,
          to: f.to,
          epoch: f.epoch,
          nextKeyId: f.nextKey ? keyIdOf(nodeCrypto, f.nextKey) : null,
          file: this.fileId,
          leaves: f.to < f.from ? new Uint8Array(0) : leaves.take(f.from, f.to),
          ctx,
          rec: buf.slice(start, end),
        });
      }
      leaves.restart(seq + 1);
      return;
    }
    leaves.add(seq, claimedBuf, claimedAt);
  }

  async #writeSeals(): Promise<void> {
    const db = this.db;
    const app = await db.conn.createAppender('seals');
    for (const s of this.seals) {
      // Out of order, or split across runs and files: the leaves are read back from the index's rows.
      if (!s.leaves) s.leaves = await this.#leavesFromRows(s.chain, s.from, s.to);
      app.appendInteger(s.chain);
      app.appendBigInt(BigInt(s.seq));
      app.appendBigInt(BigInt(s.from));
      app.appendBigInt(BigInt(s.to));
      app.appendInteger(s.epoch);
      if (s.nextKeyId === null) app.appendNull();
      else app.appendVarchar(s.nextKeyId);
      app.appendInteger(s.file);
      if (s.leaves) app.appendBlob(s.leaves);
      else app.appendNull();
      app.appendInteger(s.ctx);
      app.appendBlob(s.rec);
      app.endRow();
    }
    app.closeSync();
  }

  /** The claimed hashes of from..to of a chain (one copy per seq), or undefined when a seq is absent. */
  async #leavesFromRows(chain: number, from: number, to: number): Promise<Uint8Array | undefined> {
    // The rows appended this run are in the open transaction's appender output, flushed by now.
    const recs = await readRecordBytes(this.db, `r.chain = ${chain} AND r.seq BETWEEN ${from} AND ${to}`);
    const out = new Uint8Array((to - from + 1) * 32);
    const seen = new Set<number>();
    for (const r of recs) {
      if (seen.has(r.seq)) continue;
      seen.add(r.seq);
      out.set(r.claimed, (r.seq - from) * 32);
    }
    return seen.size === to - from + 1 ? out : undefined;
  }

  async #writeCoverage(): Promise<void> {
    const touched = [...this.touched];
    if (touched.length === 0) return;
    await this.db.run(`DELETE FROM coverage WHERE chain IN (${touched.join(',')})`);
    const app = await this.db.conn.createAppender('coverage');
    for (const c of touched) {
      for (const [a, b] of this.coverage.get(c)?.ranges() ?? []) {
        app.appendInteger(c);
        app.appendBigInt(BigInt(a));
        app.appendBigInt(BigInt(b));
        app.endRow();
      }
    }
    app.closeSync();
  }

  async #writeFiles(plan: Array<{ file: KnownFile }>): Promise<void> {
    for (const { file: f } of plan) {
      await this.db.run('DELETE FROM files WHERE id = ?', [f.id]);
      await this.db.run('INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [f.id, f.path, f.dev, f.ino, f.headLen, f.headHash, f.tailHash, BigInt(f.consumed), BigInt(f.lines), f.gzip, BigInt(f.size)]);
    }
  }

  /** The checker's report over the chains this run touched; a continued chain's absent prefix (held by the index) is no note. */
  #report(r: VerifyReport): VerifyReport {
    const touched = new Set([...this.touched].map((id) => `${this.chainNames[id]!.stream}\u0000${this.chainNames[id]!.chain}`));
    const streams = r.streams
      .filter((s) => touched.has(`${s.stream}\u0000${s.chain}`))
      .map((s) => (this.continued.has(`${s.stream}\u0000${s.chain}`) ? { ...s, findings: s.findings.filter((f) => f.kind !== 'absent_prefix') } : s));
    let violations = r.findings.filter((f) => f.severity === 'violation').length;
    let warnings = r.findings.filter((f) => f.severity === 'warning').length;
    for (const s of streams) for (const f of s.findings) f.severity === 'violation' ? violations++ : f.severity === 'warning' ? warnings++ : 0;
    return { intact: violations === 0, violations, warnings, streams, findings: r.findings };
  }
}


