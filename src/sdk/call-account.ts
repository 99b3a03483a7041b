/**
 * What one export call carries, for the processor's bookkeeping: the data
 * (non-control) records, the seq range and the loss records among them (if
 * the call is finally lost, those losses are declared again).
 */
import { ATTR_SEQ, ATTR_TYPE } from '../integrity/canonical.js';
import { parseLoss, type LossFields } from '../integrity/control.js';
import type { AnyValue, ResourceLogs } from '../otlp/types.js';

export interface CallAccount {
  data: number;
  /** The seqs carried, first..last (0 when none could be read). */
  firstSeq: number;
  lastSeq: number;
  losses: LossFields[];
}

export function accountFrames(frames: readonly ResourceLogs[]): CallAccount {
  let data = 0;
  let firstSeq = 0;
  let lastSeq = 0;
  const losses: LossFields[] = [];
  for (const rl of frames) {
    for (const sl of rl.scopeLogs) {
      for (const lr of sl.logRecords) {
        // One pass over the attributes for the seq and the control type.
        let seq: AnyValue | undefined;
        let type: AnyValue | undefined;
        for (const a of lr.attributes) {
          if (a.key === ATTR_SEQ) seq = a.value;
          else if (a.key === ATTR_TYPE) type = a.value;
        }
        if (seq?.type === 'int') {
          const n = Number(seq.value);
          if (firstSeq === 0 || n < firstSeq) firstSeq = n;
          if (n > lastSeq) lastSeq = n;
        }
        if (type === undefined) data++;
        else if (type.type === 'string' && type.value === 'loss') {
          const l = parseLoss(lr);
          if (l.ok) losses.push(l.value);
        }
      }
    }
  }
  return { data, firstSeq, lastSeq, losses };
}
