export function bytesEqual(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
function listEqual(a, b, eq) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (!eq(a[i], b[i]))
            return false;
    return true;
}
export function anyValueEqual(a, b) {
    switch (a.type) {
        case 'empty':
            return b.type === 'empty';
        case 'string':
            return b.type === 'string' && a.value === b.value;
        case 'bool':
            return b.type === 'bool' && a.value === b.value;
        case 'int':
            return b.type === 'int' && a.value === b.value;
        case 'double':
            return b.type === 'double' && Object.is(a.value, b.value);
        case 'bytes':
            return b.type === 'bytes' && bytesEqual(a.value, b.value);
        case 'array':
            return b.type === 'array' && listEqual(a.value, b.value, anyValueEqual);
        case 'kvlist':
            return b.type === 'kvlist' && listEqual(a.value, b.value, keyValueEqual);
    }
}
export function keyValueEqual(a, b) {
    return a.key === b.key && anyValueEqual(a.value, b.value);
}
const stringEqual = (a, b) => a === b;
function entityRefEqual(a, b) {
    return (a.schemaUrl === b.schemaUrl &&
        a.type === b.type &&
        listEqual(a.idKeys, b.idKeys, stringEqual) &&
        listEqual(a.descriptionKeys, b.descriptionKeys, stringEqual));
}
export function resourceEqual(a, b) {
    return (a.droppedAttributesCount === b.droppedAttributesCount &&
        listEqual(a.attributes, b.attributes, keyValueEqual) &&
        listEqual(a.entityRefs, b.entityRefs, entityRefEqual));
}
export function scopeEqual(a, b) {
    return (a.name === b.name &&
        a.version === b.version &&
        a.droppedAttributesCount === b.droppedAttributesCount &&
        listEqual(a.attributes, b.attributes, keyValueEqual));
}
export function logRecordEqual(a, b) {
    return (a.timeUnixNano === b.timeUnixNano &&
        a.observedTimeUnixNano === b.observedTimeUnixNano &&
        a.severityNumber === b.severityNumber &&
        a.severityText === b.severityText &&
        anyValueEqual(a.body, b.body) &&
        listEqual(a.attributes, b.attributes, keyValueEqual) &&
        a.droppedAttributesCount === b.droppedAttributesCount &&
        a.flags === b.flags &&
        bytesEqual(a.traceId, b.traceId) &&
        bytesEqual(a.spanId, b.spanId) &&
        a.eventName === b.eventName);
}
function scopeLogsEqual(a, b) {
    return (a.schemaUrl === b.schemaUrl && scopeEqual(a.scope, b.scope) && listEqual(a.logRecords, b.logRecords, logRecordEqual));
}
export function resourceLogsEqual(a, b) {
    return (a.schemaUrl === b.schemaUrl && resourceEqual(a.resource, b.resource) && listEqual(a.scopeLogs, b.scopeLogs, scopeLogsEqual));
}
export function logsDataEqual(a, b) {
    return listEqual(a.resourceLogs, b.resourceLogs, resourceLogsEqual);
}
//# sourceMappingURL=equal.js.map