/**
 * The sealing stage over a real spool: a refused batch leaves no hole in the
 * chain and comes back unchanged; drop_newest writes a signed loss record;
 * file positions are committed with the frames; a restart resumes the chain.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAgentError } from '../../src/errors.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { Verifier } from '../../src/verify/core/index.js';
import { decodeResourceLogsProto } from '../../src/otlp/proto.js';
import { kv, newResource, newScope, str, type LogsData } from '../../src/otlp/types.js';
import { KeyManager } from '../../src/pipeline/key-manager.js';
import { encodeMeta, recoverState } from '../../src/pipeline/meta.js';
import { SealingPipeline } from '../../src/pipeline/sealing-pipeline.js';
import { LossLedger } from '../../src/pipeline/loss-ledger.js';
import type { FilePosition } from '../../src/pipeline/types.js';
import { openSpool, type Spool } from '../../src/spool/spool.js';
import { NOOP_LOGGER } from '../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import { appRecords } from '../helpers/stream.js';

const dirs: string[] = [];
const spools: Spool[] = [];
const pipelines: SealingPipeline[] = [];
afterEach(async () => {
  for (const p of pipelines.splice(0)) await p.close().catch(() => undefined);
  for (const s of spools.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(opts: { maxSizeBytes?: number; whenFull?: 'block' | 'drop_newest'; dir?: string; ledger?: boolean } = {}) {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'sealog-pipe-')));
  if (!opts.dir) dirs.push(dir);
  const keys = KeyManager.open(join(dir, 'keys', 'sealog.key'), { generate: true });
  keys.register('logs');
  let pipeline: SealingPipeline | undefined;
  const positions = new Map<string, Map<string, FilePosition>>();
  const spool = await openSpool({
    dir: join(dir, 'spool'),
    maxSizeBytes: opts.maxSizeBytes ?? 64 * 1024 * 1024,
    segmentSizeBytes: 16 * 1024,
    sync: 'interval',
    syncIntervalMs: 10,
    retainMs: 0,
    readers: ['out'],
    checkpoint: () => pipeline?.checkpointMeta() ?? encodeMeta({ checkpoint: true, positions: [] }),
    logger: NOOP_LOGGER,
  });
  spools.push(spool);
  const recovered = recoverState(spool.recoveryMeta());
  const ledger = opts.ledger ? await LossLedger.open(join(dir, 'spool')) : undefined;
  const sealerOpts = {
    crypto: nodeCrypto,
    signer: keys.signer,
    now: () => BigInt(Date.now()) * 1_000_000n,
    sealEveryRecords: 50,
    controlResource: newResource([kv('service.name', str('sealog'))]),
    controlScope: newScope('sealog.integrity', '1'),
  };
  let genesis;
  let sealer: Sealer;
  if (recovered.chain) {
    sealer = Sealer.resume(sealerOpts, recovered.chain);
  } else {
    ({ sealer, genesis } = Sealer.genesis(sealerOpts, { stream: 'test/logs', chain: 'c0ffee0000000001' }, 'new'));
  }
  pipeline = new SealingPipeline({
    name: 'logs',
    spool,
    sealer,
    keys,
    processors: [],
    sealIntervalMs: 60_000,
    heartbeatMs: 60_000,
    rotateMs: 0,
    whenFull: opts.whenFull ?? 'block',
    ...(ledger ? { ledger } : {}),
    positions: recovered.positions.size ? recovered.positions : positions,
    logger: NOOP_LOGGER,
    metrics: new MetricsRegistry(),
  });
  pipelines.push(pipeline);
  await pipeline.start(genesis);
  return { dir, spool, pipeline, keys, recovered, ledger };
}

/** Every record in the spool, decoded, in frame order. */
async function spooled(spool: Spool): Promise<LogsData[]> {
  const out: LogsData[] = [];
  for await (const f of spool.scan()) if (f.type === 1) out.push({ resourceLogs: [decodeResourceLogsProto(f.payload)] });
  return out;
}

