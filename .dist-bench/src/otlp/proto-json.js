/**
 * Protobuf -> OTLP/JSON without the object model: reads an encoded
 * ResourceLogs message and writes its OTLP/JSON text as UTF-8 bytes, byte for
 * byte what encodeLogsJson(decodeResourceLogsProto(...)) writes for it.
 *
 * The fast path accepts only the canonical form our encoder writes
 * (proto-encode.ts): fields in field-number order, each singular field at most
 * once, repeated fields contiguous, no unknown or profiles-only fields, one
 * member per AnyValue, one-byte tags. In that form streaming the fields in
 * order is the JSON (LogRecord's observedTimeUnixNano, which JSON puts second,
 * is found by a scan before the record is written). Anything else, including
 * malformed input, makes the fast path give up on that message; the general
 * path (decode, then encode) then writes it or throws its DecodeError, so the
 * result never depends on which path ran.
 */
import { DEFAULT_MAX_DEPTH, resolveMaxDepth } from './decode-error.js';
import { JsonOutput } from './json-output.js';
import { encodeLogsJson } from './json-encode.js';
import { jsonDouble } from './json-values.js';
import { decodeResourceLogsProto } from './proto-decode.js';
import { utf8ByteLength, writeUtf8At } from './utf8.js';
/** Thrown inside the fast path when the input is not in canonical form (or not valid); never escapes this module. */
class NotCanonical extends Error {
}
const NOT_CANONICAL = new NotCanonical('not canonical OTLP protobuf');
/** `{"resourceLogs":[` and `]}`: what encodeLogsJson wraps around the ResourceLogs objects. */
const LOGS_PREFIX = '{"resourceLogs":[';
const LOGS_SUFFIX = ']}';
const scratch = new DataView(new ArrayBuffer(8));
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Where a LogRecord's fields are, found by scanning it before it is written (JSON order differs from field order). */
class RecordFields {
    timeLo = 0;
    timeHi = 0;
    observedLo = 0;
    observedHi = 0;
    severity = 0;
    severityText = -1;
    severityTextEnd = 0;
    body = -1;
    bodyEnd = 0;
    attrs = -1;
    attrsEnd = 0;
    dropped = 0;
    flags = 0;
    traceId = -1;
    spanId = -1;
    eventName = -1;
    eventNameEnd = 0;
    clear() {
        this.timeLo = this.timeHi = this.observedLo = this.observedHi = 0;
        this.severity = this.dropped = this.flags = 0;
        this.severityText = this.body = this.attrs = this.traceId = this.spanId = this.eventName = -1;
    }
}
/** The canonical-form transcoder; one instance per LogsJsonWriter, reused for every message. */
class FastPath {
    out;
    src = new Uint8Array(0);
    pos = 0;
    records = 0;
    maxDepth = DEFAULT_MAX_DEPTH;
    /** The last 64-bit value read, as uint32 halves. */
    lo = 0;
    hi = 0;
    rec = new RecordFields();
    constructor(out) {
        this.out = out;
    }
    /** Writes one ResourceLogs message (all of `src`); throws NOT_CANONICAL to give up. */
    resourceLogs(src) {
        this.src = src;
        this.pos = 0;
        this.records = 0;
        const end = src.length;
        const out = this.out;
        out.ascii('{"resource":');
        let t = this.tag(end);
        if (t === 0x0a) {
            this.resource(this.len(end));
            t = this.tag(end);
        }
        else
            out.ascii('{}');
        if (t === 0x12) {
            out.ascii(',"scopeLogs":[');
            t = this.repeated(end, 0x12, 3 /* Element.ScopeLogs */, 0);
            out.byte(0x5d);
        }
        if (t === 0x1a)
            t = this.stringMember(end, ',"schemaUrl":');
        this.close(t);
    }
    // -------------------------------------------------------------------------
    // Wire format. Every read stays within `end`, the end of the current message.
    // -------------------------------------------------------------------------
    fail() {
        throw NOT_CANONICAL;
    }
    /** The next one-byte tag, or 0 at the end of the message. */
    tag(end) {
        const pos = this.pos;
        if (pos >= end)
            return 0;
        const b = this.src[pos];
        if (b >= 0x80 || b < 8)
            this.fail();
        this.pos = pos + 1;
        return b;
    }
    /** After the last expected field: the message must be at its end; closes the JSON object. */
    close(t) {
        if (t !== 0)
            this.fail();
        this.out.byte(0x7d);
    }
    varint(end) {
        const src = this.src;
        let pos = this.pos;
        let value = 0;
        let mul = 1;
        for (let i = 0; i < 10 && pos < end; i++) {
            const b = src[pos++];
            value += (b & 0x7f) * mul;
            if (b < 0x80) {
                this.pos = pos;
                return value;
            }
            mul *= 128;
        }
        return this.fail();
    }
    /** A length prefix; positions at the payload and returns the payload's end. */
    len(end) {
        const n = this.varint(end);
        if (n > end - this.pos)
            this.fail();
        return this.pos + n;
    }
    /** Low 32 bits of a varint as int32 (proto int32 / enum; `>>> 0` for uint32). */
    varint32(end) {
        const src = this.src;
        let pos = this.pos;
        let lo = 0;
        let shift = 0;
        for (let i = 0; i < 10 && pos < end; i++) {
            const b = src[pos++];
            if (shift < 32)
                lo |= (b & 0x7f) << shift;
            shift += 7;
            if (b < 0x80) {
                this.pos = pos;
                return lo | 0;
            }
        }
        return this.fail();
    }
    /** A varint as 64 bits (lo, hi), the bits above 64 dropped as int64 decoding does. */
    varint64(end) {
        const src = this.src;
        let pos = this.pos;
        let lo = 0;
        let hi = 0;
        let shift = 0;
        for (let i = 0; i < 10 && pos < end; i++) {
            const b = src[pos++];
            const bits = b & 0x7f;
            if (shift < 28)
                lo |= bits << shift;
            else if (shift === 28) {
                lo |= (bits & 0x0f) << 28;
                hi |= bits >> 4;
            }
            else
                hi |= bits << (shift - 32);
            shift += 7;
            if (b < 0x80) {
                this.pos = pos;
                this.lo = lo >>> 0;
                this.hi = hi >>> 0;
                return;
            }
        }
        this.fail();
    }
    /** True if any payload bit of a varint is set (proto bool). */
    varintBool(end) {
        const src = this.src;
        let pos = this.pos;
        let any = 0;
        for (let i = 0; i < 10 && pos < end; i++) {
            const b = src[pos++];
            any |= b & 0x7f;
            if (b < 0x80) {
                this.pos = pos;
                return any !== 0;
            }
        }
        return this.fail();
    }
    fixed32(end) {
        const pos = this.pos;
        if (pos + 4 > end)
            this.fail();
        const s = this.src;
        this.pos = pos + 4;
        return (s[pos] | (s[pos + 1] << 8) | (s[pos + 2] << 16) | (s[pos + 3] << 24)) >>> 0;
    }
    fixed64(end) {
        const pos = this.pos;
        if (pos + 8 > end)
            this.fail();
        const s = this.src;
        this.pos = pos + 8;
        this.lo = (s[pos] | (s[pos + 1] << 8) | (s[pos + 2] << 16) | (s[pos + 3] << 24)) >>> 0;
        this.hi = (s[pos + 4] | (s[pos + 5] << 8) | (s[pos + 6] << 16) | (s[pos + 7] << 24)) >>> 0;
    }
    double(end) {
        const pos = this.pos;
        if (pos + 8 > end)
            this.fail();
        const s = this.src;
        for (let i = 0; i < 8; i++)
            scratch.setUint8(i, s[pos + i]);
        this.pos = pos + 8;
        return scratch.getFloat64(0, true);
    }
    /**
     * Writes the elements (messages of `kind`) of a repeated field with tag `t`,
     * comma-separated, while the next tag is `t` (the first tag has been read);
     * returns the tag after them. `depth` is the AnyValue depth of KeyValue values.
     */
    repeated(end, t, kind, depth) {
        let tag = t;
        let first = true;
        while (tag === t) {
            if (!first)
                this.out.byte(0x2c);
            first = false;
            const e = this.len(end);
            this.element(kind, e, depth);
            this.pos = e;
            tag = this.tag(end);
        }
        return tag;
    }
    element(kind, end, depth) {
        switch (kind) {
            case 0 /* Element.KeyValue */:
                this.keyValue(end, depth);
                return;
            case 1 /* Element.AnyValue */:
                this.anyValue(end, depth);
                return;
            case 2 /* Element.LogRecord */:
                this.logRecord(end);
                return;
            case 3 /* Element.ScopeLogs */:
                this.scopeLogs(end);
                return;
            case 4 /* Element.EntityRef */:
                this.entityRef(end);
                return;
        }
    }
    /** A JSON string of src[start, end), which must be valid UTF-8. */
    text(start, end) {
        if (!this.out.utf8String(this.src, start, end))
            this.fail();
    }
    /** A JSON string of the length-delimited field at pos (its tag read). */
    string(end) {
        const e = this.len(end);
        this.text(this.pos, e);
        this.pos = e;
    }
    /** A string member `key` (with its leading comma if any), left out when empty; returns the next tag. */
    stringMember(end, key) {
        const e = this.len(end);
        if (e !== this.pos) {
            this.out.ascii(key);
            this.text(this.pos, e);
        }
        this.pos = e;
        return this.tag(end);
    }
    /** `"key":` inside an object, with a comma unless it is the object's first member. */
    member(key) {
        const out = this.out;
        if (out.buf[out.pos - 1] !== 0x7b)
            out.byte(0x2c);
        out.ascii(key);
    }
    /** A string member of an object with optional members (comma as needed), left out when empty. */
    optionalString(end, key) {
        const e = this.len(end);
        if (e !== this.pos) {
            this.member(key);
            this.text(this.pos, e);
        }
        this.pos = e;
        return this.tag(end);
    }
    /** A uint32 member written unless 0. */
    optionalUint32(end, key) {
        const v = this.varint32(end) >>> 0;
        if (v !== 0) {
            this.member(key);
            this.out.uint(v);
        }
        return this.tag(end);
    }
    // -------------------------------------------------------------------------
    // Messages. Each writes the JSON object of the message that ends at `end`.
    // -------------------------------------------------------------------------
    resource(end) {
        const out = this.out;
        out.byte(0x7b);
        let t = this.tag(end);
        if (t === 0x0a) {
            out.ascii('"attributes":[');
            t = this.repeated(end, 0x0a, 0 /* Element.KeyValue */, 1);
            out.byte(0x5d);
        }
        if (t === 0x10)
            t = this.optionalUint32(end, '"droppedAttributesCount":');
        if (t === 0x1a) {
            this.member('"entityRefs":[');
            t = this.repeated(end, 0x1a, 4 /* Element.EntityRef */, 0);
            out.byte(0x5d);
        }
        this.close(t);
    }
    entityRef(end) {
        this.out.byte(0x7b);
        let t = this.tag(end);
        if (t === 0x0a)
            t = this.optionalString(end, '"schemaUrl":');
        if (t === 0x12)
            t = this.optionalString(end, '"type":');
        if (t === 0x1a)
            t = this.strings(end, t, '"idKeys":[');
        if (t === 0x22)
            t = this.strings(end, t, '"descriptionKeys":[');
        this.close(t);
    }
    /** A repeated string field as a member array; returns the tag after it. */
    strings(end, t, key) {
        this.member(key);
        let tag = t;
        let first = true;
        while (tag === t) {
            if (!first)
                this.out.byte(0x2c);
            first = false;
            this.string(end);
            tag = this.tag(end);
        }
        this.out.byte(0x5d);
        return tag;
    }
    scope(end) {
        const out = this.out;
        out.byte(0x7b);
        let t = this.tag(end);
        if (t === 0x0a)
            t = this.optionalString(end, '"name":');
        if (t === 0x12)
            t = this.optionalString(end, '"version":');
        if (t === 0x1a) {
            this.member('"attributes":[');
            t = this.repeated(end, 0x1a, 0 /* Element.KeyValue */, 1);
            out.byte(0x5d);
        }
        if (t === 0x20)
            t = this.optionalUint32(end, '"droppedAttributesCount":');
        this.close(t);
    }
    scopeLogs(end) {
        const out = this.out;
        out.ascii('{"scope":');
        let t = this.tag(end);
        if (t === 0x0a) {
            const e = this.len(end);
            this.scope(e);
            this.pos = e;
            t = this.tag(end);
        }
        else
            out.ascii('{}');
        if (t === 0x12) {
            out.ascii(',"logRecords":[');
            t = this.repeated(end, 0x12, 2 /* Element.LogRecord */, 0);
            out.byte(0x5d);
        }
        if (t === 0x1a)
            t = this.stringMember(end, ',"schemaUrl":');
        this.close(t);
    }
    logRecord(end) {
        this.scanLogRecord(end);
        this.writeLogRecord();
        this.records++;
    }
    /** Notes where each LogRecord field is (values of the scalars), in canonical order. */
    scanLogRecord(end) {
        const r = this.rec;
        r.clear();
        let t = this.tag(end);
        if (t === 0x09) {
            this.fixed64(end);
            r.timeLo = this.lo;
            r.timeHi = this.hi;
            t = this.tag(end);
        }
        if (t === 0x10) {
            r.severity = this.varint32(end);
            t = this.tag(end);
        }
        if (t === 0x1a) {
            r.severityTextEnd = this.len(end);
            r.severityText = this.pos;
            this.pos = r.severityTextEnd;
            t = this.tag(end);
        }
        if (t === 0x2a) {
            r.bodyEnd = this.len(end);
            r.body = this.pos;
            this.pos = r.bodyEnd;
            t = this.tag(end);
        }
        if (t === 0x32) {
            r.attrs = this.pos - 1;
            while (t === 0x32) {
                this.pos = this.len(end);
                r.attrsEnd = this.pos;
                t = this.tag(end);
            }
        }
        t = this.scanLogRecordTail(end, t);
        if (t !== 0)
            this.fail();
    }
    /** Fields 7 to 12 of a LogRecord; returns the tag after them. */
    scanLogRecordTail(end, tag) {
        const r = this.rec;
        let t = tag;
        if (t === 0x38) {
            r.dropped = this.varint32(end) >>> 0;
            t = this.tag(end);
        }
        if (t === 0x45) {
            r.flags = this.fixed32(end);
            t = this.tag(end);
        }
        if (t === 0x4a) {
            r.traceId = this.id(end, 16);
            t = this.tag(end);
        }
        if (t === 0x52) {
            r.spanId = this.id(end, 8);
            t = this.tag(end);
        }
        if (t === 0x59) {
            this.fixed64(end);
            r.observedLo = this.lo;
            r.observedHi = this.hi;
            t = this.tag(end);
        }
        if (t === 0x62) {
            r.eventNameEnd = this.len(end);
            r.eventName = this.pos;
            this.pos = r.eventNameEnd;
            t = this.tag(end);
        }
        return t;
    }
    /** A trace or span id: its start, or -1 when empty or all zero ("no id"); another length than `size` gives up. */
    id(end, size) {
        const e = this.len(end);
        const start = this.pos;
        this.pos = e;
        if (e === start)
            return -1;
        if (e - start !== size)
            this.fail();
        const src = this.src;
        for (let i = start; i < e; i++)
            if (src[i] !== 0)
                return start;
        return -1;
    }
    writeLogRecord() {
        const r = this.rec;
        const out = this.out;
        out.byte(0x7b);
        if ((r.timeLo | r.timeHi) !== 0)
            this.timestamp('"timeUnixNano":"', r.timeLo, r.timeHi);
        if ((r.observedLo | r.observedHi) !== 0)
            this.timestamp('"observedTimeUnixNano":"', r.observedLo, r.observedHi);
        if (r.severity !== 0) {
            out.ascii('"severityNumber":');
            out.int32(r.severity);
            out.byte(0x2c);
        }
        if (r.severityText >= 0 && r.severityTextEnd !== r.severityText) {
            out.ascii('"severityText":');
            this.text(r.severityText, r.severityTextEnd);
            out.byte(0x2c);
        }
        out.ascii('"body":');
        if (r.body >= 0) {
            this.pos = r.body;
            this.anyValue(r.bodyEnd, 1);
        }
        else
            out.ascii('{}');
        if (r.attrs >= 0)
            this.recordAttributes(r.attrs, r.attrsEnd);
        this.writeLogRecordTail();
        out.byte(0x7d);
    }
    writeLogRecordTail() {
        const r = this.rec;
        const out = this.out;
        if (r.dropped !== 0) {
            out.ascii(',"droppedAttributesCount":');
            out.uint(r.dropped);
        }
        if (r.flags !== 0) {
            out.ascii(',"flags":');
            out.uint(r.flags);
        }
        if (r.traceId >= 0)
            this.hexMember(',"traceId":"', r.traceId, 16);
        if (r.spanId >= 0)
            this.hexMember(',"spanId":"', r.spanId, 8);
        if (r.eventName >= 0 && r.eventNameEnd !== r.eventName) {
            out.ascii(',"eventName":');
            this.text(r.eventName, r.eventNameEnd);
        }
    }
    timestamp(key, lo, hi) {
        const out = this.out;
        out.ascii(key);
        out.uint64(lo, hi);
        out.ascii('",');
    }
    hexMember(key, start, size) {
        const out = this.out;
        out.ascii(key);
        out.hex(this.src, start, start + size);
        out.byte(0x22);
    }
    /** The LogRecord attributes scanned earlier: tags 0x32 from `start` to `end`. */
    recordAttributes(start, end) {
        this.out.ascii(',"attributes":[');
        this.pos = start + 1;
        this.repeated(end, 0x32, 0 /* Element.KeyValue */, 1);
        this.out.byte(0x5d);
    }
    /** A KeyValue whose value sits at AnyValue depth `depth`. */
    keyValue(end, depth) {
        const out = this.out;
        let t = this.tag(end);
        if (t === 0x0a) {
            const e = this.len(end);
            if (e !== this.pos) {
                out.ascii('{"key":');
                this.text(this.pos, e);
                out.ascii(',"value":');
            }
            else
                out.ascii('{"value":');
            this.pos = e;
            t = this.tag(end);
        }
        else
            out.ascii('{"value":');
        if (t === 0x12) {
            const e = this.len(end);
            this.anyValue(e, depth);
            this.pos = e;
            t = this.tag(end);
        }
        else
            out.ascii('{}');
        this.close(t);
    }
    /** The AnyValue message from pos to `end`: no member, or exactly one. */
    anyValue(end, depth) {
        if (depth > this.maxDepth)
            this.fail();
        const out = this.out;
        const t = this.tag(end);
        switch (t) {
            case 0:
                out.ascii('{}');
                return;
            case 0x0a:
                out.ascii('{"stringValue":');
                this.string(end);
                break;
            case 0x10:
                out.ascii(this.varintBool(end) ? '{"boolValue":true' : '{"boolValue":false');
                break;
            case 0x18:
                this.varint64(end);
                out.ascii('{"intValue":"');
                out.int64(this.lo, this.hi);
                out.byte(0x22);
                break;
            case 0x21:
                out.ascii('{"doubleValue":');
                out.ascii(jsonDouble(this.double(end)));
                break;
            case 0x2a:
                this.arrayValue(this.len(end), depth);
                break;
            case 0x32:
                this.kvlistValue(this.len(end), depth);
                break;
            case 0x3a:
                this.bytesValue(end);
                break;
            default:
                this.fail();
        }
        this.close(this.tag(end));
    }
    bytesValue(end) {
        const e = this.len(end);
        this.out.ascii('{"bytesValue":"');
        this.out.base64(this.src, this.pos, e);
        this.out.byte(0x22);
        this.pos = e;
    }
    arrayValue(end, depth) {
        const out = this.out;
        let t = this.tag(end);
        if (t === 0) {
            out.ascii('{"arrayValue":{}');
            return;
        }
        if (t !== 0x0a)
            this.fail();
        out.ascii('{"arrayValue":{"values":[');
        t = this.repeated(end, 0x0a, 1 /* Element.AnyValue */, depth + 1);
        if (t !== 0)
            this.fail();
        out.ascii(']}');
    }
    kvlistValue(end, depth) {
        const out = this.out;
        let t = this.tag(end);
        if (t === 0) {
            out.ascii('{"kvlistValue":{}');
            return;
        }
        if (t !== 0x0a)
            this.fail();
        out.ascii('{"kvlistValue":{"values":[');
        t = this.repeated(end, 0x0a, 0 /* Element.KeyValue */, depth + 1);
        if (t !== 0)
            this.fail();
        out.ascii(']}');
    }
}
function countRecords(rl) {
    let n = 0;
    for (const sl of rl.scopeLogs)
        n += sl.logRecords.length;
    return n;
}
/**
 * Builds one OTLP/JSON document `{"resourceLogs":[...]}` from encoded
 * ResourceLogs messages, as UTF-8 bytes. Reusable: begin() starts a new
 * document in the same buffer. Not re-entrant (synchronous use only).
 */
