/**
 * A batch a backend rejected for good went to the dead-letter area: the
 * chain gets a signed loss record for the data records in it, so an auditor
 * sees why the backend lacks them. Batches holding only control records
 * (seals, loss records) declare nothing, which keeps a backend that rejects
 * everything from feeding an endless loop of loss records.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeadLetterMeta } from '../exporters/dlq.js';
import { ATTR_TYPE } from '../integrity/canonical.js';
import { decodeLogsJson } from '../otlp/json.js';
import { decodeLogsProto } from '../otlp/proto.js';
import { getAttr, type LogsData } from '../otlp/types.js';

/** Data (non-control) records in a dead-lettered body; all of them when the body cannot be decoded. */
export async function deadLetterDataRecords(dlqDir: string, meta: DeadLetterMeta): Promise<number> {
  let data: LogsData;
  try {
    const body = await readFile(join(dlqDir, meta.bodyFile));
    data = meta.encoding === 'json' ? decodeLogsJson(body.toString('utf8').trim()) : decodeLogsProto(body);
  } catch {
    return meta.records;
  }
  let n = 0;
  for (const rl of data.resourceLogs) {
    for (const sl of rl.scopeLogs) for (const r of sl.logRecords) if (getAttr(r.attributes, ATTR_TYPE) === undefined) n++;
  }
  return n;
}

export function deadLetterReason(exporterId: string, meta: DeadLetterMeta): string {
  const seqs = meta.streams.map((r) => `${r.stream} ${r.first}..${r.last}`).join(', ');
  return `dead_letter exporter=${exporterId} status=${meta.status} ${seqs}`.trim();
}

/** The loss record's reason for a dead letter: deadLetterReason plus the entry's body file, which names it. */
export function deadLetterLossReason(exporterId: string, meta: DeadLetterMeta): string {
  return `${deadLetterReason(exporterId, meta)} dlq=${meta.bodyFile}`;
}
