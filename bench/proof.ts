/**
 * Micro-benchmarks of inclusion proofs (docs/PROOF.md): proofs built per
 * second (the ProofCollector over a sealed stream, every record of 1,000-
 * record seal ranges), proofs verified per second (`verify-proof`'s core:
 * many records under one seal, and each proof checked on its own with no
 * signature remembered), and the proof size besides the record.
 * Standalone: `node dist/bench/proof.js [--quick]`; in the bench: `npm run bench -- --only proof`.
 */
import { fileURLToPath } from 'node:url';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { TrustStore } from '../src/integrity/keys.js';
import { Sealer } from '../src/integrity/sealer.js';
import { kv, newResource, newScope, str, type LogsData, type ResourceLogs } from '../src/otlp/types.js';
import { ProofCollector, ProofVerifier } from '../src/verify/proof/index.js';
import { benchRecords } from './integrity.js';
import type { BenchResult } from './types.js';

const STREAM = 'bench-host/logs';

/** `ranges` seal ranges of 1,000 leaves (the genesis, then 999 records a range, then 1,000). */
function sealedLines(ranges: number): LogsData[] {
  let clock = 1_767_225_600_000_000_000n;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: signerFromSeed(new Uint8Array(32).fill(3), 0), now: () => (clock += 1_000_000n), sealEveryRecords: 1_000_000, controlResource: newResource([kv('service.name', str('sealog'))]), controlScope: newScope('sealog.integrity', '1') },
    { stream: STREAM, chain: '0123456789abcdef' },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  for (let b = 0; b < ranges; b++) {
    sealer.stamp(benchRecords(b === 0 ? 999 : 1000), (rl) => frames.push(rl));
    frames.push(sealer.seal());
  }
  return frames.map((rl) => ({ resourceLogs: [rl] }));
}

function seqsOf(lines: LogsData[]): number[] {
  const out: number[] = [];
  for (const l of lines) {
    for (const r of l.resourceLogs[0]!.scopeLogs[0]!.logRecords) {
      if (r.eventName.startsWith('sealog.')) continue;
      const v = r.attributes.find((a) => a.key === 'sealog.seq')!.value;
      if (v.type === 'int') out.push(Number(v.value));
    }
  }
  return out;
}

/** CPU seconds of this process since `c0` (the machine may be shared: rates per CPU-second hold either way). */
function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

export async function bench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const ranges = opts.quick ? 3 : 10;
  const lines = sealedLines(ranges);
  const seqs = seqsOf(lines);
  const trust = new TrustStore(nodeCrypto);
  trust.addAnchor(signerFromSeed(new Uint8Array(32).fill(3), 0).publicKey);

  let t = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  const c = new ProofCollector(nodeCrypto, seqs.map((seq) => ({ stream: STREAM, seq })));
  lines.forEach((l, i) => c.add(l, `bench:${i + 1}`));
  const built = c.finish();
  const buildSec = Number(process.hrtime.bigint() - t) / 1e9;
  const buildCpu = cpuSince(cpu);
  const proofs = built.map((r) => {
    if (!r.ok) throw new Error(`bench proof ${r.seq}: ${r.reason}`);
    return r.proof;
  });
  const texts = proofs.map((p) => JSON.stringify(p));
  const sizes = proofs.map((p, i) => Buffer.byteLength(texts[i]!) - Buffer.byteLength(JSON.stringify(p['record'])));

  // verify-proof as the CLI runs it: parse each proof's text, check it; one verifier for the batch.
  t = process.hrtime.bigint();
  cpu = process.cpuUsage();
  const v = new ProofVerifier(nodeCrypto, trust);
  for (const text of texts) if (!v.verify(JSON.parse(text)).ok) throw new Error('bench: a proof does not verify');
  const batchSec = Number(process.hrtime.bigint() - t) / 1e9;
  const batchCpu = cpuSince(cpu);

  // Each proof on its own: no signature remembered, so every proof costs its Ed25519 check.
  const alone = texts.slice(0, opts.quick ? 1000 : 5000);
  const each = new ProofVerifier(nodeCrypto, trust, { remember: false });
  t = process.hrtime.bigint();
  cpu = process.cpuUsage();
  for (const text of alone) if (!each.verify(JSON.parse(text)).ok) throw new Error('bench: a proof does not verify');
  const aloneSec = Number(process.hrtime.bigint() - t) / 1e9;
  const aloneCpu = cpuSince(cpu);

  return [
    { name: 'proof build (ProofCollector, every record of 1,000-record ranges)', value: Math.round(proofs.length / buildSec), unit: 'proofs/s', extra: { proofs: proofs.length, perCpuSecond: Math.round(proofs.length / buildCpu) } },
    { name: 'verify-proof, many records under one seal (signature remembered)', value: Math.round(texts.length / batchSec), unit: 'proofs/s', extra: { proofs: texts.length, perCpuSecond: Math.round(texts.length / batchCpu) } },
    { name: 'verify-proof, each proof on its own (Ed25519 every proof)', value: Math.round(alone.length / aloneSec), unit: 'proofs/s', extra: { proofs: alone.length, perCpuSecond: Math.round(alone.length / aloneCpu) } },
    { name: 'proof size besides the record, 1,000-record range (max / mean)', value: Math.max(...sizes), unit: 'bytes', extra: { mean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length), target: 1024 } },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await bench({ quick: process.argv.includes('--quick') })) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.extra ? ` ${JSON.stringify(r.extra)}` : ''}\n`);
}