export class LogsJsonWriter {
    out;
    /** Messages written by the general path (not in canonical form) since construction. */
    fallbacks = 0;
    fast;
    maxDepth = DEFAULT_MAX_DEPTH;
    opts;
    count = 0;
    constructor(out = new JsonOutput()) {
        this.out = out;
        this.fast = new FastPath(out);
    }
    /** Starts a new document; `opts` are the decoding options (AnyValue depth limit) for its messages. */
    begin(opts) {
        this.maxDepth = resolveMaxDepth(opts);
        this.opts = opts;
        this.out.reset();
        this.count = 0;
    }
    /** Appends the ResourceLogs message `payload`; returns its log record count. Throws DecodeError for malformed input. */
    add(payload) {
        const out = this.out;
        if (this.count++ === 0)
            out.ascii(LOGS_PREFIX);
        else
            out.byte(0x2c);
        const start = out.pos;
        const fast = this.fast;
        fast.maxDepth = this.maxDepth;
        try {
            fast.resourceLogs(payload);
            return fast.records;
        }
        catch (err) {
            if (err !== NOT_CANONICAL)
                throw err;
        }
        out.pos = start;
        this.fallbacks++;
        return this.general(payload);
    }
    /** Decode, then encode: any valid encoding, or the decoder's DecodeError. */
    general(payload) {
        const rl = decodeResourceLogsProto(payload, this.opts);
        const doc = encodeLogsJson({ resourceLogs: [rl] });
        const text = doc.slice(LOGS_PREFIX.length, doc.length - LOGS_SUFFIX.length);
        const out = this.out;
        out.ensure(utf8ByteLength(text));
        out.pos = writeUtf8At(out.buf, out.pos, text);
        return countRecords(rl);
    }
    /** Closes the document (`{}` when no message was added), appends `trailer` (ASCII) and returns a copy of it. */
    end(trailer = '') {
        const out = this.out;
        if (this.count === 0)
            out.ascii('{}');
        else
            out.ascii(LOGS_SUFFIX);
        out.ascii(trailer);
        const bytes = out.copy();
        out.reset();
        return bytes;
    }
}
const shared = new LogsJsonWriter();
/** The OTLP/JSON text of one encoded ResourceLogs message, as encodeLogsJson writes it inside `{"resourceLogs":[...]}`. */
export function resourceLogsProtoToJson(payload, opts) {
    shared.begin(opts);
    shared.add(payload);
    const bytes = shared.end();
    return utf8.decode(bytes.subarray(LOGS_PREFIX.length, bytes.length - LOGS_SUFFIX.length));
}
/** `{"resourceLogs":[...]}` of encoded ResourceLogs messages as UTF-8 bytes, plus `trailer`, and the log records in it. */
export function resourceLogsProtoToJsonDocument(payloads, trailer = '', opts) {
    shared.begin(opts);
    let records = 0;
    try {
        for (let i = 0; i < payloads.length; i++)
            records += shared.add(payloads[i]);
    }
    catch (err) {
        shared.out.reset();
        throw err;
    }
    return { json: shared.end(trailer), records };
}
//# sourceMappingURL=proto-json.js.map