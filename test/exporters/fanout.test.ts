import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectVerifies, makeSealed, range } from './helpers/data.js';
import { fileConfig, httpConfig } from './helpers/config.js';
import { Harness } from './helpers/harness.js';
import { freePort } from './helpers/sink.js';
import { walkExportJson } from './helpers/pbwalk.js';
import { readFile, writeFile } from 'node:fs/promises';
import { checkFiles } from '../../src/verify/check-files.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create(['otlphttp/main', 'otlphttp/backup', 'otlphttp/witness', 'file/witness', 'file/main']);
});
afterEach(async () => {
  await h.cleanup();
});

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

describe('fan-out: several exporters on one spool', () => {
  it('keeps separate cursors: one exporter down does not hold the other back, and it catches up later', async () => {
    const up = await h.sink();
    const downPort = await freePort();
    const data = await makeSealed({ dir: h.dir, records: 500 });
    const half = Math.floor(data.entries.length / 2);
    await h.spool.append(data.entries.slice(0, half));
    const main = h.exporter(httpConfig({ id: 'otlphttp/main', endpoint: up.url }));
    const backup = h.exporter(httpConfig({ id: 'otlphttp/backup', endpoint: `http://127.0.0.1:${downPort}` }));
    await main.exporter.start();
    await backup.exporter.start();
    expect(await main.exporter.drain(60_000)).toBe(true);
    // more data while the backup is still down: the main exporter keeps delivering
    await h.spool.append(data.entries.slice(half));
    expect(await main.exporter.drain(60_000)).toBe(true);
    expect(sorted(up.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(up.acceptedJsonLines(), data);
    expect(backup.reader.acks).toEqual([]);
    expect(backup.reader.lag().records).toBe(data.records);
    expect(main.reader.lag().records).toBe(0);
    expect(await backup.exporter.drain(100)).toBe(false); // not caught up while its backend is down

    const late = await h.sink({ port: downPort });
    expect(await backup.exporter.drain(60_000)).toBe(true);
    expect(sorted(late.acceptedSeqs())).toEqual(range(data.records));
    await expectVerifies(late.acceptedJsonLines(), data);
  });

  it('seals_only witnesses receive exactly the control records, over OTLP/HTTP and to a file', async () => {
    const mainSink = await h.sink();
    const witnessSink = await h.sink();
    const data = await makeSealed({ dir: h.dir, records: 1000, sealEvery: 50 });
    await h.spool.append(data.entries);
    const witnessPath = join(h.dir, 'witness.jsonl');
    const exps = [
      h.exporter(httpConfig({ id: 'otlphttp/main', endpoint: mainSink.url })),
      h.exporter(httpConfig({ id: 'otlphttp/witness', endpoint: witnessSink.url, sealsOnly: true })),
      h.exporter(fileConfig(witnessPath, { id: 'file/witness', sealsOnly: true })),
    ];
    for (const e of exps) await e.exporter.start();
    for (const e of exps) expect(await e.exporter.drain(60_000)).toBe(true);
    expect(sorted(mainSink.acceptedSeqs())).toEqual(range(data.records));
    expect(witnessSink.errors).toEqual([]);
    expect(witnessSink.accepted.map((r) => r.seq!).sort((a, b) => a - b)).toEqual(data.controlSeqs); // requests may arrive in any order
    expect(witnessSink.accepted.every((r) => r.type !== undefined)).toBe(true);
    const fileRecs = (await readFile(witnessPath, 'utf8'))
      .split('\n')
      .filter((l) => l !== '')
      .flatMap((l) => walkExportJson(l));
    expect(fileRecs.map((r) => r.seq)).toEqual(data.controlSeqs);
    for (const e of exps) expect(e.reader.lag().records).toBe(0);
  });

  it('a seals_only witness file is what `sealog verify --witness` reads: intact with the main stream, a finding once the main stream is truncated', async () => {
    const data = await makeSealed({ dir: h.dir, records: 600, sealEvery: 50 });
    await h.spool.append(data.entries);
    const mainPath = join(h.dir, 'main.jsonl');
    const witnessPath = join(h.dir, 'witness.jsonl');
    const main = h.exporter(fileConfig(mainPath, { id: 'file/main', maxBatchRecords: 50 }));
    const witness = h.exporter(fileConfig(witnessPath, { id: 'file/witness', sealsOnly: true }));
    for (const e of [main, witness]) await e.exporter.start();
    for (const e of [main, witness]) expect(await e.exporter.drain(60_000)).toBe(true);
    for (const e of [main, witness]) await e.exporter.shutdown();

    const clean = await checkFiles({ keyFiles: [data.publicKeyFile], files: [mainPath], witnessFiles: [witnessPath] });
    expect(clean.report.findings.filter((f) => f.severity === 'violation')).toEqual([]);
    expect(clean.report.intact).toBe(true);

    // the backend loses its newest records, seals included: only the witness can tell
    const lines = (await readFile(mainPath, 'utf8')).split('\n').filter((l) => l !== '');
    const truncatedPath = join(h.dir, 'main-truncated.jsonl');
    await writeFile(truncatedPath, lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n');
    const alone = await checkFiles({ keyFiles: [data.publicKeyFile], files: [truncatedPath] });
    expect(alone.report.streams.flatMap((st) => st.findings).concat(alone.report.findings).some((f) => f.kind === 'witness_missing')).toBe(false);
    const withWitness = await checkFiles({ keyFiles: [data.publicKeyFile], files: [truncatedPath], witnessFiles: [witnessPath] });
    const all = [...withWitness.report.findings, ...withWitness.report.streams.flatMap((st) => st.findings)];
    expect(all.some((f) => f.kind === 'witness_missing' && f.severity === 'violation')).toBe(true);
    expect(withWitness.report.intact).toBe(false);
  });
});
