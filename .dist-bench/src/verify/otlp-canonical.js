/**
 * The checker's fast path: one OTLP JSON line (ExportLogsServiceRequest /
 * LogsData) straight to the canonical bytes the chain hashes (docs/PROTOCOL.md
 * §3), without JSON.parse and without building the OTLP model.
 *
 * The decoding rules are the general decoder's (src/otlp/json-decode.ts):
 * camelCase or snake_case keys in any order, unknown keys skipped, null as
 * the default, 64-bit integers as strings or numbers, hex ids in any case,
 * enums as integers. The result for every line it accepts is exactly what
 * decoding the line and encoding each record would give. Whatever it does
 * not handle — invalid JSON or OTLP, a key given twice, a `value` before its
 * `key`, an escaped key, a lone surrogate, a number with a fraction or
 * exponent where an integer goes, a severity or count given as a string,
 * bytesValue, doubles given as strings, entityRefs, a UTF-8 error — makes
 * scan() return false, and the caller decodes the line with the general
 * decoder (which also produces the error message of a line that is not OTLP
 * JSON). Nothing is reported for a line until all of it has been read.
 *
 * Output, in one reused buffer (`out`): per record, LINK_PREFIX bytes of room
 * and then its canonical bytes; per scope, CONTEXT_PREFIX bytes of room and
 * its context bytes; plus per-record metadata (seq, `sealog.hash`, whether it
 * is a control record and where its JSON is).
 */
