/**
 * Per-record validation: the checks that reject one log record while the
 * rest of its request is accepted (OTLP partial success). Everything that
 * makes the request itself unreadable (bad protobuf or JSON, nesting deeper
 * than max_nesting_depth, ids that are not hex in JSON) is a decode error
 * raised by the codecs instead, and fails the whole request.
 *
 * A record is rejected when a key occurs twice in one attribute list or
 * kvlist: in the record (its attributes, body, nested values) or in its
 * resource or scope. OTLP says keys MUST be unique; backends silently keep
 * one of the duplicates, so the stored copy could never match what was
 * sealed. (Trace and span ids of the wrong length are decode errors in the
 * codecs, as in the Collector, and fail the whole request.)
 *
 * Pure: no I/O. Allocates nothing for a valid request.
 */
import type { AnyValue, KeyValue, LogRecord, LogsData, ResourceLogs, ScopeLogs } from '../../otlp/types.js';
import type { FieldViolation } from './failures.js';

export interface ValidationResult {
  /** The request itself when nothing was rejected, else a copy holding only the accepted records. */
  accepted: LogsData;
  received: number;
  acceptedCount: number;
  rejectedCount: number;
  /** The first violations found, at most `maxReported`, one per rejected record. */
  violations: FieldViolation[];
}

/** Above this many keys, duplicates are found with a Set rather than by pairwise compare. */
const SMALL_LIST = 16;

export function validateRecords(data: LogsData, maxReported = 10): ValidationResult {
  let received = 0;
  let rejected = 0;
  const violations: FieldViolation[] = [];
  // Rejection marks, built lazily: resource index -> scope index -> record indexes.
  let marks: Map<number, Map<number, Set<number>>> | undefined;

  const resourceLogs = data.resourceLogs;
  for (let r = 0; r < resourceLogs.length; r++) {
    const rl = resourceLogs[r]!;
    const resourceProblem = duplicateKeyIn(rl.resource.attributes);
    for (let s = 0; s < rl.scopeLogs.length; s++) {
      const sl = rl.scopeLogs[s]!;
      const scopeProblem = resourceProblem === undefined ? duplicateKeyIn(sl.scope.attributes) : undefined;
      const records = sl.logRecords;
      received += records.length;
      for (let i = 0; i < records.length; i++) {
        let problem: FieldViolation | undefined;
        if (resourceProblem !== undefined) {
          problem = { field: `resourceLogs[${r}].resource.attributes`, description: resourceProblem };
        } else if (scopeProblem !== undefined) {
          problem = { field: `resourceLogs[${r}].scopeLogs[${s}].scope.attributes`, description: scopeProblem };
        } else {
          problem = checkRecord(records[i]!, r, s, i);
        }
        if (problem === undefined) continue;
        rejected++;
        if (violations.length < maxReported) violations.push(problem);
        marks ??= new Map();
        let byScope = marks.get(r);
        if (!byScope) marks.set(r, (byScope = new Map()));
        let set = byScope.get(s);
        if (!set) byScope.set(s, (set = new Set()));
        set.add(i);
      }
    }
  }

  const accepted = marks === undefined ? data : withoutRejected(data, marks);
  return { accepted, received, acceptedCount: received - rejected, rejectedCount: rejected, violations };
}

function checkRecord(rec: LogRecord, r: number, s: number, i: number): FieldViolation | undefined {
  const attrProblem = duplicateKeyIn(rec.attributes);
  if (attrProblem !== undefined) return { field: recordPath(r, s, i, 'attributes'), description: attrProblem };
  const bodyProblem = duplicateKeyInValue(rec.body);
  if (bodyProblem !== undefined) return { field: recordPath(r, s, i, 'body'), description: bodyProblem };
  return undefined;
}

function recordPath(r: number, s: number, i: number, field: string): string {
  return `resourceLogs[${r}].scopeLogs[${s}].logRecords[${i}].${field}`;
}

/** A description of the first duplicated key in `kvs` or in any value nested in it, or undefined. */
export function duplicateKeyIn(kvs: readonly KeyValue[]): string | undefined {
  const n = kvs.length;
  if (n > 1) {
    if (n <= SMALL_LIST) {
      for (let a = 1; a < n; a++) {
        const key = kvs[a]!.key;
        for (let b = 0; b < a; b++) if (kvs[b]!.key === key) return duplicateMessage(key);
      }
    } else {
      const seen = new Set<string>();
      for (let a = 0; a < n; a++) {
        const key = kvs[a]!.key;
        if (seen.has(key)) return duplicateMessage(key);
        seen.add(key);
      }
    }
  }
  for (let a = 0; a < n; a++) {
    const nested = duplicateKeyInValue(kvs[a]!.value);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function duplicateKeyInValue(v: AnyValue): string | undefined {
  if (v.type === 'kvlist') return duplicateKeyIn(v.value);
  if (v.type === 'array') {
    const items = v.value;
    for (let i = 0; i < items.length; i++) {
      const nested = duplicateKeyInValue(items[i]!);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

function duplicateMessage(key: string): string {
  const shown = key.length > 100 ? key.slice(0, 100) + '…' : key;
  return `key "${shown}" occurs more than once (keys must be unique)`;
}

function withoutRejected(data: LogsData, marks: Map<number, Map<number, Set<number>>>): LogsData {
  const out: ResourceLogs[] = [];
  data.resourceLogs.forEach((rl, r) => {
    const byScope = marks.get(r);
    if (!byScope) {
      out.push(rl);
      return;
    }
    const scopes: ScopeLogs[] = [];
    rl.scopeLogs.forEach((sl, s) => {
      const rejected = byScope.get(s);
      if (!rejected) {
        scopes.push(sl);
        return;
      }
      const kept = sl.logRecords.filter((_rec, i) => !rejected.has(i));
      if (kept.length > 0) scopes.push({ ...sl, logRecords: kept });
    });
    if (scopes.length > 0) out.push({ ...rl, scopeLogs: scopes });
  });
  return { resourceLogs: out };
}
