/**
 * An independent, minimal protobuf walker for ExportLogsServiceRequest, written
 * from the field numbers in the OTLP proto files (not from src/otlp): it pulls
 * out, per log record, the `sealog.stream` resource attribute and the
 * `sealog.seq` / `sealog.type` record attributes. Used to cross-check what the
 * exporter sends against a decoder that shares no code with it.
 */
export interface WalkedRecord {
  stream: string;
  seq: number | undefined;
  type: string | undefined;
  body: string | undefined;
}

interface Field {
  no: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

function* fields(buf: Uint8Array): Generator<Field> {
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error('pbwalk: truncated varint');
      const b = buf[i++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('pbwalk: varint too long');
    }
  };
  while (i < buf.length) {
    const tag = Number(varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) yield { no, wire, varint: varint() };
    else if (wire === 1) {
      i += 8;
      yield { no, wire };
    } else if (wire === 5) {
      i += 4;
      yield { no, wire };
    } else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw new Error('pbwalk: length past end');
      yield { no, wire, bytes: buf.subarray(i, i + len) };
      i += len;
    } else throw new Error(`pbwalk: unsupported wire type ${wire}`);
  }
  if (i !== buf.length) throw new Error('pbwalk: ran past the end');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** AnyValue: string_value = 1, int_value = 3. */
function anyValue(buf: Uint8Array): { s?: string; i?: bigint } {
  const out: { s?: string; i?: bigint } = {};
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) out.s = utf8.decode(f.bytes);
    if (f.no === 3 && f.varint !== undefined) out.i = BigInt.asIntN(64, f.varint);
  }
  return out;
}

/** KeyValue: key = 1, value = 2. */
function keyValue(buf: Uint8Array): { key: string; value: { s?: string; i?: bigint } } {
  let key = '';
  let value = {};
  for (const f of fields(buf)) {
    if (f.no === 1 && f.bytes) key = utf8.decode(f.bytes);
    if (f.no === 2 && f.bytes) value = anyValue(f.bytes);
  }
  return { key, value };
}

/** ExportLogsServiceRequest.resource_logs = 1; ResourceLogs.resource = 1, scope_logs = 2; Resource.attributes = 1;
 *  ScopeLogs.log_records = 2; LogRecord.body = 5, attributes = 6. */
export function walkExportRequest(buf: Uint8Array): WalkedRecord[] {
  const out: WalkedRecord[] = [];
  for (const rlf of fields(buf)) {
    if (rlf.no !== 1 || !rlf.bytes) continue;
    let stream = '';
    const scopes: Uint8Array[] = [];
    for (const f of fields(rlf.bytes)) {
      if (f.no === 1 && f.bytes) {
        for (const a of fields(f.bytes)) {
          if (a.no !== 1 || !a.bytes) continue;
          const kv = keyValue(a.bytes);
          if (kv.key === 'sealog.stream' && kv.value.s !== undefined) stream = kv.value.s;
        }
      }
      if (f.no === 2 && f.bytes) scopes.push(f.bytes);
    }
    for (const sl of scopes) {
      for (const lf of fields(sl)) {
        if (lf.no !== 2 || !lf.bytes) continue;
        const rec: WalkedRecord = { stream, seq: undefined, type: undefined, body: undefined };
        for (const rf of fields(lf.bytes)) {
          if (rf.no === 5 && rf.bytes) rec.body = anyValue(rf.bytes).s;
          if (rf.no === 6 && rf.bytes) {
            const kv = keyValue(rf.bytes);
            if (kv.key === 'sealog.seq' && kv.value.i !== undefined) rec.seq = Number(kv.value.i);
            if (kv.key === 'sealog.type' && kv.value.s !== undefined) rec.type = kv.value.s;
          }
        }
        out.push(rec);
      }
    }
  }
  return out;
}

/** The same from OTLP/JSON, walking the parsed object by hand (no src/otlp code). */
export function walkExportJson(text: string): WalkedRecord[] {
  const out: WalkedRecord[] = [];
  type J = Record<string, unknown>;
  const attrs = (list: unknown): Map<string, J> => {
    const m = new Map<string, J>();
    for (const a of (list as J[] | undefined) ?? []) m.set(a.key as string, (a.value as J) ?? {});
    return m;
  };
  const req = JSON.parse(text) as J;
  for (const rl of (req.resourceLogs as J[] | undefined) ?? []) {
    const ra = attrs(((rl.resource as J | undefined) ?? {}).attributes);
    const stream = (ra.get('sealog.stream')?.stringValue as string | undefined) ?? '';
    for (const sl of (rl.scopeLogs as J[] | undefined) ?? []) {
      for (const lr of (sl.logRecords as J[] | undefined) ?? []) {
        const a = attrs(lr.attributes);
        const seqV = a.get('sealog.seq')?.intValue;
        out.push({
          stream,
          seq: seqV === undefined ? undefined : Number(seqV),
          type: a.get('sealog.type')?.stringValue as string | undefined,
          body: ((lr.body as J | undefined) ?? {}).stringValue as string | undefined,
        });
      }
    }
  }
  return out;
}
