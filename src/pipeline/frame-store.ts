/**
 * Where the sealing stage puts what it chained: one ResourceLogs per frame,
 * with the chain state right after it. The agent (and the SDK processor with
 * a spoolDir) writes them into the spool as protobuf frames; the SDK
 * processor without a spoolDir keeps them in memory for its exporter
 * (src/sdk/memory-outbox.ts).
 */
import { ATTR_TYPE } from '../integrity/canonical.js';
import type { ChainState } from '../integrity/sealer.js';
import { ByteArena } from '../otlp/arena.js';
import { encodeResourceLogsProto } from '../otlp/proto.js';
import { getAttr, type ResourceLogs } from '../otlp/types.js';
import type { Spool } from '../spool/spool.js';
import { FRAME_FLAG_CONTROL, type SpoolEntry } from '../spool/types.js';
import { encodeMeta } from './meta.js';
import type { FilePosition } from './types.js';

/** One stamped ResourceLogs, the chain state right after it and the file positions it commits. */
export interface SealedFrame {
  rl: ResourceLogs;
  state: ChainState;
  positions: FilePosition[];
}

export interface FrameStore {
  /**
   * Stores the frames in order, all or none. `force` (control records) may
   * go past the size bound; otherwise a full store rejects with SPOOL_FULL.
   */
  append(frames: readonly SealedFrame[], force: boolean): Promise<unknown>;
  isFull(): boolean;
  waitForSpace(signal?: AbortSignal): Promise<void>;
  /** Makes what was appended durable (a no-op where nothing is). */
  sync(): Promise<void>;
}

/** The number of log records a ResourceLogs holds. */
export function recordsIn(rl: ResourceLogs): number {
  let n = 0;
  for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}

/** Whether a frame holds control records (seal, genesis, loss, gap): they are never mixed with data. */
export function isControl(rl: ResourceLogs): boolean {
  const first = rl.scopeLogs[0]?.logRecords[0];
  return first !== undefined && getAttr(first.attributes, ATTR_TYPE) !== undefined;
}

/** The spool as a FrameStore: each frame is one protobuf payload with its chain state as meta, in one append. */
export class SpoolFrameStore implements FrameStore {
  readonly #spool: Spool;
  /** Frame payloads are encoded here; spool.append copies them before it returns, then it is reset. */
  readonly #arena = new ByteArena();

  constructor(spool: Spool) {
    this.#spool = spool;
  }

  append(frames: readonly SealedFrame[], force: boolean): Promise<unknown> {
    try {
      return this.#spool.append(
        frames.map((f) => this.#entry(f)),
        force ? { force: true } : undefined,
      );
    } finally {
      this.#arena.reset();
    }
  }

  #entry(f: SealedFrame): SpoolEntry {
    return {
      payload: encodeResourceLogsProto(f.rl, this.#arena),
      meta: encodeMeta({ checkpoint: false, chain: f.state, positions: f.positions }),
      records: recordsIn(f.rl),
      flags: isControl(f.rl) ? FRAME_FLAG_CONTROL : 0,
    };
  }

  isFull(): boolean {
    return this.#spool.isFull();
  }

  waitForSpace(signal?: AbortSignal): Promise<void> {
    return this.#spool.waitForSpace(signal);
  }

  sync(): Promise<void> {
    return this.#spool.sync();
  }
}
