import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDlqList, runDlqReplay } from '../../src/cli/dlq.js';
import { dlqDirFor, listDeadLetters, writeDeadLetter } from '../../src/exporters/dlq.js';
import { buildJsonBatch, buildProtoBatch } from '../../src/exporters/batch.js';
import type { SpoolFrame } from '../../src/spool/types.js';
import { makeEntries, range, STREAM } from './helpers/data.js';
import { Harness } from './helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
afterEach(async () => {
  await h.cleanup();
});

/** Captured output of one CLI run; pass `.io` to the command. */
function io(): { out: string[]; err: string[]; io: { out(l: string): void; err(l: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

async function seedDeadLetters(): Promise<{ protoSeqs: number[]; jsonSeqs: number[]; records: number }> {
  const d = makeEntries({ records: 40, perFrame: 10 });
  const frames: SpoolFrame[] = d.entries.map((e, i) => ({ id: i + 1, records: e.records, flags: e.flags, payload: e.payload, appendedAtMs: 0 }));
  const a = frames.slice(0, 2);
  const b = frames.slice(2);
  const pa = buildProtoBatch(a, false);
  const jb = buildJsonBatch(b, false);
  const base = { status: 400, message: 'bad data', endpoint: 'http://x/v1/logs', attempts: 1, streams: [] };
  await writeDeadLetter(dlqDirFor(h.spoolDir, 'otlphttp'), pa.body, {
    ...base,
    exporter: 'otlphttp',
    reason: 'rejected',
    records: pa.records,
    encoding: 'proto',
    contentType: 'application/x-protobuf',
    frames: { first: 1, last: 2 },
    streams: [{ stream: STREAM, first: 1, last: pa.records }],
  });
  // the pipeline may name folders its own way (here `otlphttp_backup`): entries are found by the sidecar's exporter id
  await writeDeadLetter(join(h.spoolDir, 'dlq', 'otlphttp_backup'), jb.body, {
    ...base,
    exporter: 'otlphttp/backup',
    reason: 'retries_exhausted',
    status: 503,
    records: jb.records,
    encoding: 'json',
    contentType: 'application/json',
    frames: { first: 3, last: frames.length },
  });
  return { protoSeqs: range(pa.records), jsonSeqs: range(jb.records, pa.records + 1), records: d.records };
}

describe('sealog spool dlq', () => {
  it('lists dead letters of every exporter, for people and as JSON', async () => {
    await mkdir(h.spoolDir, { recursive: true });
    const seeded = await seedDeadLetters();
    const human = io();
    expect(await runDlqList({ dir: h.spoolDir }, human.io)).toBe(0);
    const text = human.out.join('\n');
    expect(text).toMatch(/otlphttp {2}rejected 400 {2}\d+ records {2}seq test-host\/logs:1-\d+ {2}proto/);
    expect(text).toMatch(/otlphttp\/backup {2}retries_exhausted 503/);
    expect(text).toContain(`2 dead letters, ${seeded.records} records`);
    const json = io();
    expect(await runDlqList({ dir: h.spoolDir, json: true }, json.io)).toBe(0);
    const parsed = JSON.parse(json.out.join('')) as { entries: Array<{ exporter: string; records: number }>; problems: string[] };
    expect(parsed.entries.map((e) => e.exporter).sort()).toEqual(['otlphttp', 'otlphttp/backup']);
    expect(parsed.problems).toEqual([]);
  });

  it('replays one exporter’s dead letters to an endpoint, records the replay, and deletes with --delete', async () => {
    await mkdir(h.spoolDir, { recursive: true });
    const seeded = await seedDeadLetters();
    const sink = await h.sink();
    const run1 = io();
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp/backup', endpoint: sink.url, header: ['X-Tenant=blue'] }, run1.io)).toBe(0);
    expect(sink.errors).toEqual([]);
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.path).toBe('/v1/logs');
    expect(sink.requests[0]!.headers['content-type']).toBe('application/json');
    expect(sink.requests[0]!.headers['x-tenant']).toBe('blue');
    expect(sink.accepted.map((r) => r.seq)).toEqual(seeded.jsonSeqs);
    const after = await listDeadLetters(h.spoolDir, 'otlphttp/backup');
    expect(after.entries[0]!.meta.replays).toMatchObject([{ ok: true, status: 200 }]);

    const run2 = io();
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp', endpoint: sink.url + '/v1/logs', delete: true }, run2.io)).toBe(0);
    expect(sink.accepted.slice(seeded.jsonSeqs.length).map((r) => r.seq)).toEqual(seeded.protoSeqs);
    expect(await readdir(dlqDirFor(h.spoolDir, 'otlphttp'))).toEqual([]);
  });

  it('exits 1 when the endpoint refuses an entry, and keeps the entry', async () => {
    await mkdir(h.spoolDir, { recursive: true });
    await seedDeadLetters();
    const sink = await h.sink({ behaviour: () => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'nope: schema mismatch' }) });
    const run = io();
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp', endpoint: sink.url, delete: true }, run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('HTTP 400: nope: schema mismatch');
    const left = await listDeadLetters(h.spoolDir, 'otlphttp');
    expect(left.entries).toHaveLength(1);
    expect(left.entries[0]!.meta.replays).toMatchObject([{ ok: false, status: 400 }]);
  });

  it('exits 2 for an unreadable spool directory or a malformed header, 0 when there is nothing to replay', async () => {
    const run = io();
    expect(await runDlqList({ dir: join(h.dir, 'nope') }, run.io)).toBe(2);
    expect(run.err.join('')).toMatch(/cannot read spool directory/);
    await mkdir(h.spoolDir, { recursive: true });
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp', endpoint: 'http://127.0.0.1:1', header: ['novalue'] }, io().io)).toBe(2);
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp', endpoint: 'localhost:4318' }, io().io)).toBe(2);
    const empty = io();
    expect(await runDlqReplay({ dir: h.spoolDir, exporter: 'otlphttp', endpoint: 'http://127.0.0.1:1' }, empty.io)).toBe(0);
    expect(empty.out.join('')).toMatch(/no dead letters/);
  });
});
