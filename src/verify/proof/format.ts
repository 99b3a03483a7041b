/**
 * The proof format `sealog-proof-v1` (docs/PROOF.md): what a proof holds,
 * read strictly from parsed JSON and written back. Pure data: which bytes
 * are checked how is verify.ts's job, how a seal is rebuilt seal-form.ts's.
 *
 *   { "format": "sealog-proof-v1",
 *     "record": <OTLP JSON LogsData holding exactly the record, its resource and scope>,
 *     "prev":   hash_{seq-1},
 *     "index":  seq - from,            "size": to - from + 1,
 *     "path":   [RFC 9162 audit path, leaf side first],
 *     "seal":   { "v", "time", "epoch", "ctx"?, "start"?, "head"?, "root", "next_key"?, "sig" },
 *     "keys":   [ { "seq", "chain"?, "v", "from", "time", "epoch", "ctx"?, "start"?, "head", "root", "next_key", "sig" } ] }
 *
 * Hashes, keys and signatures are base64url without padding (b64url.ts); 64-bit
 * times are decimal strings; everything else is a JSON number. A member not
 * named here, a missing one, or one of the wrong type makes the proof
 * malformed: there is one way to write a given proof.
 */
import { fromB64url, toB64url } from './b64url.js';

export const PROOF_FORMAT = 'sealog-proof-v1';

/** The seal that covers the record, with what the proof derives left out (docs/PROOF.md "The seal"). */
export interface SealForm {
  v: number;
  timeNs: bigint;
  epoch: number;
  /** The seal's context hash (v2 only: the v2 signature covers it). */
  ctx?: Uint8Array;
  /** hash_{from-1}: present unless index is 0 (then it is `prev`) or from is 1 (the anchor). */
  start?: Uint8Array;
  /** hash_to: present unless the record is the range's last (then it is the record's own hash). */
  head?: Uint8Array;
  root: Uint8Array;
  nextKey?: Uint8Array;
  sig: Uint8Array;
}

/** A key certificate: the seal that announced the next epoch's key (PROTOCOL.md §8), in full. */
export interface CertForm {
  seq: number;
  /** The chain it is in, when not the record's (a restart vouched for by an earlier chain of the stream, §8.1). */
  chain?: string;
  v: number;
  from: number;
  timeNs: bigint;
  epoch: number;
  ctx?: Uint8Array;
  /** hash_{from-1}: present unless from is 1 (the anchor). */
  start?: Uint8Array;
  head: Uint8Array;
  root: Uint8Array;
  nextKey: Uint8Array;
  sig: Uint8Array;
}

export interface Proof {
  /** The record as OTLP JSON (a LogsData object), checked by record-form.ts. */
  record: unknown;
  prev: Uint8Array;
  index: number;
  size: number;
  path: Uint8Array[];
  seal: SealForm;
  keys: CertForm[];
}

export type ParsedProof = { ok: true; proof: Proof } | { ok: false; error: string };

class Malformed extends Error {}

type Obj = Record<string, unknown>;

function object(v: unknown, what: string, allowed: readonly string[], required: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Malformed(`${what} is not a JSON object`);
  const o = v as Obj;
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new Malformed(`${what} has an unknown member "${k}"`);
  for (const k of required) if (!(k in o)) throw new Malformed(`${what} lacks "${k}"`);
  return o;
}

function count(o: Obj, k: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) throw new Malformed(`${what}.${k} is not an integer from 0 to ${max}`);
  return v;
}

const MAX_I64 = (1n << 63n) - 1n;

function time(o: Obj, k: string, what: string): bigint {
  const v = o[k];
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,18})$/.test(v) || BigInt(v) > MAX_I64) throw new Malformed(`${what}.${k} is not a decimal string of a time in ns (0 to 2^63-1)`);
  return BigInt(v);
}

function bytes(o: Obj, k: string, what: string, length: number): Uint8Array {
  const b = fromB64url(o[k], length);
  if (!b) throw new Malformed(`${what}.${k} is not ${length} bytes of base64url (no padding)`);
  return b;
}

function optionalBytes(o: Obj, k: string, what: string, length: number): Uint8Array | undefined {
  return k in o ? bytes(o, k, what, length) : undefined;
}

function version(o: Obj, what: string): number {
  const v = count(o, 'v', what);
  if (v !== 1 && v !== 2) throw new Malformed(`${what}.v is ${v}: only seals of protocol versions 1 and 2 exist`);
  return v;
}

/** ctx is present exactly in v2 seals. */
function context(o: Obj, what: string, v: number): Uint8Array | undefined {
  if (v === 1 && 'ctx' in o) throw new Malformed(`${what}.ctx is only carried for a v2 seal`);
  return v === 2 ? bytes(o, 'ctx', what, 32) : undefined;
}

