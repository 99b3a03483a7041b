/**
 * A search hit as people and programs see it: the record's fields decoded
 * from the canonical bytes the chain hashed (so what is shown is what was
 * verified), its status, and where it was read. Pure.
 */
import { ATTR_HASH, ATTR_SEQ } from '../../integrity/canonical.js';
import { toHex } from '../../integrity/bytes.js';
import type { LogsData } from '../../otlp/types.js';
import { attrsPlain, bodyAt, contextModel, recordModel, strText, u32, valueEnd, valuePlain } from './canonical-read.js';
import type { RawHit } from './collector.js';
import type { HitStatus, Status } from './status.js';

export interface Hit {
  stream: string;
  chain: string;
  seq: number;
  /** time_unix_nano and observed_time_unix_nano (0n: unknown). */
  timeNs: bigint;
  observedNs: bigint;
  severity: number;
  severityText: string;
  /** The body and attributes as plain JSON data (int64 as decimal strings, bytes as base64). */
  body: unknown;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  status: HitStatus;
  reason: string;
  /** file:line (or spool segment@offset) it was read from. */
  source: string;
  /** Its bytes as read (search over files or a spool; the index's hits carry none). */
  raw?: RawHit;
}

export function toHit(raw: RawHit, s: Status): Hit {
  const b = raw.record;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const body = bodyAt(b, 0);
  return {
    stream: raw.stream,
    chain: raw.chain,
    seq: raw.seq,
    timeNs: dv.getBigUint64(0),
    observedNs: dv.getBigUint64(8),
    severity: u32(b, 16),
    severityText: strText(b, 20),
    body: valuePlain(b, body),
    attributes: attrsPlain(b, valueEnd(b, body)),
    resource: attrsPlain(raw.context, 0),
    status: s.status,
    reason: s.reason,
    source: raw.where,
    raw,
  };
}

/**
 * The hit as one OTLP LogsData holding just its record, with the chain's
 * sealog.seq and sealog.hash back on it: `sealog verify` reads it, and its
 * canonical bytes are the ones that were hashed.
 */
export function hitLogsData(raw: RawHit): LogsData {
  const { resource, scope } = contextModel(raw.context, 0);
  const record = recordModel(raw.record, 0);
  record.attributes.push({ key: ATTR_SEQ, value: { type: 'int', value: BigInt(raw.seq) } });
  if (raw.claimed) record.attributes.push({ key: ATTR_HASH, value: { type: 'string', value: toHex(raw.claimed) } });
  return { resourceLogs: [{ resource, schemaUrl: '', scopeLogs: [{ scope, schemaUrl: '', logRecords: [record] }] }] };
}
