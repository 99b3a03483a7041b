const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function bytesToHex(b) {
    let s = '';
    for (let i = 0; i < b.length; i++)
        s += HEX[b[i]];
    return s;
}
function toJson(v) {
    switch (v.type) {
        case 'string':
            return JSON.stringify(v.value);
        case 'bool':
            return v.value ? 'true' : 'false';
        case 'int':
            return v.value.toString();
        case 'double':
            return Number.isFinite(v.value) ? String(v.value) : JSON.stringify(String(v.value));
        case 'bytes':
            return JSON.stringify(bytesToHex(v.value));
        case 'empty':
            return 'null';
        case 'array':
            return `[${v.value.map(toJson).join(',')}]`;
        case 'kvlist':
            return `{${v.value.map((kv) => `${JSON.stringify(kv.key)}:${toJson(kv.value)}`).join(',')}}`;
    }
}
export function valueString(v) {
    switch (v.type) {
        case 'string':
            return v.value;
        case 'bool':
            return v.value ? 'true' : 'false';
        case 'int':
            return v.value.toString();
        case 'double':
            return String(v.value);
        case 'bytes':
            return bytesToHex(v.value);
        case 'empty':
            return '';
        case 'array':
        case 'kvlist':
            return toJson(v);
    }
}
//# sourceMappingURL=value-string.js.map