/**
 * Canonical encoding (protocol v1, docs/PROTOCOL.md §3): a deterministic byte
 * string for everything a record carries, independent of attribute order,
 * JSON formatting, and whether a 64-bit integer came as a string or a number.
 *
 *   value   = tag:u8 payload        (0 empty, 1 string, 2 bool, 3 int, 4 double, 5 bytes, 6 array, 7 kvlist)
 *   attrs   = count:u32 (key:str value)*   sorted by key in UTF-8 byte order, ties by encoded value
 *   record  = time:u64 observed:u64 severity:u32 severity_text:str body:value attrs
 *             flags:u32 trace_id:bytes span_id:bytes event_name:str
 *   context = resource_attrs:attrs scope_name:str scope_version:str scope_attrs:attrs
 *   str/bytes = len:u32 data;  all integers big-endian
 *
 * Record attributes `sealog.seq` and `sealog.hash` are left out (they are the
 * chain's own output); everything else, including other `sealog.*` keys, is in.
 */
import type { AnyValue, InstrumentationScope, KeyValue, LogRecord, Resource } from '../otlp/types.js';
import { ByteWriter, compareBytes, compareUtf8 } from './bytes.js';

export const ATTR_SEQ = 'sealog.seq';
export const ATTR_HASH = 'sealog.hash';
export const ATTR_TYPE = 'sealog.type';
export const ATTR_STREAM = 'sealog.stream';
export const ATTR_CHAIN = 'sealog.chain';

/** The value tags of the canonical encoding (docs/PROTOCOL.md §3). */
export const enum Tag {
  Empty = 0,
  String = 1,
  Bool = 2,
  Int = 3,
  Double = 4,
  Bytes = 5,
  Array = 6,
  KvList = 7,
}

/** Deeper values than this are refused by the decoders long before; guard anyway. */
const MAX_DEPTH = 64;

const EMPTY_BYTES = new Uint8Array(0);

function isExcludedRecordKey(key: string): boolean {
  return key === ATTR_SEQ || key === ATTR_HASH;
}

export function writeValue(w: ByteWriter, v: AnyValue, depth = 0): void {
  if (depth > MAX_DEPTH) throw new RangeError('canonical: value nested too deeply');
  switch (v.type) {
    case 'empty':
      w.u8(Tag.Empty);
      return;
    case 'string':
      w.u8(Tag.String);
      w.str(v.value);
      return;
    case 'bool':
      w.u8(Tag.Bool);
      w.u8(v.value ? 1 : 0);
      return;
    case 'int':
      w.u8(Tag.Int);
      w.u64(v.value);
      return;
    case 'double':
      w.u8(Tag.Double);
      w.f64(v.value);
      return;
    case 'bytes':
      w.u8(Tag.Bytes);
      w.lenBytes(v.value);
      return;
    case 'array':
      w.u8(Tag.Array);
      w.u32(v.value.length);
      for (const item of v.value) writeValue(w, item, depth + 1);
      return;
    case 'kvlist':
      w.u8(Tag.KvList);
      writeAttrs(w, v.value, false, depth + 1);
      return;
  }
}

function keyOrder(a: KeyValue, b: KeyValue): number {
  return compareUtf8(a.key, b.key);
}

