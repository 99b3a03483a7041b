/**
 * Control records (docs/PROTOCOL.md §5-§7a): seals, the genesis record,
 * loss records and gap records. Each is an ordinary log record in the chain with
 * `sealog.type` set, an event name, and a kvlist body holding its fields and
 * an Ed25519 signature `sig`.
 *
 *   v1: `sig` covers a "statement": a fixed binary encoding of the body's
 *       fields plus the stream and chain they belong to.
 *   v2: `sig` covers the control record's own canonical bytes (its context
 *       hash and record(), the body without `sig`): resource, scope, time,
 *       severity, attributes and every body field, whatever the type.
 */
import {
  type AnyValue,
  type KeyValue,
  type LogRecord,
  int,
  kv,
  kvlist,
  newLogRecord,
  str,
  getAttr,
} from '../otlp/types.js';
import { ByteWriter, fromHex, toHex } from './bytes.js';
import { ATTR_TYPE } from './canonical.js';
import { HASH_BYTES } from './chain.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SEAL_TAG = ascii('sealog/v1/seal');
const GENESIS_TAG = ascii('sealog/v1/genesis');
const LOSS_TAG = ascii('sealog/v1/loss');
const KEY_TAG = ascii('sealog/v1/key');
const CONTROL_V2_TAG = ascii('sealog/v2/control');
const KEY_V2_TAG = ascii('sealog/v2/key');
const GAP_TAG = ascii('sealog/v1/gap');

export type ControlType = 'seal' | 'genesis' | 'loss' | 'gap';
export const EVENT_NAMES: Record<ControlType, string> = {
  seal: 'sealog.seal',
  genesis: 'sealog.genesis',
  loss: 'sealog.loss',
  gap: 'sealog.gap',
};

/** The version the agent writes; checkers accept every version in SUPPORTED_VERSIONS. */
export const PROTOCOL_VERSION = 2;
export const SUPPORTED_VERSIONS: readonly number[] = [1, 2];

export interface SealFields {
  from: number;
  to: number;
  /** hash_{from-1}: the chain hash this range starts from. */
  start: Uint8Array;
  /** hash_to: the chain head the seal covers. */
  head: Uint8Array;
  /** RFC 9162 root over hash_from..hash_to. */
  root: Uint8Array;
  /** seq of the previous seal record, 0 if none. */
  prevSealSeq: number;
  /** chain hash of the previous seal record (32 zero bytes if none). */
  prevSeal: Uint8Array;
  timeNs: bigint;
  epoch: number;
  keyId: string;
  /** Rotation: the next epoch's raw public key, announced under this key. */
  nextKey?: Uint8Array;
  sig: Uint8Array;
  /** The body's `v` (1 or 2); absent means PROTOCOL_VERSION when writing. */
  v?: number;
}

export interface GenesisFields {
  timeNs: bigint;
  epoch: number;
  keyId: string;
  publicKey: Uint8Array;
  /**
   * Why the chain starts: 'new' (first start), 'spool_lost' (no spool state
   * found for an existing key), 'spool_tail_lost' (exporters had acknowledged
   * frames the spool no longer holds; `tailLost` says what was known).
   */
  reason: string;
  /** Present exactly when reason is 'spool_tail_lost' (docs/PROTOCOL.md §6.1). */
  tailLost?: TailLostFields;
  sig: Uint8Array;
  v?: number;
}

export const REASON_SPOOL_TAIL_LOST = 'spool_tail_lost';

/** What a `spool_tail_lost` genesis declares about the chain it replaces. */
export interface TailLostFields {
  /** The chain whose state the spool still held ('' if it held none). */
  prevChain: string;
  /** The last seq of prevChain still in the spool, and hash_lastSeq (0 and 32 zero bytes if none). */
  lastSeq: number;
  lastHash: Uint8Array;
  /** Id of the last spool frame still on disk, and the highest frame id an exporter had acknowledged. */
  lastFrame: number;
  ackedFrame: number;
  /** The highest acknowledged chain position, from the exporters' cursors ('' / 0 / zeros if unknown). */
  ackedChain: string;
  ackedSeq: number;
  ackedHash: Uint8Array;
}

export interface LossFields {
  count: number;
  reason: string;
  sinceNs: bigint;
  untilNs: bigint;
  epoch: number;
  keyId: string;
  sig: Uint8Array;
  v?: number;
}

/**
 * Input bytes a receiver knew existed and could not read (docs/PROTOCOL.md
 * §7a): a file deleted or truncated before it was read to its end.
 */
