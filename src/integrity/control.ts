/**
 * Control records (protocol v1, docs/PROTOCOL.md §5-§7): seals, the genesis
 * record, loss records and gap records. Each is an ordinary log record in the chain with
 * `sealog.type` set, an event name, and a kvlist body holding its fields and
 * an Ed25519 signature over a "statement": a fixed binary encoding of those
 * fields plus the stream and chain they belong to.
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
const GAP_TAG = ascii('sealog/v1/gap');

export type ControlType = 'seal' | 'genesis' | 'loss' | 'gap';
export const EVENT_NAMES: Record<ControlType, string> = {
  seal: 'sealog.seal',
  genesis: 'sealog.genesis',
  loss: 'sealog.loss',
  gap: 'sealog.gap',
};

export const PROTOCOL_VERSION = 1;

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
}

export interface GenesisFields {
  timeNs: bigint;
  epoch: number;
  keyId: string;
  publicKey: Uint8Array;
  /** Why the chain starts: 'new' (first start), 'spool_lost' (no spool state found for an existing key). */
  reason: string;
  sig: Uint8Array;
}

export interface LossFields {
  count: number;
  reason: string;
  sinceNs: bigint;
  untilNs: bigint;
  epoch: number;
  keyId: string;
  sig: Uint8Array;
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
}

export interface StreamId {
  stream: string;
  chain: string;
}

// ------------------------------------------------------------- statements

/** What every statement starts with: its type byte and tag, the stream, the chain and the seq. */
function statement(type: number, tag: Uint8Array, id: StreamId, seq: number): ByteWriter {
  const w = new ByteWriter(512);
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

/** What key k signs to certify key k+1 (keyring entries). */
export function keyCertStatement(anchorKeyId: string, epoch: number, publicKey: Uint8Array): Uint8Array {
  const w = new ByteWriter(128);
  w.u8(0x13);
  w.bytes(KEY_TAG);
  w.str(anchorKeyId);
  w.u32(epoch);
  w.bytes(publicKey);
  return w.toBytes();
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
    kv('v', int(PROTOCOL_VERSION)),
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
  return controlRecord('genesis', f.timeNs, [
    kv('v', int(PROTOCOL_VERSION)),
    kv('time', int(f.timeNs)),
    kv('epoch', int(f.epoch)),
    kv('key_id', str(f.keyId)),
    kv('public_key', hex(f.publicKey)),
    kv('reason', str(f.reason)),
    kv('sig', hex(f.sig)),
  ]);
}

export function lossRecord(f: LossFields, timeNs: bigint): LogRecord {
  return controlRecord('loss', timeNs, [
    kv('v', int(PROTOCOL_VERSION)),
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
    kv('v', int(PROTOCOL_VERSION)),
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
  if (v !== PROTOCOL_VERSION) return { ok: false, error: `unsupported seal version ${v}` };
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
  };
  if (b.has('next_key')) f.nextKey = b.hex('next_key', 32);
  return done(b, f);
}

export function parseGenesis(r: LogRecord): Parsed<GenesisFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (v !== PROTOCOL_VERSION) return { ok: false, error: `unsupported genesis version ${v}` };
  return done(b, {
    timeNs: b.int('time'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    publicKey: b.hex('public_key', 32),
    reason: b.str('reason'),
    sig: b.hex('sig', 64),
  });
}

export function parseLoss(r: LogRecord): Parsed<LossFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (v !== PROTOCOL_VERSION) return { ok: false, error: `unsupported loss record version ${v}` };
  return done(b, {
    count: b.num('count'),
    reason: b.str('reason'),
    sinceNs: b.int('since'),
    untilNs: b.int('until'),
    epoch: b.num('epoch'),
    keyId: b.str('key_id'),
    sig: b.hex('sig', 64),
  });
}

export function parseGap(r: LogRecord): Parsed<GapFields> {
  const b = new BodyReader(r.body);
  if (b.errors.length) return { ok: false, error: b.errors[0]! };
  const v = b.num('v');
  if (v !== PROTOCOL_VERSION) return { ok: false, error: `unsupported gap record version ${v}` };
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
  };
  if (b.has('to')) f.to = b.num('to');
  return done(b, f);
}
