/**
 * The record inside a proof: OTLP JSON (LogsData) holding exactly one
 * resource, one scope and one log record, written as sealog's OTLP JSON
 * writer writes it (src/otlp/json-encode.ts) and carrying nothing the chain
 * hash does not cover (no dropped-attribute counts, schema URLs or entity
 * references, PROTOCOL.md §3). So every member of the record is covered by
 * its hash, and a record has one spelling: a verifier that decodes it and
 * writes it again must get the same JSON value (docs/PROOF.md "The record").
 */
import { decodeLogsJsonValue, encodeLogsJson, getAttr, type InstrumentationScope, type LogRecord, type LogsData, type Resource } from '../../otlp/index.js';
import { fromHex } from '../../integrity/bytes.js';
import { ATTR_CHAIN, ATTR_HASH, ATTR_SEQ, ATTR_STREAM } from '../../integrity/canonical.js';

export interface ProofRecord {
  resource: Resource;
  scope: InstrumentationScope;
  record: LogRecord;
  stream: string;
  chain: string;
  seq: number;
  /** Its `sealog.hash`. */
  claimed: Uint8Array;
}

/** The one-record LogsData a proof carries: the parts the chain hash covers, nothing else. */
export function proofLogsData(resource: Resource, scope: InstrumentationScope, record: LogRecord): LogsData {
  return {
    resourceLogs: [
      {
        resource: { attributes: resource.attributes, droppedAttributesCount: 0, entityRefs: [] },
        scopeLogs: [{ scope: { name: scope.name, version: scope.version, attributes: scope.attributes, droppedAttributesCount: 0 }, logRecords: [{ ...record, droppedAttributesCount: 0 }], schemaUrl: '' }],
        schemaUrl: '',
      },
    ],
  };
}

/** The record member of a proof (a JSON value). */
export function proofRecordJson(resource: Resource, scope: InstrumentationScope, record: LogRecord): unknown {
  return JSON.parse(encodeLogsJson(proofLogsData(resource, scope, record)));
}

export type ReadRecord = { ok: true; value: ProofRecord } | { ok: false; code: 'malformed' | 'record_form'; error: string };

/** Reads a proof's record member, with the rules of docs/PROOF.md "The record". */
export function readProofRecord(x: unknown): ReadRecord {
  let data: LogsData;
  try {
    data = decodeLogsJsonValue(x);
  } catch (err) {
    return { ok: false, code: 'malformed', error: `the record is not OTLP JSON: ${(err as Error).message}` };
  }
  const rl = data.resourceLogs;
  if (rl.length !== 1 || rl[0]!.scopeLogs.length !== 1 || rl[0]!.scopeLogs[0]!.logRecords.length !== 1) {
    return { ok: false, code: 'record_form', error: 'the record must be a LogsData holding exactly one resource, one scope and one log record' };
  }
  const { resource } = rl[0]!;
  const { scope } = rl[0]!.scopeLogs[0]!;
  const record = rl[0]!.scopeLogs[0]!.logRecords[0]!;
  if (rl[0]!.schemaUrl || rl[0]!.scopeLogs[0]!.schemaUrl || resource.droppedAttributesCount || resource.entityRefs.length || scope.droppedAttributesCount || record.droppedAttributesCount) {
    return { ok: false, code: 'record_form', error: 'the record carries a member its chain hash does not cover (schemaUrl, droppedAttributesCount or entityRefs)' };
  }
  // The writer's text is usually JSON.stringify's too; they differ only in how some doubles and control characters are spelled.
  const written = encodeLogsJson(data);
  const given = JSON.stringify(x);
  if (given !== written && given !== JSON.stringify(JSON.parse(written))) {
    return { ok: false, code: 'record_form', error: 'the record is not written in the one form a proof allows (as sealog writes OTLP JSON: member order, no zero values, 64-bit integers as strings, lowercase hex ids)' };
  }
  const stream = getAttr(resource.attributes, ATTR_STREAM);
  const chain = getAttr(resource.attributes, ATTR_CHAIN);
  const seq = getAttr(record.attributes, ATTR_SEQ);
  const hash = getAttr(record.attributes, ATTR_HASH);
  if (stream?.type !== 'string' || chain?.type !== 'string') return { ok: false, code: 'record_form', error: `the record's resource lacks the string attributes ${ATTR_STREAM} and ${ATTR_CHAIN}` };
  if (seq?.type !== 'int' || seq.value < 1n || seq.value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, code: 'record_form', error: `the record lacks a valid ${ATTR_SEQ} (an int from 1 to 2^53-1)` };
  const claimed = hash?.type === 'string' && /^[0-9a-f]{64}$/.test(hash.value) ? fromHex(hash.value) : undefined;
  if (!claimed) return { ok: false, code: 'record_form', error: `the record lacks a valid ${ATTR_HASH} (64 lowercase hex digits)` };
  return { ok: true, value: { resource, scope, record, stream: stream.value, chain: chain.value, seq: Number(seq.value), claimed } };
}
