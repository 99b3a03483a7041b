/**
 * `sealog index` from dist/, where the checker's pass runs in its worker
 * thread and hands the rows over in batches (row-batch.ts), with the worker
 * waiting while too many are not yet written: the index it builds holds
 * exactly what the same run in one thread (the sources, as vitest runs
 * them) builds, over input of many batches, lines the fast path leaves to
 * the general decoder and a line that is not OTLP JSON.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/verify/index/build.js';
import { IndexDb } from '../../../src/verify/index/db.js';
import { runCli } from '../../helpers/agent-process.js';
import { frameLines, sealedStream, testKey, writeLines } from './fixture.js';

const TABLES = [
  'SELECT chain, seq, time, severity, ctx, type, body, attrs, md5(rec), file, line FROM records ORDER BY ALL',
  'SELECT chain, seq, seq_from, seq_to, epoch, next_key_id, file, md5(leaves), ctx, md5(rec) FROM seals ORDER BY ALL',
  'SELECT * FROM coverage ORDER BY ALL',
  'SELECT id, stream, chain FROM chains ORDER BY ALL',
  'SELECT id, md5(bytes) FROM contexts ORDER BY ALL',
  'SELECT id, consumed, lines, head_len, head_hash, tail_hash FROM files ORDER BY ALL',
];

async function dump(path: string): Promise<string[]> {
  const d = await IndexDb.open(path, { create: false });
  try {
    const out: string[] = [];
    for (const sql of TABLES) out.push(JSON.stringify(await d.rows(sql), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    return out;
  } finally {
    d.close();
  }
}

describe('the index built with the checker in its worker thread', () => {
  let dir: string;
  let logs: string;
  let pub: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealog-index-worker-'));
    logs = join(dir, 'logs');
    mkdirSync(logs);
    const key = testKey(dir);
    pub = key.pubFile;
    const a = frameLines(sealedStream({ signer: key.signer, host: 'web-1', records: 30_000, sealEvery: 1000, batch: 250 }).frames);
    const b = frameLines(sealedStream({ signer: key.signer, host: 'db-22', records: 12_000, sealEvery: 500, batch: 100 }).frames);
    // The general decoder's lines (a bytes value the fast path does not take) and one that is not OTLP JSON.
    a[5] = a[5]!.replace('{"boolValue":true}', '{"bytesValue":"AAE="}');
    a[9] = a[9]!.replace('{"boolValue":false}', '{"bytesValue":"AAE="}');
    b.splice(7, 0, '{"resourceLogs":[{"resource":');
    writeLines(join(logs, 'a.jsonl'), a);
    writeLines(join(logs, 'b.jsonl'), b);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds what the same run in one thread holds', async () => {
    const inThread = join(dir, 'one-thread.duckdb');
    const r = await buildIndex({ db: inThread, inputs: [logs], keyFiles: [pub] });
    expect(r.records).toBeGreaterThan(42_000 + 2 + 30 + 24 - 1);
    expect(r.unreadableLines).toBe(1);
    const inWorker = join(dir, 'worker.duckdb');
    const cli = await runCli(['index', logs, '--db', inWorker, '--key', pub]);
    expect(cli.code).toBe(1); // the records changed above
    expect(cli.stderr).toBe('');
    const [x, y] = [await dump(inThread), await dump(inWorker)];
    for (let i = 0; i < TABLES.length; i++) expect(y[i], TABLES[i]).toBe(x[i]);
    expect(JSON.parse(x[0]!)).toHaveLength(r.records);
  }, 120_000);
});
