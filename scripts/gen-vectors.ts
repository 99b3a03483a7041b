/**
 * Generates test/vectors/protocol-v1.json: known-answer vectors for the
 * integrity protocol (canonical bytes, chain hashes, seals and signatures with
 * a fixed test key) and mutated negatives with the findings the checker must
 * report. Deterministic: Ed25519 signatures are deterministic and every time
 * and id is fixed. Run `npm run gen:vectors` after `npm run build`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toHex } from '../src/integrity/bytes.js';
import { canonicalRecord } from '../src/integrity/canonical.js';
import { ChainHasher } from '../src/integrity/chain.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import type { Signer } from '../src/integrity/crypto.js';
import { Sealer, type SealerOptions } from '../src/integrity/sealer.js';
import { gapStatement, parseGap } from '../src/integrity/control.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { generateVectorsV2 } from './gen-vectors-v2.js';
import {
  type LogRecord,
  type LogsData,
  type ResourceLogs,
  bool,
  dbl,
  int,
  kv,
  kvlist,
  newLogRecord,
  newResource,
  newScope,
  str,
} from '../src/otlp/types.js';

export const VECTOR_SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
export const OTHER_SEED_HEX = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z

function record(i: number): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = T0 + BigInt(i) * 1_000_000_000n;
  r.observedTimeUnixNano = r.timeUnixNano + 5_000n;
  r.severityNumber = i % 3 === 0 ? 13 : 9;
  r.severityText = i % 3 === 0 ? 'WARN' : 'INFO';
  r.body = i % 4 === 0 ? kvlist([kv('msg', str(`login ${i}`)), kv('ok', bool(i % 2 === 0))]) : str(`user ${i} logged in from 192.0.2.${i}`);
  r.attributes = [kv('user.id', int(1000 + i)), kv('http.method', str('POST')), kv('latency', dbl(i / 8))];
  if (i % 5 === 0) {
    r.traceId = Uint8Array.from({ length: 16 }, (_, k) => (k + i) & 0xff);
    r.spanId = Uint8Array.from({ length: 8 }, (_, k) => (k * 3 + i) & 0xff);
    r.flags = 1;
  }
  if (i % 7 === 0) r.eventName = 'user.login';
  if (i === 6) {
    // Duplicate keys (OTLP forbids them; hostile input carries them), apart from each other and nested: ordered by encoded value.
    r.attributes.push(kv('http.method', str('GET')), kv('ctx', kvlist([kv('k', int(2)), kv('j', bool(true)), kv('k', int(1))])));
  }
  return r;
}

function appBatch(from: number, n: number): LogsData {
  const resource = newResource([kv('service.name', str('vector-app')), kv('host.name', str('vector-host'))]);
  const logRecords = Array.from({ length: n }, (_, k) => record(from + k));
  return { resourceLogs: [{ resource, scopeLogs: [{ scope: newScope('app', '1.0'), logRecords, schemaUrl: '' }], schemaUrl: '' }] };
}

function fromHexStr(h: string): Uint8Array {
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

/** The vector agent's sealer settings: a clock from `start` in 1 ms steps, a seal every 5 records. */
function vectorSealerOptions(signer: Signer, start: bigint, version: 1 | 2): SealerOptions {
  let clock = start;
  return {
    crypto: nodeCrypto,
    signer,
    now: () => (clock += 1_000_000n),
    sealEveryRecords: 5,
    controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str('vector-host'))]),
    controlScope: newScope('sealog.integrity', '1'),
    version,
  };
}

