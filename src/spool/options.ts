/** Options of openSpool() and their validation. */
import { AgentError } from '../errors.js';
import type { Logger } from '../telemetry/logger.js';
import type { Labels, MetricsRegistry } from '../telemetry/metrics.js';
import { SEGMENT_HEADER_BYTES } from './format.js';
import type { SpoolFs } from './spool-fs.js';

export interface SpoolOptions {
  /** Created if missing (0700). */
  dir: string;
  /** Bound on the data segments' total size. */
  maxSizeBytes: number;
  /** Roll to a new segment past this size (default 64 MiB in config; tests use small values). */
  segmentSizeBytes: number;
  sync: 'always' | 'interval' | 'none';
  syncIntervalMs: number;
  /** Keep fully-acknowledged segments this long (0 = delete at once). Yields to space pressure. */
  retainMs: number;
  /** Names of the cursors in use; cursor files of other names are removed with a log line. */
  readers: string[];
  /**
   * Called when a new segment starts, just before its first write and after
   * every earlier append has resolved: its bytes are written as that
   * segment's first frame (a checkpoint frame, type 2, no records).
   */
  checkpoint: () => Uint8Array;
  /**
   * The ack tag of a data frame, from its meta (at most 1024 bytes; undefined
   * for none): stored in the reader's cursor file with every acknowledgement,
   * so what was acknowledged is known even when the spool loses those frames.
   */
  ackTag?: (meta: Uint8Array) => Uint8Array | undefined;
  logger: Logger;
  /** Registers the sealog_spool_* metrics. */
  metrics?: MetricsRegistry;
  /** Labels added to every sealog_spool_* series (for several spools in one registry). */
  metricLabels?: Labels;
  /**
   * A reader skipped a damaged region that recovery had not listed (an older
   * segment), or a segment vanished from under a reader: called once per
   * region, after it is noted in recovery-damage.json and with the metas of
   * the intact frames around it where they can be read. The owner declares
   * it (a signed loss record) and then calls settleDamage([d]).
   */
  onDamage?: (d: import('./recovery.js').SpoolDamage) => void;
  /** I/O seam (default: node:fs/promises) for fault-injection tests. */
  fs?: SpoolFs;
  now?: () => number;
  /** Read chunk size for readers and recovery (default 1 MiB). */
  readChunkBytes?: number;
  /** First retry delay after ENOSPC/EIO (default 200 ms), doubled up to diskRetryMaxMs (default 5 s). */
  diskRetryInitialMs?: number;
  diskRetryMaxMs?: number;
}

/** Throws AgentError 'CONFIG_INVALID' naming the first impossible option. */
export function checkOptions(o: SpoolOptions): void {
  const bad = (msg: string): never => {
    throw new AgentError('CONFIG_INVALID', `spool ${o.dir}: ${msg}`);
  };
  if (!o.dir) bad('dir is empty');
  if (!(o.maxSizeBytes > 0)) bad(`max_size must be positive (got ${o.maxSizeBytes})`);
  if (!(o.segmentSizeBytes > SEGMENT_HEADER_BYTES)) bad(`segment_size must be larger than ${SEGMENT_HEADER_BYTES} bytes (got ${o.segmentSizeBytes})`);
  if (o.sync !== 'always' && o.sync !== 'interval' && o.sync !== 'none') bad(`sync must be always, interval or none (got ${String(o.sync)})`);
  if (o.sync === 'interval' && !(o.syncIntervalMs > 0)) bad(`sync_interval must be positive (got ${o.syncIntervalMs})`);
  if (!(o.retainMs >= 0)) bad(`retain must not be negative (got ${o.retainMs})`);
  if (new Set(o.readers).size !== o.readers.length) bad(`reader names must be unique (got ${o.readers.join(', ')})`);
}
