/**
 * Generates test/vectors/protocol-v2.json: known-answer vectors for protocol
 * v2 (control records signed over their own canonical bytes, key
 * certificates with their in-force time) and negatives for epoch
 * continuity, anchors and order: each with the complete list of findings a
 * checker must report (kind, severity, seq, seqEnd). Deterministic. Run by
 * `npm run gen:vectors` (after `npm run build`) with the v1 file.
 */
import { fromHex, toHex } from '../src/integrity/bytes.js';
import { ChainHasher } from '../src/integrity/chain.js';
import { keyCertStatement, REASON_SPOOL_TAIL_LOST, type TailLostFields } from '../src/integrity/control.js';
import type { Signer } from '../src/integrity/crypto.js';
import { nodeCrypto, signerFromSeed } from '../src/integrity/node/crypto.js';
import { Sealer, type ChainState } from '../src/integrity/sealer.js';
import { encodeLogsJson } from '../src/otlp/json.js';
import { int, kv, newLogRecord, newResource, newScope, str, type LogsData, type ResourceLogs } from '../src/otlp/types.js';

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
export const V2_NOW_NS = T0 + 3_600_000_000_000n;
const STREAM = 'vector-host/logs';
const CHAIN = '0123456789abcdef';

const seedHex = (n: number): string => toHex(Uint8Array.from({ length: 32 }, (_, i) => (n * 31 + i * 7) & 0xff));
const HOST_SEEDS = [seedHex(1), seedHex(2), seedHex(3)];
const OTHER_SEED = seedHex(9);

const controlResource = (host: string) => newResource([kv('service.name', str('sealog')), kv('host.name', str(host))]);
const controlScope = newScope('sealog.integrity', '2');

function signer(seed: string, epoch: number): Signer {
  return signerFromSeed(Uint8Array.from(Buffer.from(seed, 'hex')), epoch);
}

export function batch(from: number, n: number): LogsData {
  const resource = newResource([kv('service.name', str('vector-app')), kv('host.name', str('vector-host'))]);
  const logRecords = Array.from({ length: n }, (_, k) => {
    const r = newLogRecord();
    r.timeUnixNano = T0 + BigInt(from + k) * 1_000_000_000n;
    r.observedTimeUnixNano = r.timeUnixNano;
    r.severityNumber = 9;
    r.severityText = 'INFO';
    r.body = str(`user ${from + k} signed in`);
    r.attributes = [kv('user.id', int(100 + from + k))];
    return r;
  });
  return { resourceLogs: [{ resource, scopeLogs: [{ scope: newScope('app', '1.0'), logRecords, schemaUrl: '' }], schemaUrl: '' }] };
}

interface Built {
  frames: ResourceLogs[];
  /** Sealer state before each batch, and the batches. */
  states: ChainState[];
  batches: LogsData[];
  /** Times of the seals that announced epochs 1 and 2. */
  announcedAt: bigint[];
}

/** 6 batches of 3 records, a seal after each; the key rotates after batches 1 and 3 (epochs 0, 1, 2). */
function build(keys: Signer[], host: string, clockStart: bigint): Built {
  let clock = clockStart;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: keys[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource(host), controlScope },
    { stream: STREAM, chain: CHAIN },
    'new',
  );
  const out: Built = { frames: [genesis], states: [], batches: [], announcedAt: [] };
  let epoch = 0;
  for (let b = 0; b < 6; b++) {
    out.states.push(sealer.snapshot());
    const data = batch(b * 3, 3);
    out.batches.push(structuredClone(data));
    sealer.stamp(data, (rl) => out.frames.push(rl));
    if ((b === 1 || b === 3) && keys[epoch + 1]) {
      out.frames.push(sealer.seal({ nextKey: keys[epoch + 1]!.publicKey }));
      out.announcedAt.push(clock);
      epoch++;
      sealer.setSigner(keys[epoch]!);
    } else {
      out.frames.push(sealer.seal());
    }
  }
  return out;
}

