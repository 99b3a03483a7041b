/**
 * `sealog search` without an index, on one core: records scanned, filtered
 * and verified per second (the checker's pass with the search collector
 * beside it), over sealed OTLP JSON lines written by the agent's own JSON
 * encoder; `sealog verify` over the same file for reference. Rates are per
 * CPU-second of this process as well as per wall-clock second.
 * Standalone: `node dist/bench/search.js [--quick] [--records N]`;
 * in the bench: `npm run bench -- --only search`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCrypto } from '../src/integrity/node/crypto.js';
import { generateKeyFiles, loadKeyFile } from '../src/integrity/node/keyfile.js';
import { Sealer } from '../src/integrity/sealer.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { int, kv, newLogRecord, newResource, newScope, str, type LogsData } from '../src/otlp/types.js';
import { checkFiles } from '../src/verify/check-files.js';
import { parseQuery, type QueryFlags } from '../src/verify/search/query.js';
import { search } from '../src/verify/search/run.js';
import type { BenchResult } from './types.js';

const T0 = 1_796_090_400_000_000_000n;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

function batch(from: number, n: number, host: string): LogsData {
  const records = [];
  for (let i = from; i < from + n; i++) {
    const r = newLogRecord();
    r.timeUnixNano = T0 + BigInt(i) * 10_000_000n;
    r.observedTimeUnixNano = r.timeUnixNano;
    r.severityNumber = i % 50 === 0 ? 17 : 9;
    r.severityText = i % 50 === 0 ? 'ERROR' : 'INFO';
    r.body = str(`user ${USERS[i % USERS.length]} ${i % 97 === 0 ? 'login FAILED' : 'logged in'} from 10.1.${i % 255}.${i % 200} session=${(i * 2654435761) % 1e9}`);
    r.attributes = [kv('user', str(USERS[i % USERS.length]!)), kv('http.status', int(i % 97 === 0 ? 401 : 200)), kv('n', int(i))];
    records.push(r);
  }
  return { resourceLogs: [{ resource: newResource([kv('host.name', str(host)), kv('service.name', str('auth'))]), scopeLogs: [{ scope: newScope('bench'), logRecords: records, schemaUrl: '' }], schemaUrl: '' }] };
}

/** `records` sealed records (a seal every 1,000) as OTLP JSON lines of about 100 records, one stream. */
async function writeInput(dir: string, records: number): Promise<{ file: string; pub: string }> {
  const { keyFile, pubFile } = generateKeyFiles(join(dir, 'keys'));
  const signer = loadKeyFile(keyFile).signer;
  let clock = T0;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer, now: () => (clock += 1_000_000n), sealEveryRecords: 1000, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
    { stream: 'bench-host/logs', chain: '00000000000000aa' },
    'new',
  );
  const file = join(dir, 'logs.jsonl');
  const out = createWriteStream(file);
  const write = (d: LogsData): void => void out.write(encodeLogsJson(d) + '\n');
  write({ resourceLogs: [genesis] });
  for (let i = 0; i < records; i += 100) {
    sealer.stamp(batch(i, Math.min(100, records - i), `web-${(i / 100) % 4}`), (rl) => write({ resourceLogs: [rl] }));
  }
  write({ resourceLogs: [sealer.seal()] });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { file, pub: pubFile };
}

function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

export async function bench(opts: { quick: boolean; records?: number }): Promise<BenchResult[]> {
  const records = opts.records ?? (opts.quick ? 100_000 : 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'sealog-bench-search-'));
  try {
    const { file, pub } = await writeInput(dir, records);
    const out: BenchResult[] = [];
    const measure = async (name: string, run: () => Promise<number>): Promise<void> => {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const hits = await run();
      const sec = Number(process.hrtime.bigint() - t) / 1e9;
      const cpu = cpuSince(c);
      out.push({ name, value: Math.round(records / cpu), unit: 'records/s per CPU-second', extra: { records, hits, wallRecordsPerSecond: Math.round(records / sec), cpuSeconds: Number(cpu.toFixed(2)) } });
    };
    await measure('sealog verify (reference: the checker alone)', async () => {
      const r = await checkFiles({ keyFiles: [pub], files: [file] });
      if (!r.report.intact) throw new Error('bench input does not verify');
      return 0;
    });
    const queries: Array<[string, QueryFlags]> = [
      ['search, selective: one host, one user, text, one hour', { resource: ['host.name=web-2'], where: ['user=alice'], text: 'failed', since: '2026-12-01T02:10:00Z', until: '2026-12-01T03:10:00Z' }],
      ['search, text only over every record', { text: 'login failed' }],
      ['search, severity >= ERROR (2% hits)', { severity: 'ERROR' }],
    ];
    for (const [name, f] of queries) {
      await measure(name, async () => {
        const r = await search({ query: parseQuery(f, 0n), keyFiles: [pub], files: [file] });
        if (!r.ok) throw new Error(`bench search not ok: ${name}`);
        return r.hitCount;
      });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--records');
  const records = at > 0 ? Number(process.argv[at + 1]) : undefined;
  for (const r of await bench({ quick: process.argv.includes('--quick'), ...(records ? { records } : {}) })) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.extra ? ` ${JSON.stringify(r.extra)}` : ''}\n`);
}
