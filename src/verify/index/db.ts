/**
 * The index's database: DuckDB (docs/VERIFY.md "The index" says why), loaded
 * only when an index is used, since it is an optional dependency. The schema
 * is here; what is stored per record and per seal, and why none of it is
 * trusted, is in build.ts and search.ts.
 *
 * A record's bytes (`records.rec`) are its claimed sealog.hash (32 bytes,
 * zeros when it has none) followed by its canonical bytes.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { AgentError } from '../../errors.js';

export const INDEX_FORMAT = 'sealog-index-v2';
export const DUCKDB_PACKAGE = '@duckdb/node-api';
export const DUCKDB_VERSION = '1.5.6-r.1';

type DuckModule = typeof import('@duckdb/node-api');

let loaded: DuckModule | undefined;

/** The DuckDB binding, or a clear error when the optional dependency is not installed. */
export async function duckdb(): Promise<DuckModule> {
  if (loaded) return loaded;
  try {
    loaded = (await import(DUCKDB_PACKAGE)) as DuckModule;
    return loaded;
  } catch (err) {
    throw new AgentError(
      'USAGE',
      `the index needs the optional dependency ${DUCKDB_PACKAGE} ${DUCKDB_VERSION}, which cannot be loaded here (${(err as Error).message.split('\n')[0]}). ` +
        `Install it with: npm install --save-exact ${DUCKDB_PACKAGE}@${DUCKDB_VERSION} (prebuilt for Linux x64/arm64 with glibc or musl, macOS and Windows; no install script). ` +
        '`sealog search` without --db needs no database.',
    );
  }
}

type Bindings = typeof import('@duckdb/node-bindings');

let bindings: Bindings | undefined;

/**
 * DuckDB's C API as @duckdb/node-api itself calls it (its own dependency,
 * installed with it): rows.ts writes text cells from UTF-8 bytes through
 * it, which node-api's vectors only take as strings.
 */
export async function duckdbBindings(): Promise<Bindings> {
  if (bindings) return bindings;
  await duckdb();
  const m = (await import('@duckdb/node-bindings')) as Bindings & { default?: Bindings };
  bindings = m.default ?? m;
  return bindings;
}

