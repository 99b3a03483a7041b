import { createMemoryLogger, type Logger } from '../../../src/telemetry/logger.js';
import { openSpool, type Spool, type SpoolOptions } from '../../../src/spool/spool.js';
import type { SpoolEntry, SpoolFrame, SpoolReader } from '../../../src/spool/types.js';

/** Deterministic payload for sequence number n: recognisable and checkable. */
export function payloadFor(n: number, size = 64): Uint8Array {
  const out = new Uint8Array(size);
  const head = Buffer.from(`rec-${n}:`);
  out.set(head.subarray(0, size));
  for (let i = head.length; i < size; i++) out[i] = (n * 31 + i) & 0xff;
  return out;
}

/** Sequence number encoded in a payload made by payloadFor. */
export function seqOf(payload: Uint8Array): number {
  const text = Buffer.from(payload.subarray(0, 24)).toString('latin1');
  const m = /^rec-(\d+):/.exec(text);
  if (!m) throw new Error(`not a test payload: ${text}`);
  return Number(m[1]);
}

export function entryFor(n: number, size = 64): SpoolEntry {
  return { payload: payloadFor(n, size), meta: Buffer.from(`m${n}`), records: 1 + (n % 3), flags: n % 7 === 0 ? 1 : 0 };
}

export function entries(from: number, count: number, size = 64): SpoolEntry[] {
  const out: SpoolEntry[] = [];
  for (let i = 0; i < count; i++) out.push(entryFor(from + i, size));
  return out;
}

export function baseOptions(dir: string, over: Partial<SpoolOptions> = {}): SpoolOptions & { logger: Logger & { lines: Array<Record<string, unknown>> } } {
  const logger = createMemoryLogger('debug');
  return {
    dir,
    maxSizeBytes: 64 * 1024 * 1024,
    segmentSizeBytes: 4096,
    sync: 'none',
    syncIntervalMs: 50,
    retainMs: 0,
    readers: ['r1'],
    checkpoint: () => Buffer.from('ckpt'),
    logger,
    ...over,
  } as SpoolOptions & { logger: Logger & { lines: Array<Record<string, unknown>> } };
}

export async function open(dir: string, over: Partial<SpoolOptions> = {}): Promise<Spool> {
  return openSpool(baseOptions(dir, over));
}

/** Reads frames until `count` arrived (or throws after timeoutMs). */
export async function readN(reader: SpoolReader, count: number, timeoutMs = 20_000): Promise<SpoolFrame[]> {
  const got: SpoolFrame[] = [];
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    while (got.length < count) {
      const batch = await reader.next({ maxRecords: 1_000_000, maxBytes: 64 * 1024 * 1024, signal: ac.signal });
      if (batch.length === 0) throw new Error(`timed out after ${got.length} of ${count} frames`);
      got.push(...batch);
    }
  } finally {
    clearTimeout(timer);
  }
  return got;
}

/** Reads whatever is available now (stops when the reader would wait). */
export async function readAvailable(reader: SpoolReader, waitMs = 50): Promise<SpoolFrame[]> {
  const got: SpoolFrame[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`readAvailable: the reader did not reach the end of the visible frames in 60 s (${got.length} read)`);
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), waitMs);
    const batch = await reader.next({ maxRecords: 1_000_000, maxBytes: 64 * 1024 * 1024, signal: ac.signal });
    clearTimeout(timer);
    got.push(...batch);
    // Done only when the reader stands at the end of what is visible: on a busy machine the
    // signal can cut a read short with frames still to come (it returned [] under load).
    if (batch.length === 0 && reader.atEnd()) return got;
  }
}

/** Every data frame on disk, as sequence numbers (via scan()). */
export async function seqsOnDisk(spool: Spool): Promise<number[]> {
  const out: number[] = [];
  for await (const f of spool.scan()) if (f.type === 1) out.push(seqOf(f.payload));
  return out;
}
