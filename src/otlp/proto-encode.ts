/**
 * OTLP logs protobuf writer. Canonical output: fields in field-number order,
 * zero values and empty embedded messages left out, AnyValue members always
 * written when set, repeated elements always written, ids that are empty or
 * all zero left out. Two passes (sizes, then one exact-size write); see
 * proto-writer.ts.
 */
import type { ByteArena } from './arena.js';
import { ProtoWriter, SizePlan, int32Size, int64Size, lenFieldSize, varintSize } from './proto-writer.js';
import { isZeroId } from './binary-text.js';
import type {
  AnyValue,
  EntityRef,
  ExportLogsServiceResponse,
  InstrumentationScope,
  KeyValue,
  LogRecord,
  LogsData,
  Resource,
  ResourceLogs,
  ScopeLogs,
} from './types.js';

// ---------------------------------------------------------------------------
// Encoding, pass 1: sizes. Each function returns the byte size of a message's
// content and records lengths in the plan in the order pass 2 consumes them.
// ---------------------------------------------------------------------------

function sizeString(plan: SizePlan, s: string): number {
  const len = plan.string(s);
  return 1 + varintSize(len) + len;
}

/** Size of an embedded-message field (tag + length + content); 0 when the content is empty. */
function sizeOptionalMessage(content: number): number {
  return content === 0 ? 0 : 1 + lenFieldSize(content);
}

/** True if an id is written: non-empty and not all zero (an all-zero id means "no id"). */
function hasId(id: Uint8Array): boolean {
  return id.length !== 0 && !isZeroId(id);
}

function sizeAnyValue(plan: SizePlan, v: AnyValue): number {
  switch (v.type) {
    case 'empty':
      return 0;
    case 'string':
      return sizeString(plan, v.value);
    case 'bool':
      return 2;
    case 'int':
      return 1 + int64Size(v.value);
    case 'double':
      return 9;
    case 'bytes':
      return 1 + lenFieldSize(v.value.length);
    case 'array': {
      const slot = plan.reserve();
      let n = 0;
      const values = v.value;
      for (let i = 0; i < values.length; i++) n += sizeAnyValueElement(plan, values[i]!);
      plan.set(slot, n);
      return 1 + lenFieldSize(n);
    }
    case 'kvlist': {
      const slot = plan.reserve();
      let n = 0;
      const values = v.value;
      for (let i = 0; i < values.length; i++) n += sizeKeyValueElement(plan, values[i]!);
      plan.set(slot, n);
      return 1 + lenFieldSize(n);
    }
  }
}

/** An element of a repeated AnyValue field: always written, even when empty. */
function sizeAnyValueElement(plan: SizePlan, v: AnyValue): number {
  const slot = plan.reserve();
  const n = sizeAnyValue(plan, v);
  plan.set(slot, n);
  return 1 + lenFieldSize(n);
}

function sizeKeyValue(plan: SizePlan, kv: KeyValue): number {
  let n = kv.key.length === 0 ? 0 : sizeString(plan, kv.key);
  const slot = plan.reserve();
  const c = sizeAnyValue(plan, kv.value);
  plan.set(slot, c);
  n += sizeOptionalMessage(c);
  return n;
}

function sizeKeyValueElement(plan: SizePlan, kv: KeyValue): number {
  const slot = plan.reserve();
  const n = sizeKeyValue(plan, kv);
  plan.set(slot, n);
  return 1 + lenFieldSize(n);
}

function sizeAttributes(plan: SizePlan, attrs: readonly KeyValue[]): number {
  let n = 0;
  for (let i = 0; i < attrs.length; i++) n += sizeKeyValueElement(plan, attrs[i]!);
  return n;
}

function sizeEntityRef(plan: SizePlan, e: EntityRef): number {
  let n = 0;
  if (e.schemaUrl.length !== 0) n += sizeString(plan, e.schemaUrl);
  if (e.type.length !== 0) n += sizeString(plan, e.type);
  for (let i = 0; i < e.idKeys.length; i++) n += sizeString(plan, e.idKeys[i]!);
  for (let i = 0; i < e.descriptionKeys.length; i++) n += sizeString(plan, e.descriptionKeys[i]!);
  return n;
}