/** Control record types as stored in records.type. */
export const TYPE_CODE = { none: 0, seal: 1, genesis: 2, loss: 3, gap: 4, unknown: 5 } as const;
export const TYPE_NAME = ['', 'seal', 'genesis', 'loss', 'gap', 'unknown'] as const;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)`,
  // One row per input file: its identity and how far it was read.
  `CREATE TABLE IF NOT EXISTS files (id INTEGER, path VARCHAR, dev VARCHAR, ino VARCHAR, head_len INTEGER, head_hash VARCHAR, tail_hash VARCHAR, consumed BIGINT, lines BIGINT, gzip BOOLEAN, size BIGINT)`,
  `CREATE TABLE IF NOT EXISTS chains (id INTEGER, stream VARCHAR, chain VARCHAR)`,
  // Canonical context bytes (resource and scope); the context hash is recomputed from them.
  `CREATE TABLE IF NOT EXISTS contexts (id INTEGER, bytes BLOB)`,
  // Per record: where it is (chain, seq), what SQL filters on (time, severity, body, attrs), its bytes, where it was read.
  `CREATE TABLE IF NOT EXISTS records (chain INTEGER, seq BIGINT, time BIGINT, severity INTEGER, ctx INTEGER, type TINYINT, body VARCHAR, attrs VARCHAR, rec BLOB, file INTEGER, line INTEGER)`,
  // Per seal: the range it claims and the chain hashes of that range (the Merkle leaves), to find and re-prove hits, and
  // a copy of the seal record's bytes (rec, with its context ctx), so a chain's seals are read from a few thousand narrow
  // rows rather than picked out of the records. Every one is verified where it is used: the range and root come from its
  // signed bytes, never from seq_from/seq_to.
  `CREATE TABLE IF NOT EXISTS seals (chain INTEGER, seq BIGINT, seq_from BIGINT, seq_to BIGINT, epoch INTEGER, next_key_id VARCHAR, file INTEGER, leaves BLOB, ctx INTEGER, rec BLOB)`,
  // Which seqs of each chain the index holds.
  `CREATE TABLE IF NOT EXISTS coverage (chain INTEGER, seq_from BIGINT, seq_to BIGINT)`,
  `CREATE TABLE IF NOT EXISTS runs (id INTEGER, run_at VARCHAR, records BIGINT, report VARCHAR)`,
];

export class IndexDb {
  /** Connections opened with connection(), closed with this one. */
  readonly #side: IndexDb[] = [];

  private constructor(
    readonly mod: DuckModule,
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly path: string,
    /** False for a connection() of another: closing it leaves the database open. */
    private readonly owner = true,
  ) {}

  /**
   * Another connection to the same database, whose queries run beside this
   * one's (DuckDB runs one query at a time per connection). Closed by
   * close(), or with this one; a query still running on it then must have
   * been awaited first.
   */
  async connection(): Promise<IndexDb> {
    const c = new IndexDb(this.mod, this.instance, await this.instance.connect(), this.path, false);
    this.#side.push(c);
    return c;
  }

  /** Opens (with `create`, creates) the index at `path`. */
  static async open(path: string, opts: { create: boolean }): Promise<IndexDb> {
    const mod = await duckdb();
    if (!opts.create) {
      const { existsSync } = await import('node:fs');
      if (!existsSync(path)) throw new AgentError('INPUT_UNREADABLE', `no index at ${path} (build one with \`sealog index DIR --db ${path} --key PUB\`)`);
    }
    let instance: DuckDBInstance;
    try {
      instance = await mod.DuckDBInstance.create(path);
    } catch (err) {
      throw new AgentError('INPUT_UNREADABLE', `cannot open the index ${path}: ${(err as Error).message}`);
    }
    const conn = await instance.connect();
    const db = new IndexDb(mod, instance, conn, path);
    if (opts.create) {
      for (const s of SCHEMA) await conn.run(s);
      const fmt = await db.rows(`SELECT value FROM meta WHERE key = 'format'`);
      if (fmt.length === 0) await conn.run(`INSERT INTO meta VALUES ('format', '${INDEX_FORMAT}')`);
    }
    const fmt = await db.rows(`SELECT value FROM meta WHERE key = 'format'`).catch(() => []);
    if (fmt.length !== 1 || fmt[0]![0] !== INDEX_FORMAT) {
      db.close();
      const old = fmt.length === 1 && typeof fmt[0]![0] === 'string' && fmt[0]![0].startsWith('sealog-index-');
      throw new AgentError(
        'INPUT_UNREADABLE',
        old
          ? `${path} is a sealog index of an older format (${fmt[0]![0] as string}; this sealog reads ${INDEX_FORMAT}): rebuild it (delete it and run \`sealog index\` again over the same inputs)`
          : `${path} is not a sealog index (${INDEX_FORMAT})`,
      );
    }
    return db;
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.conn.run(sql, params);
  }

  async rows(sql: string, params?: DuckDBValue[]): Promise<DuckDBValue[][]> {
    const r = await this.conn.runAndReadAll(sql, params);
    return r.getRows();
  }

  blob(bytes: Uint8Array): DuckDBValue {
    return this.mod.blobValue(bytes);
  }

  #closed = false;

  /** Closes this connection (and the ones opened from it; the database with the first); again, nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const c of this.#side.splice(0)) c.close();
    this.conn.closeSync();
    if (this.owner) this.instance.closeSync();
  }
}

/** A BLOB cell's bytes (empty for NULL). */
export function blobBytes(v: DuckDBValue): Uint8Array {
  if (v === null || v === undefined) return new Uint8Array(0);
  return (v as { bytes: Uint8Array }).bytes;
}

/** An integer cell as a number. */
export function num(v: DuckDBValue): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** An SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
