/**
 * Finding 7 of issue 21 with the real agent: a time before 1970 or after 2554,
 * or a date that does not exist, is never wrapped or rolled over. The record
 * keeps its observed time, its event time is unset (0) and the text is kept in
 * log.record.original_time, counted in a metric; the same at the OTLP receiver.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { cleanup, get, harness, newDir, readOr, run, waitFor } from './hostile-helpers.js';

const h = harness();
afterEach(() => cleanup(h));

interface OutRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  body?: { stringValue?: string };
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
}

/** The records of every complete line (a line still being written is left for the next read). */
function records(out: string): OutRecord[] {
  const all: OutRecord[] = [];
  for (const line of out.slice(0, out.lastIndexOf('\n') + 1).split('\n')) {
    if (!line) continue;
    const d = JSON.parse(line) as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: OutRecord[] }> }> };
    for (const rl of d.resourceLogs) for (const sl of rl.scopeLogs) all.push(...sl.logRecords);
  }
  return all;
}

function attr(r: OutRecord, key: string): string | undefined {
  return r.attributes?.find((a) => a.key === key)?.value.stringValue;
}

function series(metrics: string, name: string): number {
  let n = 0;
  for (const l of metrics.split('\n')) if (l.startsWith(name + '{')) n += Number(l.slice(l.lastIndexOf(' ') + 1));
  return n;
}

describe('timestamps on a hostile host (real process)', () => {
  it('filelog and OTLP keep unrepresentable or impossible times as text, with event time 0, counted', async () => {
    const dir = await newDir(h, 'logs', 'out');
    const lines = [
      '1969-12-31 23:59:59 before-epoch',
      '1900-01-01 00:00:00 long-ago',
      '2026-02-30 10:00:00 no-such-day',
      '2600-01-01 00:00:00 after-2554',
      '2026-03-01 10:00:00 fine',
    ];
    await writeFile(join(dir, 'logs', 'app.log'), lines.join('\n') + '\n');
    const cfg = join(dir, 'sealog.yaml');
    await writeFile(
      cfg,
      `agent: { id: hostile-time }
receivers:
  filelog:
    include: [${dir}/logs/*.log]
    start_at: beginning
    poll_interval: 50ms
    parsers:
      - { type: regex, regex: '^(?<time>\\S+ \\S+) (?<msg>.*)$' }
      - { type: timestamp, parse_from: time, layout: '%Y-%m-%d %H:%M:%S' }
  otlp:
    protocols:
      http: { endpoint: 127.0.0.1:0 }
exporters:
  file: { path: ${dir}/out/logs.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
  seal: { every_records: 50, interval: 200ms, heartbeat: 2s }
spool: { dir: ${dir}/spool, sync: none }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [filelog, otlp], exporters: [file] }
`,
    );
    const { agent, telemetry } = await run(h, cfg);
    const l = await agent.waitForLog((x) => x.msg === 'OTLP/HTTP receiver listening');
    const body = JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                { timeUnixNano: '18446744073709551616', observedTimeUnixNano: '1767225600000000000', body: { stringValue: 'otlp-too-late' } },
                { timeUnixNano: '-1', body: { stringValue: 'otlp-negative' } },
                { timeUnixNano: '1767225600000000000', body: { stringValue: 'otlp-fine' } },
              ],
            },
          ],
        },
      ],
    });
    const res = await request(`http://${String(l.endpoint)}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const resText = await res.body.text();
    expect(res.statusCode, resText).toBe(200);

    const path = join(dir, 'out', 'logs.jsonl');
    const expected = ['before-epoch', 'long-ago', 'no-such-day', 'after-2554', 'fine', 'otlp-too-late', 'otlp-negative', 'otlp-fine'];
    let recs: OutRecord[] = [];
    const byText = (t: string): OutRecord => recs.find((r) => attr(r, 'msg') === t || r.body?.stringValue === t)!;
    // Every record by its own text ('fine"' alone would also match the OTLP record 'otlp-fine', which can arrive first).
    await waitFor(async () => {
      recs = records(await readOr(path));
      return expected.every((t) => byText(t) !== undefined);
    }, 60_000, 'all records forwarded');
    for (const [i, name] of ['before-epoch', 'long-ago', 'no-such-day', 'after-2554'].entries()) {
      const r = byText(name);
      expect(r, name).toBeDefined();
      expect(BigInt(r.timeUnixNano ?? '0'), name).toBe(0n);
      expect(BigInt(r.observedTimeUnixNano ?? '0'), name).toBeGreaterThan(0n);
      expect(attr(r, 'log.record.original_time'), name).toBe(lines[i]!.slice(0, 19));
    }
    expect(BigInt(byText('fine').timeUnixNano!)).toBe(BigInt(Date.UTC(2026, 2, 1, 10)) * 1_000_000n);
    expect(attr(byText('fine'), 'log.record.original_time')).toBeUndefined();

    const late = byText('otlp-too-late');
    expect(BigInt(late.timeUnixNano ?? '0')).toBe(0n);
    expect(late.observedTimeUnixNano).toBe('1767225600000000000');
    expect(attr(late, 'log.record.original_time')).toBe('18446744073709551616');
    expect(attr(byText('otlp-negative'), 'log.record.original_time')).toBe('-1');
    expect(byText('otlp-fine').timeUnixNano).toBe('1767225600000000000');

    const m = (await get(`http://${telemetry}/metrics`)).text;
    expect(series(m, 'sealog_filelog_parse_errors_total')).toBe(4);
    expect(series(m, 'sealog_receiver_times_unrepresentable_total')).toBe(2);
  });
});
