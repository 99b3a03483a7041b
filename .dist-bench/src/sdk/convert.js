import { fromHex, toHex } from '../integrity/bytes.js';
import { EMPTY_VALUE, NO_ID } from '../otlp/types.js';
const NS_PER_S = 1000000000n;
export function hrTimeToNanos(t) {
    return BigInt(Math.trunc(t[0])) * NS_PER_S + BigInt(Math.trunc(t[1]));
}
export function nanosToHrTime(ns) {
    return [Number(ns / NS_PER_S), Number(ns % NS_PER_S)];
}
/** A JS value as the SDK's transformer encodes it. */
export function toAnyValue(v) {
    switch (typeof v) {
        case 'string':
            return { type: 'string', value: v };
        case 'number':
            return Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
        case 'boolean':
            return { type: 'bool', value: v };
        case 'object': {
            if (v === null)
                return EMPTY_VALUE;
            if (v instanceof Uint8Array)
                return { type: 'bytes', value: v };
            if (Array.isArray(v))
                return { type: 'array', value: v.map(toAnyValue) };
            return { type: 'kvlist', value: toKeyValues(v) };
        }
        default:
            return EMPTY_VALUE;
    }
}
export function toKeyValues(o) {
    const keys = Object.keys(o);
    const out = new Array(keys.length);
    for (let i = 0; i < keys.length; i++)
        out[i] = { key: keys[i], value: toAnyValue(o[keys[i]]) };
    return out;
}
/** The JS value the SDK's transformer turns back into `v` (inverse of toAnyValue on its image). */
export function fromAnyValue(v) {
    switch (v.type) {
        case 'string':
        case 'bool':
        case 'double':
        case 'bytes':
            return v.value;
        case 'int':
            return Number(v.value);
        case 'array':
            return v.value.map(fromAnyValue);
        case 'kvlist':
            return fromKeyValues(v.value);
        default:
            return undefined;
    }
}
export function fromKeyValues(kvs) {
    const o = {};
    for (const e of kvs)
        o[e.key] = fromAnyValue(e.value);
    return o;
}
export function toResource(attributes) {
    return { attributes: toKeyValues(attributes), droppedAttributesCount: 0, entityRefs: [] };
}
export function toScope(s) {
    return {
        name: s.name,
        version: s.version ?? '',
        attributes: s.attributes && Object.keys(s.attributes).length > 0 ? toKeyValues(s.attributes) : [],
        droppedAttributesCount: s.attributes && Object.keys(s.attributes).length > 0 ? (s.droppedAttributesCount ?? 0) : 0,
    };
}
/** One SDK record in sealog's model. */
export function toLogRecord(r) {
    const sc = r.spanContext;
    return {
        timeUnixNano: hrTimeToNanos(r.hrTime),
        observedTimeUnixNano: hrTimeToNanos(r.hrTimeObserved),
        severityNumber: r.severityNumber ?? 0,
        severityText: r.severityText ?? '',
        body: toAnyValue(r.body),
        attributes: toKeyValues(r.attributes),
        droppedAttributesCount: r.droppedAttributesCount,
        flags: sc ? sc.traceFlags : 0,
        traceId: sc ? (fromHex(sc.traceId) ?? NO_ID) : NO_ID,
        spanId: sc ? (fromHex(sc.spanId) ?? NO_ID) : NO_ID,
        eventName: r.eventName ?? '',
    };
}
/**
 * A sealed record in the shape the SDK's exporters take. `resource` and
 * `scope` objects must be shared by records of one group (the transformer
 * groups by object identity).
 */
export function toReadable(r, resource, scope) {
    const sc = r.traceId.length > 0 || r.spanId.length > 0 ? { traceId: toHex(r.traceId), spanId: toHex(r.spanId), traceFlags: r.flags } : undefined;
    return {
        hrTime: nanosToHrTime(r.timeUnixNano),
        hrTimeObserved: nanosToHrTime(r.observedTimeUnixNano),
        ...(sc ? { spanContext: sc } : {}),
        ...(r.severityText !== '' ? { severityText: r.severityText } : {}),
        ...(r.severityNumber !== 0 ? { severityNumber: r.severityNumber } : {}),
        ...(r.body.type !== 'empty' ? { body: fromAnyValue(r.body) } : {}),
        ...(r.eventName !== '' ? { eventName: r.eventName } : {}),
        resource: resource,
        instrumentationScope: scope,
        attributes: fromKeyValues(r.attributes),
        droppedAttributesCount: r.droppedAttributesCount,
    };
}
export function toExportScope(s, schemaUrl) {
    return {
        name: s.name,
        ...(s.version !== '' ? { version: s.version } : {}),
        ...(schemaUrl !== '' ? { schemaUrl } : {}),
        ...(s.attributes.length > 0 ? { attributes: fromKeyValues(s.attributes), droppedAttributesCount: s.droppedAttributesCount } : {}),
    };
}
//# sourceMappingURL=convert.js.map