export interface GapFields {
  /** Receiver id, e.g. 'filelog/app'. */
  receiver: string;
  /** The file's path as last known. */
  path: string;
  /** The file's identity: its position key `<sha256 hex of fingerprint>:<dev>:<ino>`. */
  file: string;
  /** First byte offset not read. */
  from: number;
  /** Offset after the last byte known to be missed; absent when unknown (the file's end was never seen). */
  to?: number;
  /** 'gone' (the file no longer exists under any name), 'truncated' (cut below the read position), 'closed' (its descriptor was closed and it could not be found again). */
  reason: string;
  timeNs: bigint;
  epoch: number;
  keyId: string;
  sig: Uint8Array;
  v?: number;
}

export interface StreamId {
  stream: string;
  chain: string;
}

// ------------------------------------------------------------- statements

/** What every statement starts with: its type byte and tag, the stream, the chain and the seq. */
/** The writer every statement is built in: each statement function writes its fields straight through and ends with toBytes() (a copy). */
const STATEMENT = new ByteWriter(1024);

function statement(type: number, tag: Uint8Array, id: StreamId, seq: number): ByteWriter {
  const w = STATEMENT;
  w.reset();
  w.u8(type);
  w.bytes(tag);
  w.str(id.stream);
  w.str(id.chain);
  w.u64n(seq);
  return w;
}

export function sealStatement(id: StreamId, seq: number, f: Omit<SealFields, 'sig'>): Uint8Array {
  const w = statement(0x10, SEAL_TAG, id, seq);
  w.u64n(f.from);
  w.u64n(f.to);
  w.bytes(f.start);
  w.bytes(f.head);
  w.bytes(f.root);
  w.u64n(f.prevSealSeq);
  w.bytes(f.prevSeal);
  w.u64(f.timeNs);
  w.u32(f.epoch);
  w.str(f.keyId);
  if (f.nextKey) {
    w.u8(1);
    w.bytes(f.nextKey);
  } else {
    w.u8(0);
  }
  return w.toBytes();
}

export function genesisStatement(id: StreamId, seq: number, f: Omit<GenesisFields, 'sig'>): Uint8Array {
  const w = statement(0x11, GENESIS_TAG, id, seq);
  w.u64(f.timeNs);
  w.u32(f.epoch);
  w.str(f.keyId);
  w.bytes(f.publicKey);
  w.str(f.reason);
  const t = f.tailLost;
  if (t) {
    // Only a spool_tail_lost genesis has these bytes: other geneses sign exactly what they did before.
    w.u8(1);
    w.str(t.prevChain);
    w.u64n(t.lastSeq);
    w.bytes(t.lastHash);
    w.u64n(t.lastFrame);
    w.u64n(t.ackedFrame);
    w.str(t.ackedChain);
    w.u64n(t.ackedSeq);
    w.bytes(t.ackedHash);
  }
  return w.toBytes();
}

export function lossStatement(id: StreamId, seq: number, f: Omit<LossFields, 'sig'>): Uint8Array {
  const w = statement(0x12, LOSS_TAG, id, seq);
  w.u64n(f.count);
  w.str(f.reason);
  w.u64(f.sinceNs);
  w.u64(f.untilNs);
  w.u32(f.epoch);
  w.str(f.keyId);
  return w.toBytes();
}

export function gapStatement(id: StreamId, seq: number, f: Omit<GapFields, 'sig'>): Uint8Array {
  const w = statement(0x20, GAP_TAG, id, seq);
  w.str(f.receiver);
  w.str(f.path);
  w.str(f.file);
  w.u64n(f.from);
  if (f.to !== undefined) {
    w.u8(1);
    w.u64n(f.to);
  } else {
    w.u8(0);
  }
  w.str(f.reason);
  w.u64(f.timeNs);
  w.u32(f.epoch);
  w.str(f.keyId);
  return w.toBytes();
}

/**
 * What key k signs to certify key k+1 (keyring entries). With `sinceNs`
 * (v2 certificates) the certificate also fixes the time key k+1 came into
 * force: no control record of epoch k+1 may be dated before it.
 */
export function keyCertStatement(anchorKeyId: string, epoch: number, publicKey: Uint8Array, sinceNs?: bigint): Uint8Array {
  const w = new ByteWriter(128);
  w.u8(sinceNs === undefined ? 0x13 : 0x15);
  w.bytes(sinceNs === undefined ? KEY_TAG : KEY_V2_TAG);
  w.str(anchorKeyId);
  w.u32(epoch);
  w.bytes(publicKey);
  if (sinceNs !== undefined) w.u64(sinceNs);
  return w.toBytes();
}

