/**
 * Sealed streams for the proof tests, made by the agent's own Sealer with
 * fixed keys: `batches` batches of records, a seal after each, the key
 * rotated (announced by the seal, then used) after the batches listed.
 */
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import type { Signer } from '../../src/integrity/crypto.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { kv, newResource, newScope, str, type LogsData, type ResourceLogs } from '../../src/otlp/types.js';
import { appRecords, T0 } from './stream.js';

export const seedOf = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (n * 37 + i * 11) & 0xff);

export function proofKeys(n = 3, seedBase = 1): Signer[] {
  return Array.from({ length: n }, (_, e) => signerFromSeed(seedOf(seedBase + e), e));
}

export function anchorTrust(key: Signer): TrustStore {
  const t = new TrustStore(nodeCrypto);
  t.addAnchor(key.publicKey);
  return t;
}

export interface ProofStream {
  frames: ResourceLogs[];
  lines: LogsData[];
  stream: string;
  chain: string;
  /** Seqs of the ordinary (non-control) records. */
  recordSeqs: number[];
}

export function proofStream(o: { keys: Signer[]; batches: number; perBatch: number; rotateAfter?: number[]; stream?: string; chain?: string; version?: 1 | 2 }): ProofStream {
  let clock = T0;
  const stream = o.stream ?? 'proof-host/logs';
  const chain = o.chain ?? 'a1b2c3d4e5f60718';
  const { sealer, genesis } = Sealer.genesis(
    {
      crypto: nodeCrypto,
      signer: o.keys[0]!,
      now: () => (clock += 1_000_000n),
      sealEveryRecords: 1_000_000,
      controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str('proof-host'))]),
      controlScope: newScope('sealog.integrity', '1'),
      ...(o.version ? { version: o.version } : {}),
    },
    { stream, chain },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  let epoch = 0;
  for (let b = 0; b < o.batches; b++) {
    sealer.stamp(appRecords(o.perBatch, b * o.perBatch), (rl) => frames.push(rl));
    if (o.rotateAfter?.includes(b)) {
      frames.push(sealer.seal({ nextKey: o.keys[epoch + 1]!.publicKey }));
      sealer.setSigner(o.keys[++epoch]!);
    } else {
      frames.push(sealer.seal());
    }
  }
  const recordSeqs: number[] = [];
  for (const rl of frames) {
    for (const r of rl.scopeLogs[0]!.logRecords) {
      if (r.eventName.startsWith('sealog.')) continue;
      recordSeqs.push(Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value));
    }
  }
  return { frames, lines: frames.map((rl) => ({ resourceLogs: [rl] })), stream, chain, recordSeqs };
}
