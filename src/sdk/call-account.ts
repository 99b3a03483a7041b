/**
 * What one export call carries, for the processor's bookkeeping: the data
 * (non-control) records, the seq range and the loss records among them (if
 * the call is finally lost, those losses are declared again).
 *
 * The sealer never mixes control records (seal, genesis, loss) with data in
 * one ResourceLogs, and numbers the records of a frame in order: a data
 * frame's seqs are those of its first and last records, and only control
 * frames are read record by record.
 */
import { ATTR_SEQ, ATTR_TYPE } from '../integrity/canonical.js';
import { parseLoss, type LossFields } from '../integrity/control.js';
import { isControl } from '../pipeline/frame-store.js';
import type { LogRecord, ResourceLogs } from '../otlp/types.js';

export interface CallAccount {
  data: number;
  /** The seqs carried, first..last (0 when none could be read). */
  firstSeq: number;
  lastSeq: number;
  losses: LossFields[];
}

/** A record's sealog.seq (0 when it has none); the stamp attributes are appended last, so the search runs backwards. */
function seqOf(lr: LogRecord): number {
  const attrs = lr.attributes;
  for (let i = attrs.length - 1; i >= 0; i--) {
    const a = attrs[i]!;
    if (a.key === ATTR_SEQ) return a.value.type === 'int' ? Number(a.value.value) : 0;
  }
  return 0;
}

function isLoss(lr: LogRecord): boolean {
  for (const a of lr.attributes) if (a.key === ATTR_TYPE) return a.value.type === 'string' && a.value.value === 'loss';
  return false;
}

export function accountFrames(frames: readonly ResourceLogs[]): CallAccount {
  const acc: CallAccount = { data: 0, firstSeq: 0, lastSeq: 0, losses: [] };
  const see = (seq: number): void => {
    if (seq === 0) return;
    if (acc.firstSeq === 0 || seq < acc.firstSeq) acc.firstSeq = seq;
    if (seq > acc.lastSeq) acc.lastSeq = seq;
  };
  for (const rl of frames) {
    const control = isControl(rl);
    for (const sl of rl.scopeLogs) {
      const records = sl.logRecords;
      if (records.length === 0) continue;
      if (!control) {
        acc.data += records.length;
        see(seqOf(records[0]!));
        see(seqOf(records[records.length - 1]!));
        continue;
      }
      for (const lr of records) {
        see(seqOf(lr));
        if (!isLoss(lr)) continue;
        const l = parseLoss(lr);
        if (l.ok) acc.losses.push(l.value);
      }
    }
  }
  return acc;
}
