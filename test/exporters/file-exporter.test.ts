import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../src/exporters/dlq.js';
import { decodeLogsJson } from '../../src/otlp/json.js';
import { countRecords } from '../../src/otlp/types.js';
import { expectVerifies, makeSealed, range } from './helpers/data.js';
import { fileConfig } from './helpers/config.js';
import { Harness } from './helpers/harness.js';
import { walkExportJson } from './helpers/pbwalk.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create(['file']);
});
afterEach(async () => {
  await h.cleanup();
});

/** Every complete line of the live file and its backups (gzip ones decompressed), oldest file first. */
async function readLines(dir: string, base: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(base)).sort((a, b) => (a === `${base}.jsonl` ? 1 : b === `${base}.jsonl` ? -1 : a.localeCompare(b)));
  const lines: string[] = [];
  for (const n of names) {
    let buf = await readFile(join(dir, n));
    if (n.endsWith('.gz')) buf = gunzipSync(buf);
    const text = buf.toString('utf8');
    expect(text === '' || text.endsWith('\n')).toBe(true);
    lines.push(...text.split('\n').filter((l) => l !== ''));
  }
  return lines;
}

function seqsOf(lines: string[]): number[] {
  return lines.flatMap((l) => walkExportJson(l).map((r) => r.seq!));
}

