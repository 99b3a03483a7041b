/**
 * OTLP logs protobuf reader. Accepts any valid encoding: fields in any order,
 * unknown fields skipped by wire type, a non-repeated message field that
 * appears twice is merged, the last member of a oneof wins. Rejects with
 * DecodeError: truncation, a wrong wire type for a known field, a length past
 * the end of its message, a varint over 10 bytes, group wire types, AnyValue
 * nesting deeper than maxDepth, a trace id that is not 16 bytes or a span id
 * that is not 8 bytes (when non-empty), invalid UTF-8. Ids that are all zero
 * decode as "no id".
 */
import { resolveMaxDepth, rethrowWithin } from './decode-error.js';
import { ProtoReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './proto-reader.js';
import { EMPTY_VALUE, NO_ID, newLogRecord, newResource, newScope, } from './types.js';
const LOGS_DATA_FIELDS = [undefined, ['resourceLogs', WIRE_LEN]];
const RESOURCE_LOGS_FIELDS = [
    undefined,
    ['resource', WIRE_LEN],
    ['scopeLogs', WIRE_LEN],
    ['schemaUrl', WIRE_LEN],
];
const RESOURCE_FIELDS = [
    undefined,
    ['attributes', WIRE_LEN],
    ['droppedAttributesCount', WIRE_VARINT],
    ['entityRefs', WIRE_LEN],
];
const ENTITY_REF_FIELDS = [
    undefined,
    ['schemaUrl', WIRE_LEN],
    ['type', WIRE_LEN],
    ['idKeys', WIRE_LEN],
    ['descriptionKeys', WIRE_LEN],
];
const SCOPE_LOGS_FIELDS = [undefined, ['scope', WIRE_LEN], ['logRecords', WIRE_LEN], ['schemaUrl', WIRE_LEN]];
const SCOPE_FIELDS = [
    undefined,
    ['name', WIRE_LEN],
    ['version', WIRE_LEN],
    ['attributes', WIRE_LEN],
    ['droppedAttributesCount', WIRE_VARINT],
];
const LOG_RECORD_FIELDS = [
    undefined,
    ['timeUnixNano', WIRE_I64],
    ['severityNumber', WIRE_VARINT],
    ['severityText', WIRE_LEN],
    undefined, // 4 is reserved
    ['body', WIRE_LEN],
    ['attributes', WIRE_LEN],
    ['droppedAttributesCount', WIRE_VARINT],
    ['flags', WIRE_I32],
    ['traceId', WIRE_LEN],
    ['spanId', WIRE_LEN],
    ['observedTimeUnixNano', WIRE_I64],
    ['eventName', WIRE_LEN],
];
const KEY_VALUE_FIELDS = [undefined, ['key', WIRE_LEN], ['value', WIRE_LEN], ['keyStrindex', WIRE_VARINT]];
const ANY_VALUE_FIELDS = [
    undefined,
    ['stringValue', WIRE_LEN],
    ['boolValue', WIRE_VARINT],
    ['intValue', WIRE_VARINT],
    ['doubleValue', WIRE_I64],
    ['arrayValue', WIRE_LEN],
    ['kvlistValue', WIRE_LEN],
    ['bytesValue', WIRE_LEN],
    ['stringValueStrindex', WIRE_VARINT],
];
const VALUES_FIELDS = [undefined, ['values', WIRE_LEN]];
const RESPONSE_FIELDS = [undefined, ['partialSuccess', WIRE_LEN]];
const PARTIAL_SUCCESS_FIELDS = [
    undefined,
    ['rejectedLogRecords', WIRE_VARINT],
    ['errorMessage', WIRE_LEN],
];
/** A field whose tag did not match a case: wrong wire type if the field is known, else skipped. */
function otherField(r, table, tag, tagAt) {
    const known = table[tag >>> 3];
    if (known !== undefined)
        r.wrongWireType(known[0], tag & 7, known[1], tagAt);
    r.skip(tag & 7, tagAt);
}
/** Path segment for a field number, for error messages; `index` for repeated fields. */
function segment(table, field, index) {
    if (field === 0)
        return '';
    const known = table[field];
    const name = known === undefined ? `<field ${field}>` : known[0];
    return index === undefined ? name : `${name}[${index}]`;
}
function withinField(err, table, field, index) {
    const seg = segment(table, field, index);
    if (seg === '')
        throw err;
    return rethrowWithin(err, seg);
}
/** Reads a trace or span id: empty or all zero -> NO_ID; any other length than `size` is an error. */
function readId(r, size, name) {
    const at = r.pos;
    const len = r.length();
    if (len === 0)
        return NO_ID;
    if (len !== size)
        r.fail(`${name} must be ${size} bytes, got ${len}`, at);
    const start = r.pos;
    r.pos = start + len;
    const buf = r.buf;
    for (let i = start; i < start + len; i++) {
        if (buf[i] !== 0)
            return r.copy(start, start + len);
    }
    return NO_ID;
}
function readAnyValue(r, depth, maxDepth, cur) {
    if (depth > maxDepth)
        r.fail(`AnyValue nesting is deeper than the limit of ${maxDepth} levels`);
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a:
                    cur = { type: 'string', value: r.string() };
                    break;
                case 0x10:
                    cur = { type: 'bool', value: r.varint() !== 0 };
                    break;
                case 0x18:
                    cur = { type: 'int', value: r.varintInt64() };
                    break;
                case 0x21:
                    cur = { type: 'double', value: r.double() };
                    break;
                case 0x2a: {
                    const values = cur.type === 'array' ? cur.value : [];
                    const saved = r.enter();
                    readArrayValue(r, depth, maxDepth, values);
                    r.leave(saved);
                    if (cur.type !== 'array')
                        cur = { type: 'array', value: values };
                    break;
                }
                case 0x32: {
                    const values = cur.type === 'kvlist' ? cur.value : [];
                    const saved = r.enter();
                    readKeyValueList(r, depth, maxDepth, values);
                    r.leave(saved);
                    if (cur.type !== 'kvlist')
                        cur = { type: 'kvlist', value: values };
                    break;
                }
                case 0x3a:
                    cur = { type: 'bytes', value: r.bytes() };
                    break;
                case 0x40:
                    // string_value_strindex: profiles only; a logs decoder ignores it.
                    r.varint();
                    break;
                default:
                    otherField(r, ANY_VALUE_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, ANY_VALUE_FIELDS, field);
    }
    return cur;
}
function readArrayValue(r, depth, maxDepth, out) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            if (t === 0x0a) {
                const saved = r.enter();
                out.push(readAnyValue(r, depth + 1, maxDepth, EMPTY_VALUE));
                r.leave(saved);
            }
            else {
                otherField(r, VALUES_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, VALUES_FIELDS, field, field === 1 ? out.length : undefined);
    }
}
function readKeyValueList(r, depth, maxDepth, out) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            if (t === 0x0a) {
                const saved = r.enter();
                out.push(readKeyValue(r, depth + 1, maxDepth));
                r.leave(saved);
            }
            else {
                otherField(r, VALUES_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, VALUES_FIELDS, field, field === 1 ? out.length : undefined);
    }
}
/** A KeyValue whose value sits at AnyValue depth `depth`. */
function readKeyValue(r, depth, maxDepth) {
    const kv = { key: '', value: EMPTY_VALUE };
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a:
                    kv.key = r.string();
                    break;
                case 0x12: {
                    const saved = r.enter();
                    kv.value = readAnyValue(r, depth, maxDepth, kv.value);
                    r.leave(saved);
                    break;
                }
                case 0x18:
                    // key_strindex: profiles only; a logs decoder ignores it.
                    r.varint();
                    break;
                default:
                    otherField(r, KEY_VALUE_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, KEY_VALUE_FIELDS, field);
    }
    return kv;
}
function readEntityRef(r) {
    const e = { schemaUrl: '', type: '', idKeys: [], descriptionKeys: [] };
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a:
                    e.schemaUrl = r.string();
                    break;
                case 0x12:
                    e.type = r.string();
                    break;
                case 0x1a:
                    e.idKeys.push(r.string());
                    break;
                case 0x22:
                    e.descriptionKeys.push(r.string());
                    break;
                default:
                    otherField(r, ENTITY_REF_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        const index = field === 3 ? e.idKeys.length : field === 4 ? e.descriptionKeys.length : undefined;
        withinField(err, ENTITY_REF_FIELDS, field, index);
    }
    return e;
}
function readResourceInto(r, maxDepth, res) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a: {
                    const saved = r.enter();
                    res.attributes.push(readKeyValue(r, 1, maxDepth));
                    r.leave(saved);
                    break;
                }
                case 0x10:
                    res.droppedAttributesCount = r.varintUint32();
                    break;
                case 0x1a: {
                    const saved = r.enter();
                    res.entityRefs.push(readEntityRef(r));
                    r.leave(saved);
                    break;
                }
                default:
                    otherField(r, RESOURCE_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        const index = field === 1 ? res.attributes.length : field === 3 ? res.entityRefs.length : undefined;
        withinField(err, RESOURCE_FIELDS, field, index);
    }
}
function readScopeInto(r, maxDepth, scope) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a:
                    scope.name = r.string();
                    break;
                case 0x12:
                    scope.version = r.string();
                    break;
                case 0x1a: {
                    const saved = r.enter();
                    scope.attributes.push(readKeyValue(r, 1, maxDepth));
                    r.leave(saved);
                    break;
                }
                case 0x20:
                    scope.droppedAttributesCount = r.varintUint32();
                    break;
                default:
                    otherField(r, SCOPE_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, SCOPE_FIELDS, field, field === 3 ? scope.attributes.length : undefined);
    }
}
function readLogRecord(r, maxDepth) {
    const rec = newLogRecord();
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x09:
                    rec.timeUnixNano = r.fixed64();
                    break;
                case 0x10:
                    rec.severityNumber = r.varintInt32();
                    break;
                case 0x1a:
                    rec.severityText = r.string();
                    break;
                case 0x2a: {
                    const saved = r.enter();
                    rec.body = readAnyValue(r, 1, maxDepth, rec.body);
                    r.leave(saved);
                    break;
                }
                case 0x32: {
                    const saved = r.enter();
                    rec.attributes.push(readKeyValue(r, 1, maxDepth));
                    r.leave(saved);
                    break;
                }
                case 0x38:
                    rec.droppedAttributesCount = r.varintUint32();
                    break;
                case 0x45:
                    rec.flags = r.fixed32();
                    break;
                case 0x4a:
                    rec.traceId = readId(r, 16, 'trace_id');
                    break;
                case 0x52:
                    rec.spanId = readId(r, 8, 'span_id');
                    break;
                case 0x59:
                    rec.observedTimeUnixNano = r.fixed64();
                    break;
                case 0x62:
                    rec.eventName = r.string();
                    break;
                default:
                    otherField(r, LOG_RECORD_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, LOG_RECORD_FIELDS, field, field === 6 ? rec.attributes.length : undefined);
    }
    return rec;
}
/**
 * ResourceLogs and ScopeLogs share one layout: field 1 their resource or
 * scope (read into place by `readHead`), field 2 the repeated children,
 * field 3 schema_url.
 */
