/**
 * The OTLP logs data model, as one in-memory shape shared by every receiver,
 * processor, the integrity core and every exporter.
 *
 * Conventions (see ../../docs/ARCHITECTURE.md):
 * - 64-bit integers (timestamps, AnyValue ints) are `bigint`, so nanosecond
 *   timestamps never lose precision. 0n means "unknown".
 * - Strings default to '' and counts to 0; an absent body is `EMPTY_VALUE`.
 * - Trace and span ids are raw bytes; a zero-length array means "no id".
 * - This module is pure: no `node:` imports.
 */
export const EMPTY_VALUE = Object.freeze({ type: 'empty' });
export const NO_ID = new Uint8Array(0);
export function newResource(attributes = []) {
    return { attributes, droppedAttributesCount: 0, entityRefs: [] };
}
export function newScope(name = '', version = '') {
    return { name, version, attributes: [], droppedAttributesCount: 0 };
}
export function newLogRecord() {
    return {
        timeUnixNano: 0n,
        observedTimeUnixNano: 0n,
        severityNumber: 0,
        severityText: '',
        body: EMPTY_VALUE,
        attributes: [],
        droppedAttributesCount: 0,
        flags: 0,
        traceId: NO_ID,
        spanId: NO_ID,
        eventName: '',
    };
}
export const str = (value) => ({ type: 'string', value });
export const int = (value) => ({ type: 'int', value: BigInt(value) });
export const bool = (value) => ({ type: 'bool', value });
export const dbl = (value) => ({ type: 'double', value });
export const kvlist = (value) => ({ type: 'kvlist', value });
export const kv = (key, value) => ({ key, value });
/** Returns the first attribute with this key, or undefined. */
export function getAttr(attrs, key) {
    for (let i = 0; i < attrs.length; i++) {
        const a = attrs[i];
        if (a.key === key)
            return a.value;
    }
    return undefined;
}
/** Sets (replacing the first match, or appending) an attribute in place. */
export function setAttr(attrs, key, value) {
    for (let i = 0; i < attrs.length; i++) {
        if (attrs[i].key === key) {
            attrs[i] = { key, value };
            return;
        }
    }
    attrs.push({ key, value });
}
export function countRecords(data) {
    let n = 0;
    for (const rl of data.resourceLogs)
        for (const sl of rl.scopeLogs)
            n += sl.logRecords.length;
    return n;
}
//# sourceMappingURL=types.js.map