import { isUtf8 } from 'node:buffer';
import { DEFAULT_MAX_DEPTH } from '../otlp/decode-error.js';
import { CONTEXT_TAG } from '../integrity/chain.js';
import { LINK_PREFIX } from '../integrity/verifier.js';
import { hexDigit } from '../otlp/binary-text.js';
import { ascii, FALLBACK, fallback, JsonBytes } from './json-bytes.js';
export const CONTEXT_PREFIX = 1 + CONTEXT_TAG.length;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
/** Field names → bit codes (0 = unknown key), both spellings. */
class Keys {
    #byLength = [];
    constructor(entries) {
        for (const [name, code] of entries) {
            (this.#byLength[name.length] ??= []).push([ascii(name), code]);
        }
    }
    code(j, len) {
        const list = this.#byLength[len];
        if (list === undefined)
            return 0;
        for (let k = 0; k < list.length; k++) {
            const e = list[k];
            if (j.keyIs(len, e[0]))
                return e[1];
        }
        return 0;
    }
}
const F_TIME = 1;
const F_OBSERVED = 2;
const F_SEVERITY = 4;
const F_SEVERITY_TEXT = 8;
const F_BODY = 16;
const F_ATTRIBUTES = 32;
const F_DROPPED = 64;
const F_FLAGS = 128;
const F_TRACE = 256;
const F_SPAN = 512;
const F_EVENT = 1024;
const F_NAME = 2048;
const F_VERSION = 4096;
const F_RESOURCE = 8192;
const F_SCOPE_LOGS = 16384;
const F_SCHEMA = 32768;
const F_SCOPE = 65536;
const F_LOG_RECORDS = 131072;
const F_ENTITY_REFS = 262144;
const F_RESOURCE_LOGS = 524288;
const F_KEY = 1 << 20;
const F_VALUE = 1 << 21;
const F_VALUES = 1 << 22;
const RECORD_KEYS = new Keys([
    ['timeUnixNano', F_TIME],
    ['time_unix_nano', F_TIME],
    ['observedTimeUnixNano', F_OBSERVED],
    ['observed_time_unix_nano', F_OBSERVED],
    ['severityNumber', F_SEVERITY],
    ['severity_number', F_SEVERITY],
    ['severityText', F_SEVERITY_TEXT],
    ['severity_text', F_SEVERITY_TEXT],
    ['body', F_BODY],
    ['attributes', F_ATTRIBUTES],
    ['droppedAttributesCount', F_DROPPED],
    ['dropped_attributes_count', F_DROPPED],
    ['flags', F_FLAGS],
    ['traceId', F_TRACE],
    ['trace_id', F_TRACE],
    ['spanId', F_SPAN],
    ['span_id', F_SPAN],
    ['eventName', F_EVENT],
    ['event_name', F_EVENT],
]);
const SCOPE_KEYS = new Keys([
    ['name', F_NAME],
    ['version', F_VERSION],
    ['attributes', F_ATTRIBUTES],
    ['droppedAttributesCount', F_DROPPED],
    ['dropped_attributes_count', F_DROPPED],
]);
const RESOURCE_KEYS = new Keys([
    ['attributes', F_ATTRIBUTES],
    ['droppedAttributesCount', F_DROPPED],
    ['dropped_attributes_count', F_DROPPED],
    ['entityRefs', F_ENTITY_REFS],
    ['entity_refs', F_ENTITY_REFS],
]);
const RESOURCE_LOGS_KEYS = new Keys([
    ['resource', F_RESOURCE],
    ['scopeLogs', F_SCOPE_LOGS],
    ['scope_logs', F_SCOPE_LOGS],
    ['schemaUrl', F_SCHEMA],
    ['schema_url', F_SCHEMA],
]);
const SCOPE_LOGS_KEYS = new Keys([
    ['scope', F_SCOPE],
    ['logRecords', F_LOG_RECORDS],
    ['log_records', F_LOG_RECORDS],
    ['schemaUrl', F_SCHEMA],
    ['schema_url', F_SCHEMA],
]);
const TOP_KEYS = new Keys([
    ['resourceLogs', F_RESOURCE_LOGS],
    ['resource_logs', F_RESOURCE_LOGS],
]);
const KEY_VALUE_KEYS = new Keys([
    ['key', F_KEY],
    ['value', F_VALUE],
]);
const LIST_KEYS = new Keys([['values', F_VALUES]]);
const V_STRING = 1;
const V_BOOL = 2;
const V_INT = 3;
const V_DOUBLE = 4;
const V_BYTES = 5;
const V_ARRAY = 6;
const V_KVLIST = 7;
const VALUE_KEYS = new Keys([
    ['stringValue', V_STRING],
    ['string_value', V_STRING],
    ['boolValue', V_BOOL],
    ['bool_value', V_BOOL],
    ['intValue', V_INT],
    ['int_value', V_INT],
    ['doubleValue', V_DOUBLE],
    ['double_value', V_DOUBLE],
    ['bytesValue', V_BYTES],
    ['bytes_value', V_BYTES],
    ['arrayValue', V_ARRAY],
    ['array_value', V_ARRAY],
    ['kvlistValue', V_KVLIST],
    ['kvlist_value', V_KVLIST],
]);
const SEALOG_SEQ = ascii('sealog.seq');
const SEALOG_HASH = ascii('sealog.hash');
const SEALOG_TYPE = ascii('sealog.type');
const SEALOG_STREAM = ascii('sealog.stream');
const SEALOG_CHAIN = ascii('sealog.chain');
const TWO_32 = 4294967296;
const utf8 = new TextDecoder();
/** Per-record metadata, in `records` (a Float64Array) with this stride. */
const R_START = 0;
const R_END = 1;
const R_SEQ = 2;
/** Index into `claimed` (32 bytes each), or -1. */
const R_CLAIMED = 3;
/** JSON of a control record in the line: [start, end), or -1. */
const R_CONTROL_START = 4;
const R_CONTROL_END = 5;
const R_STRIDE = 6;
/** Per-scope metadata, in `scopes` (an Int32Array) with this stride. */
const S_CONTEXT_START = 0;
const S_CONTEXT_END = 1;
const S_FIRST_RECORD = 2;
const S_RECORDS = 3;
/** Regions of the scope's name, version and attributes in `out` (start -1: absent). */
const S_NAME_START = 4;
const S_NAME_END = 5;
const S_VERSION_START = 6;
const S_VERSION_END = 7;
const S_ATTRS_START = 8;
const S_ATTRS_END = 9;
const S_STRIDE = 10;
export class OtlpCanonicalScanner {
    #j = new JsonBytes();
    #maxDepth = DEFAULT_MAX_DEPTH;
    /** Resources of the last line scanned, in order (entries past `resourceCount` are stale). */
    resources = [];
    resourceCount = 0;
    scopes = new Int32Array(S_STRIDE * 16);
    scopeCount = 0;
    records = new Float64Array(R_STRIDE * 1024);
    recordCount = 0;
    claimed = new Uint8Array(32 * 1024);
    claimedCount = 0;
    // The record being read.
    #seq = -1;
    #seqSeen = false;
    #hashSeen = false;
    #claimedIndex = -1;
    #control = false;
    // The resource being read.
    #stream;
    #chain;
    #streamSeen = false;
    #chainSeen = false;
    /** The buffer holding records and contexts (valid until the next scan). */
    get out() {
        return this.#j.out;
    }
    /** Record k's canonical bytes are out[recordStart(k), recordEnd(k)). */
    recordStart(k) {
        return this.records[k * R_STRIDE + R_START];
    }
    recordEnd(k) {
        return this.records[k * R_STRIDE + R_END];
    }
    /** Its sealog.seq, or -1 when it has none that is valid. */
    recordSeq(k) {
        return this.records[k * R_STRIDE + R_SEQ];
    }
    /** Where its sealog.hash is in `claimed` (32 bytes), or -1 when it has none that is valid. */
    recordClaimedAt(k) {
        const c = this.records[k * R_STRIDE + R_CLAIMED];
        return c < 0 ? -1 : c * 32;
    }
    /** For a control record (one with sealog.type), where its JSON object is in the line; else -1. */
    controlStart(k) {
        return this.records[k * R_STRIDE + R_CONTROL_START];
    }
    controlEnd(k) {
        return this.records[k * R_STRIDE + R_CONTROL_END];
    }
    /** Scope s's context bytes are out[contextStart(s), contextEnd(s)), with CONTEXT_PREFIX bytes of room before. */
    contextStart(s) {
        return this.scopes[s * S_STRIDE + S_CONTEXT_START];
    }
    contextEnd(s) {
        return this.scopes[s * S_STRIDE + S_CONTEXT_END];
    }
    scopeFirstRecord(s) {
        return this.scopes[s * S_STRIDE + S_FIRST_RECORD];
    }
    scopeRecords(s) {
        return this.scopes[s * S_STRIDE + S_RECORDS];
    }
    /** Reads one line; false when the general decoder must take it (see the module comment). */
    scan(line) {
        this.resourceCount = 0;
        this.scopeCount = 0;
        this.recordCount = 0;
        this.claimedCount = 0;
        if (!isUtf8(line))
            return false;
        const j = this.#j;
        j.reset(line);
        try {
            this.#top();
            return true;
        }
        catch (err) {
            if (err === FALLBACK)
                return false;
            // A RangeError from a too deep recursion or the like: the general decoder decides.
            if (err instanceof RangeError)
                return false;
            throw err;
        }
    }
    #top() {
        const j = this.#j;
        let seen = 0;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = TOP_KEYS.code(j, j.key());
                if (f === 0 || j.isNull()) {
                    if (f === 0)
                        j.skip();
                    continue;
                }
                if (seen & f)
                    fallback();
                seen |= f;
                if (j.open(OPEN_ARR, CLOSE_ARR))
                    continue;
                do
                    this.#resourceLogs();
                while (j.more(CLOSE_ARR));
            } while (j.more(CLOSE_OBJ));
        }
        if (!j.atEnd())
            fallback();
    }
    #resourceLogs() {
        const j = this.#j;
        const firstScope = this.scopeCount;
        const firstRecord = this.recordCount;
        let attrsStart = -1;
        let attrsEnd = -1;
        this.#stream = undefined;
        this.#chain = undefined;
        this.#streamSeen = false;
        this.#chainSeen = false;
        let seen = 0;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = RESOURCE_LOGS_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (seen & f)
                    fallback();
                seen |= f;
                if (f === F_RESOURCE) {
                    [attrsStart, attrsEnd] = this.#resource();
                }
                else if (f === F_SCOPE_LOGS) {
                    if (j.open(OPEN_ARR, CLOSE_ARR))
                        continue;
                    do
                        this.#scopeLogs();
                    while (j.more(CLOSE_ARR));
                }
                else {
                    this.#validString();
                }
            } while (j.more(CLOSE_OBJ));
        }
        const scopes = this.scopeCount - firstScope;
        // The context of each scope: resource attributes, then the scope's own parts.
        for (let s = firstScope; s < this.scopeCount; s++)
            this.#context(s, attrsStart, attrsEnd);
        const r = (this.resources[this.resourceCount] ??= { stream: undefined, chain: undefined, firstScope: 0, scopes: 0, records: 0 });
        r.stream = this.#stream;
        r.chain = this.#chain;
        r.firstScope = firstScope;
        r.scopes = scopes;
        r.records = this.recordCount - firstRecord;
        this.resourceCount++;
    }
    /** Returns the region of its attributes' canonical bytes ([-1, -1] when absent). */
    #resource() {
        const j = this.#j;
        let start = -1;
        let end = -1;
        let seen = 0;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = RESOURCE_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (seen & f)
                    fallback();
                seen |= f;
                if (f === F_ATTRIBUTES) {
                    start = j.top;
                    this.#attrs(2 /* Attrs.Resource */, 0);
                    end = j.top;
                }
                else if (f === F_DROPPED) {
                    j.uint32();
                }
                else {
                    fallback(); // entityRefs: not covered by the chain, but its shape must be checked
                }
            } while (j.more(CLOSE_OBJ));
        }
        return [start, end];
    }
    #scopeLogs() {
        const j = this.#j;
        const s = this.scopeCount++;
        if (this.scopes.length < this.scopeCount * S_STRIDE) {
            const next = new Int32Array(this.scopes.length * 2);
            next.set(this.scopes);
            this.scopes = next;
        }
        const sc = this.scopes;
        const b = s * S_STRIDE;
        sc[b + S_NAME_START] = -1;
        sc[b + S_VERSION_START] = -1;
        sc[b + S_ATTRS_START] = -1;
        sc[b + S_FIRST_RECORD] = this.recordCount;
        let seen = 0;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = SCOPE_LOGS_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (seen & f)
                    fallback();
                seen |= f;
                if (f === F_SCOPE) {
                    this.#scope(b);
                }
                else if (f === F_LOG_RECORDS) {
                    if (j.open(OPEN_ARR, CLOSE_ARR))
                        continue;
                    do
                        this.#record();
                    while (j.more(CLOSE_ARR));
                }
                else {
                    this.#validString();
                }
            } while (j.more(CLOSE_OBJ));
        }
        this.scopes[b + S_RECORDS] = this.recordCount - this.scopes[b + S_FIRST_RECORD];
    }
    #scope(b) {
        const j = this.#j;
        let seen = 0;
        if (j.open(OPEN_OBJ, CLOSE_OBJ))
            return;
        do {
            const f = SCOPE_KEYS.code(j, j.key());
            if (f === 0) {
                j.skip();
                continue;
            }
            if (j.isNull())
                continue;
            if (seen & f)
                fallback();
            seen |= f;
            const start = j.top;
            if (f === F_NAME || f === F_VERSION)
                this.#str();
            else if (f === F_ATTRIBUTES)
                this.#attrs(0 /* Attrs.Plain */, 0);
            else {
                j.uint32();
                continue;
            }
            const at = f === F_NAME ? S_NAME_START : f === F_VERSION ? S_VERSION_START : S_ATTRS_START;
            this.scopes[b + at] = start;
            this.scopes[b + at + 1] = j.top;
        } while (j.more(CLOSE_OBJ));
    }
    /** Assembles scope s's context: attrs(resource) ‖ str(name) ‖ str(version) ‖ attrs(scope). */
    #context(s, attrsStart, attrsEnd) {
        const j = this.#j;
        const b = s * S_STRIDE;
        const sc = this.scopes;
        const size = CONTEXT_PREFIX +
            regionSize(attrsStart, attrsEnd) +
            regionSize(sc[b + S_NAME_START], sc[b + S_NAME_END]) +
            regionSize(sc[b + S_VERSION_START], sc[b + S_VERSION_END]) +
            regionSize(sc[b + S_ATTRS_START], sc[b + S_ATTRS_END]);
        j.room(size);
        j.top += CONTEXT_PREFIX;
        sc[b + S_CONTEXT_START] = j.top;
        this.#copy(attrsStart, attrsEnd);
        this.#copy(sc[b + S_NAME_START], sc[b + S_NAME_END]);
        this.#copy(sc[b + S_VERSION_START], sc[b + S_VERSION_END]);
        this.#copy(sc[b + S_ATTRS_START], sc[b + S_ATTRS_END]);
        sc[b + S_CONTEXT_END] = j.top;
    }
    /** Appends out[start, end) at top, or 4 zero bytes (an empty string or list) when start is -1. Room is the caller's. */
    #copy(start, end) {
        const j = this.#j;
        const o = j.out;
        if (start < 0) {
            o[j.top] = 0;
            o[j.top + 1] = 0;
            o[j.top + 2] = 0;
            o[j.top + 3] = 0;
            j.top += 4;
            return;
        }
        o.copyWithin(j.top, start, end);
        j.top += end - start;
    }
    #record() {
        const j = this.#j;
        j.peek();
        const objStart = j.i;
        this.#seq = -1;
        this.#seqSeen = false;
        this.#hashSeen = false;
        this.#claimedIndex = -1;
        this.#control = false;
        let seen = 0;
        let tHi = 0;
        let tLo = 0;
        let oHi = 0;
        let oLo = 0;
        let severity = 0;
        let flags = 0;
        let textS = -1;
        let textE = -1;
        let bodyS = -1;
        let bodyE = -1;
        let attrS = -1;
        let attrE = -1;
        let traceS = -1;
        let traceE = -1;
        let spanS = -1;
        let spanE = -1;
        let eventS = -1;
        let eventE = -1;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = RECORD_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (seen & f)
                    fallback();
                seen |= f;
                const start = j.top;
                switch (f) {
                    case F_TIME:
                        j.integer(false);
                        tHi = j.hi;
                        tLo = j.lo;
                        break;
                    case F_OBSERVED:
                        j.integer(false);
                        oHi = j.hi;
                        oLo = j.lo;
                        break;
                    case F_SEVERITY:
                        severity = this.#int32();
                        break;
                    case F_SEVERITY_TEXT:
                        this.#str();
                        textS = start;
                        textE = j.top;
                        break;
                    case F_BODY:
                        this.#anyValue(1);
                        bodyS = start;
                        bodyE = j.top;
                        break;
                    case F_ATTRIBUTES:
                        this.#attrs(1 /* Attrs.Record */, 0);
                        attrS = start;
                        attrE = j.top;
                        break;
                    case F_DROPPED:
                        j.uint32();
                        break;
                    case F_FLAGS:
                        flags = j.uint32();
                        break;
                    case F_TRACE:
                        this.#id(16);
                        traceS = start;
                        traceE = j.top;
                        break;
                    case F_SPAN:
                        this.#id(8);
                        spanS = start;
                        spanE = j.top;
                        break;
                    case F_EVENT:
                        this.#str();
                        eventS = start;
                        eventE = j.top;
                        break;
                }
            } while (j.more(CLOSE_OBJ));
        }
        const objEnd = j.i;
        // Assemble in canonical order after the parts (docs/PROTOCOL.md §3).
        j.room(LINK_PREFIX +
            20 +
            regionSize(textS, textE) +
            (bodyS < 0 ? 1 : bodyE - bodyS) +
            regionSize(attrS, attrE) +
            4 +
            regionSize(traceS, traceE) +
            regionSize(spanS, spanE) +
            regionSize(eventS, eventE));
        j.top += LINK_PREFIX;
        const recStart = j.top;
        const o = j.out;
        let p = recStart;
        p = putU32(o, p, tHi);
        p = putU32(o, p, tLo);
        p = putU32(o, p, oHi);
        p = putU32(o, p, oLo);
        p = putU32(o, p, severity >>> 0);
        j.top = p;
        this.#copy(textS, textE);
        if (bodyS < 0)
            o[j.top++] = 0 /* Tag.Empty */;
        else
            this.#copy(bodyS, bodyE);
        this.#copy(attrS, attrE);
        j.top = putU32(o, j.top, flags);
        this.#copy(traceS, traceE);
        this.#copy(spanS, spanE);
        this.#copy(eventS, eventE);
        const k = this.recordCount++;
        if (this.records.length < this.recordCount * R_STRIDE) {
            const next = new Float64Array(this.records.length * 2);
            next.set(this.records);
            this.records = next;
        }
        const r = this.records;
        const b = k * R_STRIDE;
        r[b + R_START] = recStart;
        r[b + R_END] = j.top;
        r[b + R_SEQ] = this.#seq;
        r[b + R_CLAIMED] = this.#claimedIndex;
        r[b + R_CONTROL_START] = this.#control ? objStart : -1;
        r[b + R_CONTROL_END] = this.#control ? objEnd : -1;
    }
    /** int32 as a bare integer (severityNumber). */
    #int32() {
        const j = this.#j;
        if (j.peek() === 0x22)
            fallback();
        j.integer(true);
        if (j.hi !== 0)
            fallback();
        const v = j.neg ? -j.lo : j.lo;
        if (v < -0x80000000 || v > 0x7fffffff)
            fallback();
        return v;
    }
    /** A JSON string as str(s): u32 byte length, then its UTF-8. */
    #str() {
        const j = this.#j;
        j.room(4);
        const at = j.top;
        j.top += 4;
        const n = j.string();
        putU32(j.out, at, n);
    }
    /** A string field that is only validated (schemaUrl). */
    #validString() {
        const j = this.#j;
        const top = j.top;
        j.string();
        j.top = top;
    }
    /** A trace or span id as bytes(id): `size` bytes, or empty for "" and all zero. */
    #id(size) {
        const j = this.#j;
        const s = j.rawString();
        const n = j.rawLength;
        j.room(4 + size);
        const o = j.out;
        const at = j.top;
        if (n === 0) {
            putU32(o, at, 0);
            j.top += 4;
            return;
        }
        if (n !== size * 2)
            fallback();
        const src = j.src;
        let zero = true;
        for (let i = 0; i < size; i++) {
            const hi = hexDigit(src[s + 2 * i]);
            const lo = hexDigit(src[s + 2 * i + 1]);
            if ((hi | lo) < 0)
                fallback();
            const v = (hi << 4) | lo;
            if (v !== 0)
                zero = false;
            o[at + 4 + i] = v;
        }
        if (zero) {
            putU32(o, at, 0);
            j.top += 4;
        }
        else {
            putU32(o, at, size);
            j.top += 4 + size;
        }
    }
    /** value(v) of an AnyValue at nesting `depth` (the body and attribute values are depth 1). */
    #anyValue(depth) {
        if (depth > this.#maxDepth)
            fallback();
        const j = this.#j;
        j.room(9);
        const start = j.top;
        let set = false;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = VALUE_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (set)
                    fallback(); // a second member: the last would win; leave it to the general decoder
                set = true;
                j.room(9);
                const o = j.out;
                switch (f) {
                    case V_STRING:
                        o[j.top++] = 1 /* Tag.String */;
                        this.#str();
                        break;
                    case V_BOOL:
                        o[j.top++] = 2 /* Tag.Bool */;
                        o[j.top++] = j.bool() ? 1 : 0;
                        break;
                    case V_INT:
                        this.#int64();
                        break;
                    case V_DOUBLE:
                        this.#double();
                        break;
                    case V_ARRAY:
                    case V_KVLIST:
                        this.#list(f, depth);
                        break;
                    default:
                        fallback(); // bytesValue
                }
            } while (j.more(CLOSE_OBJ));
        }
        if (!set) {
            j.top = start;
            j.out[j.top++] = 0 /* Tag.Empty */;
        }
    }
    /** tag 3 ‖ i64 from a string or a bare integer. */
    #int64() {
        const j = this.#j;
        j.integer(true);
        let hi = j.hi;
        let lo = j.lo;
        if (j.neg) {
            if (hi > 0x80000000 || (hi === 0x80000000 && lo !== 0))
                fallback();
            if (lo !== 0) {
                lo = TWO_32 - lo;
                hi = TWO_32 - 1 - hi;
            }
            else if (hi !== 0) {
                hi = TWO_32 - hi;
            }
        }
        else if (hi >= 0x80000000) {
            fallback();
        }
        const o = j.out;
        o[j.top] = 3 /* Tag.Int */;
        putU32(o, j.top + 1, hi);
        putU32(o, j.top + 5, lo);
        j.top += 9;
    }
    /** tag 4 ‖ f64 from a bare JSON number (strings such as "NaN" fall back). */
    #double() {
        const j = this.#j;
        if (j.peek() === 0x22)
            fallback();
        const s = j.number();
        let text = '';
        for (let i = s; i < j.i; i++)
            text += String.fromCharCode(j.src[i]);
        const v = Number(text);
        const o = j.out;
        o[j.top] = 4 /* Tag.Double */;
        new DataView(o.buffer, o.byteOffset + j.top + 1, 8).setFloat64(0, v);
        j.top += 9;
    }
    /** arrayValue / kvlistValue: {"values": [...]} */
    #list(kind, depth) {
        const j = this.#j;
        const start = j.top;
        let seen = false;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = LIST_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (seen)
                    fallback();
                seen = true;
                if (kind === V_KVLIST) {
                    j.out[j.top++] = 7 /* Tag.KvList */;
                    this.#attrs(0 /* Attrs.Plain */, depth);
                }
                else {
                    j.out[j.top++] = 6 /* Tag.Array */;
                    const countAt = j.top;
                    j.room(4);
                    j.top += 4;
                    let n = 0;
                    if (!j.open(OPEN_ARR, CLOSE_ARR)) {
                        do {
                            this.#anyValue(depth + 1);
                            n++;
                        } while (j.more(CLOSE_ARR));
                    }
                    putU32(j.out, countAt, n);
                }
            } while (j.more(CLOSE_OBJ));
        }
        if (!seen) {
            j.top = start;
            j.room(5);
            j.out[j.top++] = kind === V_KVLIST ? 7 /* Tag.KvList */ : 6 /* Tag.Array */;
            j.top = putU32(j.out, j.top, 0);
        }
    }
    /**
     * attrs(list) of a KeyValue array whose values sit at depth `depth + 1`.
     * Record attributes leave out sealog.seq and sealog.hash (read here);
     * resource attributes note sealog.stream and sealog.chain.
     */
    #attrs(mode, depth) {
        const j = this.#j;
        j.room(4);
        const countAt = j.top;
        j.top += 4;
        let n = 0;
        let sorted = true;
        let dup = false;
        let prevKey = -1;
        let prevLen = 0;
        if (!j.open(OPEN_ARR, CLOSE_ARR)) {
            do {
                const entry = j.top;
                this.#keyValue(depth + 1);
                const o = j.out;
                const klen = getU32(o, entry);
                const key = entry + 4;
                if (mode === 1 /* Attrs.Record */ && this.#recordChainKey(o, key, klen)) {
                    j.top = entry; // sealog.seq and sealog.hash are the chain's output, not its input
                    continue;
                }
                if (mode === 2 /* Attrs.Resource */)
                    this.#resourceKey(o, key, klen);
                else if (mode === 1 /* Attrs.Record */ && !this.#control && regionIs(o, key, klen, SEALOG_TYPE))
                    this.#control = true;
                if (prevKey >= 0) {
                    const c = compareRegions(o, prevKey, prevLen, key, klen);
                    if (c > 0)
                        sorted = false;
                    else if (c === 0)
                        dup = true;
                }
                prevKey = key;
                prevLen = klen;
                n++;
            } while (j.more(CLOSE_ARR));
        }
        putU32(j.out, countAt, n);
        if (!sorted || dup)
            this.#sortEntries(countAt + 4, j.top, n);
    }
    /** A KeyValue as str(key) ‖ value(v); a `value` before its `key` falls back. */
    #keyValue(depth) {
        const j = this.#j;
        let key = false;
        let value = false;
        if (!j.open(OPEN_OBJ, CLOSE_OBJ)) {
            do {
                const f = KEY_VALUE_KEYS.code(j, j.key());
                if (f === 0) {
                    j.skip();
                    continue;
                }
                if (j.isNull())
                    continue;
                if (f === F_KEY) {
                    if (key)
                        fallback();
                    key = true;
                    this.#str();
                }
                else {
                    if (value)
                        fallback();
                    if (!key) {
                        key = true; // the key is "" unless one follows, which the general decoder handles
                        j.room(4);
                        j.top = putU32(j.out, j.top, 0);
                    }
                    value = true;
                    this.#anyValue(depth);
                }
            } while (j.more(CLOSE_OBJ));
        }
        if (!key) {
            j.room(4);
            j.top = putU32(j.out, j.top, 0);
        }
        if (!value) {
            j.room(1);
            j.out[j.top++] = 0 /* Tag.Empty */;
        }
    }
    /** sealog.seq or sealog.hash of a record: the first of each is read; true if the entry is one of them. */
    #recordChainKey(o, key, klen) {
        if (regionIs(o, key, klen, SEALOG_SEQ)) {
            if (!this.#seqSeen) {
                this.#seqSeen = true;
                const v = key + klen;
                if (o[v] === 3 /* Tag.Int */) {
                    const hi = getU32(o, v + 1);
                    const lo = getU32(o, v + 5);
                    // 1 .. 2^53-1
                    if (hi < 0x200000 && (hi !== 0 || lo !== 0))
                        this.#seq = hi * TWO_32 + lo;
                }
            }
            return true;
        }
        if (regionIs(o, key, klen, SEALOG_HASH)) {
            if (!this.#hashSeen) {
                this.#hashSeen = true;
                const v = key + klen;
                if (o[v] === 1 /* Tag.String */ && getU32(o, v + 1) === 64)
                    this.#readClaimed(o, v + 5);
            }
            return true;
        }
        return false;
    }
    #readClaimed(o, at) {
        const c = this.claimedCount;
        if (this.claimed.length < (c + 1) * 32) {
            const next = new Uint8Array(this.claimed.length * 2);
            next.set(this.claimed);
            this.claimed = next;
        }
        const out = this.claimed;
        for (let i = 0; i < 32; i++) {
            const hi = hexDigit(o[at + 2 * i]);
            const lo = hexDigit(o[at + 2 * i + 1]);
            if ((hi | lo) < 0)
                return;
            out[c * 32 + i] = (hi << 4) | lo;
        }
        this.claimedCount++;
        this.#claimedIndex = c;
    }
    /** The first sealog.stream / sealog.chain of a resource, kept when it is a string. */
    #resourceKey(o, key, klen) {
        const isStream = !this.#streamSeen && regionIs(o, key, klen, SEALOG_STREAM);
        const isChain = !isStream && !this.#chainSeen && regionIs(o, key, klen, SEALOG_CHAIN);
        if (!isStream && !isChain)
            return;
        const v = key + klen;
        const value = o[v] === 1 /* Tag.String */ ? utf8.decode(o.subarray(v + 5, v + 5 + getU32(o, v + 1))) : undefined;
        if (isStream) {
            this.#streamSeen = true;
            this.#stream = value;
        }
        else {
            this.#chainSeen = true;
            this.#chain = value;
        }
    }
    /** Sorts the n entries in out[from, to) by key bytes (ties by encoded value), as writeAttrs does. */
    #sortEntries(from, to, n) {
        const j = this.#j;
        const o = j.out;
        const starts = [];
        const ends = [];
        let p = from;
        for (let k = 0; k < n; k++) {
            starts.push(p);
            p = valueEnd(o, p + 4 + getU32(o, p));
            ends.push(p);
        }
        const order = starts.map((_, k) => k);
        order.sort((a, b) => {
            const ka = starts[a];
            const kb = starts[b];
            const la = getU32(o, ka);
            const lb = getU32(o, kb);
            const c = compareRegions(o, ka + 4, la, kb + 4, lb);
            // Equal keys are ordered by value even when the scan saw no duplicates: it compares neighbours only.
            if (c !== 0)
                return c;
            const va = ka + 4 + la;
            const vb = kb + 4 + lb;
            return compareRegions(o, va, ends[a] - va, vb, ends[b] - vb);
        });
        // Copy the entries after `to`, in order, then back over [from, to).
        j.room(to - from);
        const out = j.out;
        let q = to;
        for (const k of order) {
            out.copyWithin(q, starts[k], ends[k]);
            q += ends[k] - starts[k];
        }
        out.copyWithin(from, to, q);
    }
}
function regionSize(start, end) {
    return start < 0 ? 4 : end - start;
}
function putU32(o, p, v) {
    o[p] = v >>> 24;
    o[p + 1] = (v >>> 16) & 0xff;
    o[p + 2] = (v >>> 8) & 0xff;
    o[p + 3] = v & 0xff;
    return p + 4;
}
function getU32(o, p) {
    return ((o[p] << 24) | (o[p + 1] << 16) | (o[p + 2] << 8) | o[p + 3]) >>> 0;
}
function regionIs(o, at, len, name) {
    if (len !== name.length)
        return false;
    for (let i = 0; i < len; i++)
        if (o[at + i] !== name[i])
            return false;
    return true;
}
/** Bytewise order of two regions of `o` (a prefix sorts first). */
function compareRegions(o, a, la, b, lb) {
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
        const d = o[a + i] - o[b + i];
        if (d !== 0)
            return d;
    }
    return la - lb;
}
/** The end of the canonical value that starts at p. */
function valueEnd(o, p) {
    switch (o[p]) {
        case 0 /* Tag.Empty */:
            return p + 1;
        case 1 /* Tag.String */:
            return p + 5 + getU32(o, p + 1);
        case 2 /* Tag.Bool */:
            return p + 2;
        case 3 /* Tag.Int */:
        case 4 /* Tag.Double */:
            return p + 9;
        case 6 /* Tag.Array */: {
            const n = getU32(o, p + 1);
            let q = p + 5;
            for (let k = 0; k < n; k++)
                q = valueEnd(o, q);
            return q;
        }
        default: {
            // KvList
            const n = getU32(o, p + 1);
            let q = p + 5;
            for (let k = 0; k < n; k++)
                q = valueEnd(o, q + 4 + getU32(o, q));
            return q;
        }
    }
}
//# sourceMappingURL=otlp-canonical.js.map