function readLogsContainer(r, fields, out, readHead, children, readChild) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            switch (t) {
                case 0x0a: {
                    const saved = r.enter();
                    readHead(r);
                    r.leave(saved);
                    break;
                }
                case 0x12: {
                    const saved = r.enter();
                    children.push(readChild(r));
                    r.leave(saved);
                    break;
                }
                case 0x1a:
                    out.schemaUrl = r.string();
                    break;
                default:
                    otherField(r, fields, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, fields, field, field === 2 ? children.length : undefined);
    }
    return out;
}
function readScopeLogs(r, maxDepth) {
    const sl = { scope: newScope(), logRecords: [], schemaUrl: '' };
    return readLogsContainer(r, SCOPE_LOGS_FIELDS, sl, (q) => readScopeInto(q, maxDepth, sl.scope), sl.logRecords, (q) => readLogRecord(q, maxDepth));
}
function readResourceLogs(r, maxDepth) {
    const rl = { resource: newResource(), scopeLogs: [], schemaUrl: '' };
    return readLogsContainer(r, RESOURCE_LOGS_FIELDS, rl, (q) => readResourceInto(q, maxDepth, rl.resource), rl.scopeLogs, (q) => readScopeLogs(q, maxDepth));
}
/** Decodes ExportLogsServiceRequest / LogsData bytes. */
export function decodeLogsProto(buf, opts) {
    const maxDepth = resolveMaxDepth(opts);
    const r = new ProtoReader(buf);
    const resourceLogs = [];
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            if (t === 0x0a) {
                const saved = r.enter();
                resourceLogs.push(readResourceLogs(r, maxDepth));
                r.leave(saved);
            }
            else {
                otherField(r, LOGS_DATA_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, LOGS_DATA_FIELDS, field, field === 1 ? resourceLogs.length : undefined);
    }
    return { resourceLogs };
}
/** Decodes the bytes of one ResourceLogs message (as produced by encodeResourceLogsProto). */
export function decodeResourceLogsProto(buf, opts) {
    const maxDepth = resolveMaxDepth(opts);
    return readResourceLogs(new ProtoReader(buf), maxDepth);
}
function readPartialSuccess(r, ps) {
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            if (t === 0x08)
                ps.rejectedLogRecords = r.varintInt64();
            else if (t === 0x12)
                ps.errorMessage = r.string();
            else
                otherField(r, PARTIAL_SUCCESS_FIELDS, t, at);
        }
    }
    catch (err) {
        withinField(err, PARTIAL_SUCCESS_FIELDS, field);
    }
}
/** Decodes ExportLogsServiceResponse bytes; an absent partial_success field stays undefined. */
export function decodeExportResponseProto(buf) {
    const r = new ProtoReader(buf);
    const out = {};
    let field = 0;
    try {
        while (r.pos < r.limit) {
            const at = r.pos;
            field = 0;
            const t = r.tag();
            field = t >>> 3;
            if (t === 0x0a) {
                const ps = out.partialSuccess ?? { rejectedLogRecords: 0n, errorMessage: '' };
                const saved = r.enter();
                readPartialSuccess(r, ps);
                r.leave(saved);
                out.partialSuccess = ps;
            }
            else {
                otherField(r, RESPONSE_FIELDS, t, at);
            }
        }
    }
    catch (err) {
        withinField(err, RESPONSE_FIELDS, field);
    }
    return out;
}
//# sourceMappingURL=proto-decode.js.map