/** Writes attributes sorted; `excludeChainKeys` drops sealog.seq/sealog.hash. */
export function writeAttrs(w: ByteWriter, attrs: readonly KeyValue[], excludeChainKeys: boolean, depth = 0): void {
  const n = attrs.length;
  let sorted = true;
  let dup = false;
  let count = 0;
  let prev: string | undefined;
  for (let i = 0; i < n; i++) {
    const k = attrs[i]!.key;
    if (excludeChainKeys && isExcludedRecordKey(k)) continue;
    count++;
    if (prev !== undefined) {
      const c = compareUtf8(prev, k);
      if (c > 0) sorted = false;
      else if (c === 0) dup = true;
    }
    prev = k;
  }
  w.u32(count);
  if (sorted && !dup) {
    for (let i = 0; i < n; i++) {
      const a = attrs[i]!;
      if (excludeChainKeys && isExcludedRecordKey(a.key)) continue;
      w.str(a.key);
      writeValue(w, a.value, depth);
    }
    return;
  }
  if (dup) {
    writeWithDuplicateKeys(w, attrs, excludeChainKeys, depth);
    return;
  }
  // Unsorted (OTLP senders rarely sort): order a scratch list owned by this depth (kvlist values recurse).
  const list = (sortScratch[depth] ??= []);
  list.length = 0; // left over if a previous use threw
  for (let i = 0; i < n; i++) {
    const a = attrs[i]!;
    if (excludeChainKeys && isExcludedRecordKey(a.key)) continue;
    list.push(a);
  }
  sortAttrs(list, keyOrder);
  // Only neighbours were compared above: duplicates apart from each other show up once sorted.
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1]!.key === list[i]!.key) {
      list.length = 0;
      writeWithDuplicateKeys(w, attrs, excludeChainKeys, depth);
      return;
    }
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    w.str(a.key);
    writeValue(w, a.value, depth);
  }
  list.length = 0;
}

/**
 * Duplicate keys (which OTLP forbids, but senders produce) are ordered by
 * their encoded values. Each value is encoded once, into its own bytes, so
 * that values which themselves hold kvlists with duplicate keys (ordered the
 * same way, recursively) never share a buffer with the comparison in progress.
 */
function writeWithDuplicateKeys(w: ByteWriter, attrs: readonly KeyValue[], excludeChainKeys: boolean, depth: number): void {
  const entries: { key: string; bytes: Uint8Array }[] = [];
  for (const a of attrs) {
    if (excludeChainKeys && isExcludedRecordKey(a.key)) continue;
    const vw = new ByteWriter(64);
    writeValue(vw, a.value, depth);
    entries.push({ key: a.key, bytes: vw.toBytes() });
  }
  entries.sort((x, y) => compareUtf8(x.key, y.key) || compareBytes(x.bytes, y.bytes));
  for (const e of entries) {
    w.str(e.key);
    w.bytes(e.bytes);
  }
}

/** Reused lists for sorting attributes, one per nesting depth: sorting allocates nothing once warm. */
const sortScratch: KeyValue[][] = [];
/** Up to this many attributes an insertion sort in place beats Array.prototype.sort, which copies. */
const INSERTION_SORT_MAX = 24;

function sortAttrs(list: KeyValue[], cmp: (a: KeyValue, b: KeyValue) => number): void {
  const n = list.length;
  if (n > INSERTION_SORT_MAX) {
    list.sort(cmp);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(list[j]!, x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

/** A trace/span id counts only if it has the right length and is not all zero. */
function validId(id: Uint8Array, len: number): Uint8Array {
  if (id.length !== len) return EMPTY_BYTES;
  for (let i = 0; i < len; i++) if (id[i] !== 0) return id;
  return EMPTY_BYTES;
}

export function writeRecord(w: ByteWriter, r: LogRecord): void {
  w.u64(r.timeUnixNano);
  w.u64(r.observedTimeUnixNano);
  w.u32(r.severityNumber);
  w.str(r.severityText);
  writeValue(w, r.body);
  writeAttrs(w, r.attributes, true);
  w.u32(r.flags);
  w.lenBytes(validId(r.traceId, 16));
  w.lenBytes(validId(r.spanId, 8));
  w.str(r.eventName);
}

export function writeContext(w: ByteWriter, resource: Resource, scope: InstrumentationScope): void {
  writeAttrs(w, resource.attributes, false);
  w.str(scope.name);
  w.str(scope.version);
  writeAttrs(w, scope.attributes, false);
}

/** The writer canonicalRecord fills (writeRecord never calls canonicalRecord, so one is enough). */
const RECORD = new ByteWriter(4096);

/** The canonical bytes of one record (a copy: the caller may keep them). */
export function canonicalRecord(r: LogRecord): Uint8Array {
  RECORD.reset();
  writeRecord(RECORD, r);
  return RECORD.toBytes();
}
