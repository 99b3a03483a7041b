/**
 * The Collector's filelog receiver and sealog's filelog receiver tail the same
 * rotating files at once; each writes what it read through its file exporter.
 * On rotation both must deliver every line, and each line once. Two cases
 * where they differ by design are held to what each documents: a restart
 * without a storage extension, and late writes to a file that left the
 * include set. The table of differences, and which rows these tests exercise,
 * is in docs/FILELOG.md ("sealog and the Collector's filelog receiver").
 */
import { appendFile, copyFile, mkdir, open, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, stopAgent, tempDir, type AgentProc } from '../helpers/agent-process.js';
import { COLLECTOR_TELEMETRY, dataBodies, readText, requireCollector, startCollector, stopCollector, waitFor, Started, type CollectorProc } from './collector.js';

const started = new Started();

beforeAll(() => requireCollector());
afterEach(() => started.stopAll());

/**
 * Starts the Collector and sealog on `include`. The Collector's file exporter
 * truncates its file at start (`append` is off by default), so a restarted one
 * is given a new `collectorOut`; sealog's appends and keeps its spool.
 */
async function startBoth(dir: string, include: string, collectorOut = 'collector.jsonl'): Promise<{ collector: CollectorProc; agent: AgentProc }> {
  const collector = await startCollector(
    join(dir, 'collector.yaml'),
    `receivers:
  filelog:
    include: [${include}]
    start_at: beginning
    poll_interval: 50ms
exporters:
  file: { path: ${dir}/${collectorOut}, flush_interval: 100ms }
service:
${COLLECTOR_TELEMETRY}  pipelines:
    logs: { receivers: [filelog], exporters: [file] }
`,
  );
  started.collectors.push(collector);
  await writeFile(
    join(dir, 'sealog.yaml'),
    `agent: { id: interop-filelog }
receivers:
  filelog:
    include: [${include}]
    start_at: beginning
    poll_interval: 50ms
exporters:
  file: { path: ${dir}/sealog.jsonl, flush_interval: 50ms }
integrity:
  key: ${dir}/keys/sealog.key
  generate_key: true
spool: { dir: ${dir}/spool }
service:
  telemetry: { metrics: 127.0.0.1:0 }
  pipelines:
    logs: { receivers: [filelog], exporters: [file] }
`,
  );
  const agent = startAgent(join(dir, 'sealog.yaml'));
  started.agents.push(agent);
  await agent.waitForLog((l) => l.msg === 'sealog started', 30_000);
  return { collector, agent };
}

