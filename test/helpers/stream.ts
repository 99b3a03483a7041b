/**
 * Builds sealed streams in memory with a fixed key, for integrity tests.
 */
import type { LogsData, ResourceLogs } from '../../src/otlp/types.js';
import { toHex } from '../../src/integrity/bytes.js';
import { canonicalRecord } from '../../src/integrity/canonical.js';
import { ChainHasher } from '../../src/integrity/chain.js';
import { controlStatementV2, withoutSig } from '../../src/integrity/control.js';
import { int, kv, newLogRecord, newResource, newScope, str } from '../../src/otlp/types.js';
import type { CryptoProvider, Signer } from '../../src/integrity/crypto.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { Sealer } from '../../src/integrity/sealer.js';
import { verifyPassesSync, type VerifyOptions, type VerifyReport } from '../../src/verify/core/index.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';

export const TEST_SEED = new Uint8Array(32).fill(7);
export const T0 = 1_700_000_000_000_000_000n;

export function testSigner(epoch = 0, seed = TEST_SEED): Signer {
  return signerFromSeed(seed, epoch);
}

export function appRecords(n: number, startIndex = 0): LogsData {
  const resource = newResource([kv('service.name', str('app')), kv('host.name', str('h1'))]);
  const records = [];
  for (let i = 0; i < n; i++) {
    const r = newLogRecord();
    r.timeUnixNano = T0 + BigInt(startIndex + i) * 1_000_000n;
    r.observedTimeUnixNano = r.timeUnixNano;
    r.severityNumber = 9;
    r.severityText = 'INFO';
    r.body = str(`user ${startIndex + i} logged in from 10.0.0.${(startIndex + i) % 255}`);
    r.attributes = [kv('user.id', int(startIndex + i)), kv('http.method', str('POST'))];
    records.push(r);
  }
  return { resourceLogs: [{ resource, scopeLogs: [{ scope: newScope('app', '1.0'), logRecords: records, schemaUrl: '' }], schemaUrl: '' }] };
}

export interface BuiltStream {
  /** One ResourceLogs per spool frame, in chain order. */
  frames: ResourceLogs[];
  signer: Signer;
  stream: string;
  chain: string;
}

export function buildStream(opts: {
  records: number;
  sealEvery?: number;
  batch?: number;
  stream?: string;
  chain?: string;
  signer?: Signer;
  crypto?: CryptoProvider;
  finalSeal?: boolean;
}): BuiltStream {
  const signer = opts.signer ?? testSigner();
  let clock = T0;
  const { sealer, genesis } = Sealer.genesis(
    {
      crypto: opts.crypto ?? nodeCrypto,
      signer,
      now: () => (clock += 1_000n),
      sealEveryRecords: opts.sealEvery ?? 10,
      controlResource: newResource([kv('service.name', str('sealog'))]),
      controlScope: newScope('sealog.integrity', '1'),
    },
    { stream: opts.stream ?? 'host1/logs', chain: opts.chain ?? '0011223344556677' },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  const batch = opts.batch ?? 7;
  for (let i = 0; i < opts.records; i += batch) {
    sealer.stamp(appRecords(Math.min(batch, opts.records - i), i), (rl) => frames.push(rl));
  }
  if (opts.finalSeal !== false) frames.push(sealer.seal());
  return { frames, signer, stream: opts.stream ?? 'host1/logs', chain: opts.chain ?? '0011223344556677' };
}

export function verifyData(lines: LogsData[], signer: Signer, extra: Partial<VerifyOptions> = {}): VerifyReport {
  const trust = new TrustStore(nodeCrypto);
  trust.addAnchor(signer.publicKey);
  return verifyPassesSync({ crypto: nodeCrypto, trust, nowNs: () => T0 + 10_000_000_000n, ...extra }, (v) => lines.forEach((d, i) => v.addLogsData(d, `test:${i + 1}`))).report();
}

export function asLines(frames: ResourceLogs[], perLine = 1): LogsData[] {
  const out: LogsData[] = [];
  for (let i = 0; i < frames.length; i += perLine) out.push({ resourceLogs: frames.slice(i, i + perLine) });
  return out;
}

/**
 * Re-signs the control record of a frame as whoever holds `signer` would
 * (v2: over its own canonical bytes without `sig`), after a test changed it.
 * Its sealog.hash is left as it was.
 */
export function resignControl(rl: ResourceLogs, signer: Signer, seq: number): void {
  const stream = rl.resource.attributes.find((a) => a.key === 'sealog.stream')!.value as { value: string };
  const chain = rl.resource.attributes.find((a) => a.key === 'sealog.chain')!.value as { value: string };
  const rec = rl.scopeLogs[0]!.logRecords[0]!;
  const ctx = new ChainHasher(nodeCrypto).context(rl.resource, rl.scopeLogs[0]!.scope);
  const sig = signer.sign(controlStatementV2({ stream: stream.value, chain: chain.value }, seq, ctx, canonicalRecord(withoutSig(rec))));
  if (rec.body.type !== 'kvlist') throw new Error('not a control record');
  rec.body.value.find((e) => e.key === 'sig')!.value = str(toHex(sig));
}

