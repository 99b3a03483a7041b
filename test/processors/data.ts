import { newLogRecord, newResource, newScope, str, type AnyValue, type KeyValue, type LogRecord, type LogsData } from '../../src/otlp/types.js';

export function record(body: AnyValue | string, attributes: KeyValue[] = [], severityNumber = 0): LogRecord {
  const r = newLogRecord();
  r.body = typeof body === 'string' ? str(body) : body;
  r.attributes = attributes;
  r.severityNumber = severityNumber;
  return r;
}

/** One resource, one scope per list of records. */
export function logs(...scopes: LogRecord[][]): LogsData {
  return { resourceLogs: [{ resource: newResource(), schemaUrl: '', scopeLogs: scopes.map((logRecords) => ({ scope: newScope('test'), logRecords, schemaUrl: '' })) }] };
}

export function records(data: LogsData): LogRecord[] {
  return data.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
}

/** Plain JS view of attributes for assertions. */
export function attrs(list: KeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list) out[kv.key] = plain(kv.value);
  return out;
}

export function plain(v: AnyValue): unknown {
  switch (v.type) {
    case 'array':
      return v.value.map(plain);
    case 'kvlist':
      return Object.fromEntries(v.value.map((kv) => [kv.key, plain(kv.value)]));
    case 'empty':
      return null;
    default:
      return v.value;
  }
}

/** The value of one series in the Prometheus text, or undefined. */
export function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{${want}} `)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
