/**
 * OTLP/JSON writer: compact, one line, exactly the Collector's JSON writer
 * conventions (shared/OTLP.md §5): lowerCamelCase keys in the Collector's order,
 * zero values left out except `"resource":{}`, `"scope":{}`, `"body":{}` and
 * each KeyValue's `"value"`, 64-bit integers as decimal strings, enums and
 * 32-bit integers as numbers, lowercase hex ids (left out when empty or all
 * zero), standard padded base64 for bytes.
 */
import { bytesToBase64, bytesToHex, isZeroId } from './binary-text.js';
import { jsonDouble, jsonString } from './json-values.js';
function anyValueText(v) {
    switch (v.type) {
        case 'empty':
            return '{}';
        case 'string':
            return `{"stringValue":${jsonString(v.value)}}`;
        case 'bool':
            return v.value ? '{"boolValue":true}' : '{"boolValue":false}';
        case 'int':
            return `{"intValue":"${v.value.toString()}"}`;
        case 'double':
            return `{"doubleValue":${jsonDouble(v.value)}}`;
        case 'bytes':
            return `{"bytesValue":"${bytesToBase64(v.value)}"}`;
        case 'array': {
            const values = v.value;
            if (values.length === 0)
                return '{"arrayValue":{}}';
            let s = '{"arrayValue":{"values":[';
            for (let i = 0; i < values.length; i++)
                s += (i === 0 ? '' : ',') + anyValueText(values[i]);
            return `${s}]}}`;
        }
        case 'kvlist': {
            const values = v.value;
            if (values.length === 0)
                return '{"kvlistValue":{}}';
            return `{"kvlistValue":{"values":${keyValuesText(values)}}}`;
        }
    }
}
function keyValueText(kv) {
    return kv.key.length === 0
        ? `{"value":${anyValueText(kv.value)}}`
        : `{"key":${jsonString(kv.key)},"value":${anyValueText(kv.value)}}`;
}
/** `[...]` of KeyValues (callers check for an empty list first). */
function keyValuesText(attrs) {
    let s = '[';
    for (let i = 0; i < attrs.length; i++)
        s += (i === 0 ? '' : ',') + keyValueText(attrs[i]);
    return `${s}]`;
}
function stringsText(list) {
    let s = '[';
    for (let i = 0; i < list.length; i++)
        s += (i === 0 ? '' : ',') + jsonString(list[i]);
    return `${s}]`;
}
/** Joins `"key":value` members into an object. */
function objectText(members) {
    return `{${members.join(',')}}`;
}
function entityRefText(e) {
    const m = [];
    if (e.schemaUrl.length !== 0)
        m.push(`"schemaUrl":${jsonString(e.schemaUrl)}`);
    if (e.type.length !== 0)
        m.push(`"type":${jsonString(e.type)}`);
    if (e.idKeys.length !== 0)
        m.push(`"idKeys":${stringsText(e.idKeys)}`);
    if (e.descriptionKeys.length !== 0)
        m.push(`"descriptionKeys":${stringsText(e.descriptionKeys)}`);
    return objectText(m);
}
function resourceText(r) {
    const m = [];
    if (r.attributes.length !== 0)
        m.push(`"attributes":${keyValuesText(r.attributes)}`);
    if (r.droppedAttributesCount !== 0)
        m.push(`"droppedAttributesCount":${r.droppedAttributesCount >>> 0}`);
    if (r.entityRefs.length !== 0) {
        let s = '"entityRefs":[';
        for (let i = 0; i < r.entityRefs.length; i++)
            s += (i === 0 ? '' : ',') + entityRefText(r.entityRefs[i]);
        m.push(`${s}]`);
    }
    return objectText(m);
}
function scopeText(s) {
    const m = [];
    if (s.name.length !== 0)
        m.push(`"name":${jsonString(s.name)}`);
    if (s.version.length !== 0)
        m.push(`"version":${jsonString(s.version)}`);
    if (s.attributes.length !== 0)
        m.push(`"attributes":${keyValuesText(s.attributes)}`);
    if (s.droppedAttributesCount !== 0)
        m.push(`"droppedAttributesCount":${s.droppedAttributesCount >>> 0}`);
    return objectText(m);
}
function logRecordText(r) {
    let s = '{';
    if (r.timeUnixNano !== 0n)
        s += `"timeUnixNano":"${r.timeUnixNano.toString()}",`;
    if (r.observedTimeUnixNano !== 0n)
        s += `"observedTimeUnixNano":"${r.observedTimeUnixNano.toString()}",`;
    if (r.severityNumber !== 0)
        s += `"severityNumber":${r.severityNumber | 0},`;
    if (r.severityText.length !== 0)
        s += `"severityText":${jsonString(r.severityText)},`;
    s += `"body":${anyValueText(r.body)}`;
    if (r.attributes.length !== 0)
        s += `,"attributes":${keyValuesText(r.attributes)}`;
    if (r.droppedAttributesCount !== 0)
        s += `,"droppedAttributesCount":${r.droppedAttributesCount >>> 0}`;
    if (r.flags !== 0)
        s += `,"flags":${r.flags >>> 0}`;
    if (r.traceId.length !== 0 && !isZeroId(r.traceId))
        s += `,"traceId":"${bytesToHex(r.traceId)}"`;
    if (r.spanId.length !== 0 && !isZeroId(r.spanId))
        s += `,"spanId":"${bytesToHex(r.spanId)}"`;
    if (r.eventName.length !== 0)
        s += `,"eventName":${jsonString(r.eventName)}`;
    return `${s}}`;
}
function scopeLogsText(sl) {
    let s = `{"scope":${scopeText(sl.scope)}`;
    const recs = sl.logRecords;
    if (recs.length !== 0) {
        s += ',"logRecords":[';
        for (let i = 0; i < recs.length; i++)
            s += (i === 0 ? '' : ',') + logRecordText(recs[i]);
        s += ']';
    }
    if (sl.schemaUrl.length !== 0)
        s += `,"schemaUrl":${jsonString(sl.schemaUrl)}`;
    return `${s}}`;
}
function resourceLogsText(rl) {
    let s = `{"resource":${resourceText(rl.resource)}`;
    const sls = rl.scopeLogs;
    if (sls.length !== 0) {
        s += ',"scopeLogs":[';
        for (let i = 0; i < sls.length; i++)
            s += (i === 0 ? '' : ',') + scopeLogsText(sls[i]);
        s += ']';
    }
    if (rl.schemaUrl.length !== 0)
        s += `,"schemaUrl":${jsonString(rl.schemaUrl)}`;
    return `${s}}`;
}
/** Compact one-line OTLP/JSON of an ExportLogsServiceRequest / LogsData (no trailing newline). */
export function encodeLogsJson(data) {
    const rls = data.resourceLogs;
    if (rls.length === 0)
        return '{}';
    let s = '{"resourceLogs":[';
    for (let i = 0; i < rls.length; i++)
        s += (i === 0 ? '' : ',') + resourceLogsText(rls[i]);
    return `${s}]}`;
}
/**
 * An AnyValue as a plain JSON-compatible value in OTLP/JSON shape
 * (`{"intValue":"5"}`, `{"arrayValue":{"values":[...]}}`, ...). JSON.stringify
 * of it equals the encoder's text except for the number formatting of -0 and
 * of tiny or huge doubles and the escaping of \b and \f.
 */