function sizeResource(plan: SizePlan, r: Resource): number {
  let n = sizeAttributes(plan, r.attributes);
  if (r.droppedAttributesCount !== 0) n += 1 + varintSize(r.droppedAttributesCount >>> 0);
  const refs = r.entityRefs;
  for (let i = 0; i < refs.length; i++) {
    const slot = plan.reserve();
    const c = sizeEntityRef(plan, refs[i]!);
    plan.set(slot, c);
    n += 1 + lenFieldSize(c);
  }
  return n;
}

function sizeScope(plan: SizePlan, s: InstrumentationScope): number {
  let n = 0;
  if (s.name.length !== 0) n += sizeString(plan, s.name);
  if (s.version.length !== 0) n += sizeString(plan, s.version);
  n += sizeAttributes(plan, s.attributes);
  if (s.droppedAttributesCount !== 0) n += 1 + varintSize(s.droppedAttributesCount >>> 0);
  return n;
}

function sizeLogRecord(plan: SizePlan, r: LogRecord): number {
  let n = 0;
  if (r.timeUnixNano !== 0n) n += 9;
  if (r.severityNumber !== 0) n += 1 + int32Size(r.severityNumber | 0);
  if (r.severityText.length !== 0) n += sizeString(plan, r.severityText);
  if (r.body.type !== 'empty') {
    const slot = plan.reserve();
    const c = sizeAnyValue(plan, r.body);
    plan.set(slot, c);
    n += 1 + lenFieldSize(c);
  }
  n += sizeAttributes(plan, r.attributes);
  if (r.droppedAttributesCount !== 0) n += 1 + varintSize(r.droppedAttributesCount >>> 0);
  if (r.flags !== 0) n += 5;
  if (hasId(r.traceId)) n += 1 + lenFieldSize(r.traceId.length);
  if (hasId(r.spanId)) n += 1 + lenFieldSize(r.spanId.length);
  if (r.observedTimeUnixNano !== 0n) n += 9;
  if (r.eventName.length !== 0) n += sizeString(plan, r.eventName);
  return n;
}

function sizeScopeLogs(plan: SizePlan, sl: ScopeLogs): number {
  const slot = plan.reserve();
  const c = sizeScope(plan, sl.scope);
  plan.set(slot, c);
  let n = sizeOptionalMessage(c);
  const recs = sl.logRecords;
  for (let i = 0; i < recs.length; i++) {
    const rs = plan.reserve();
    const rc = sizeLogRecord(plan, recs[i]!);
    plan.set(rs, rc);
    n += 1 + lenFieldSize(rc);
  }
  if (sl.schemaUrl.length !== 0) n += sizeString(plan, sl.schemaUrl);
  return n;
}

function sizeResourceLogs(plan: SizePlan, rl: ResourceLogs): number {
  const slot = plan.reserve();
  const c = sizeResource(plan, rl.resource);
  plan.set(slot, c);
  let n = sizeOptionalMessage(c);
  const sls = rl.scopeLogs;
  for (let i = 0; i < sls.length; i++) {
    const ss = plan.reserve();
    const sc = sizeScopeLogs(plan, sls[i]!);
    plan.set(ss, sc);
    n += 1 + lenFieldSize(sc);
  }
  if (rl.schemaUrl.length !== 0) n += sizeString(plan, rl.schemaUrl);
  return n;
}

// ---------------------------------------------------------------------------
// Encoding, pass 2: write, in exactly the order of pass 1.
// ---------------------------------------------------------------------------

function writeAnyValue(w: ProtoWriter, v: AnyValue): void {
  switch (v.type) {
    case 'empty':
      return;
    case 'string':
      w.stringField(0x0a, v.value);
      return;
    case 'bool':
      w.byte(0x10);
      w.byte(v.value ? 1 : 0);
      return;
    case 'int':
      w.byte(0x18);
      w.int64(v.value);
      return;
    case 'double':
      w.byte(0x21);
      w.double(v.value);
      return;
    case 'bytes':
      w.bytesField(0x3a, v.value);
      return;
    case 'array': {
      w.byte(0x2a);
      w.varint(w.next());
      const values = v.value;
      for (let i = 0; i < values.length; i++) {
        w.byte(0x0a);
        w.varint(w.next());
        writeAnyValue(w, values[i]!);
      }
      return;
    }
    case 'kvlist': {
      w.byte(0x32);
      w.varint(w.next());
      const values = v.value;
      for (let i = 0; i < values.length; i++) writeKeyValueElement(w, 0x0a, values[i]!);
      return;
    }
  }
}

