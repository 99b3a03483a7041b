/**
 * The spool's public contract (see docs/SPOOL.md for the bytes on disk).
 *
 * A frame holds one `SpoolEntry`: `payload` is the protobuf encoding of one
 * ResourceLogs message (already chained and sealed, ready to frame into an
 * ExportLogsServiceRequest), `meta` is opaque pipeline state (chain head,
 * file positions) used only for recovery and never exported.
 */
export interface SpoolEntry {
  payload: Uint8Array;
  meta: Uint8Array;
  /** Number of log records in payload. */
  records: number;
  /** Bit flags; FRAME_FLAG_CONTROL marks a payload that holds seal/genesis/loss records. */
  flags: number;
}

export const FRAME_FLAG_CONTROL = 1;

export interface SpoolFrame {
  /** Monotonic frame id, unique in this spool, never reused. */
  id: number;
  records: number;
  flags: number;
  payload: Uint8Array;
  /** Wall-clock ms when the frame was appended (for lag-in-seconds). */
  appendedAtMs: number;
}

export interface ReadOptions {
  maxRecords: number;
  maxBytes: number;
  /** Resolve with [] when aborted. */
  signal?: AbortSignal;
}

export interface SpoolReader {
  readonly name: string;
  /**
   * The next frames after the read position, waiting until at least one is
   * available. Returns at least one frame even if it alone exceeds maxBytes.
   * Advances the read position (not the acknowledged cursor).
   */
  next(opts: ReadOptions): Promise<SpoolFrame[]>;
  /**
   * The caller is done with these frames' payloads (it copied what it
   * needs): the memory they view may be reused for later reads. Optional
   * for correctness (unreleased frames are simply garbage collected), but a
   * payload must not be touched after it is released.
   */
  release(frames: readonly SpoolFrame[]): void;
  /** Everything up to and including frame id is delivered; persists the cursor atomically. */
  ack(id: number): Promise<void>;
  /** Moves the read position back to the acknowledged cursor (e.g. after a restart of the exporter). */
  rewind(): void;
  /** Records and bytes appended but not yet acknowledged, and age of the oldest unacknowledged frame. */
  lag(): { records: number; bytes: number; oldestMs: number | undefined };
  /**
   * Whether the read position is at the end of what is visible: next()
   * would wait for a commit. (A next() cut short by its signal may return
   * fewer frames, even none, while this is still false.)
   */
  atEnd(): boolean;
}

export interface SpoolStats {
  segments: number;
  bytes: number;
  maxBytes: number;
  records: number;
  frames: number;
  lastFrameId: number;
  full: boolean;
  cursors: Array<{ name: string; ackedId: number; lagRecords: number; lagBytes: number }>;
}
