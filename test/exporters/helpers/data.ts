/**
 * Spool entries for exporter tests: one ResourceLogs per frame, records
 * numbered by `sealog.seq` 1..N in one stream, with a control record
 * (`sealog.type` = "seal") after every `sealEvery` records, sometimes in a
 * frame of its own and sometimes sharing a frame with ordinary records, the
 * way a sealer emits them.
 */
import { decodeResourceLogsProto, encodeResourceLogsProto } from '../../../src/otlp/proto.js';
import type { LogRecord, ResourceLogs } from '../../../src/otlp/types.js';
import { getAttr, int, kv, newLogRecord, newResource, newScope, str } from '../../../src/otlp/types.js';
import { FRAME_FLAG_CONTROL, type SpoolEntry } from '../../../src/spool/types.js';
import { expect } from 'vitest';
import { makeSealedEntries, verifyJsonLines } from '../../helpers/sealed.js';

export const STREAM = 'test-host/logs';

function record(seq: number, control: boolean): LogRecord {
  const r = newLogRecord();
  r.timeUnixNano = 1_700_000_000_000_000_000n + BigInt(seq) * 1_000_000n;
  r.observedTimeUnixNano = r.timeUnixNano;
  r.severityNumber = control ? 0 : 9;
  r.severityText = control ? '' : 'INFO';
  r.body = str(control ? `seal up to ${seq - 1}` : `user ${seq} logged in from 10.0.0.${seq % 255} with a reasonably long message body`);
  r.attributes = [kv('user.id', int(seq)), kv('sealog.seq', int(seq)), kv('sealog.hash', str(seq.toString(16).padStart(64, '0')))];
  if (control) r.attributes.push(kv('sealog.type', str('seal')));
  return r;
}

function entry(records: LogRecord[]): SpoolEntry {
  const rl: ResourceLogs = {
    resource: newResource([kv('service.name', str('app')), kv('sealog.stream', str(STREAM))]),
    scopeLogs: [{ scope: newScope('app', '1.0'), logRecords: records, schemaUrl: '' }],
    schemaUrl: '',
  };
  const control = records.some((r) => r.attributes.some((a) => a.key === 'sealog.type'));
  return { payload: encodeResourceLogsProto(rl), meta: new Uint8Array(0), records: records.length, flags: control ? FRAME_FLAG_CONTROL : 0 };
}

export interface TestData {
  entries: SpoolEntry[];
  /** Total records (the highest seq). */
  records: number;
  /** Seqs of the control records. */
  controlSeqs: number[];
}

/**
 * `records` records in frames of `perFrame`; a seal record follows every
 * `sealEvery` ordinary records (alternately alone in its frame and sharing
 * the next frame), and one closes the stream.
 */
export function makeEntries(opts: { records: number; perFrame?: number; sealEvery?: number; startSeq?: number }): TestData {
  const perFrame = opts.perFrame ?? 10;
  const sealEvery = opts.sealEvery ?? 25;
  const entries: SpoolEntry[] = [];
  const controlSeqs: number[] = [];
  let seq = (opts.startSeq ?? 1) - 1;
  let cur: LogRecord[] = [];
  let sinceSeal = 0;
  let seals = 0;
  const flush = (): void => {
    if (cur.length > 0) entries.push(entry(cur));
    cur = [];
  };
  const seal = (): void => {
    seq++;
    controlSeqs.push(seq);
    seals++;
    if (seals % 2 === 1) {
      flush();
      entries.push(entry([record(seq, true)]));
    } else cur.push(record(seq, true));
    sinceSeal = 0;
  };
  let ordinary = 0;
  while (ordinary < opts.records) {
    seq++;
    ordinary++;
    cur.push(record(seq, false));
    sinceSeal++;
    if (cur.length >= perFrame) flush();
    if (sinceSeal >= sealEvery) seal();
  }
  if (sinceSeal > 0) seal();
  flush();
  return { entries, records: seq, controlSeqs };
}

/** 1..n */
export function range(n: number, from = 1): number[] {
  return Array.from({ length: n }, (_, i) => i + from);
}

/**
 * Really sealed entries (the lead's test/helpers/sealed.ts: genesis, records,
 * signed seals, a closing seal), with the seq bookkeeping the tests need.
 */
export async function makeSealed(opts: { records: number; sealEvery?: number; batch?: number; dir: string }): Promise<TestData & { publicKeyFile: string }> {
  const s = await makeSealedEntries({ records: opts.records, sealEvery: opts.sealEvery ?? 100, batch: opts.batch ?? 10, dir: opts.dir });
  const controlSeqs: number[] = [];
  let records = 0;
  for (const e of s.entries) {
    for (const sl of decodeResourceLogsProto(e.payload).scopeLogs) {
      for (const r of sl.logRecords) {
        records++;
        if (getAttr(r.attributes, 'sealog.type') !== undefined) {
          const seq = getAttr(r.attributes, 'sealog.seq');
          if (seq?.type === 'int') controlSeqs.push(Number(seq.value));
        }
      }
    }
  }
  return { entries: s.entries, records, controlSeqs, publicKeyFile: s.publicKeyFile };
}

/** Runs the checker over what arrived (OTLP JSON lines) and returns its verdict. */
export async function verifyArrived(lines: string[], publicKeyFile: string): Promise<{ intact: boolean; records: number; findings: string[] }> {
  const r = await verifyJsonLines(lines, publicKeyFile);
  return { intact: r.intact, records: r.records, findings: r.findings.map((f) => `${f.kind}${f.seq !== undefined ? '@' + f.seq : ''}: ${f.message}`) };
}

/** Asserts that the checker finds the lines intact (no violation), with every ordinary (non-control) record there. */
export async function expectVerifies(lines: string[], data: { records: number; controlSeqs: number[]; publicKeyFile: string }): Promise<void> {
  const v = await verifyArrived(lines, data.publicKeyFile);
  expect(v.findings).toEqual([]);
  expect(v.intact).toBe(true);
  expect(v.records).toBe(data.records - data.controlSeqs.length);
}
