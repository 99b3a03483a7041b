/**
 * A minimal protobuf writer and reader for tests: builds
 * ExportLogsServiceRequest bytes field by field (so tests can make exactly
 * the valid or broken messages they need) and reads google.rpc.Status and
 * ExportLogsServiceResponse replies, independently of the codecs under test.
 */

export class PbWriter {
  private parts: number[] = [];

  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.parts.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.parts.push(Number(x));
    return this;
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  uint(field: number, v: number | bigint): this {
    return this.tag(field, 0).varint(v);
  }
  fixed64(field: number, v: bigint): this {
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt.asUintN(64, v));
    this.parts.push(...b);
    return this;
  }
  fixed32(field: number, v: number): this {
    this.tag(field, 5);
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.parts.push(...b);
    return this;
  }
  double(field: number, v: number): this {
    this.tag(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.parts.push(...b);
    return this;
  }
  bytes(field: number, v: Uint8Array): this {
    this.tag(field, 2).varint(v.length);
    for (let i = 0; i < v.length; i++) this.parts.push(v[i]!);
    return this;
  }
  string(field: number, v: string): this {
    return this.bytes(field, Buffer.from(v, 'utf8'));
  }
  message(field: number, build: (w: PbWriter) => void): this {
    const w = new PbWriter();
    build(w);
    return this.bytes(field, w.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface TestRecord {
  time?: bigint;
  body?: string;
  attrs?: Array<[string, string]>;
  /** A kvlist body with these entries (instead of a string body). */
  kvBody?: Array<[string, string]>;
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  severity?: number;
}

/** An ExportLogsServiceRequest with one resource and one scope holding `records`. */
export function requestProto(records: TestRecord[], service = 'test-svc'): Uint8Array {
  return new PbWriter()
    .message(1, (rl) => {
      rl.message(1, (res) => res.message(1, (kv) => kv.string(1, 'service.name').message(2, (v) => v.string(1, service))));
      rl.message(2, (sl) => {
        sl.message(1, (sc) => sc.string(1, 'test-scope').string(2, '1.0'));
        for (const r of records) {
          sl.message(2, (lr) => {
            if (r.time !== undefined) lr.fixed64(1, r.time);
            if (r.severity !== undefined) lr.uint(2, r.severity);
            if (r.body !== undefined) lr.message(5, (v) => v.string(1, r.body!));
            if (r.kvBody !== undefined) {
              lr.message(5, (v) =>
                v.message(6, (list) => {
                  for (const [k, val] of r.kvBody!) list.message(1, (kv) => kv.string(1, k).message(2, (x) => x.string(1, val)));
                }),
              );
            }
            for (const [k, val] of r.attrs ?? []) lr.message(6, (kv) => kv.string(1, k).message(2, (v) => v.string(1, val)));
            if (r.traceId) lr.bytes(9, r.traceId);
            if (r.spanId) lr.bytes(10, r.spanId);
          });
        }
      });
    })
    .finish();
}

/** The same request in OTLP/JSON. */
export function requestJson(records: TestRecord[], service = 'test-svc'): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeLogs: [
          {
            scope: { name: 'test-scope', version: '1.0' },
            logRecords: records.map((r) => ({
              ...(r.time !== undefined ? { timeUnixNano: r.time.toString() } : {}),
              ...(r.severity !== undefined ? { severityNumber: r.severity } : {}),
              ...(r.body !== undefined ? { body: { stringValue: r.body } } : {}),
              ...(r.kvBody !== undefined
                ? { body: { kvlistValue: { values: r.kvBody.map(([key, v]) => ({ key, value: { stringValue: v } })) } } }
                : {}),
              attributes: (r.attrs ?? []).map(([key, v]) => ({ key, value: { stringValue: v } })),
              ...(r.traceId ? { traceId: Buffer.from(r.traceId).toString('hex') } : {}),
              ...(r.spanId ? { spanId: Buffer.from(r.spanId).toString('hex') } : {}),
            })),
          },
        ],
      },
    ],
  });
}

/** `n` simple records with distinct bodies. */
export function records(n: number, prefix = 'line'): TestRecord[] {
  return Array.from({ length: n }, (_, i) => ({ time: 1_700_000_000_000_000_000n + BigInt(i), body: `${prefix} ${i}` }));
}