export function buildVectorStream(): { frames: ResourceLogs[]; publicKeyHex: string } {
  const signer = signerFromSeed(fromHexStr(VECTOR_SEED_HEX), 0);
  const { sealer, genesis } = Sealer.genesis(
    vectorSealerOptions(signer, T0 + 100_000_000_000n, 1),
    { stream: 'vector-host/logs', chain: '00112233aabbccdd' },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  for (let i = 0; i < 12; i += 4) sealer.stamp(appBatch(i, 4), (rl) => frames.push(rl));
  frames.push(sealer.seal());
  return { frames, publicKeyHex: toHex(signer.publicKey) };
}

/**
 * A second chain of the vector stream that starts with a `spool_tail_lost`
 * genesis (docs/PROTOCOL.md §6.1): the agent's spool still held chain
 * 00112233aabbccdd up to seq 8, its exporter had acknowledged up to the last
 * seq of that chain.
 */
export function buildTailLostChain(prev: ResourceLogs[]): ResourceLogs[] {
  const signer = signerFromSeed(fromHexStr(VECTOR_SEED_HEX), 0);
  const all = prev.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
  const seq = (r: LogRecord) => Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
  const hash = (r: LogRecord) => fromHexStr((r.attributes.find((a) => a.key === 'sealog.hash')!.value as { value: string }).value);
  const kept = all.find((r) => seq(r) === 8)!;
  const last = all[all.length - 1]!;
  const { sealer, genesis } = Sealer.genesis(
    vectorSealerOptions(signer, T0 + 200_000_000_000n, 2),
    { stream: 'vector-host/logs', chain: '99887766ffeeddcc' },
    'spool_tail_lost',
    { prevChain: '00112233aabbccdd', lastSeq: 8, lastHash: hash(kept), lastFrame: 3, ackedFrame: 6, ackedChain: '00112233aabbccdd', ackedSeq: seq(last), ackedHash: hash(last) },
  );
  const frames: ResourceLogs[] = [genesis];
  sealer.stamp(appBatch(100, 2), (rl) => frames.push(rl));
  frames.push(sealer.seal());
  return frames;
}

/**
 * A second, small stream for the gap record (PROTOCOL.md §7a): genesis,
 * two file records, a gap record with a known range, one with an unknown
 * end, and a seal over all of it.
 */
export function buildGapStream(): { frames: ResourceLogs[]; gapSeqs: number[] } {
  const signer = signerFromSeed(fromHexStr(VECTOR_SEED_HEX), 0);
  let clock = T0 + 200_000_000_000n;
  const { sealer, genesis } = Sealer.genesis(
    {
      crypto: nodeCrypto,
      signer,
      now: () => (clock += 1_000_000n),
      sealEveryRecords: 100,
      controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str('vector-host'))]),
      controlScope: newScope('sealog.integrity', '1'),
      version: 1,
    },
    { stream: 'vector-host/gaps', chain: '44556677eeff0011' },
    'new',
  );
  const frames: ResourceLogs[] = [genesis];
  sealer.stamp(appBatch(0, 2), (rl) => frames.push(rl));
  const file = `${'ab'.repeat(32)}:2049:131074`;
  frames.push(sealer.gap({ receiver: 'filelog/app', path: '/var/log/app/app.log', file, from: 81920, to: 86016, reason: 'closed' }));
  frames.push(sealer.gap({ receiver: 'filelog/app', path: '/var/log/app/app.log', file, from: 86016, reason: 'gone' }));
  const gapSeqs = [sealer.seq - 1, sealer.seq];
  frames.push(sealer.seal());
  return { frames, gapSeqs };
}

/** Lines of OTLP JSON, one frame per line, as our file exporter writes them. */
function lines(frames: ResourceLogs[]): string[] {
  return frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
}

type Json = Record<string, unknown>;

function mutateLines(src: string[], f: (objs: Json[]) => Json[]): string[] {
  return f(src.map((l) => JSON.parse(l) as Json)).map((o) => JSON.stringify(o));
}

function recordsOf(o: Json): Json[] {
  const rl = (o.resourceLogs as Json[])[0]!;
  return ((rl.scopeLogs as Json[])[0]!.logRecords as Json[]);
}

function seqOf(r: Json): number {
  const a = (r.attributes as Json[]).find((x) => x.key === 'sealog.seq')!;
  return Number((a.value as Json).intValue);
}

function findLine(objs: Json[], seq: number): { line: number; index: number } {
  for (let line = 0; line < objs.length; line++) {
    const recs = recordsOf(objs[line]!);
    const index = recs.findIndex((r) => seqOf(r) === seq);
    if (index >= 0) return { line, index };
  }
  throw new Error(`seq ${seq} not in vector stream`);
}

export interface Negative {
  name: string;
  description: string;
  lines: string[];
  /** Verify with this public key instead of the vector key. */
  publicKeyHex?: string;
  options?: { maxAgeSeconds?: number; strict?: boolean };
  /** Every finding a checker reports for it (kind, severity, seq, seqEnd), no more and no fewer. */
  expect: Array<{ kind: string; severity: 'violation' | 'warning' | 'note'; seq?: number; seqEnd?: number }>;
}

