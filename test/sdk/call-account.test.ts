/**
 * accountFrames reads only the first and last record of a data frame: on
 * real sealer output (genesis, data split by seals, final seal) it must
 * agree with a record-by-record count over any run of frames.
 */
import { describe, expect, it } from 'vitest';
import { accountFrames } from '../../src/sdk/call-account.js';
import { getAttr, type ResourceLogs } from '../../src/otlp/types.js';
import { buildStream } from '../helpers/stream.js';

function naive(frames: readonly ResourceLogs[]): { data: number; firstSeq: number; lastSeq: number } {
  let data = 0;
  const seqs: number[] = [];
  for (const rl of frames) {
    for (const sl of rl.scopeLogs) {
      for (const lr of sl.logRecords) {
        const seq = getAttr(lr.attributes, 'sealog.seq');
        if (seq?.type === 'int') seqs.push(Number(seq.value));
        if (getAttr(lr.attributes, 'sealog.type') === undefined) data++;
      }
    }
  }
  return { data, firstSeq: seqs.length ? Math.min(...seqs) : 0, lastSeq: seqs.length ? Math.max(...seqs) : 0 };
}

describe('accountFrames', () => {
  it('counts data records and the seq range of every run of sealed frames as a full scan does', () => {
    const { frames } = buildStream({ records: 53, sealEvery: 10, batch: 7 });
    expect(frames.length).toBeGreaterThan(10);
    for (let a = 0; a < frames.length; a++) {
      for (let b = a + 1; b <= frames.length; b++) {
        const got = accountFrames(frames.slice(a, b));
        expect({ data: got.data, firstSeq: got.firstSeq, lastSeq: got.lastSeq }).toEqual(naive(frames.slice(a, b)));
        expect(got.losses).toEqual([]);
      }
    }
  });
});