const SEAL_MEMBERS = ['v', 'time', 'epoch', 'ctx', 'start', 'head', 'root', 'next_key', 'sig'] as const;
const CERT_MEMBERS = ['seq', 'chain', 'v', 'from', 'time', 'epoch', 'ctx', 'start', 'head', 'root', 'next_key', 'sig'] as const;
const PROOF_MEMBERS = ['format', 'record', 'prev', 'index', 'size', 'path', 'seal', 'keys'] as const;
const U32 = 0xffffffff;

function sealFrom(x: unknown): SealForm {
  const o = object(x, 'seal', SEAL_MEMBERS, ['v', 'time', 'epoch', 'root', 'sig']);
  const v = version(o, 'seal');
  const s: SealForm = { v, timeNs: time(o, 'time', 'seal'), epoch: count(o, 'epoch', 'seal', U32), root: bytes(o, 'root', 'seal', 32), sig: bytes(o, 'sig', 'seal', 64) };
  const ctx = context(o, 'seal', v);
  if (ctx) s.ctx = ctx;
  const start = optionalBytes(o, 'start', 'seal', 32);
  if (start) s.start = start;
  const head = optionalBytes(o, 'head', 'seal', 32);
  if (head) s.head = head;
  const next = optionalBytes(o, 'next_key', 'seal', 32);
  if (next) s.nextKey = next;
  return s;
}

function certFrom(x: unknown, i: number): CertForm {
  const what = `keys[${i}]`;
  const o = object(x, what, CERT_MEMBERS, ['seq', 'v', 'from', 'time', 'epoch', 'head', 'root', 'next_key', 'sig']);
  const v = version(o, what);
  const c: CertForm = {
    seq: count(o, 'seq', what),
    v,
    from: count(o, 'from', what),
    timeNs: time(o, 'time', what),
    epoch: count(o, 'epoch', what, U32),
    head: bytes(o, 'head', what, 32),
    root: bytes(o, 'root', what, 32),
    nextKey: bytes(o, 'next_key', what, 32),
    sig: bytes(o, 'sig', what, 64),
  };
  if ('chain' in o) {
    if (typeof o['chain'] !== 'string') throw new Malformed(`${what}.chain is not a string`);
    c.chain = o['chain'];
  }
  const ctx = context(o, what, v);
  if (ctx) c.ctx = ctx;
  const start = optionalBytes(o, 'start', what, 32);
  if (start) c.start = start;
  return c;
}

/** Reads a parsed JSON value as a proof, strictly (docs/PROOF.md "Format"). */
export function parseProof(x: unknown): ParsedProof {
  try {
    const o = object(x, 'proof', PROOF_MEMBERS, PROOF_MEMBERS);
    if (o['format'] !== PROOF_FORMAT) throw new Malformed(`format is ${JSON.stringify(o['format'])}, not "${PROOF_FORMAT}"`);
    const path = o['path'];
    if (!Array.isArray(path)) throw new Malformed('path is not an array');
    const keys = o['keys'];
    if (!Array.isArray(keys)) throw new Malformed('keys is not an array');
    return {
      ok: true,
      proof: {
        record: o['record'],
        prev: bytes(o, 'prev', 'proof', 32),
        index: count(o, 'index', 'proof'),
        size: count(o, 'size', 'proof'),
        path: path.map((p, i) => {
          const b = fromB64url(p, 32);
          if (!b) throw new Malformed(`path[${i}] is not 32 bytes of base64url (no padding)`);
          return b;
        }),
        seal: sealFrom(o['seal']),
        keys: keys.map(certFrom),
      },
    };
  } catch (err) {
    if (err instanceof Malformed) return { ok: false, error: err.message };
    throw err;
  }
}

const b = toB64url;

function sealJson(s: SealForm): Obj {
  const o: Obj = { v: s.v, time: s.timeNs.toString(), epoch: s.epoch };
  if (s.ctx) o['ctx'] = b(s.ctx);
  if (s.start) o['start'] = b(s.start);
  if (s.head) o['head'] = b(s.head);
  o['root'] = b(s.root);
  if (s.nextKey) o['next_key'] = b(s.nextKey);
  o['sig'] = b(s.sig);
  return o;
}

function certJson(c: CertForm): Obj {
  const o: Obj = { seq: c.seq };
  if (c.chain !== undefined) o['chain'] = c.chain;
  o['v'] = c.v;
  o['from'] = c.from;
  o['time'] = c.timeNs.toString();
  o['epoch'] = c.epoch;
  if (c.ctx) o['ctx'] = b(c.ctx);
  if (c.start) o['start'] = b(c.start);
  o['head'] = b(c.head);
  o['root'] = b(c.root);
  o['next_key'] = b(c.nextKey);
  o['sig'] = b(c.sig);
  return o;
}

/** The proof as a JSON value, members in the documented order (JSON.stringify it to write it). */
export function proofJson(p: Proof): Obj {
  return {
    format: PROOF_FORMAT,
    record: p.record,
    prev: b(p.prev),
    index: p.index,
    size: p.size,
    path: p.path.map(b),
    seal: sealJson(p.seal),
    keys: p.keys.map(certJson),
  };
}
