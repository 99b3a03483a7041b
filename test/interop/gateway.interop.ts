/**
 * sealog → the real OpenTelemetry Collector as a gateway. sealog tails a file
 * and exports OTLP/HTTP (protobuf or JSON, gzip or not) to the Collector's
 * otlp receiver; the Collector batches, regroups and re-encodes, and writes
 * (a) its file exporter's OTLP JSON lines and (b) through its otlphttp
 * exporter to a second otlp receiver whose pipeline writes another file.
 * `sealog verify` must find both outputs INTACT, and a record changed in the
 * Collector's output must be caught at its seq.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startAgent, stopAgent, tempDir } from '../helpers/agent-process.js';
import { COLLECTOR_TELEMETRY, count, freePort, readText, requireCollector, startCollector, stopCollector, waitFor, Started } from './collector.js';

const LINES = 2000;
const started = new Started();

beforeAll(() => requireCollector());
afterEach(() => started.stopAll());

function gatewayConfig(dir: string, inPort: number, hopPort: number): string {
  return `receivers:
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:${inPort} }
  otlp/hop:
    protocols:
      http: { endpoint: 127.0.0.1:${hopPort} }
processors:
  batch:
    send_batch_size: 300
    timeout: 200ms
exporters:
  file:
    path: ${dir}/collector-file.jsonl
    flush_interval: 100ms
  otlphttp:
    endpoint: http://127.0.0.1:${hopPort}
    encoding: proto
    compression: gzip
  file/hop:
    path: ${dir}/collector-hop.jsonl
    flush_interval: 100ms
service:
${COLLECTOR_TELEMETRY}  pipelines:
    logs:
      receivers: [otlp]
      processors: [batch]
      exporters: [file, otlphttp]
    logs/hop:
      receivers: [otlp/hop]
      exporters: [file/hop]
`;
}

function sealogConfig(dir: string, collectorPort: number, encoding: string, compression: string): string {
  return `agent: { id: interop-gateway }
receivers:
  filelog:
    include: [${dir}/logs/*.log]
    start_at: beginning
    poll_interval: 50ms
exporters:
  otlphttp:
    endpoint: http://127.0.0.1:${collectorPort}
    encoding: ${encoding}
    compression: ${compression}
    max_batch_records: 700
    retry_on_failure: { initial_interval: 100ms, max_interval: 1s }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 250, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: interval, sync_interval: 20ms }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  shutdown_timeout: 10s
  pipelines:
    logs:
      receivers: [filelog]
      exporters: [otlphttp]
`;
}

interface Report {
  intact: boolean;
  violations: number;
  streams: Array<{ records: number; seals: number; findings: Array<{ kind: string; seq?: number }> }>;
}

async function verify(dir: string, file: string, ...args: string[]): Promise<{ code: number | null; report: Report }> {
  const r = await runCli(['verify', '--key', join(dir, 'keys', 'sealog.pub'), '--json', ...args, file]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

/** Runs the whole chain once and returns the two Collector output files. */
async function throughGateway(encoding: string, compression: string): Promise<{ dir: string; files: string[] }> {
  const t = await tempDir('sealog-interop-gw-');
  started.dirs.push(t);
  const dir = t.dir;
  await mkdir(join(dir, 'logs'));
  const [inPort, hopPort] = [await freePort(), await freePort()];
  const collector = await startCollector(join(dir, 'collector.yaml'), gatewayConfig(dir, inPort, hopPort));
  started.collectors.push(collector);
  // A mix of what a log file holds: plain text, JSON-looking text, non-ASCII, long lines.
  const lines = Array.from({ length: LINES }, (_, i) =>
    i % 97 === 0 ? `line ${i} ${'x'.repeat(3000)}` : i % 13 === 0 ? `line ${i} {"user":"ü-${i}","ok":true}` : `line ${i} GET /api/v1/items/${i} 200 ${i * 7} ms`,
  );
  await writeFile(join(dir, 'logs', 'app.log'), lines.join('\n') + '\n');
  await writeFile(join(dir, 'sealog.yaml'), sealogConfig(dir, inPort, encoding, compression));
  const agent = startAgent(join(dir, 'sealog.yaml'));
  started.agents.push(agent);
  await agent.waitForLog((l) => l.msg === 'sealog started', 30_000);
  const files = [join(dir, 'collector-file.jsonl'), join(dir, 'collector-hop.jsonl')];
  const last = `"line ${LINES - 1} GET`;
  await waitFor(async () => (await readText(files[0]!)).includes(last) && (await readText(files[1]!)).includes(last), 'the last line in both Collector outputs');
  // SIGTERM: sealog seals what it holds and drains it to the Collector.
  expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
  // The Collector answered 200 once its batch processor took the records; they
  // reach the files up to a batch timeout later, the hop one step after. Its
  // shutdown stops the hop receiver before the otlphttp exporter flushes, so
  // wait until both files hold the final seal (nothing unsealed) first.
  await waitFor(async () => {
    for (const f of files) if (!(await verify(dir, f, '--strict')).report.intact) return false;
    return true;
  }, 'both Collector outputs to hold the final seal');
  expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
  return { dir, files };
}