/**
 * What a v2 control record's `sig` covers:
 * 0x14 ‖ "sealog/v2/control" ‖ str(stream) ‖ str(chain) ‖ u64(seq) ‖ ctx ‖ record(r without body.sig)
 * `ctx` is the record's context hash (PROTOCOL.md §4), `unsigned` the
 * canonical bytes of the record with the `sig` entry left out of its body.
 */
export function controlStatementV2(id: StreamId, seq: number, ctx: Uint8Array, unsigned: Uint8Array): Uint8Array {
  const w = statement(0x14, CONTROL_V2_TAG, id, seq);
  w.bytes(ctx);
  w.bytes(unsigned);
  return w.toBytes();
}

/** The record as a v2 signature sees it: the same record with `sig` left out of its kvlist body. */
export function withoutSig(r: LogRecord): LogRecord {
  if (r.body.type !== 'kvlist') return r;
  return { ...r, body: { type: 'kvlist', value: r.body.value.filter((e) => e.key !== 'sig') } };
}

/** The version a parsed control record declares (1 when the body says nothing else). */
export function versionOf(f: { v?: number }): number {
  return f.v ?? 1;
}

// ------------------------------------------------------------- record bodies

const hex = (b: Uint8Array): AnyValue => str(toHex(b));

function controlRecord(type: ControlType, timeNs: bigint, body: KeyValue[]): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = timeNs;
  r.observedTimeUnixNano = timeNs;
  r.severityNumber = 9;
  r.severityText = 'INFO';
  r.eventName = EVENT_NAMES[type];
  r.body = kvlist(body);
  r.attributes = [kv(ATTR_TYPE, str(type))];
  return r;
}

export function sealRecord(f: SealFields): LogRecord {
  const body: KeyValue[] = [
    kv('v', int(f.v ?? PROTOCOL_VERSION)),
    kv('from', int(f.from)),
    kv('to', int(f.to)),
    kv('start', hex(f.start)),
    kv('head', hex(f.head)),
    kv('root', hex(f.root)),
    kv('prev_seal_seq', int(f.prevSealSeq)),
    kv('prev_seal', hex(f.prevSeal)),
    kv('time', int(f.timeNs)),
    kv('epoch', int(f.epoch)),
    kv('key_id', str(f.keyId)),
  ];
  if (f.nextKey) body.push(kv('next_key', hex(f.nextKey)));
  body.push(kv('sig', hex(f.sig)));
  return controlRecord('seal', f.timeNs, body);
}

export function genesisRecord(f: GenesisFields): LogRecord {
  const body = [
    kv('v', int(f.v ?? PROTOCOL_VERSION)),
    kv('time', int(f.timeNs)),
    kv('epoch', int(f.epoch)),
    kv('key_id', str(f.keyId)),
    kv('public_key', hex(f.publicKey)),
    kv('reason', str(f.reason)),
  ];
  const t = f.tailLost;
  if (t) {
    body.push(
      kv('prev_chain', str(t.prevChain)),
      kv('last_seq', int(t.lastSeq)),
      kv('last_hash', hex(t.lastHash)),
      kv('last_frame', int(t.lastFrame)),
      kv('acked_frame', int(t.ackedFrame)),
      kv('acked_chain', str(t.ackedChain)),
      kv('acked_seq', int(t.ackedSeq)),
      kv('acked_hash', hex(t.ackedHash)),
    );
  }
  body.push(kv('sig', hex(f.sig)));
  return controlRecord('genesis', f.timeNs, body);
}

export function lossRecord(f: LossFields, timeNs: bigint): LogRecord {
  return controlRecord('loss', timeNs, [
    kv('v', int(f.v ?? PROTOCOL_VERSION)),
    kv('count', int(f.count)),
    kv('reason', str(f.reason)),
    kv('since', int(f.sinceNs)),
    kv('until', int(f.untilNs)),
    kv('epoch', int(f.epoch)),
    kv('key_id', str(f.keyId)),
    kv('sig', hex(f.sig)),
  ]);
}

export function gapRecord(f: GapFields): LogRecord {
  const body: KeyValue[] = [
    kv('v', int(f.v ?? PROTOCOL_VERSION)),
    kv('receiver', str(f.receiver)),
    kv('path', str(f.path)),
    kv('file', str(f.file)),
    kv('from', int(f.from)),
  ];
  if (f.to !== undefined) body.push(kv('to', int(f.to)));
  body.push(
    kv('reason', str(f.reason)),
    kv('time', int(f.timeNs)),
    kv('epoch', int(f.epoch)),
    kv('key_id', str(f.keyId)),
    kv('sig', hex(f.sig)),
  );
  const r = controlRecord('gap', f.timeNs, body);
  r.severityNumber = 13;
  r.severityText = 'WARN';
  return r;
}

// ------------------------------------------------------------- parsing

