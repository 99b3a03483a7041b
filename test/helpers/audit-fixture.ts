/**
 * Real agent output for the auditor's tools (search, proofs, index, the
 * browser page): the `sealog` process (dist/) receives OTLP/HTTP records with
 * varied severities, attributes, bodies and hosts, seals them, and its file
 * exporter writes OTLP JSON lines. What was sent is returned too, so tests can
 * compare with a brute-force answer.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { startAgent, stopAgent, tempDir, waitUntil } from './agent-process.js';

/** Records are 1 s apart from here (2026-12-01T02:00:00Z). */
export const AUDIT_T0 = 1_796_090_400_000_000_000n;

export interface SentRecord {
  i: number;
  host: string;
  timeNs: bigint;
  severity: number;
  body: string;
  user: string;
  status: number;
}

const USERS = ['alice', 'bob', 'carol', 'dave', 'Alice.Admin'];
const ACTIONS = ['logged in', 'login FAILED', 'read /etc/shadow', 'changed role to admin', 'logged out'];

/** The i-th record (deterministic). */
export function sentRecord(i: number, hosts: readonly string[]): SentRecord {
  const user = USERS[i % USERS.length]!;
  const action = ACTIONS[(i * 7) % ACTIONS.length]!;
  const severity = [9, 13, 17, 5, 21][i % 5]!;
  return {
    i,
    host: hosts[i % hosts.length]!,
    timeNs: AUDIT_T0 + BigInt(i) * 1_000_000_000n,
    severity,
    body: `user ${user} ${action} from 10.0.${i % 7}.${i % 250} (event ${i})`,
    user,
    status: [200, 401, 403, 500, 503][(i * 3) % 5]!,
  };
}

function otlpBody(records: SentRecord[]): string {
  const byHost = new Map<string, SentRecord[]>();
  for (const r of records) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r]);
  return JSON.stringify({
    resourceLogs: [...byHost].map(([host, rs]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'auth' } }, { key: 'host.name', value: { stringValue: host } }] },
      scopeLogs: [
        {
          scope: { name: 'audit', version: '1.0' },
          logRecords: rs.map((r) => ({
            timeUnixNano: r.timeNs.toString(),
            severityNumber: r.severity,
            body: { stringValue: r.body },
            attributes: [
              { key: 'user', value: { stringValue: r.user } },
              { key: 'http.status', value: { intValue: String(r.status) } },
              { key: 'event.id', value: { intValue: String(r.i) } },
            ],
          })),
        },
      ],
    })),
  });
}

export interface AuditOutput {
  dir: string;
  /** The file exporter's output (OTLP JSON lines). */
  out: string;
  pub: string;
  spool: string;
  sent: SentRecord[];
  cleanup(): Promise<void>;
}

/**
 * Runs the agent, posts `records` records in batches of `batch`, waits until
 * the output holds them all, and stops the agent with SIGTERM (which seals
 * the tail). The agent stamps one stream; `hosts` vary a resource attribute.
 */
export async function auditOutput(opts: { records: number; sealEvery?: number; batch?: number; hosts?: string[] }): Promise<AuditOutput> {
  const t = await tempDir('sealog-audit-');
  const hosts = opts.hosts ?? ['web-1', 'web-2', 'web-3'];
  const cfg = join(t.dir, 'sealog.yaml');
  await mkdir(join(t.dir, 'out'), { recursive: true });
  await writeFile(
    cfg,
    `agent: { id: audit-host }
receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${t.dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${t.dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: ${opts.sealEvery ?? 100}, interval: 1s, heartbeat: 30s }
spool: { dir: ${t.dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 10s
  pipelines:
    logs: { receivers: [otlp], exporters: [file] }
`,
  );
  const agent = startAgent(cfg);
  try {
    const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening', 60_000);
    await agent.waitForLog((x) => x.msg === 'sealog started', 60_000);
    const port = Number(String(l.endpoint).split(':').pop());
    const sent: SentRecord[] = [];
    const batch = opts.batch ?? 50;
    for (let i = 0; i < opts.records; i += batch) {
      const rs: SentRecord[] = [];
      for (let j = i; j < Math.min(opts.records, i + batch); j++) rs.push(sentRecord(j, hosts));
      const res = await request(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpBody(rs) });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`the agent answered ${res.statusCode} to a batch`);
      sent.push(...rs);
    }
    const out = join(t.dir, 'out', 'logs.jsonl');
    const last = `(event ${opts.records - 1})`;
    await waitUntil('the output holds every record', async () => (await readFile(out, 'utf8').catch(() => '')).includes(last), 90_000);
    const stopped = await stopAgent(agent);
    if (stopped.code !== 0) throw new Error(`the agent exited with ${stopped.code}: ${agent.stderr().slice(-2000)}`);
    return { dir: t.dir, out, pub: join(t.dir, 'keys', 'sealog.pub'), spool: join(t.dir, 'spool'), sent, cleanup: t.cleanup };
  } catch (err) {
    await stopAgent(agent, 'SIGKILL');
    await t.cleanup();
    throw err;
  }
}