function writeKeyValueElement(w: ProtoWriter, tag: number, kv: KeyValue): void {
  w.byte(tag);
  w.varint(w.next());
  if (kv.key.length !== 0) w.stringField(0x0a, kv.key);
  const c = w.next();
  if (c !== 0) {
    w.byte(0x12);
    w.varint(c);
    writeAnyValue(w, kv.value);
  }
}

function writeAttributes(w: ProtoWriter, tag: number, attrs: readonly KeyValue[]): void {
  for (let i = 0; i < attrs.length; i++) writeKeyValueElement(w, tag, attrs[i]!);
}

function writeResource(w: ProtoWriter, r: Resource): void {
  writeAttributes(w, 0x0a, r.attributes);
  if (r.droppedAttributesCount !== 0) {
    w.byte(0x10);
    w.varint(r.droppedAttributesCount >>> 0);
  }
  const refs = r.entityRefs;
  for (let i = 0; i < refs.length; i++) {
    const e = refs[i]!;
    w.byte(0x1a);
    w.varint(w.next());
    if (e.schemaUrl.length !== 0) w.stringField(0x0a, e.schemaUrl);
    if (e.type.length !== 0) w.stringField(0x12, e.type);
    for (let j = 0; j < e.idKeys.length; j++) w.stringField(0x1a, e.idKeys[j]!);
    for (let j = 0; j < e.descriptionKeys.length; j++) w.stringField(0x22, e.descriptionKeys[j]!);
  }
}

function writeScope(w: ProtoWriter, s: InstrumentationScope): void {
  if (s.name.length !== 0) w.stringField(0x0a, s.name);
  if (s.version.length !== 0) w.stringField(0x12, s.version);
  writeAttributes(w, 0x1a, s.attributes);
  if (s.droppedAttributesCount !== 0) {
    w.byte(0x20);
    w.varint(s.droppedAttributesCount >>> 0);
  }
}

function writeLogRecord(w: ProtoWriter, r: LogRecord): void {
  if (r.timeUnixNano !== 0n) {
    w.byte(0x09);
    w.fixed64(r.timeUnixNano);
  }
  if (r.severityNumber !== 0) {
    w.byte(0x10);
    w.int32(r.severityNumber | 0);
  }
  if (r.severityText.length !== 0) w.stringField(0x1a, r.severityText);
  if (r.body.type !== 'empty') {
    w.byte(0x2a);
    w.varint(w.next());
    writeAnyValue(w, r.body);
  }
  writeAttributes(w, 0x32, r.attributes);
  if (r.droppedAttributesCount !== 0) {
    w.byte(0x38);
    w.varint(r.droppedAttributesCount >>> 0);
  }
  if (r.flags !== 0) {
    w.byte(0x45);
    w.fixed32(r.flags);
  }
  if (hasId(r.traceId)) w.bytesField(0x4a, r.traceId);
  if (hasId(r.spanId)) w.bytesField(0x52, r.spanId);
  if (r.observedTimeUnixNano !== 0n) {
    w.byte(0x59);
    w.fixed64(r.observedTimeUnixNano);
  }
  if (r.eventName.length !== 0) w.stringField(0x62, r.eventName);
}

function writeScopeLogs(w: ProtoWriter, sl: ScopeLogs): void {
  const c = w.next();
  if (c !== 0) {
    w.byte(0x0a);
    w.varint(c);
    writeScope(w, sl.scope);
  }
  const recs = sl.logRecords;
  for (let i = 0; i < recs.length; i++) {
    w.byte(0x12);
    w.varint(w.next());
    writeLogRecord(w, recs[i]!);
  }
  if (sl.schemaUrl.length !== 0) w.stringField(0x1a, sl.schemaUrl);
}

function writeResourceLogs(w: ProtoWriter, rl: ResourceLogs): void {
  const c = w.next();
  if (c !== 0) {
    w.byte(0x0a);
    w.varint(c);
    writeResource(w, rl.resource);
  }
  const sls = rl.scopeLogs;
  for (let i = 0; i < sls.length; i++) {
    w.byte(0x12);
    w.varint(w.next());
    writeScopeLogs(w, sls[i]!);
  }
  if (rl.schemaUrl.length !== 0) w.stringField(0x1a, rl.schemaUrl);
}