describe.each([
  ['proto', 'gzip'],
  ['proto', 'none'],
  ['json', 'gzip'],
  ['json', 'none'],
])('sealog (%s, compression %s) → Collector gateway', (encoding, compression) => {
  it('the Collector file exporter output and its otlphttp hop verify INTACT', async () => {
    const { dir, files } = await throughGateway(encoding, compression);
    for (const file of files) {
      const text = await readText(file);
      // The Collector regrouped records into its own batches.
      expect(text.split('\n').filter(Boolean).length).toBeGreaterThan(1);
      const { code, report } = await verify(dir, file, '--strict');
      expect(report.violations, `${file}: ${JSON.stringify(report.streams[0]?.findings)}`).toBe(0);
      expect(report.intact).toBe(true);
      expect(code).toBe(0);
      expect(report.streams).toHaveLength(1);
      expect(report.streams[0]!.records).toBe(LINES);
      expect(report.streams[0]!.seals).toBeGreaterThanOrEqual(LINES / 250);
    }
  });
});

interface JsonRecord {
  body?: { stringValue?: string };
  attributes?: Array<{ key: string; value: { intValue?: string | number } }>;
}
interface JsonLine {
  resourceLogs: Array<{ scopeLogs: Array<{ logRecords: JsonRecord[] }> }>;
}

/** Rewrites a Collector output file, applying `edit` to the record whose body starts with `prefix`; returns that record's sealog.seq. */
async function editRecord(src: string, dst: string, prefix: string, edit: (records: JsonRecord[], index: number) => void): Promise<number> {
  let seq = -1;
  const out = (await readText(src))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const parsed = JSON.parse(line) as JsonLine;
      for (const rl of parsed.resourceLogs)
        for (const sl of rl.scopeLogs) {
          const i = sl.logRecords.findIndex((r) => r.body?.stringValue?.startsWith(prefix));
          if (i < 0) continue;
          seq = Number(sl.logRecords[i]!.attributes!.find((a) => a.key === 'sealog.seq')!.value.intValue);
          edit(sl.logRecords, i);
          return JSON.stringify(parsed);
        }
      return line;
    });
  await writeFile(dst, out.join('\n') + '\n');
  return seq;
}

describe('a record changed in the Collector output', () => {
  it('is caught as modified at its seq, and a deleted one as missing', async () => {
    const { dir, files } = await throughGateway('proto', 'gzip');
    expect(count(await readText(files[0]!), '"line 1234 GET')).toBe(1);

    const changed = join(dir, 'changed.jsonl');
    const changedSeq = await editRecord(files[0]!, changed, 'line 1234 GET', (records, i) => {
      records[i]!.body = { stringValue: 'line 1234 GET /api/v1/items/1234 500 8638 ms' };
    });
    const m = await verify(dir, changed);
    expect(m.code).toBe(1);
    expect(m.report.intact).toBe(false);
    expect(m.report.streams[0]!.findings.filter((f) => f.kind === 'modified').map((f) => f.seq)).toEqual([changedSeq]);

    const deleted = join(dir, 'deleted.jsonl');
    const deletedSeq = await editRecord(files[1]!, deleted, 'line 777 GET', (records, i) => records.splice(i, 1));
    const d = await verify(dir, deleted);
    expect(d.code).toBe(1);
    expect(d.report.streams[0]!.findings.filter((f) => f.kind === 'missing').map((f) => f.seq)).toEqual([deletedSeq]);
  });
});