export function generateVectors(): Json {
  const { frames, publicKeyHex } = buildVectorStream();
  const base = lines(frames);
  const hasher = new ChainHasher(nodeCrypto);
  const records: Json[] = [];
  for (const rl of frames) {
    const ctx = hasher.context(rl.resource, rl.scopeLogs[0]!.scope);
    for (const r of rl.scopeLogs[0]!.logRecords) {
      const seq = Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
      records.push({
        seq,
        type: (r.attributes.find((a) => a.key === 'sealog.type')?.value as { value: string } | undefined)?.value ?? 'record',
        context_sha256: toHex(ctx),
        canonical: toHex(canonicalRecord(r)),
        hash: (r.attributes.find((a) => a.key === 'sealog.hash')!.value as { value: string }).value,
      });
    }
  }
  const other = toHex(signerFromSeed(fromHexStr(OTHER_SEED_HEX), 0).publicKey);
  const negatives: Negative[] = [
    {
      name: 'body-bit-flip',
      description: 'one character of record 3\'s body changed',
      lines: mutateLines(base, (o) => {
        const { line, index } = findLine(o, 3);
        const r = recordsOf(o[line]!)[index]!;
        (r.body as Json).stringValue = String((r.body as Json).stringValue).replace('user', 'usor');
        return o;
      }),
      expect: [{ kind: 'modified', severity: 'violation', seq: 3 }],
    },
    {
      name: 'attribute-changed',
      description: 'record 9\'s user.id attribute changed',
      lines: mutateLines(base, (o) => {
        const { line, index } = findLine(o, 9);
        const a = (recordsOf(o[line]!)[index]!.attributes as Json[]).find((x) => x.key === 'user.id')!;
        a.value = { intValue: '1' };
        return o;
      }),
      expect: [{ kind: 'modified', severity: 'violation', seq: 9 }],
    },
    {
      name: 'record-deleted',
      description: 'record 4 removed',
      lines: mutateLines(base, (o) => {
        const { line, index } = findLine(o, 4);
        recordsOf(o[line]!).splice(index, 1);
        return o;
      }),
      expect: [{ kind: 'missing', severity: 'violation', seq: 4, seqEnd: 4 }],
    },
    {
      name: 'record-inserted',
      description: 'a record without sealog.seq added to a sealed stream',
      lines: mutateLines(base, (o) => {
        const { line } = findLine(o, 3);
        recordsOf(o[line]!).push({ timeUnixNano: String(T0), body: { stringValue: 'injected' }, attributes: [] });
        return o;
      }),
      expect: [{ kind: 'inserted', severity: 'violation' }],
    },
    {
      name: 'conflicting-duplicate',
      description: 'a second, different record with seq 8',
      lines: mutateLines(base, (o) => {
        const { line, index } = findLine(o, 8);
        const copy = JSON.parse(JSON.stringify(recordsOf(o[line]!)[index])) as Json;
        copy.severityText = 'ERROR';
        recordsOf(o[line]!).push(copy);
        return o;
      }),
      expect: [{ kind: 'conflicting_duplicate', severity: 'violation', seq: 8 }],
    },
    {
      name: 'seal-root-edited',
      description: 'the Merkle root of the seal at seq 12 replaced',
      lines: mutateLines(base, (o) => {
        const { line, index } = findLine(o, 12);
        const body = recordsOf(o[line]!)[index]!.body as Json;
        const root = ((body.kvlistValue as Json).values as Json[]).find((x) => x.key === 'root')!;
        root.value = { stringValue: '00'.repeat(32) };
        return o;
      }),
      expect: [{ kind: 'modified', severity: 'violation', seq: 12 }, { kind: 'forged_seal', severity: 'violation', seq: 12 }],
    },
    {
      name: 'seq-swapped',
      description: 'the sealog.seq values of records 2 and 3 swapped',
      lines: mutateLines(base, (o) => {
        const a = findLine(o, 2);
        const b = findLine(o, 3);
        const ra = recordsOf(o[a.line]!)[a.index]!;
        const rb = recordsOf(o[b.line]!)[b.index]!;
        const sa = (ra.attributes as Json[]).find((x) => x.key === 'sealog.seq')!;
        const sb = (rb.attributes as Json[]).find((x) => x.key === 'sealog.seq')!;
        [sa.value, sb.value] = [sb.value, sa.value];
        return o;
      }),
      // Record 4 is unchanged, but links from neither the claimed nor the computed hash of seq 3.
      expect: [
        { kind: 'modified', severity: 'violation', seq: 2 },
        { kind: 'modified', severity: 'violation', seq: 3 },
        { kind: 'modified', severity: 'violation', seq: 4 },
        { kind: 'invalid_seal', severity: 'violation', seq: 6 },
      ],
    },
    {
      name: 'wrong-key',
      description: 'a clean stream checked against another host\'s key',
      lines: base,
      publicKeyHex: other,
      expect: [1, 6, 12, 16].map((seq) => ({ kind: 'unknown_key', severity: 'violation' as const, seq })),
    },
    {
      name: 'truncated-tail',
      description: 'the last seal and the records it covers deleted; --max-age makes the stale stream a finding',
      lines: base.slice(0, base.length - 2),
      options: { maxAgeSeconds: 60 },
      expect: [{ kind: 'stale', severity: 'violation', seq: 12 }],
    },
    {
      name: 'spool-tail-lost-strict',
      description:
        'a second chain whose signed genesis declares a lost spool tail (spool_tail_lost: the spool held seq 1..8, the exporter had acknowledged up to the end): ONE declared finding on the first chain naming seqs 9..end; a warning, here a violation because of --strict',
      lines: [...base, ...lines(buildTailLostChain(frames))],
      options: { strict: true },
      expect: [{ kind: 'spool_tail_lost', severity: 'violation', seq: 9, seqEnd: 16 }],
    },
    {
      name: 'spool-tail-lost-edited',
      description: "the spool_tail_lost genesis' last_seq changed after it was signed: its hash and its signature fail, and its declaration is not acted on",
      lines: [
        ...base,
        ...mutateLines(lines(buildTailLostChain(frames)), (o) => {
          const g = recordsOf(o[0]!)[0]!;
          const body = ((g.body as Json).kvlistValue as Json).values as Json[];
          (body.find((x) => x.key === 'last_seq')!.value as Json).intValue = '3';
          return o;
        }),
      ],
      // Not a declaration: the stream simply has a second chain, a plain restart.
      expect: [{ kind: 'modified', severity: 'violation', seq: 1 }, { kind: 'forged_seal', severity: 'violation', seq: 1 }, { kind: 'chain_restart', severity: 'warning' }],
    },
  ];
  const gs = buildGapStream();
  const gapLines = lines(gs.frames);
  const gapStatements = gs.gapSeqs.map((seq) => {
    const r = gs.frames.flatMap((rl) => rl.scopeLogs[0]!.logRecords).find((x) => (x.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value === BigInt(seq))!;
    const parsed = parseGap(r);
    if (!parsed.ok) throw new Error(parsed.error);
    const { sig, ...rest } = parsed.value;
    return { seq, statement: toHex(gapStatement({ stream: 'vector-host/gaps', chain: '44556677eeff0011' }, seq, rest)), sig: toHex(sig) };
  });
  const gap = {
    about: 'A stream with two gap records (docs/PROTOCOL.md §7a): each is a "gap" warning at its seq, a violation with --strict; the statement each signature covers is given in hex.',
    stream: 'vector-host/gaps',
    chain: '44556677eeff0011',
    lines: gapLines,
    statements: gapStatements,
    expect: gs.gapSeqs.map((seq) => ({ kind: 'gap', severity: 'warning', seq })),
    negatives: [
      {
        name: 'gap-range-edited',
        description: 'the first gap record\'s "from" changed after signing (a smaller gap claimed)',
        lines: mutateLines(gapLines, (o) => {
          const { line, index } = findLine(o, gs.gapSeqs[0]!);
          const body = recordsOf(o[line]!)[index]!.body as Json;
          const from = ((body.kvlistValue as Json).values as Json[]).find((x) => x.key === 'from')!;
          from.value = { intValue: '86000' };
          return o;
        }),
        // The other gap record still verifies: its gap is still declared.
        expect: [
          { kind: 'modified', severity: 'violation', seq: gs.gapSeqs[0]! },
          { kind: 'forged_seal', severity: 'violation', seq: gs.gapSeqs[0]! },
          { kind: 'gap', severity: 'warning', seq: gs.gapSeqs[1]! },
        ],
      },
      {
        name: 'gap-record-deleted',
        description: 'the second gap record removed (hiding the loss)',
        lines: mutateLines(gapLines, (o) => {
          const { line, index } = findLine(o, gs.gapSeqs[1]!);
          recordsOf(o[line]!).splice(index, 1);
          return o.filter((x) => recordsOf(x).length > 0);
        }),
        // The seal's range is no longer complete, so its root is not checked; the first gap stays declared.
        expect: [
          { kind: 'gap', severity: 'warning', seq: gs.gapSeqs[0]! },
          { kind: 'missing', severity: 'violation', seq: gs.gapSeqs[1]!, seqEnd: gs.gapSeqs[1]! },
        ],
      },
    ] as Negative[],
  };
  return {
    format: 'sealog-vectors-v1',
    about: 'Known-answer vectors for sealog integrity protocol v1 (docs/PROTOCOL.md). Regenerate with `npm run gen:vectors`.',
    test_seed_hex: VECTOR_SEED_HEX,
    public_key_hex: publicKeyHex,
    stream: 'vector-host/logs',
    chain: '00112233aabbccdd',
    anchor_hash: toHex(hasher.anchor('vector-host/logs', '00112233aabbccdd')),
    lines: base,
    records,
    negatives,
    gap,
  };
}

export const VECTOR_FILE = fileURLToPath(new URL('../../test/vectors/protocol-v1.json', import.meta.url));
export const VECTOR_FILE_V2 = fileURLToPath(new URL('../../test/vectors/protocol-v2.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(VECTOR_FILE, JSON.stringify(generateVectors(), null, 2) + '\n');
  process.stdout.write(`wrote ${VECTOR_FILE}\n`);
  writeFileSync(VECTOR_FILE_V2, JSON.stringify(generateVectorsV2(), null, 2) + '\n');
  process.stdout.write(`wrote ${VECTOR_FILE_V2}\n`);
}