const lines = (frames: ResourceLogs[]): string[] => frames.map((rl) => encodeLogsJson({ resourceLogs: [rl] }));
const seqOf = (rl: ResourceLogs): number => Number((rl.scopeLogs[0]!.logRecords[0]!.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
const isControl = (rl: ResourceLogs): boolean => rl.scopeLogs[0]!.logRecords[0]!.eventName.startsWith('sealog.');
const isSeal = (rl: ResourceLogs): boolean => rl.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.seal';

/** Whoever holds `key` resumes the chain before batch `from`, edits a record and re-seals everything after, dated late. */
function resign(b: Built, key: Signer, from: number): ResourceLogs[] {
  const state = b.states[from]!;
  let clock = V2_NOW_NS - 60_000_000_000n;
  const sealer = Sealer.resume({ crypto: nodeCrypto, signer: key, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope }, state);
  sealer.setSigner(key);
  const out = b.frames.filter((rl) => seqOf(rl) <= state.seq);
  for (let i = from; i < b.batches.length; i++) {
    const data = structuredClone(b.batches[i]!);
    if (i === from) data.resourceLogs[0]!.scopeLogs[0]!.logRecords[1]!.body = str('nothing happened here');
    sealer.stamp(data, (rl) => out.push(rl));
    out.push(sealer.seal());
  }
  return out;
}

const hashOf = (rl: ResourceLogs, i = 0): Uint8Array => fromHex((rl.scopeLogs[0]!.logRecords[i]!.attributes.find((a) => a.key === 'sealog.hash')!.value as { value: string }).value)!;
const lastRecordOf = (rl: ResourceLogs) => rl.scopeLogs[0]!.logRecords[rl.scopeLogs[0]!.logRecords.length - 1]!;
const lastSeqOf = (rl: ResourceLogs): number => Number((lastRecordOf(rl).attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);

/** A chain of `stream` started by `key` with `reason`, dated from `at`: 3 records and a seal after each of `batches` batches. */
function chainOf(key: Signer, stream: string, chain: string, reason: string, at: bigint, batches: number, tailLost?: TailLostFields): ResourceLogs[] {
  let clock = at;
  const { sealer, genesis } = Sealer.genesis(
    { crypto: nodeCrypto, signer: key, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope },
    { stream, chain },
    reason,
    tailLost,
  );
  const out: ResourceLogs[] = [genesis];
  for (let b = 0; b < batches; b++) {
    sealer.stamp(batch(100 + b * 3, 3), (rl) => out.push(rl));
    out.push(sealer.seal());
  }
  return out;
}

export interface ExpectedFinding {
  kind: string;
  severity: 'violation' | 'warning' | 'note';
  seq?: number;
  seqEnd?: number;
}

export interface V2Case {
  name: string;
  description: string;
  /** Input files, each a list of lines; a checker must give the same findings for every order in `file_orders`. */
  files: string[][];
  file_orders?: number[][];
  trust: { anchors: string[]; keyring?: 'host' | 'host-late'; bindings?: Array<{ pattern: string; anchor: string }> };
  options?: { strict?: boolean };
  /** The anchor it verified under (key id, absent if none), for a case with one stream report. */
  anchor?: string;
  /** Per stream report (streams by name, then chains by genesis time): the anchor it verified under, null if none. */
  anchors?: Array<string | null>;
  expect: ExpectedFinding[];
}

export function generateVectorsV2(): Record<string, unknown> {
  const host = HOST_SEEDS.map((s, e) => signer(s, e));
  const other = signer(OTHER_SEED, 0);
  const clean = build(host, 'vector-host', T0 + 100_000_000_000n);
  const keyringFor = (since: (e: number) => bigint) =>
    host.slice(1).map((k, i) => {
      const sinceNs = since(k.epoch);
      return {
        format: 'sealog-pub-v1',
        alg: 'ed25519',
        anchor_id: host[0]!.keyId,
        epoch: k.epoch,
        key_id: k.keyId,
        public_key: toHex(k.publicKey),
        cert: toHex(host[i]!.sign(keyCertStatement(host[0]!.keyId, k.epoch, k.publicKey, sinceNs))),
        since_ns: sinceNs.toString(),
      };
    });
  const keyring = keyringFor((e) => clean.announcedAt[e - 1]! - 500_000n);
  const lateKeyring = keyringFor((e) => clean.announcedAt[e - 1]! + 1_000_000_000_000n);
  const base = lines(clean.frames);
  const controlSeqs = (frames: ResourceLogs[], after = 0) => frames.filter((rl) => isControl(rl) && seqOf(rl) > after).map(seqOf);
  const sealSeqs = (frames: ResourceLogs[], after = 0) => frames.filter((rl) => isSeal(rl) && seqOf(rl) > after).map(seqOf);

  const stolen = resign(clean, host[2]!, 0 + 1); // batch 1 is sealed under epoch 0
  const stolenAfter = clean.states[1]!.seq;
  const announceIdx = clean.frames.findIndex((rl) => isSeal(rl) && (rl.scopeLogs[0]!.logRecords[0]!.body as { value: Array<{ key: string }> }).value.some((e) => e.key === 'next_key'));
  const jumped = clean.frames.filter((_, i) => i !== announceIdx);
  const nextSealAfterAnn = clean.frames.slice(announceIdx + 1).find(isSeal)!;
  const crossHost = build([other], 'vector-host', T0 + 100_000_000_000n);
  const tailStart = clean.frames.findIndex((rl) => seqOf(rl) > clean.states[4]!.seq);
  const tail = clean.frames.slice(tailStart);
  const lastSeal = clean.frames[clean.frames.length - 1]!;
  // The last frame cloned on its own: control frames share one resource object.
  const unsignedParts = [...clean.frames.slice(0, -1), structuredClone(lastSeal)];
  unsignedParts[unsignedParts.length - 1]!.resource.attributes.find((a) => a.key === 'host.name')!.value = str('someone-else');
  const lastSeq = seqOf(lastSeal);
  const unsignedSeverity = [...clean.frames.slice(0, -1), structuredClone(lastSeal)];
  unsignedSeverity[unsignedSeverity.length - 1]!.scopeLogs[0]!.logRecords[0]!.severityNumber = 1;
  const noGenesis = base.slice(1);
  const firstSeal = seqOf(clean.frames.find(isSeal)!);
  // Order: the same lines split into three files, in every order.
  const split = [0, 1, 2].map((f) => base.filter((_, i) => i % 3 === f).reverse());
  const allOrders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  const stolenSplit = [0, 1].map((f) => lines(stolen).filter((_, i) => i % 2 === f));

  // Gap records in v2 (PROTOCOL.md §7a): signed over their own bytes (§5.1).
  const GAP_STREAM = 'vector-host/gaps';
  const gapFrames: ResourceLogs[] = [];
  {
    let clock = T0 + 200_000_000_000n;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer: host[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope },
      { stream: GAP_STREAM, chain: 'aabbccddeeff0011' },
      'new',
    );
    gapFrames.push(genesis);
    sealer.stamp(batch(0, 2), (rl) => gapFrames.push(rl));
    const file = `${'ab'.repeat(32)}:2049:131074`;
    gapFrames.push(sealer.gap({ receiver: 'filelog/app', path: '/var/log/app/app.log', file, from: 81920, to: 86016, reason: 'closed' }));
    gapFrames.push(sealer.gap({ receiver: 'filelog/app', path: '/var/log/app/app.log', file, from: 86016, reason: 'gone' }));
    gapFrames.push(sealer.seal());
  }
  const [gap1, gap2] = gapFrames.filter((rl) => rl.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.gap').map(seqOf) as [number, number];
  const gapEdited = gapFrames.map((rl) => (seqOf(rl) === gap1 ? structuredClone(rl) : rl));
  {
    const body = gapEdited.find((rl) => seqOf(rl) === gap1)!.scopeLogs[0]!.logRecords[0]!.body as { value: Array<{ key: string; value: unknown }> };
    body.value.find((e) => e.key === 'from')!.value = int(86000);
  }
  const gapDeleted = gapFrames.filter((rl) => seqOf(rl) !== gap2);

  // A lost spool tail (PROTOCOL.md §6.1): chain A sealed up to 5, records 6..8 unsealed; the spool kept
  // up to 6, an exporter had acknowledged up to 8; chain B's signed genesis says so.
  const TAIL_CHAIN_A = '1111222233334444';
  const TAIL_CHAIN_B = '5555666677778888';
  const tailA: ResourceLogs[] = [];
  {
    let clock = T0 + 300_000_000_000n;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer: host[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope },
      { stream: 'vector-host/tail', chain: TAIL_CHAIN_A },
      'new',
    );
    tailA.push(genesis);
    sealer.stamp(batch(0, 3), (rl) => tailA.push(rl));
    tailA.push(sealer.seal());
    for (let k = 0; k < 3; k++) sealer.stamp(batch(3 + k, 1), (rl) => tailA.push(rl));
  }
  const tailAt = (seq: number) => tailA.find((rl) => seqOf(rl) === seq)!;
  const tailAEnd = lastSeqOf(tailA[tailA.length - 1]!);
  const tailLost: TailLostFields = { prevChain: TAIL_CHAIN_A, lastSeq: 6, lastHash: hashOf(tailAt(6)), lastFrame: 4, ackedFrame: 6, ackedChain: TAIL_CHAIN_A, ackedSeq: tailAEnd, ackedHash: hashOf(tailAt(tailAEnd)) };
  const tailB = chainOf(host[0]!, 'vector-host/tail', TAIL_CHAIN_B, REASON_SPOOL_TAIL_LOST, T0 + 400_000_000_000n, 1, tailLost);

  // The last seal's resource changed AND its sealog.hash recomputed to match: only the v2 signature catches it.
  const rehashed = [...clean.frames.slice(0, -1), structuredClone(lastSeal)];
  {
    const rl = rehashed[rehashed.length - 1]!;
    rl.resource.attributes.find((a) => a.key === 'host.name')!.value = str('someone-else');
    const hasher = new ChainHasher(nodeCrypto);
    const rec = rl.scopeLogs[0]!.logRecords[0]!;
    const h = hasher.link(lastSeq, hashOf(clean.frames[clean.frames.length - 2]!, clean.frames[clean.frames.length - 2]!.scopeLogs[0]!.logRecords.length - 1), hasher.context(rl.resource, rl.scopeLogs[0]!.scope), rec);
    rec.attributes.find((a) => a.key === 'sealog.hash')!.value = str(toHex(h));
  }

  // A restart after rotation (PROTOCOL.md §8.1): chain 2 of the same stream is signed under epoch 2 from its genesis on.
  const restart = chainOf(host[2]!, STREAM, 'fedcba9876543210', 'spool_lost', T0 + 500_000_000_000n, 2);
  // Another stream of the same host, signed under epoch 2 from its genesis on: the first stream's announcements do not vouch for it.
  const sibling = chainOf(host[2]!, 'vector-host/other', '0f0f0f0f0f0f0f0f', 'new', T0 + 500_000_000_000n, 2);

  // Declared loss (PROTOCOL.md §7, "Seq ranges in a loss reason"): records 3..5 were dead-lettered; the
  // backend lacks them, and a verified loss record names them. A partial success names its whole batch
  // 6..8 with a count of 1.
  const DLQ_STREAM = 'vector-host/dlq';
  const dlqFrames: ResourceLogs[] = [];
  {
    let clock = T0 + 600_000_000_000n;
    const { sealer, genesis } = Sealer.genesis(
      { crypto: nodeCrypto, signer: host[0]!, now: () => (clock += 1_000_000n), sealEveryRecords: 100, controlResource: controlResource('vector-host'), controlScope },
      { stream: DLQ_STREAM, chain: '9999aaaabbbbcccc' },
      'new',
    );
    dlqFrames.push(genesis);
    for (let k = 0; k < 7; k++) sealer.stamp(batch(k, 1), (rl) => dlqFrames.push(rl));
    dlqFrames.push(sealer.seal());
    dlqFrames.push(sealer.loss(3, `dead_letter exporter=otlphttp status=400 ${DLQ_STREAM} 2..4 dlq=vector.pb`, clock, clock));
    dlqFrames.push(sealer.loss(1, `partial_success exporter=otlphttp status=200 rejected=1 of=3 frames=3-3 ${DLQ_STREAM} 5..7`, clock, clock));
    dlqFrames.push(sealer.seal());
  }
  const [dlqLoss, partialLoss] = dlqFrames.filter((rl) => rl.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.loss').map(seqOf) as [number, number];
  const dlqAbsent = (absent: number[]) => lines(dlqFrames.filter((rl) => !absent.includes(seqOf(rl))));

  const cases: V2Case[] = [
    {
      name: 'declared-loss',
      description: 'records 2..4 absent at the backend and named by a verified dead_letter loss record, record 6 absent and within the count of a partial_success loss record naming 5..7: each run is a loss warning, not missing',
      files: [dlqAbsent([2, 3, 4, 6])],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'loss', severity: 'warning', seq: 2, seqEnd: 4 },
        { kind: 'loss', severity: 'warning', seq: 6, seqEnd: 6 },
        { kind: 'loss', severity: 'warning', seq: dlqLoss },
        { kind: 'loss', severity: 'warning', seq: partialLoss },
      ],
    },
    {
      name: 'declared-loss-over-count',
      description: 'records 5 and 7 absent: the partial_success loss record accounts for one record only, so the second run stays missing',
      files: [dlqAbsent([5, 7])],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'loss', severity: 'warning', seq: 5, seqEnd: 5 },
        { kind: 'missing', severity: 'violation', seq: 7, seqEnd: 7 },
        { kind: 'loss', severity: 'warning', seq: dlqLoss },
        { kind: 'loss', severity: 'warning', seq: partialLoss },
      ],
    },
    {
      name: 'declared-loss-record-forged',
      description: 'records 2..4 absent and the dead_letter loss record\'s reason edited to name them after signing: it verifies not, so it accounts for nothing',
      files: [
        lines(
          dlqFrames
            .filter((rl) => ![2, 3, 4].includes(seqOf(rl)))
            .map((rl) => {
              if (seqOf(rl) !== dlqLoss) return rl;
              const c = structuredClone(rl);
              const body = c.scopeLogs[0]!.logRecords[0]!.body as { value: Array<{ key: string; value: unknown }> };
              body.value.find((e) => e.key === 'count')!.value = int(4);
              return c;
            }),
        ),
      ],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'missing', severity: 'violation', seq: 2, seqEnd: 4 },
        { kind: 'modified', severity: 'violation', seq: dlqLoss },
        { kind: 'forged_seal', severity: 'violation', seq: dlqLoss },
        { kind: 'loss', severity: 'warning', seq: partialLoss },
      ],
    },
    {
      name: 'clean-rotated',
      description: 'the clean v2 stream, keys rotated twice (announced by next_key): intact under the anchor alone',
      files: [base],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [],
    },
    {
      name: 'stolen-key-resign',
      description: 'the holder of the current key (epoch 2) edits a record of epoch 0 and re-signs every later seal, dated late; the keyring is given',
      files: [lines(stolen)],
      trust: { anchors: ['host'], keyring: 'host' },
      anchor: host[0]!.keyId,
      expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'epoch_jump', severity: 'violation', seq })),
    },
    {
      name: 'stolen-key-resign-no-keyring',
      description: 'the same, without the keyring: the thief\'s key is unknown to this chain',
      files: [lines(stolen)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'unknown_key', severity: 'violation', seq })),
    },
    {
      name: 'epoch-jump',
      description: 'the seal announcing epoch 1 deleted: the next seal changes epoch unannounced inside the records present (the keyring cannot stand in there)',
      files: [lines(jumped)],
      trust: { anchors: ['host'], keyring: 'host' },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'missing', severity: 'violation', seq: seqOf(clean.frames[announceIdx]!), seqEnd: seqOf(clean.frames[announceIdx]!) },
        // Epoch 1 never began in this chain, so every later seal is refused too.
        ...sealSeqs(jumped, seqOf(nextSealAfterAnn) - 1).map((seq) => ({ kind: 'epoch_jump', severity: 'violation' as const, seq })),
      ],
    },
    {
      name: 'keyring-at-start',
      description: 'only the last two seal ranges retained (epoch 2): at the start of what is present the keyring stands in for the announcement',
      files: [lines(tail)],
      trust: { anchors: ['host'], keyring: 'host' },
      anchor: host[0]!.keyId,
      expect: [{ kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: seqOf(tail[0]!) - 1 }],
    },
    {
      name: 'predated-seal',
      description: 'as keyring-at-start, but the keyring says epoch 2 came into force after the seals that use it',
      files: [lines(tail)],
      trust: { anchors: ['host'], keyring: 'host-late' },
      expect: [
        { kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: seqOf(tail[0]!) - 1 },
        ...sealSeqs(tail).map((seq) => ({ kind: 'predated_seal', severity: 'violation' as const, seq })),
      ],
    },
    {
      name: 'cross-host-resign',
      description: 'another trusted host\'s key re-signs this host\'s whole stream; the stream is bound to its own host\'s anchor',
      files: [lines(crossHost.frames)],
      trust: { anchors: ['host', 'other'], bindings: [{ pattern: 'vector-host/*', anchor: 'host' }] },
      expect: controlSeqs(crossHost.frames).map((seq) => ({ kind: 'anchor_mismatch', severity: 'violation', seq })),
    },
    {
      name: 'cross-host-resign-unbound',
      description: 'the same without a binding: it verifies, under the other host\'s anchor (which the report names); --strict demands a binding',
      files: [lines(crossHost.frames)],
      trust: { anchors: ['host', 'other'] },
      options: { strict: true },
      anchor: other.keyId,
      expect: [{ kind: 'unbound_stream', severity: 'violation' }],
    },
    {
      name: 'unsigned-parts-resource',
      description: 'the last seal\'s resource (host.name) changed: no later record links to it, its v2 signature covers it',
      files: [lines(unsignedParts)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'modified', severity: 'violation', seq: lastSeq },
        { kind: 'forged_seal', severity: 'violation', seq: lastSeq },
      ],
    },
    {
      name: 'unsigned-parts-severity',
      description: 'the last seal\'s severity changed',
      files: [lines(unsignedSeverity)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'modified', severity: 'violation', seq: lastSeq },
        { kind: 'forged_seal', severity: 'violation', seq: lastSeq },
      ],
    },
    {
      name: 'genesis-deleted',
      description: 'only the genesis record deleted: an absent prefix of one record; the first range cannot be checked from its beginning (its records are noted unverifiable, never claimed intact)',
      files: [noGenesis],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'absent_prefix', severity: 'note', seq: 1, seqEnd: 1 },
        { kind: 'unverifiable', severity: 'note', seq: 2, seqEnd: firstSeal - 1 },
      ],
    },
    {
      name: 'order-permutations',
      description: 'the clean stream split into three files, lines reversed; every file order gives the same (empty) findings',
      files: split,
      file_orders: allOrders,
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [],
    },
    {
      name: 'order-permutations-stolen',
      description: 'the stolen-key re-sign split into two files, both orders: the same findings',
      files: stolenSplit,
      file_orders: [[0, 1], [1, 0]],
      trust: { anchors: ['host'], keyring: 'host' },
      anchor: host[0]!.keyId,
      expect: sealSeqs(stolen, stolenAfter).map((seq) => ({ kind: 'epoch_jump', severity: 'violation', seq })),
    },
    {
      name: 'gap-v2',
      description: 'v2 gap records (signed over their own bytes, §5.1): one with a known range, one with an unknown end; each is a gap warning at its seq',
      files: [lines(gapFrames)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'gap', severity: 'warning', seq: gap1 },
        { kind: 'gap', severity: 'warning', seq: gap2 },
      ],
    },
    {
      name: 'gap-v2-strict',
      description: 'the same with --strict: each gap is a violation',
      files: [lines(gapFrames)],
      trust: { anchors: ['host'] },
      options: { strict: true },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'gap', severity: 'violation', seq: gap1 },
        { kind: 'gap', severity: 'violation', seq: gap2 },
      ],
    },
    {
      name: 'gap-v2-range-edited',
      description: 'the first gap record\'s "from" changed after signing (a smaller gap claimed): modified and forged; the other gap is still declared',
      files: [lines(gapEdited)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'modified', severity: 'violation', seq: gap1 },
        { kind: 'forged_seal', severity: 'violation', seq: gap1 },
        { kind: 'gap', severity: 'warning', seq: gap2 },
      ],
    },
    {
      name: 'gap-v2-deleted',
      description: 'the second gap record removed (hiding the loss): a missing seq (the seal\'s range is incomplete, so its root is not checked); the first gap is still declared',
      files: [lines(gapDeleted)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [
        { kind: 'gap', severity: 'warning', seq: gap1 },
        { kind: 'missing', severity: 'violation', seq: gap2, seqEnd: gap2 },
      ],
    },
    {
      name: 'spool-tail-lost',
      description: 'chain A sealed up to 5 with 6..8 unsealed; the spool kept up to 6, an exporter had acknowledged 8; chain B\'s signed spool_tail_lost genesis declares it: ONE warning on chain A naming 7..8 (its unsealed tail is part of it; no chain_restart)',
      files: [lines(tailA), lines(tailB)],
      file_orders: [[0, 1], [1, 0]],
      trust: { anchors: ['host'] },
      anchors: [host[0]!.keyId, host[0]!.keyId],
      expect: [{ kind: 'spool_tail_lost', severity: 'warning', seq: 7, seqEnd: tailAEnd }],
    },
    {
      name: 'spool-tail-lost-strict',
      description: 'the same with --strict: the one finding is a violation',
      files: [lines(tailA), lines(tailB)],
      file_orders: [[0, 1], [1, 0]],
      trust: { anchors: ['host'] },
      options: { strict: true },
      anchors: [host[0]!.keyId, host[0]!.keyId],
      expect: [{ kind: 'spool_tail_lost', severity: 'violation', seq: 7, seqEnd: tailAEnd }],
    },
    {
      name: 'unsigned-parts-rehashed',
      description: 'the last seal\'s resource (host.name) changed and its sealog.hash recomputed to match: the chain links, only its v2 signature (which covers the resource through ctx) fails',
      files: [lines(rehashed)],
      trust: { anchors: ['host'] },
      anchor: host[0]!.keyId,
      expect: [{ kind: 'forged_seal', severity: 'violation', seq: lastSeq }],
    },
    {
      name: 'restart-after-rotation',
      description: 'a second chain of the same stream (spool_lost) signed under epoch 2 from its genesis on, verified with the anchor alone: epoch 2 was announced by the first chain, so only the declared chain_restart (on the new chain), in either file order',
      files: [base, lines(restart)],
      file_orders: [[0, 1], [1, 0]],
      trust: { anchors: ['host'] },
      anchors: [host[0]!.keyId, host[0]!.keyId],
      expect: [{ kind: 'chain_restart', severity: 'warning', seq: 1 }],
    },
    {
      name: 'announcements-stay-in-their-stream',
      description: 'another stream of the host signed under epoch 2 from its genesis on, anchor alone: the first stream announced epoch 2, but announcements never vouch for another stream, so each of its control records is unknown_key, in either file order',
      files: [base, lines(sibling)],
      file_orders: [[0, 1], [1, 0]],
      trust: { anchors: ['host'] },
      anchors: [host[0]!.keyId, null],
      expect: controlSeqs(sibling).map((seq) => ({ kind: 'unknown_key', severity: 'violation', seq })),
    },
  ];
  return {
    format: 'sealog-vectors-v2',
    about: 'Known-answer vectors for sealog integrity protocol v2 (docs/PROTOCOL.md): v2 control signatures, key certificates with their in-force time, epoch continuity, anchors, order. Each case lists every finding a checker must report. Regenerate with `npm run gen:vectors`.',
    now_ns: V2_NOW_NS.toString(),
    stream: STREAM,
    chain: CHAIN,
    keys: {
      host: HOST_SEEDS.map((s, e) => ({ epoch: e, seed_hex: s, key_id: host[e]!.keyId, public_key_hex: toHex(host[e]!.publicKey) })),
      other: [{ epoch: 0, seed_hex: OTHER_SEED, key_id: other.keyId, public_key_hex: toHex(other.publicKey) }],
    },
    keyrings: { host: keyring, 'host-late': lateKeyring },
    cases,
  };
}