export function anyValueToJson(v) {
    switch (v.type) {
        case 'empty':
            return {};
        case 'string':
            return { stringValue: v.value };
        case 'bool':
            return { boolValue: v.value };
        case 'int':
            return { intValue: v.value.toString() };
        case 'double': {
            const x = v.value;
            if (Number.isNaN(x))
                return { doubleValue: 'NaN' };
            if (x === Infinity)
                return { doubleValue: 'Infinity' };
            if (x === -Infinity)
                return { doubleValue: '-Infinity' };
            return { doubleValue: x };
        }
        case 'bytes':
            return { bytesValue: bytesToBase64(v.value) };
        case 'array':
            return v.value.length === 0 ? { arrayValue: {} } : { arrayValue: { values: v.value.map(anyValueToJson) } };
        case 'kvlist':
            return v.value.length === 0
                ? { kvlistValue: {} }
                : {
                    kvlistValue: {
                        values: v.value.map((kv) => kv.key.length === 0 ? { value: anyValueToJson(kv.value) } : { key: kv.key, value: anyValueToJson(kv.value) }),
                    },
                };
    }
}
export function encodeExportResponseJson(r) {
    const ps = r.partialSuccess;
    if (ps === undefined)
        return '{}';
    const m = [];
    if (ps.rejectedLogRecords !== 0n)
        m.push(`"rejectedLogRecords":"${ps.rejectedLogRecords.toString()}"`);
    if (ps.errorMessage.length !== 0)
        m.push(`"errorMessage":${jsonString(ps.errorMessage)}`);
    return `{"partialSuccess":${objectText(m)}}`;
}
//# sourceMappingURL=json-encode.js.map