function burst(round: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${new Date(1_767_225_600_000 + round * 1000 + i).toISOString()} round=${round} line=${i} msg=request-served`);
}

/** Counts per body; the lines that are missing and those read more than once. */
function tally(bodies: string[], expected: string[]): { missing: number; twice: number } {
  const seen = new Map<string, number>();
  for (const b of bodies) seen.set(b, (seen.get(b) ?? 0) + 1);
  return { missing: expected.filter((l) => !seen.has(l)).length, twice: [...seen.values()].filter((n) => n > 1).length };
}

/** Both outputs hold `line`; on a timeout the error says how far each got. */
async function waitBoth(dir: string, line: string, what: string, collectorOut = 'collector.jsonl'): Promise<void> {
  const has = async (f: string) => (await readText(join(dir, f))).includes(`"${line}"`);
  try {
    await waitFor(async () => (await has(collectorOut)) && (await has('sealog.jsonl')), what);
  } catch (e) {
    const c = (await dataBodies(join(dir, collectorOut))).length;
    const s = (await dataBodies(join(dir, 'sealog.jsonl'))).length;
    throw new Error(`${(e as Error).message}: the Collector wrote ${c} records (last line there: ${await has(collectorOut)}), sealog ${s} (${await has('sealog.jsonl')})`);
  }
}

async function bothDeliver(dir: string, collector: CollectorProc, agent: AgentProc, expected: string[]): Promise<void> {
  await waitBoth(dir, expected.at(-1)!, 'the last line from both');
  expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
  expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
  const c = tally(await dataBodies(join(dir, 'collector.jsonl')), expected);
  const s = tally(await dataBodies(join(dir, 'sealog.jsonl')), expected);
  expect({ collector: c, sealog: s }).toEqual({ collector: { missing: 0, twice: 0 }, sealog: { missing: 0, twice: 0 } });
}

const ROUNDS = 5;
const PER_ROUND = 400;

/**
 * Rounds of rename-and-create rotation: half a round, a pause, the rest (so
 * both tailers are mid-file when it rotates), then `app.log` moves to
 * `rotated(round)` and a new empty one takes its place.
 */
async function renameRounds(log: string, rotated: (round: number) => string): Promise<string[]> {
  const expected: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const lines = burst(r, PER_ROUND);
    expected.push(...lines);
    await appendFile(log, lines.slice(0, PER_ROUND / 2).join('\n') + '\n');
    await new Promise((res) => setTimeout(res, 150));
    await appendFile(log, lines.slice(PER_ROUND / 2).join('\n') + '\n');
    await rename(log, rotated(r));
    await writeFile(log, '');
  }
  return expected;
}

/** A temp dir with an empty logs/app.log. */
async function emptyLog(): Promise<{ t: { dir: string }; log: string }> {
  const t = await tempDir('sealog-interop-filelog-');
  started.dirs.push(t);
  await mkdir(join(t.dir, 'logs'));
  const log = join(t.dir, 'logs', 'app.log');
  await writeFile(log, '');
  return { t, log };
}

describe('Collector filelog and sealog filelog on the same rotating files', () => {
  it('rename and create, rotated files still matched (app.log*): every line once from both', async () => {
    const { t, log } = await emptyLog();
    const { collector, agent } = await startBoth(t.dir, `${t.dir}/logs/app.log*`);
    const expected = await renameRounds(log, (r) => `${log}.${r + 1}`);
    await bothDeliver(t.dir, collector, agent, expected);
  });

  it('rename and create, rotated files leave the include set (app.log only): every line once from both', async () => {
    const { t, log } = await emptyLog();
    await mkdir(join(t.dir, 'old'));
    const { collector, agent } = await startBoth(t.dir, log);
    const expected = await renameRounds(log, (r) => join(t.dir, 'old', `app.log.${r + 1}`));
    await bothDeliver(t.dir, collector, agent, expected);
  });

  it('copytruncate with the copy matched, after both read the file: every line once from both', async () => {
    const { t, log } = await emptyLog();
    const { collector, agent } = await startBoth(t.dir, `${t.dir}/logs/app.log*`);
    const expected: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const lines = burst(r, PER_ROUND);
      expected.push(...lines);
      await appendFile(log, lines.join('\n') + '\n');
      // copytruncate loses what was not read before the truncation (for any
      // tailer); wait until both have read the round, then rotate.
      await waitBoth(t.dir, lines.at(-1)!, `round ${r} read by both`);
      await copyFile(log, `${log}.${r + 1}`);
      await truncate(log, 0);
    }
    await bothDeliver(t.dir, collector, agent, expected);
  });

  it('restart, the Collector without a storage extension: it reads the file again from the start (every line, the first run\'s twice); sealog resumes where its spool says (every line once)', async () => {
    const { t, log } = await emptyLog();
    const rounds = [0, 1, 2].map((r) => burst(r, PER_ROUND));
    const expected = rounds.flat();
    // Round 0 with both running, round 1 while both are stopped, round 2 after both restarted.
    let { collector, agent } = await startBoth(t.dir, log);
    await appendFile(log, rounds[0]!.join('\n') + '\n');
    await waitBoth(t.dir, rounds[0]!.at(-1)!, 'round 0 read by both');
    expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });
    await appendFile(log, rounds[1]!.join('\n') + '\n');
    ({ collector, agent } = await startBoth(t.dir, log, 'collector-2.jsonl'));
    await appendFile(log, rounds[2]!.join('\n') + '\n');
    await waitBoth(t.dir, rounds[2]!.at(-1)!, 'round 2 read by both after the restart', 'collector-2.jsonl');
    expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });

    const firstRun = await dataBodies(join(t.dir, 'collector.jsonl'));
    const secondRun = await dataBodies(join(t.dir, 'collector-2.jsonl'));
    // start_at: beginning applies again: the second run re-reads round 0.
    expect(tally(secondRun, expected)).toEqual({ missing: 0, twice: 0 });
    expect(tally([...firstRun, ...secondRun], expected)).toEqual({ missing: 0, twice: PER_ROUND });
    expect(tally(await dataBodies(join(t.dir, 'sealog.jsonl')), expected)).toEqual({ missing: 0, twice: 0 });
  });

  it('a rotated file leaves the include set and is still written to (late writes): sealog reads every late line; the Collector none written after it forgot the file', async () => {
    const { t, log } = await emptyLog();
    await mkdir(join(t.dir, 'old'));
    const { collector, agent } = await startBoth(t.dir, log);
    const first = burst(0, PER_ROUND);
    await appendFile(log, first.join('\n') + '\n');
    await waitBoth(t.dir, first.at(-1)!, 'round 0 read by both');

    // A writer that keeps its descriptor across the rename, as a logger that
    // was not told to reopen does.
    const writer = await open(log, 'a');
    const late: string[] = [];
    const afterForgotten: string[] = [];
    const writeLate = async (list: string[]) => {
      const line = `${new Date(1_767_225_700_000 + late.length).toISOString()} late=${late.length} msg=still-writing`;
      late.push(line);
      list.push(line);
      await writer.write(line + '\n');
      await new Promise((res) => setTimeout(res, 100));
    };
    const marker = 'new-file marker';
    const end = 'new-file end';
    try {
      await rename(log, join(t.dir, 'old', 'app.log.1'));
      await writeFile(log, marker + '\n');
      // The Collector read the new file, so it has polled since the rename:
      // that poll read the old file to its end from the previous poll's list
      // and forgot it. Late lines go on every 100 ms meanwhile, so sealog
      // (which drains the old file until it is quiet for 1 s) keeps it open.
      const has = async (f: string, line: string) => (await readText(join(t.dir, f))).includes(`"${line}"`);
      while (!(await has('collector.jsonl', marker))) {
        if (late.length > 600) throw new Error('the Collector did not read the new file within 60 s');
        await writeLate([]);
      }
      for (let i = 0; i < 5; i++) await writeLate(afterForgotten);
    } finally {
      await writer.close();
    }
    await appendFile(log, end + '\n');
    await waitFor(async () => (await readText(join(t.dir, 'sealog.jsonl'))).includes(`"${late.at(-1)!}"`), 'the last late line from sealog');
    await waitBoth(t.dir, end, 'the end of the new file from both');
    expect(await stopCollector(collector)).toEqual({ code: 0, signal: null });
    expect(await stopAgent(agent)).toEqual({ code: 0, signal: null });

    const expected = [...first, ...late, marker, end];
    expect(tally(await dataBodies(join(t.dir, 'sealog.jsonl')), expected)).toEqual({ missing: 0, twice: 0 });
    const c = await dataBodies(join(t.dir, 'collector.jsonl'));
    expect(tally(c, [...first, marker, end])).toEqual({ missing: 0, twice: 0 });
    expect(afterForgotten.filter((l) => c.includes(l))).toEqual([]);
  });
});