/**
 * One plan serves every encode call: encoding is synchronous and never
 * re-entered, and reusing it spares a few typed arrays per message. A plan
 * that grew past PLAN_KEEP_SLOTS (an unusually large message) is let go.
 */
let sharedPlan = new SizePlan(4096);
const PLAN_KEEP_SLOTS = 1 << 20;

function takePlan(): SizePlan {
  sharedPlan.reset();
  return sharedPlan;
}

function releasePlan(plan: SizePlan): void {
  if (plan.slots.length > PLAN_KEEP_SLOTS) sharedPlan = new SizePlan(4096);
}

/** The size in bytes of the ResourceLogs message (no outer tag or length), without encoding it. */
export function resourceLogsProtoSize(rl: ResourceLogs): number {
  const plan = takePlan();
  const size = sizeResourceLogs(plan, rl);
  releasePlan(plan);
  return size;
}

/**
 * The ResourceLogs message bytes (no outer tag or length). With an arena the
 * bytes are written into it (no allocation once it is warm) and the result is
 * a view of it, valid until the arena is reset.
 */
export function encodeResourceLogsProto(rl: ResourceLogs, arena?: ByteArena): Uint8Array {
  const plan = takePlan();
  const size = sizeResourceLogs(plan, rl);
  let w: ProtoWriter;
  let at = 0;
  if (arena) {
    at = arena.reserve(size);
    w = new ProtoWriter(size, plan, arena.buf, at);
  } else {
    w = new ProtoWriter(size, plan);
  }
  writeResourceLogs(w, rl);
  releasePlan(plan);
  return arena ? arena.buf.subarray(at, at + size) : w.buf;
}

/** ExportLogsServiceRequest (= LogsData) bytes. */
export function encodeLogsProto(data: LogsData): Uint8Array {
  const plan = takePlan();
  const rls = data.resourceLogs;
  let size = 0;
  for (let i = 0; i < rls.length; i++) {
    const slot = plan.reserve();
    const c = sizeResourceLogs(plan, rls[i]!);
    plan.set(slot, c);
    size += 1 + lenFieldSize(c);
  }
  const w = new ProtoWriter(size, plan);
  for (let i = 0; i < rls.length; i++) {
    w.byte(0x0a);
    w.varint(w.next());
    writeResourceLogs(w, rls[i]!);
  }
  releasePlan(plan);
  return w.buf;
}

/**
 * Builds ExportLogsServiceRequest bytes from already-encoded ResourceLogs
 * messages by framing only (tag 0x0A + varint length + bytes each). With
 * `alloc`, the bytes go into the buffer it returns for the exact size (it
 * may be larger; the result is then a view of its start).
 */
export function frameExportRequest(resourceLogs: readonly Uint8Array[], alloc?: (size: number) => Uint8Array): Uint8Array {
  let size = 0;
  for (let i = 0; i < resourceLogs.length; i++) size += 1 + lenFieldSize(resourceLogs[i]!.length);
  const w = new ProtoWriter(size, takePlan(), alloc?.(size));
  for (let i = 0; i < resourceLogs.length; i++) w.bytesField(0x0a, resourceLogs[i]!);
  return w.buf.length === size ? w.buf : w.buf.subarray(0, size);
}

export function encodeExportResponseProto(r: ExportLogsServiceResponse): Uint8Array {
  const ps = r.partialSuccess;
  if (ps === undefined) return new Uint8Array(0);
  const plan = takePlan();
  let c = 0;
  if (ps.rejectedLogRecords !== 0n) c += 1 + int64Size(ps.rejectedLogRecords);
  if (ps.errorMessage.length !== 0) c += sizeString(plan, ps.errorMessage);
  const w = new ProtoWriter(1 + lenFieldSize(c), plan);
  w.byte(0x0a);
  w.varint(c);
  if (ps.rejectedLogRecords !== 0n) {
    w.byte(0x08);
    w.int64(ps.rejectedLogRecords);
  }
  if (ps.errorMessage.length !== 0) w.stringField(0x12, ps.errorMessage);
  return w.buf;
}
