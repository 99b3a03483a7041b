/**
 * What the index answers with (docs/VERIFY.md "The index"): hits re-proven
 * at query time, and per (stream, chain) what the query's window cannot
 * show (search's WindowReport). The Hit is search's (src/verify/search/hits.ts)
 * without `raw`, and with `reason` only when the status is not `verified`.
 */
import type { HitStatus } from '../search/status.js';
import type { WindowReport } from '../search/window.js';

export type { HitStatus, WindowReport };

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

export interface Completeness {
  windows: WindowReport[];
  /** No finding in any window is a violation or a warning. */
  complete: boolean;
}