/** An exporter's part: reads what the spool holds into `out` and acknowledges it; call again for more. */
function exportAll(spool: Spool, out: LogsData[]): () => Promise<void> {
  const reader = spool.reader('out');
  return async () => {
    for (;;) {
      const frames = await reader.next({ maxRecords: 100_000, maxBytes: 1 << 30, signal: AbortSignal.timeout(100) });
      if (frames.length === 0) return;
      for (const f of frames) out.push({ resourceLogs: [decodeResourceLogsProto(f.payload)] });
      await reader.ack(frames[frames.length - 1]!.id);
    }
  };
}

function verify(lines: LogsData[], keys: KeyManager) {
  const trust = new TrustStore(nodeCrypto);
  trust.addAnchor(keys.signer.publicKey);
  const v = new Verifier({ crypto: nodeCrypto, trust, nowNs: () => BigInt(Date.now()) * 1_000_000n });
  lines.forEach((l, i) => v.addLogsData(l, `frame ${i}`));
  return v.finish();
}

describe('sealing pipeline over a real spool', () => {
  it('a batch refused while the spool is full comes back unchanged and leaves no hole in the chain', async () => {
    const { spool, pipeline, keys } = await setup({ maxSizeBytes: 48 * 1024 });
    let refused: LogsData | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const batch = appRecords(40, i * 40);
      try {
        await pipeline.consume({ data: batch });
      } catch (err) {
        expect(isAgentError(err, 'SPOOL_FULL')).toBe(true);
        refused = batch;
      }
    }
    expect(refused, 'the spool never filled').toBeDefined();
    // The exporter catches up; acknowledged segments are deleted and space returns.
    const reader = spool.reader('out');
    let last = 0;
    for (;;) {
      const frames = await reader.next({ maxRecords: 100_000, maxBytes: 1 << 30, signal: AbortSignal.timeout(200) });
      if (frames.length === 0) break;
      last = frames[frames.length - 1]!.id;
      await reader.ack(last);
    }
    await pipeline.waitForSpace(AbortSignal.timeout(5000));
    await pipeline.consume({ data: refused! });
    await pipeline.sealNow();
    const after = await spooled(spool);
    const recs = after.flatMap((d) => d.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)));
    for (const r of recs) expect(r.attributes.some((a) => a.key.startsWith('sealog.upstream.'))).toBe(false);
    const report = verify(after, keys);
    const violations = report.streams.flatMap((s) => s.findings).filter((f) => f.severity === 'violation');
    expect(violations).toEqual([]);
  });

  it('when_full: drop_newest drops batches and writes signed loss records that account for every record', async () => {
    const { spool, pipeline, keys } = await setup({ maxSizeBytes: 48 * 1024, whenFull: 'drop_newest' });
    const delivered: LogsData[] = [];
    const drain = exportAll(spool, delivered);
    for (let i = 0; i < 150; i++) {
      await pipeline.consume({ data: appRecords(40, i * 40) }); // never refused: dropped instead
      if (i % 50 === 49) await drain();
    }
    await drain();
    await pipeline.close(); // writes any pending loss record and the final seal
    await drain();
    const report = verify(delivered, keys);
    const s = report.streams[0]!;
    expect(s.findings.filter((f) => f.severity === 'violation')).toEqual([]);
    const losses = s.findings.filter((f) => f.kind === 'loss');
    expect(losses.length).toBeGreaterThan(0);
    const declared = losses.reduce((a, f) => a + Number(/declared (\d+) record/.exec(f.message)![1]), 0);
    expect(declared + s.records).toBe(150 * 40);
  });

  it('drop_newest under sync: interval clears the loss ledger only after its loss record is fdatasynced', async () => {
    const { spool, pipeline, ledger } = await setup({ maxSizeBytes: 48 * 1024, whenFull: 'drop_newest', ledger: true });
    const events: string[] = [];
    const origAppend = spool.append.bind(spool);
    const origSync = spool.sync.bind(spool);
    const origClear = ledger!.clear.bind(ledger!);
    spool.append = (e, o) => origAppend(e, o).then((r) => (events.push(o?.force ? 'append-forced' : 'append'), r));
    spool.sync = () => origSync().then(() => void events.push('sync'));
    ledger!.clear = () => origClear().then(() => void events.push('clear'));
    const drain = exportAll(spool, []);
    for (let i = 0; i < 150; i++) {
      await pipeline.consume({ data: appRecords(40, i * 40) });
      if (i % 50 === 49) await drain();
    }
    await drain();
    await pipeline.close();
    const clears = events.flatMap((e, i) => (e === 'clear' ? [i] : []));
    expect(clears.length).toBeGreaterThan(0);
    for (const i of clears) {
      // The loss record was appended, then synced, and only then was the ledger cleared.
      const lastForced = events.lastIndexOf('append-forced', i);
      expect(lastForced).toBeGreaterThanOrEqual(0);
      expect(events.slice(lastForced, i)).toContain('sync');
    }
    await ledger!.close();
  });

  it('drop_newest: drops whose loss record did not fit before a crash are declared after the restart (loss ledger)', async () => {
    const first = await setup({ maxSizeBytes: 48 * 1024, whenFull: 'drop_newest', ledger: true });
    const total = 150 * 40;
    // Nothing is exported: the spool fills, then even the forced loss records stop fitting.
    for (let i = 0; i < 150; i++) await first.pipeline.consume({ data: appRecords(40, i * 40) });
    // The process dies: no close() of the pipeline (its pending loss count lives only in memory and the ledger).
    pipelines.splice(pipelines.indexOf(first.pipeline), 1);
    spools.splice(spools.indexOf(first.spool), 1);
    await first.spool.close();
    await first.ledger!.close();
    const second = await setup({ dir: first.dir, maxSizeBytes: 48 * 1024, whenFull: 'drop_newest', ledger: true });
    expect(second.ledger!.recovered?.count ?? 0).toBeGreaterThan(0);
    const delivered: LogsData[] = [];
    const drain = exportAll(second.spool, delivered);
    await drain();
    await second.pipeline.close(); // the spool has room now: the recovered count becomes a loss record
    await second.ledger!.close();
    await drain();
    const s = verify(delivered, second.keys).streams[0]!;
    expect(s.findings.filter((f) => f.severity === 'violation')).toEqual([]);
    const declared = s.findings.filter((f) => f.kind === 'loss').reduce((a, f) => a + Number(/declared (\d+) record/.exec(f.message)![1]), 0);
    expect(declared + s.records).toBe(total);
    // Cleared: a third start declares nothing again.
    const again = await LossLedger.open(join(first.dir, 'spool'));
    expect(again.recovered).toBeUndefined();
    await again.close();
  });

  it('file positions are committed with their frames and come back, with the chain, after a reopen', async () => {
    const first = await setup();
    const pos = (offset: number): FilePosition => ({ receiver: 'filelog', key: 'fp:1:2', path: '/var/log/a.log', offset });
    await first.pipeline.consume({ data: appRecords(10), positions: [pos(1000)] });
    await first.pipeline.consume({ data: appRecords(10, 10), positions: [pos(2000)] });
    const seq = first.pipeline.lastSeq;
    await first.pipeline.close();
    await first.spool.close();
    pipelines.length = 0;
    spools.length = 0;
    const second = await setup({ dir: first.dir });
    expect(second.recovered.chain?.seq).toBe(seq + 1); // + the final seal written by close()
    expect(second.recovered.positions.get('filelog')?.get('fp:1:2')?.offset).toBe(2000);
    await second.pipeline.consume({ data: appRecords(5, 20) });
    await second.pipeline.sealNow();
    const report = verify(await spooled(second.spool), second.keys);
    expect(report.streams).toHaveLength(1);
    expect(report.streams[0]!.findings.filter((f) => f.severity !== 'note')).toEqual([]);
  });
});