describe('file exporter', () => {
  it('writes one OTLP/JSON ExportLogsServiceRequest per batch per line, after what the file already held', async () => {
    const path = join(h.dir, 'out', 'logs.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 300 });
    const half = Math.floor(data.entries.length / 2);
    const firstRun = await h.spool.append(data.entries.slice(0, half));
    const firstRecords = data.entries.slice(0, half).reduce((n, e) => n + e.records, 0);
    const { exporter, reader } = h.exporter(fileConfig(path, { maxBatchRecords: 50 }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    await exporter.shutdown();
    const lines = await readLines(join(h.dir, 'out'), 'logs');
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(firstRecords / 51));
    for (const l of lines) {
      const parsed = JSON.parse(l) as { resourceLogs: unknown[] };
      expect(Object.keys(parsed)).toEqual(['resourceLogs']);
      expect(countRecords(decodeLogsJson(l))).toBe(walkExportJson(l).length);
      expect(l).toMatch(/^\{"resourceLogs":\[\{"resource":\{"attributes":\[/);
    }
    expect(seqsOf(lines)).toEqual(range(firstRecords));
    expect(reader.acks.at(-1)).toBe(firstRun.lastId);
    expect(h.metric('sealog_exporter_records_sent_total', { exporter: 'file' })).toBe(firstRecords);

    // a second run appends; the first run's lines stay
    await h.spool.append(data.entries.slice(half));
    const again = h.exporter(fileConfig(path));
    await again.exporter.start();
    expect(await again.exporter.drain(60_000)).toBe(true);
    await again.exporter.shutdown();
    const after = await readLines(join(h.dir, 'out'), 'logs');
    expect(after.slice(0, lines.length)).toEqual(lines);
    expect(seqsOf(after)).toEqual(range(data.records));
    await expectVerifies(after, data);
  });

  it('never truncates a file that exists at start', async () => {
    const path = join(h.dir, 'logs.jsonl');
    await writeFile(path, '{"resourceLogs":[]}\n');
    await h.spool.append((await makeSealed({ dir: h.dir, records: 5 })).entries);
    const { exporter } = h.exporter(fileConfig(path));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect((await readFile(path, 'utf8')).startsWith('{"resourceLogs":[]}\n{"resourceLogs":[{')).toBe(true);
  });

  it('acks a batch only once its line is in the file, flushing on the flush interval without a drain', async () => {
    const path = join(h.dir, 'logs.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 300 });
    const { firstId, lastId } = await h.spool.append(data.entries);
    const lastSeqOfFrame = new Map<number, number>();
    let seq = 0;
    data.entries.forEach((e, i) => lastSeqOfFrame.set(firstId + i, (seq += e.records)));
    const { exporter, reader } = h.exporter(fileConfig(path, { flushIntervalMs: 200, maxBatchRecords: 40 }));
    const violations: string[] = [];
    const innerAck = reader.ack.bind(reader);
    reader.ack = async (id: number) => {
      const inFile = new Set(seqsOf((await readFile(path, 'utf8')).split('\n').filter((l) => l !== '')));
      for (let s = 1; s <= lastSeqOfFrame.get(id)!; s++) if (!inFile.has(s)) violations.push(`ack ${id} before seq ${s} was written`);
      await innerAck(id);
    };
    await exporter.start();
    await h.waitFor(() => (reader.acks.at(-1) ?? 0) === lastId, 'the cursor at the end');
    expect(violations).toEqual([]);
    expect(reader.acks.length).toBeGreaterThan(0);
  });

  it('loses nothing across a restart and repeats at most the batch that was not yet acked', async () => {
    const path = join(h.dir, 'logs.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 2000 });
    const half = Math.floor(data.entries.length / 2);
    await h.spool.append(data.entries.slice(0, half));
    const one = h.exporter(fileConfig(path, { maxBatchRecords: 100 }));
    await one.exporter.start();
    await h.spool.append(data.entries.slice(half));
    await h.waitFor(() => (one.reader.acks.at(-1) ?? 0) >= 10, 'some progress');
    await one.exporter.shutdown();
    const two = h.exporter(fileConfig(path, { maxBatchRecords: 100 }));
    await two.exporter.start();
    expect(await two.exporter.drain(60_000)).toBe(true);
    await two.exporter.shutdown();
    const seqs = seqsOf(await readLines(h.dir, 'logs'));
    expect([...new Set(seqs)].sort((a, b) => a - b)).toEqual(range(data.records));
    expect(seqs.length - data.records).toBeLessThanOrEqual(110);
    await expectVerifies(await readLines(h.dir, 'logs'), data);
  });

  it('rotates by size into gzip backups that, with the live file, hold every record once', async () => {
    const path = join(h.dir, 'rot', 'logs.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 3000 });
    await h.spool.append(data.entries);
    const { exporter } = h.exporter(
      fileConfig(path, { maxBatchRecords: 100, rotation: { maxMegabytes: 0.05, maxBackups: 0, compress: true } }),
    );
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    await exporter.shutdown();
    const names = await readdir(join(h.dir, 'rot'));
    const backups = names.filter((n) => n !== 'logs.jsonl');
    expect(backups.length).toBeGreaterThan(3);
    for (const b of backups) expect(b).toMatch(/^logs-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}(-\d+)?\.jsonl\.gz$/);
    expect(h.metric('sealog_exporter_file_rotations_total', { exporter: 'file' })).toBe(backups.length);
    const lines = await readLines(join(h.dir, 'rot'), 'logs');
    expect(seqsOf(lines)).toEqual(range(data.records));
    await expectVerifies(lines, data);
  });

  it('with seals_only, writes exactly the control records', async () => {
    const path = join(h.dir, 'witness.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 500, sealEvery: 40 });
    const appended = await h.spool.append(data.entries);
    const { exporter, reader } = h.exporter(fileConfig(path, { sealsOnly: true }));
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    await exporter.shutdown();
    const lines = await readLines(h.dir, 'witness');
    const recs = lines.flatMap((l) => walkExportJson(l));
    expect(recs.map((r) => r.seq)).toEqual(data.controlSeqs);
    expect(new Set(recs.map((r) => r.type))).toEqual(new Set(['genesis', 'seal']));
    expect(reader.acks.at(-1)).toBe(appended.lastId);
  });

  it('keeps a spool frame it cannot decode in the dead-letter area and goes on with the rest', async () => {
    const path = join(h.dir, 'logs.jsonl');
    const data = await makeSealed({ dir: h.dir, records: 100 });
    const bad = { payload: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]), meta: new Uint8Array(0), records: 7, flags: 0 };
    await h.spool.append(data.entries.slice(0, 3));
    const badIds = await h.spool.append([bad]);
    const { lastId } = await h.spool.append(data.entries.slice(3));
    const { exporter, reader } = h.exporter(fileConfig(path, { maxBatchRecords: 1 })); // one frame per batch
    await exporter.start();
    expect(await exporter.drain(60_000)).toBe(true);
    expect(reader.acks.at(-1)).toBe(lastId);
    await expectVerifies(await readLines(h.dir, 'logs'), data);
    const { entries } = await listDeadLetters(h.spoolDir);
    expect(entries.map((e) => [e.meta.reason, e.meta.records, e.meta.frames.first])).toEqual([['unencodable', 7, badIds.firstId]]);
    expect(h.deadLetters).toHaveLength(1);
    expect(h.metric('sealog_exporter_dead_lettered_records_total', { exporter: 'file' })).toBe(7);
  });
});
