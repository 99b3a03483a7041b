/**
 * Reading records back from the index: their bytes (from their block), their
 * context's bytes and where they were read from. What comes back is only
 * what the index says; search.ts and reprove.ts check it.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { blobBytes, num, type IndexDb } from './db.js';

export interface StoredRecord {
  chain: number;
  seq: number;
  ctx: number;
  type: number;
  /** Its claimed sealog.hash (32 zero bytes when it had none). */
  claimed: Uint8Array;
  /** Its canonical bytes. */
  record: Uint8Array;
  /** Its context's canonical bytes. */
  context: Uint8Array;
  /** file:line it was indexed from. */
  where: string;
}

const SELECT = `SELECT r.chain, r.seq, r.ctx, r.type, r.rec, c.bytes AS context, f.path, r.line
  FROM records r JOIN contexts c ON c.id = r.ctx LEFT JOIN files f ON f.id = r.file`;

function toStored(r: DuckDBValue[]): StoredRecord {
  const bytes = blobBytes(r[4]!);
  return {
    chain: num(r[0]!),
    seq: num(r[1]!),
    ctx: num(r[2]!),
    type: num(r[3]!),
    claimed: bytes.subarray(0, 32),
    record: bytes.subarray(32),
    context: blobBytes(r[5]!),
    where: `${(r[6] as string | null) ?? '?'}:${num(r[7]!)}`,
  };
}

/** The records matching an SQL condition over `records r` (e.g. `r.chain = 3 AND r.seq BETWEEN 1 AND 9`). */
export async function readRecordBytes(db: IndexDb, where: string, params?: DuckDBValue[]): Promise<StoredRecord[]> {
  return (await db.rows(`${SELECT} WHERE ${where}`, params)).map(toStored);
}
