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
import { ByteWriter } from './bytes.js';
export declare const ATTR_SEQ = "sealog.seq";
export declare const ATTR_HASH = "sealog.hash";
export declare const ATTR_TYPE = "sealog.type";
export declare const ATTR_STREAM = "sealog.stream";
export declare const ATTR_CHAIN = "sealog.chain";
/** The value tags of the canonical encoding (docs/PROTOCOL.md §3). */
export declare const enum Tag {
    Empty = 0,
    String = 1,
    Bool = 2,
    Int = 3,
    Double = 4,
    Bytes = 5,
    Array = 6,
    KvList = 7
}
export declare function writeValue(w: ByteWriter, v: AnyValue, depth?: number): void;
/** Writes attributes sorted; `excludeChainKeys` drops sealog.seq/sealog.hash. */
export declare function writeAttrs(w: ByteWriter, attrs: readonly KeyValue[], excludeChainKeys: boolean, depth?: number): void;
export declare function writeRecord(w: ByteWriter, r: LogRecord): void;
export declare function writeContext(w: ByteWriter, resource: Resource, scope: InstrumentationScope): void;
/** Convenience for tests and tools: the canonical bytes of one record. */
export declare function canonicalRecord(r: LogRecord): Uint8Array;
