/**
 * Sealed OTLP JSON lines for the index tests, made by the agent's own
 * Sealer with a key from `generateKeyFiles` and written with the file
 * exporter's encoder (encodeLogsJson): one line per spool frame, as the
 * agent's file exporter writes them.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sealer } from '../../../src/integrity/sealer.js';
import { generateKeyFiles, loadKeyFile } from '../../../src/integrity/node/keyfile.js';
import { nodeCrypto } from '../../../src/integrity/node/crypto.js';
import type { Signer } from '../../../src/integrity/crypto.js';
import { encodeLogsJson } from '../../../src/otlp/json.js';
import { expect } from 'vitest';
import { searchIndexAt } from '../../../src/verify/index/search.js';
import type { Completeness, Hit } from '../../../src/verify/index/types.js';
import { parseQuery, type QueryFlags } from '../../../src/verify/search/query.js';
import { bool, int, kv, newLogRecord, newResource, newScope, str, type LogRecord, type LogsData, type ResourceLogs } from '../../../src/otlp/types.js';

export const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
/** "now" for relative times in queries. */
export const NOW = T0 + 3_600_000_000_000n;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];
const ACTIONS = ['logged in', 'logged out', 'login failed', 'changed password'];
const SEVERITIES = [9, 13, 17, 5, 9, 9];

export interface AppRecord {
  index: number;
  timeNs: bigint;
  severity: number;
  body: string;
  user: string;
  status: number;
}

/** Record i of a stream (deterministic). */
export function appRecord(i: number, host: string): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = T0 + BigInt(i) * 1_000_000n;
  r.observedTimeUnixNano = r.timeUnixNano + 500n;
  r.severityNumber = SEVERITIES[i % SEVERITIES.length]!;
  r.severityText = r.severityNumber === 17 ? 'ERROR' : r.severityNumber === 13 ? 'WARN' : r.severityNumber === 5 ? 'DEBUG' : 'INFO';
  const user = USERS[i % USERS.length]!;
  r.body = str(`User ${user} ${ACTIONS[(i >> 1) % ACTIONS.length]} from 10.0.${host.length}.${i % 255} (request ${i})`);
  r.attributes = [kv('user', str(user)), kv('http.status', int(200 + (i % 3) * 100)), kv('ok', bool(i % 3 !== 2))];
  return r;
}

export interface SealedStream {
  stream: string;
  chain: string;
  /** Frames in chain order (genesis, record batches, seals). */
  frames: ResourceLogs[];
}

/** A sealed stream of `records` app records from `host`, sealed every `sealEvery`, the last seal at the end unless `finalSeal` is false. */
export function sealedStream(o: { signer: Signer; host: string; records: number; sealEvery?: number; batch?: number; chain?: string; finalSeal?: boolean; firstIndex?: number }): SealedStream {
  const stream = `${o.host}/logs`;
  const chain = o.chain ?? '00112233445566' + o.host.length.toString(16).padStart(2, '0');
  let clock = T0;
  const { sealer, genesis } = Sealer.genesis(
    {
      crypto: nodeCrypto,
      signer: o.signer,
      now: () => (clock += 1_000_000n),
      sealEveryRecords: o.sealEvery ?? 50,
      controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str(o.host))]),
      controlScope: newScope('sealog.integrity', '1'),
    },
    { stream, chain },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  const batch = o.batch ?? 20;
  const first = o.firstIndex ?? 0;
  for (let i = 0; i < o.records; i += batch) {
    const records: LogRecord[] = [];
    for (let k = i; k < Math.min(o.records, i + batch); k++) records.push(appRecord(first + k, o.host));
    const data: LogsData = {
      resourceLogs: [{ resource: newResource([kv('service.name', str('app')), kv('host.name', str(o.host))]), scopeLogs: [{ scope: newScope('app', '1.0'), logRecords: records, schemaUrl: '' }], schemaUrl: '' }],
    };
    sealer.stamp(data, (rl) => frames.push(rl));
  }
  if (o.finalSeal !== false) frames.push(sealer.seal());
  return { stream, chain, frames };
}

export function frameLines(frames: ResourceLogs[]): string[] {
  return frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
}

export function writeLines(path: string, lines: string[], append = false): void {
  const text = lines.map((l) => l + '\n').join('');
  if (append) appendFileSync(path, text);
  else writeFileSync(path, text);
}

/** A key pair in `dir`: the signer and the public key file. */
export function testKey(dir: string): { signer: Signer; pubFile: string } {
  const { keyFile, pubFile } = generateKeyFiles(join(dir, 'keys'), { force: true });
  return { signer: loadKeyFile(keyFile).signer, pubFile };
}

/** Searches the index at `db` with the query flags (as `sealog search --db` takes them): every hit and the window's completeness. */
export async function search(db: string, flags: QueryFlags, pubFile: string): Promise<{ hits: Hit[]; completeness: Completeness }> {
  const r = await searchIndexAt(db, parseQuery(flags, NOW), [pubFile]);
  expect(r.total).toBe(r.hits.length);
  return { hits: r.hits, completeness: r.completeness };
}
