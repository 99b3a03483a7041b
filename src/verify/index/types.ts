/**
 * What the index answers with (docs/VERIFY.md "The index"): hits re-proven
 * at query time, and per (stream, chain) what the query's window cannot
 * show. Shapes shared with `sealog search` over files (src/verify/search/).
 */
import type { Finding } from '../core/index.js';

export type HitStatus = 'verified' | 'unsealed' | 'modified' | 'conflicting' | 'unverifiable';

export interface Hit {
  stream: string;
  chain: string;
  seq: number;
  /** time_unix_nano and observed_time_unix_nano, as the record carries them (0n: not set). */
  timeNs: bigint;
  observedNs: bigint;
  severity: number;
  severityText: string;
  /** The body as plain JSON (int64 as a decimal string, bytes as base64). */
  body: unknown;
  /** Record attributes (without sealog.seq and sealog.hash), as plain JSON. */
  attributes: Record<string, unknown>;
  /** Resource attributes, as plain JSON. */
  resource: Record<string, unknown>;
  status: HitStatus;
  /** Why the status is not `verified` (or what a `verified` one rests on, when notable). */
  reason?: string;
  /** file:line the record was indexed from. */
  source: string;
}

/** What one (stream, chain) of the window cannot show (the same shape as search's window report). */
export interface WindowReport {
  stream: string;
  chain: string;
  /** The seq extent the window covers in this chain (seqTo undefined: to the end of what the index holds). */
  seqFrom: number;
  seqTo?: number;
  /** Records of the chain inside the time window (any status, hits or not). */
  recordsInWindow: number;
  /** Missing ranges, an unsealed tail, ranges no verified seal covers, gaps, losses, restarts. */
  findings: Finding[];
}

export interface Completeness {
  windows: WindowReport[];
  /** No finding in any window is a violation or a warning. */
  complete: boolean;
}
