/**
 * What the index answers with (docs/VERIFY.md "The index"): hits re-proven
 * at query time, and per (stream, chain) what the query's window cannot
 * show (search's WindowReport). The Hit is search's (src/verify/search/hits.ts)
 * without `raw`.
 */
import type { Hit as SearchHit } from '../search/hits.js';
import type { HitStatus } from '../search/status.js';
import type { WindowReport } from '../search/window.js';

export type { HitStatus, WindowReport };

/** A hit the index returns: search's Hit without `raw` (the index keeps no RawHit). */
export type Hit = Omit<SearchHit, 'raw'>;

export interface Completeness {
  windows: WindowReport[];
  /** No finding in any window is a violation or a warning. */
  complete: boolean;
}
