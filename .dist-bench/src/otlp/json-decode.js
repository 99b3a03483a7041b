/**
 * OTLP/JSON reader (shared/OTLP.md §2): lowerCamelCase or snake_case keys,
 * unknown keys ignored, null means the default, 64-bit integers as strings or
 * numbers (exact, see json-scan.ts), enums as integers or names, ids as hex in
 * any case ("" or all zero = none), bytes as standard or URL-safe base64 with
 * or without padding. Lone UTF-16 surrogates in strings become U+FFFD, as in
 * the protobuf encoding, so both encodings of a decoded record agree.
 */
import { DecodeError, resolveMaxDepth, rethrowWithin } from './decode-error.js';
import { base64ToBytes, hexToBytes, isZeroId } from './binary-text.js';
import { quoteLargeIntegers } from './json-scan.js';
import { describe, fail, readArray, readBool, readDouble, readInt64, readObject, readSeverity, readString, readUint32, readUint64, toWellFormed, } from './json-values.js';
import { decodeUtf8Document } from './utf8.js';
import { EMPTY_VALUE, NO_ID, newLogRecord, newResource, newScope, } from './types.js';
function text(ctx, v, name) {
    const s = readString(v, name);
    return ctx.wellFormed ? s : toWellFormed(s);
}
/** An element of a list of strings; errors carry no path of their own (listOf adds `name[i]`). */
function listString(ctx, v, list) {
    if (typeof v !== 'string')
        fail('', `entries of ${list} must be strings, got ${describe(v)}`);
    return ctx.wellFormed ? v : toWellFormed(v);
}
/** `v` as an object; errors carry no path of their own (the caller adds it). */
function objectOf(v, what) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        fail('', `${what} must be a JSON object, got ${describe(v)}`);
    return v;
}
/** Maps each element of a JSON array, prefixing errors with `name[i]`. */
function listOf(v, name, each) {
    const arr = readArray(v, name);
    const out = [];
    let i = 0;
    try {
        for (; i < arr.length; i++)
            out.push(each(arr[i]));
    }
    catch (err) {
        rethrowWithin(err, `${name}[${i}]`);
    }
    return out;
}
function idFromJson(v, size, name) {
    const s = readString(v, name);
    if (s.length === 0)
        return NO_ID;
    if (s.length !== size * 2)
        fail(name, `${name} must be ${size * 2} hex digits (${size} bytes), got ${s.length} characters`);
    const b = hexToBytes(s);
    if (b === null)
        fail(name, `${name} must be hexadecimal, got ${JSON.stringify(s)}`);
    return isZeroId(b) ? NO_ID : b;
}
function bytesFromJson(v, name) {
    const s = readString(v, name);
    const b = base64ToBytes(s);
    if (b === null)
        fail(name, `${name} must be base64 (standard or URL-safe), got ${JSON.stringify(s.slice(0, 40))}`);
    return b;
}
function anyValueFrom(ctx, v, depth) {
    if (depth > ctx.maxDepth)
        fail('', `AnyValue nesting is deeper than the limit of ${ctx.maxDepth} levels`);
    const o = objectOf(v, 'an AnyValue');
    let out = EMPTY_VALUE;
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'stringValue':
            case 'string_value':
                out = { type: 'string', value: text(ctx, x, key) };
                break;
            case 'boolValue':
            case 'bool_value':
                out = { type: 'bool', value: readBool(x, key) };
                break;
            case 'intValue':
            case 'int_value':
                out = { type: 'int', value: readInt64(x, key) };
                break;
            case 'doubleValue':
            case 'double_value':
                out = { type: 'double', value: readDouble(x, key) };
                break;
            case 'bytesValue':
            case 'bytes_value':
                out = { type: 'bytes', value: bytesFromJson(x, key) };
                break;
            case 'arrayValue':
            case 'array_value': {
                const ao = readObject(x, key);
                try {
                    out = { type: 'array', value: arrayValueFrom(ctx, ao, depth) };
                }
                catch (err) {
                    rethrowWithin(err, key);
                }
                break;
            }
            case 'kvlistValue':
            case 'kvlist_value': {
                const ko = readObject(x, key);
                try {
                    out = { type: 'kvlist', value: kvlistValueFrom(ctx, ko, depth) };
                }
                catch (err) {
                    rethrowWithin(err, key);
                }
                break;
            }
        }
    }
    return out;
}
function arrayValueFrom(ctx, o, depth) {
    let out = [];
    for (const key in o) {
        const x = o[key];
        if (x !== null && key === 'values')
            out = listOf(x, 'values', (item) => anyValueFrom(ctx, item, depth + 1));
    }
    return out;
}
function kvlistValueFrom(ctx, o, depth) {
    let out = [];
    for (const key in o) {
        const x = o[key];
        if (x !== null && key === 'values')
            out = listOf(x, 'values', (item) => keyValueFrom(ctx, item, depth + 1));
    }
    return out;
}
/** A KeyValue whose value sits at AnyValue depth `depth`. */
function keyValueFrom(ctx, v, depth) {
    const o = objectOf(v, 'a KeyValue');
    const kv = { key: '', value: EMPTY_VALUE };
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        if (key === 'key') {
            kv.key = text(ctx, x, 'key');
        }
        else if (key === 'value') {
            try {
                kv.value = anyValueFrom(ctx, x, depth);
            }
            catch (err) {
                rethrowWithin(err, 'value');
            }
        }
    }
    return kv;
}
function attributesFrom(ctx, v, name) {
    return listOf(v, name, (item) => keyValueFrom(ctx, item, 1));
}
function entityRefFrom(ctx, v) {
    const o = objectOf(v, 'an EntityRef');
    const e = { schemaUrl: '', type: '', idKeys: [], descriptionKeys: [] };
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'schemaUrl':
            case 'schema_url':
                e.schemaUrl = text(ctx, x, key);
                break;
            case 'type':
                e.type = text(ctx, x, key);
                break;
            case 'idKeys':
            case 'id_keys':
                e.idKeys = listOf(x, key, (item) => listString(ctx, item, key));
                break;
            case 'descriptionKeys':
            case 'description_keys':
                e.descriptionKeys = listOf(x, key, (item) => listString(ctx, item, key));
                break;
        }
    }
    return e;
}
function resourceFrom(ctx, v) {
    const o = objectOf(v, 'resource');
    const r = newResource();
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'attributes':
                r.attributes = attributesFrom(ctx, x, key);
                break;
            case 'droppedAttributesCount':
            case 'dropped_attributes_count':
                r.droppedAttributesCount = readUint32(x, key);
                break;
            case 'entityRefs':
            case 'entity_refs':
                r.entityRefs = listOf(x, key, (item) => entityRefFrom(ctx, item));
                break;
        }
    }
    return r;
}
function scopeFrom(ctx, v) {
    const o = objectOf(v, 'scope');
    const s = newScope();
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'name':
                s.name = text(ctx, x, key);
                break;
            case 'version':
                s.version = text(ctx, x, key);
                break;
            case 'attributes':
                s.attributes = attributesFrom(ctx, x, key);
                break;
            case 'droppedAttributesCount':
            case 'dropped_attributes_count':
                s.droppedAttributesCount = readUint32(x, key);
                break;
        }
    }
    return s;
}
function logRecordFrom(ctx, v) {
    const o = objectOf(v, 'a LogRecord');
    const r = newLogRecord();
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'timeUnixNano':
            case 'time_unix_nano':
                r.timeUnixNano = readUint64(x, key);
                break;
            case 'observedTimeUnixNano':
            case 'observed_time_unix_nano':
                r.observedTimeUnixNano = readUint64(x, key);
                break;
            case 'severityNumber':
            case 'severity_number':
                r.severityNumber = readSeverity(x, key);
                break;
            case 'severityText':
            case 'severity_text':
                r.severityText = text(ctx, x, key);
                break;
            case 'body':
                try {
                    r.body = anyValueFrom(ctx, x, 1);
                }
                catch (err) {
                    rethrowWithin(err, 'body');
                }
                break;
            case 'attributes':
                r.attributes = attributesFrom(ctx, x, key);
                break;
            case 'droppedAttributesCount':
            case 'dropped_attributes_count':
                r.droppedAttributesCount = readUint32(x, key);
                break;
            case 'flags':
                r.flags = readUint32(x, key);
                break;
            case 'traceId':
            case 'trace_id':
                r.traceId = idFromJson(x, 16, key);
                break;
            case 'spanId':
            case 'span_id':
                r.spanId = idFromJson(x, 8, key);
                break;
            case 'eventName':
            case 'event_name':
                r.eventName = text(ctx, x, key);
                break;
        }
    }
    return r;
}
function scopeLogsFrom(ctx, v) {
    const o = objectOf(v, 'a ScopeLogs');
    const sl = { scope: newScope(), logRecords: [], schemaUrl: '' };
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'scope':
                try {
                    sl.scope = scopeFrom(ctx, x);
                }
                catch (err) {
                    rethrowWithin(err, 'scope');
                }
                break;
            case 'logRecords':
            case 'log_records':
                sl.logRecords = listOf(x, key, (item) => logRecordFrom(ctx, item));
                break;
            case 'schemaUrl':
            case 'schema_url':
                sl.schemaUrl = text(ctx, x, key);
                break;
        }
    }
    return sl;
}
function resourceLogsFrom(ctx, v) {
    const o = objectOf(v, 'a ResourceLogs');
    const rl = { resource: newResource(), scopeLogs: [], schemaUrl: '' };
    for (const key in o) {
        const x = o[key];
        if (x === null)
            continue;
        switch (key) {
            case 'resource':
                try {
                    rl.resource = resourceFrom(ctx, x);
                }
                catch (err) {
                    rethrowWithin(err, 'resource');
                }
                break;
            case 'scopeLogs':
            case 'scope_logs':
                rl.scopeLogs = listOf(x, key, (item) => scopeLogsFrom(ctx, item));
                break;
            case 'schemaUrl':
            case 'schema_url':
                rl.schemaUrl = text(ctx, x, key);
                break;
        }
    }
    return rl;
}
function logsDataFrom(ctx, v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        fail('', 'OTLP JSON must be an object such as {"resourceLogs":[...]}');
    }
    const o = v;
    let resourceLogs = [];
    for (const key in o) {
        const x = o[key];
        if (x !== null && (key === 'resourceLogs' || key === 'resource_logs')) {
            resourceLogs = listOf(x, key, (item) => resourceLogsFrom(ctx, item));
        }
    }
    return { resourceLogs };
}
/** Any surrogate code unit, raw or as a \u escape: only then can a parsed string hold a lone surrogate. */
const MAYBE_SURROGATE = /[\ud800-\udfff]|\\u[dD][89a-fA-F]/;
/** Parses JSON text with exact large integers; syntax errors become DecodeError. */
function parseDocument(input) {
    const src = typeof input === 'string' ? input : decodeUtf8Document(input, 'OTLP JSON');
    const textIn = quoteLargeIntegers(src);
    let value;
    try {
        value = JSON.parse(textIn);
    }
    catch (err) {
        throw new DecodeError(`OTLP JSON: not valid JSON: ${err.message}`, '', undefined, { cause: err });
    }
    return { value, wellFormed: !MAYBE_SURROGATE.test(src) };
}
/** Decodes OTLP/JSON ExportLogsServiceRequest / LogsData text (or its UTF-8 bytes). */
export function decodeLogsJson(input, opts) {
    const maxDepth = resolveMaxDepth(opts);
    const { value, wellFormed } = parseDocument(input);
    return logsDataFrom({ maxDepth, wellFormed }, value);
}
/**
 * Decodes an already-parsed OTLP/JSON object. 64-bit integers must be strings
 * or safe-integer numbers here, since JSON.parse has already rounded larger
 * numbers (a DecodeError says so).
 */