// ------------------------------------------------------------------ reading

type Field = { field: number; wire: number; value: bigint | Uint8Array };

export function readFields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let shift = 0n;
    let v = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ field, wire, value: varint() });
    else if (wire === 2) {
      const len = Number(varint());
      out.push({ field, wire, value: buf.subarray(pos, pos + len) });
      pos += len;
    } else if (wire === 1) {
      out.push({ field, wire, value: Buffer.from(buf.subarray(pos, pos + 8)).readBigUInt64LE() });
      pos += 8;
    } else if (wire === 5) {
      out.push({ field, wire, value: BigInt(Buffer.from(buf.subarray(pos, pos + 4)).readUInt32LE()) });
      pos += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const text = (v: bigint | Uint8Array): string => Buffer.from(v as Uint8Array).toString('utf8');

export interface DecodedStatus {
  code: number;
  message: string;
  retryDelayMs?: number;
  badRequest?: Array<{ field: string; description: string }>;
}

/** Decodes a google.rpc.Status with RetryInfo / BadRequest details. */
export function readStatusProto(buf: Uint8Array): DecodedStatus {
  const st: DecodedStatus = { code: 0, message: '' };
  for (const f of readFields(buf)) {
    if (f.field === 1) st.code = Number(f.value);
    else if (f.field === 2) st.message = text(f.value);
    else if (f.field === 3) {
      let typeUrl = '';
      let value: Uint8Array = new Uint8Array(0);
      for (const a of readFields(f.value as Uint8Array)) {
        if (a.field === 1) typeUrl = text(a.value);
        else if (a.field === 2) value = a.value as Uint8Array;
      }
      if (typeUrl.endsWith('google.rpc.RetryInfo')) {
        let ms = 0;
        for (const d of readFields(value)) {
          if (d.field !== 1) continue;
          for (const t of readFields(d.value as Uint8Array)) {
            if (t.field === 1) ms += Number(t.value) * 1000;
            if (t.field === 2) ms += Number(t.value) / 1e6;
          }
        }
        st.retryDelayMs = ms;
      } else if (typeUrl.endsWith('google.rpc.BadRequest')) {
        st.badRequest = [];
        for (const v of readFields(value)) {
          const fv = { field: '', description: '' };
          for (const x of readFields(v.value as Uint8Array)) {
            if (x.field === 1) fv.field = text(x.value);
            if (x.field === 2) fv.description = text(x.value);
          }
          st.badRequest.push(fv);
        }
      }
    }
  }
  return st;
}

/** Decodes an ExportLogsServiceResponse: the partial success, if any. */
export function readResponseProto(buf: Uint8Array): { rejected: bigint; errorMessage: string } | undefined {
  for (const f of readFields(buf)) {
    if (f.field !== 1) continue;
    const ps = { rejected: 0n, errorMessage: '' };
    for (const x of readFields(f.value as Uint8Array)) {
      if (x.field === 1) ps.rejected = x.value as bigint;
      if (x.field === 2) ps.errorMessage = text(x.value);
    }
    return ps;
  }
  return undefined;
}

function varintBytes(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/**
 * An AnyValue nested `levels` deep (array_value inside array_value ... around
 * a string), built in linear time: only length prefixes precede the leaf.
 */
export function nestedAnyValueProto(levels: number): Uint8Array {
  const leaf = new PbWriter().string(1, 'leaf').finish();
  const headers: number[][] = [];
  let len = leaf.length;
  for (let i = 0; i < levels; i++) {
    // ArrayValue { 1: AnyValue } then AnyValue { 5: ArrayValue }
    const inner = [0x0a, ...varintBytes(len)];
    const arrLen = inner.length + len;
    const outer = [0x2a, ...varintBytes(arrLen)];
    headers.push(inner, outer);
    len = outer.length + arrLen;
  }
  const out = new Uint8Array(len);
  let pos = 0;
  for (let i = headers.length - 1; i >= 0; i--) {
    out.set(headers[i]!, pos);
    pos += headers[i]!.length;
  }
  out.set(leaf, pos);
  return out;
}
