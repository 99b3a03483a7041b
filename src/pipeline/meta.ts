/**
 * The pipeline state stored in each spool frame's meta (opaque to the spool):
 * the chain state after the frame, and the file positions that the frame
 * commits. A checkpoint frame (first frame of each segment) holds every
 * position, so recovery reads only the newest segment.
 *
 * Encoding: UTF-8 JSON, one object: { v: 1, k: 'd' | 'c', chain?, pos? }.
 */
import { fromHex, toHex } from '../integrity/bytes.js';
import type { ChainState } from '../integrity/sealer.js';
import type { FilePosition } from './types.js';

interface ChainJson {
  stream: string;
  chain: string;
  seq: number;
  head: string;
  lastSealSeq: number;
  lastSealHash: string;
  lastSealTimeNs: string;
  rangeFrom: number;
  rangeStart: string;
  merkle: { h: string[]; s: number[]; c: number };
  epoch: number;
}

type PosJson = [receiver: string, key: string, path: string, offset: number];

interface MetaJson {
  v: 1;
  k: 'd' | 'c';
  chain?: ChainJson;
  pos?: PosJson[];
}

export interface FrameMeta {
  checkpoint: boolean;
  chain?: ChainState;
  positions: FilePosition[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function chainToJson(s: ChainState): ChainJson {
  return {
    stream: s.stream,
    chain: s.chain,
    seq: s.seq,
    head: toHex(s.head),
    lastSealSeq: s.lastSealSeq,
    lastSealHash: toHex(s.lastSealHash),
    lastSealTimeNs: s.lastSealTimeNs.toString(),
    rangeFrom: s.rangeFrom,
    rangeStart: toHex(s.rangeStart),
    merkle: { h: s.merkle.hashes.map(toHex), s: s.merkle.sizes, c: s.merkle.count },
    epoch: s.epoch,
  };
}

function hex32(s: string): Uint8Array {
  const b = fromHex(s);
  if (!b || b.length !== 32) throw new Error('bad hash in frame meta');
  return b;
}

function chainFromJson(j: ChainJson): ChainState {
  return {
    stream: j.stream,
    chain: j.chain,
    seq: j.seq,
    head: hex32(j.head),
    lastSealSeq: j.lastSealSeq,
    lastSealHash: hex32(j.lastSealHash),
    lastSealTimeNs: BigInt(j.lastSealTimeNs),
    rangeFrom: j.rangeFrom,
    rangeStart: hex32(j.rangeStart),
    merkle: { hashes: j.merkle.h.map(hex32), sizes: j.merkle.s, count: j.merkle.c },
    epoch: j.epoch,
  };
}

export function encodeMeta(m: FrameMeta): Uint8Array {
  const j: MetaJson = { v: 1, k: m.checkpoint ? 'c' : 'd' };
  if (m.chain) j.chain = chainToJson(m.chain);
  if (m.positions.length) j.pos = m.positions.map((p) => [p.receiver, p.key, p.path, p.offset]);
  return enc.encode(JSON.stringify(j));
}

export function decodeMeta(b: Uint8Array): FrameMeta {
  const j = JSON.parse(dec.decode(b)) as MetaJson;
  if (j.v !== 1) throw new Error(`unknown frame meta version ${String(j.v)}`);
  return {
    checkpoint: j.k === 'c',
    ...(j.chain ? { chain: chainFromJson(j.chain) } : {}),
    positions: (j.pos ?? []).map(([receiver, key, path, offset]) => ({ receiver, key, path, offset })),
  };
}

export interface RecoveredState {
  chain?: ChainState;
  /** Committed positions by receiver id, then by file key. */
  positions: Map<string, Map<string, FilePosition>>;
  problems: string[];
}

/** Folds the metas the spool returns (checkpoint first, then deltas) into one state. */
export function recoverState(metas: readonly Uint8Array[]): RecoveredState {
  const out: RecoveredState = { positions: new Map(), problems: [] };
  for (const b of metas) {
    let m: FrameMeta;
    try {
      m = decodeMeta(b);
    } catch (err) {
      out.problems.push(`unreadable frame meta skipped: ${(err as Error).message}`);
      continue;
    }
    if (m.checkpoint) out.positions.clear();
    if (m.chain) out.chain = m.chain;
    for (const p of m.positions) applyPosition(out.positions, p);
  }
  return out;
}

/**
 * What an exporter's cursor remembers of the frame it acknowledged last
 * (the spool's ack tag, docs/SPOOL.md "Acknowledged positions"): the chain
 * position right after that frame. UTF-8 JSON { v: 1, stream, chain, seq, hash }.
 */
export interface AckedPosition {
  stream: string;
  chain: string;
  seq: number;
  hash: Uint8Array;
}

/** The ack tag of a data frame: its chain position, from its meta (undefined if it carries none). */
export function ackTagOf(meta: Uint8Array): Uint8Array | undefined {
  let m: FrameMeta;
  try {
    m = decodeMeta(meta);
  } catch {
    return undefined;
  }
  const c = m.chain;
  if (!c) return undefined;
  return enc.encode(JSON.stringify({ v: 1, stream: c.stream, chain: c.chain, seq: c.seq, hash: toHex(c.head) }));
}

export function decodeAckTag(tag: Uint8Array): AckedPosition | undefined {
  try {
    const j = JSON.parse(dec.decode(tag)) as { v?: unknown; stream?: unknown; chain?: unknown; seq?: unknown; hash?: unknown };
    if (j.v !== 1 || typeof j.stream !== 'string' || typeof j.chain !== 'string' || typeof j.hash !== 'string') return undefined;
    if (typeof j.seq !== 'number' || !Number.isSafeInteger(j.seq) || j.seq < 1) return undefined;
    const hash = fromHex(j.hash);
    if (!hash || hash.length !== 32) return undefined;
    return { stream: j.stream, chain: j.chain, seq: j.seq, hash };
  } catch {
    return undefined;
  }
}

/** Records a committed position (the last one per key wins; a settled one, offset < 0, too). */
export function applyPosition(all: Map<string, Map<string, FilePosition>>, p: FilePosition): void {
  let byKey = all.get(p.receiver);
  if (!byKey) all.set(p.receiver, (byKey = new Map()));
  byKey.set(p.key, p);
}