/** The control type of a record, or undefined for an ordinary record. */
export function controlType(r: LogRecord): ControlType | 'unknown' | undefined {
  const t = getAttr(r.attributes, ATTR_TYPE);
  if (!t) return undefined;
  if (t.type === 'string' && (t.value === 'seal' || t.value === 'genesis' || t.value === 'loss' || t.value === 'gap')) return t.value;
  return 'unknown';
}

class BodyReader {
  readonly #map = new Map<string, AnyValue>();
  readonly errors: string[] = [];
  constructor(body: AnyValue) {
    if (body.type !== 'kvlist') {
      this.errors.push('body is not a kvlist');
      return;
    }
    for (const e of body.value) this.#map.set(e.key, e.value);
  }
  has(k: string): boolean {
    return this.#map.has(k);
  }
  int(k: string): bigint {
    const v = this.#map.get(k);
    if (v?.type === 'int') return v.value;
    this.errors.push(`${k} missing or not an int`);
    return 0n;
  }
  num(k: string): number {
    const v = this.int(k);
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) {
      this.errors.push(`${k} out of range`);
      return 0;
    }
    return Number(v);
  }
  str(k: string): string {
    const v = this.#map.get(k);
    if (v?.type === 'string') return v.value;
    this.errors.push(`${k} missing or not a string`);
    return '';
  }
  hex(k: string, len: number): Uint8Array {
    const b = fromHex(this.str(k));
    if (!b || b.length !== len) {
      this.errors.push(`${k} is not ${len} bytes of hex`);
      return new Uint8Array(len);
    }
    return b;
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function done<T>(r: BodyReader, value: T): Parsed<T> {
  if (r.errors.length) return { ok: false, error: r.errors.join('; ') };
  return { ok: true, value };
}

export function parseSeal(r: LogRecord): Parsed<SealFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (!SUPPORTED_VERSIONS.includes(v)) return { ok: false, error: `unsupported seal version ${v}` };
  const f: SealFields = {
    from: b.num('from'),
    to: b.num('to'),
    start: b.hex('start', HASH_BYTES),
    head: b.hex('head', HASH_BYTES),
    root: b.hex('root', HASH_BYTES),
    prevSealSeq: b.num('prev_seal_seq'),
    prevSeal: b.hex('prev_seal', HASH_BYTES),
    timeNs: b.int('time'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    sig: b.hex('sig', 64),
    v,
  };
  if (b.has('next_key')) f.nextKey = b.hex('next_key', 32);
  return done(b, f);
}

export function parseGenesis(r: LogRecord): Parsed<GenesisFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (!SUPPORTED_VERSIONS.includes(v)) return { ok: false, error: `unsupported genesis version ${v}` };
  const f: GenesisFields = {
    timeNs: b.int('time'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    publicKey: b.hex('public_key', 32),
    reason: b.str('reason'),
    sig: b.hex('sig', 64),
    v,
  };
  if (f.reason === REASON_SPOOL_TAIL_LOST || b.has('prev_chain')) {
    if (f.reason !== REASON_SPOOL_TAIL_LOST) return { ok: false, error: `prev_chain is only allowed in a ${REASON_SPOOL_TAIL_LOST} genesis (reason ${JSON.stringify(f.reason)})` };
    f.tailLost = {
      prevChain: b.str('prev_chain'),
      lastSeq: b.num('last_seq'),
      lastHash: b.hex('last_hash', HASH_BYTES),
      lastFrame: b.num('last_frame'),
      ackedFrame: b.num('acked_frame'),
      ackedChain: b.str('acked_chain'),
      ackedSeq: b.num('acked_seq'),
      ackedHash: b.hex('acked_hash', HASH_BYTES),
    };
  }
  return done(b, f);
}

export function parseLoss(r: LogRecord): Parsed<LossFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (!SUPPORTED_VERSIONS.includes(v)) return { ok: false, error: `unsupported loss record version ${v}` };
  return done(b, {
    count: b.num('count'),
    reason: b.str('reason'),
    sinceNs: b.int('since'),
    untilNs: b.int('until'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    sig: b.hex('sig', 64),
    v,
  });
}

export function parseGap(r: LogRecord): Parsed<GapFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (!SUPPORTED_VERSIONS.includes(v)) return { ok: false, error: `unsupported gap record version ${v}` };
  const f: GapFields = {
    receiver: b.str('receiver'),
    path: b.str('path'),
    file: b.str('file'),
    from: b.num('from'),
    reason: b.str('reason'),
    timeNs: b.int('time'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    sig: b.hex('sig', 64),
    v,
  };
  if (b.has('to')) f.to = b.num('to');
  return done(b, f);
}
