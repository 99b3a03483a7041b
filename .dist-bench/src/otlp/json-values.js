/**
 * Scalar conversions for OTLP/JSON (proto3 JSON mapping with the OTLP
 * changes in shared/OTLP.md §2). Readers take the raw JSON value and the
 * field name; on bad input they throw DecodeError with that name as the path.
 * Writers produce the exact text the Collector's JSON writer emits.
 */
import { DecodeError } from './decode-error.js';
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const UNSIGNED_DIGITS = /^\d{1,20}$/;
const SIGNED_DIGITS = /^-?\d{1,20}$/;
/** A JSON-style decimal number, as proto3 JSON allows for doubles given as strings. */
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export function fail(name, detail) {
    throw new DecodeError(`OTLP JSON: ${detail}`, name);
}
/** A short description of a JSON value for error messages. */
export function describe(v) {
    if (typeof v === 'string')
        return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
    if (Array.isArray(v))
        return 'an array';
    if (v === null)
        return 'null';
    if (typeof v === 'object')
        return 'an object';
    return `${typeof v} ${String(v)}`;
}
/** uint64 / fixed64: a decimal string, or a JSON number that is an exact non-negative integer. */
export function readUint64(v, name) {
    if (typeof v === 'string') {
        if (!UNSIGNED_DIGITS.test(v))
            fail(name, `${name} must be an unsigned decimal integer, got ${describe(v)}`);
        const b = BigInt(v);
        if (b > U64_MAX)
            fail(name, `${name} ${v} does not fit in 64 bits`);
        return b;
    }
    if (typeof v === 'number') {
        if (!Number.isSafeInteger(v) || v < 0) {
            fail(name, `${name} must be an unsigned integer (as a decimal string when above 2^53), got ${describe(v)}`);
        }
        return BigInt(v);
    }
    return fail(name, `${name} must be a decimal string or a number, got ${describe(v)}`);
}
/** int64: a decimal string, or a JSON number that is an exact integer. */
export function readInt64(v, name) {
    if (typeof v === 'string') {
        if (!SIGNED_DIGITS.test(v))
            fail(name, `${name} must be a decimal integer, got ${describe(v)}`);
        const b = BigInt(v);
        if (b < I64_MIN || b > I64_MAX)
            fail(name, `${name} ${v} does not fit in a signed 64-bit integer`);
        return b;
    }
    if (typeof v === 'number') {
        if (!Number.isSafeInteger(v)) {
            fail(name, `${name} must be an integer (as a decimal string when beyond ±2^53), got ${describe(v)}`);
        }
        return BigInt(v);
    }
    return fail(name, `${name} must be a decimal string or a number, got ${describe(v)}`);
}
function integerFrom(v, name, min, max, kind) {
    let n;
    if (typeof v === 'number')
        n = v;
    else if (typeof v === 'string' && SIGNED_DIGITS.test(v))
        n = Number(v);
    else
        return fail(name, `${name} must be a ${kind}, got ${describe(v)}`);
    if (!Number.isInteger(n) || n < min || n > max)
        fail(name, `${name} must be a ${kind}, got ${describe(v)}`);
    return n;
}
/** uint32 / fixed32: a number, or a decimal string. */
export function readUint32(v, name) {
    return integerFrom(v, name, 0, 0xffffffff, 'uint32 (0 to 4294967295)');
}
/** int32: a number, or a decimal string. */
export function readInt32(v, name) {
    return integerFrom(v, name, -0x80000000, 0x7fffffff, 'int32');
}
const SEVERITY_SHORT = [
    'UNSPECIFIED',
    'TRACE', 'TRACE2', 'TRACE3', 'TRACE4',
    'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4',
    'INFO', 'INFO2', 'INFO3', 'INFO4',
    'WARN', 'WARN2', 'WARN3', 'WARN4',
    'ERROR', 'ERROR2', 'ERROR3', 'ERROR4',
    'FATAL', 'FATAL2', 'FATAL3', 'FATAL4',
];
const SEVERITY_BY_NAME = new Map(SEVERITY_SHORT.map((s, i) => [`SEVERITY_NUMBER_${s}`, i]));
/** The proto enum name of a SeverityNumber (`SEVERITY_NUMBER_INFO2`), or undefined outside 0..24. */
export function severityEnumName(n) {
    const s = SEVERITY_SHORT[n];
    return s === undefined ? undefined : `SEVERITY_NUMBER_${s}`;
}
/** SeverityNumber: an integer (kept as received) or a proto enum name such as `SEVERITY_NUMBER_INFO2`. */
export function readSeverity(v, name) {
    if (typeof v === 'string') {
        const byName = SEVERITY_BY_NAME.get(v);
        if (byName !== undefined)
            return byName;
        if (!SIGNED_DIGITS.test(v))
            fail(name, `${name} must be an integer or a SEVERITY_NUMBER_* name, got ${describe(v)}`);
    }
    return readInt32(v, name);
}
/** double: a number, "NaN", "Infinity", "-Infinity" (also Go's "+Inf"/"-Inf"/"Inf"), or a decimal string. */
export function readDouble(v, name) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'string') {
        switch (v) {
            case 'NaN':
                return NaN;
            case 'Infinity':
            case '+Infinity':
            case 'Inf':
            case '+Inf':
                return Infinity;
            case '-Infinity':
            case '-Inf':
                return -Infinity;
        }
        if (DECIMAL.test(v))
            return Number(v);
    }
    return fail(name, `${name} must be a number, "NaN", "Infinity" or "-Infinity", got ${describe(v)}`);
}
export function readString(v, name) {
    if (typeof v !== 'string')
        fail(name, `${name} must be a string, got ${describe(v)}`);
    return v;
}
export function readBool(v, name) {
    if (typeof v !== 'boolean')
        fail(name, `${name} must be true or false, got ${describe(v)}`);
    return v;
}
export function readObject(v, name) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        fail(name, `${name} must be an object, got ${describe(v)}`);
    return v;
}
export function readArray(v, name) {
    if (!Array.isArray(v))
        fail(name, `${name} must be an array, got ${describe(v)}`);
    return v;
}
/** Replaces lone UTF-16 surrogates with U+FFFD, as the UTF-8 encoders do. */
export function toWellFormed(s) {
    let out = '';
    let copied = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0xd800 || c > 0xdfff)
            continue;
        if (c <= 0xdbff && i + 1 < n) {
            const d = s.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff) {
                i++;
                continue;
            }
        }
        out += s.slice(copied, i) + '\ufffd';
        copied = i + 1;
    }
    return copied === 0 ? s : out + s.slice(copied);
}
// ---------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = '0123456789abcdef';
/**
 * A JSON string literal the way the Collector's writer (jsoniter, no HTML
 * escaping) makes one: only `"`, `\` and control characters are escaped,
 * `\n` `\r` `\t` by name and the rest as `\u00XX`; U+2028/9 stay raw. Lone
 * surrogates become U+FFFD, matching the UTF-8 (protobuf) encoding.
 */