export function decodeLogsJsonValue(value, opts) {
    return logsDataFrom({ maxDepth: resolveMaxDepth(opts), wellFormed: false }, value);
}
/** Decodes one OTLP/JSON LogRecord object (text or its UTF-8 bytes), as it appears inside a request. */
export function decodeLogRecordJson(input, opts) {
    const maxDepth = resolveMaxDepth(opts);
    const { value, wellFormed } = parseDocument(input);
    return logRecordFrom({ maxDepth, wellFormed }, value);
}
/** An AnyValue from its OTLP/JSON shape (`{"stringValue":"x"}`, ...). */
export function anyValueFromJson(v, opts) {
    return anyValueFrom({ maxDepth: resolveMaxDepth(opts), wellFormed: false }, v, 1);
}
export function decodeExportResponseJson(input) {
    const { value, wellFormed } = parseDocument(input);
    const ctx = { maxDepth: 1, wellFormed };
    const o = readObject(value, 'response');
    const out = {};
    for (const key in o) {
        const x = o[key];
        if (x === null || (key !== 'partialSuccess' && key !== 'partial_success'))
            continue;
        const p = readObject(x, key);
        const ps = { rejectedLogRecords: 0n, errorMessage: '' };
        try {
            for (const k in p) {
                const y = p[k];
                if (y === null)
                    continue;
                if (k === 'rejectedLogRecords' || k === 'rejected_log_records')
                    ps.rejectedLogRecords = readInt64(y, k);
                else if (k === 'errorMessage' || k === 'error_message')
                    ps.errorMessage = text(ctx, y, k);
            }
        }
        catch (err) {
            rethrowWithin(err, 'partialSuccess');
        }
        out.partialSuccess = ps;
    }
    return out;
}
//# sourceMappingURL=json-decode.js.map