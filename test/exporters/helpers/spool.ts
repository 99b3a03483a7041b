/**
 * The real spool used by delivery tests, plus a reader wrapper that records acks.
 */
import { openSpool } from '../../../src/spool/spool.js';
import type { SpoolEntry, SpoolReader } from '../../../src/spool/types.js';
import { NOOP_LOGGER } from '../../../src/telemetry/logger.js';

export interface TestSpool {
  append(entries: SpoolEntry[]): Promise<{ firstId: number; lastId: number }>;
  reader(name: string): SpoolReader;
  close(): Promise<void>;
}

/** A real on-disk spool (small segments, no fsync: durability is not what these tests check). */
export async function openTestSpool(dir: string, readers: string[]): Promise<TestSpool> {
  return openSpool({
    dir,
    maxSizeBytes: 256 * 1024 * 1024,
    segmentSizeBytes: 1024 * 1024,
    sync: 'none',
    syncIntervalMs: 100,
    retainMs: 0,
    readers,
    checkpoint: () => new Uint8Array(0),
    logger: NOOP_LOGGER,
  });
}

/** Wraps a reader so tests can see every ack the exporter made. */
export function recordingReader(inner: SpoolReader): SpoolReader & { acks: number[] } {
  const acks: number[] = [];
  return {
    name: inner.name,
    acks,
    next: (opts) => inner.next(opts),
    release: (frames) => inner.release(frames),
    ack: async (id) => {
      await inner.ack(id);
      acks.push(id);
    },
    rewind: () => inner.rewind(),
    lag: () => inner.lag(),
    atEnd: () => inner.atEnd(),
  };
}