export function jsonString(s) {
    if (!NEEDS_ESCAPE.test(s))
        return `"${s}"`;
    let out = '"';
    let copied = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        let rep;
        if (c === 0x22)
            rep = '\\"';
        else if (c === 0x5c)
            rep = '\\\\';
        else if (c === 0x0a)
            rep = '\\n';
        else if (c === 0x0d)
            rep = '\\r';
        else if (c === 0x09)
            rep = '\\t';
        else if (c < 0x20)
            rep = `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
        else if (c >= 0xd800 && c <= 0xdfff) {
            if (c <= 0xdbff && i + 1 < n) {
                const d = s.charCodeAt(i + 1);
                if (d >= 0xdc00 && d <= 0xdfff) {
                    i++;
                    continue;
                }
            }
            rep = '\ufffd';
        }
        else
            continue;
        out += s.slice(copied, i) + rep;
        copied = i + 1;
    }
    return out + s.slice(copied) + '"';
}
/** A double as the Collector writes it: shortest round-trip digits, Go-style exponents (`1e-07`), `-0`, and "NaN"/"Infinity"/"-Infinity" strings. */
export function jsonDouble(x) {
    if (Number.isNaN(x))
        return '"NaN"';
    if (x === Infinity)
        return '"Infinity"';
    if (x === -Infinity)
        return '"-Infinity"';
    if (x === 0)
        return Object.is(x, -0) ? '-0' : '0';
    const s = String(x);
    const e = s.indexOf('e');
    if (e < 0 || s.length - e > 3)
        return s;
    // JavaScript writes 1e-7 and 1e+21; Go writes 1e-07 and 1e+21: pad one-digit exponents.
    return `${s.slice(0, e + 2)}0${s.slice(e + 2)}`;
}
//# sourceMappingURL=json-values.js.map