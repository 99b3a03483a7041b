/**
 * Timestamp layouts (pure): `rfc3339`, `unix` (seconds), `unix_ms`,
 * `unix_ns`, or a strftime-like layout. Times without a zone are UTC.
 * Results are nanoseconds since the Unix epoch as bigint.
 */
import { AgentError } from '../../errors.js';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS_LONG = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
function fractionNs(digits) {
    if (!digits)
        return 0n;
    return BigInt((digits + '000000000').slice(0, 9));
}
function zoneOffsetMinutes(z) {
    if (!z || z === 'Z' || z === 'z' || /^(UTC|GMT)$/i.test(z))
        return 0;
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
    if (!m)
        return undefined;
    const v = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === '-' ? -v : v;
}
function civilToNs(y, mo, d, h, mi, s, frac, offsetMin) {
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return undefined;
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
    if (!Number.isFinite(ms))
        return undefined;
    return BigInt(ms) * 1000000n + frac;
}
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;
function parseRfc3339(v) {
    const m = RFC3339.exec(v.trim());
    if (!m)
        return undefined;
    const off = zoneOffsetMinutes(m[8]);
    if (off === undefined)
        return undefined;
    return civilToNs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], fractionNs(m[7]), off);
}
/** Decimal number of `unit`-ns units (may be fractional) -> ns. */
function parseUnix(v, digitsPerUnit) {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim());
    if (!m)
        return undefined;
    const scale = 10n ** BigInt(digitsPerUnit);
    let ns = BigInt(m[2]) * scale;
    if (m[3] && digitsPerUnit > 0)
        ns += BigInt((m[3] + '0'.repeat(digitsPerUnit)).slice(0, digitsPerUnit));
    return m[1] === '-' ? -ns : ns;
}
const DIRECTIVES = {
    Y: { re: '([+-]?\\d{4})', field: 'Y' },
    y: { re: '(\\d{2})', field: 'y' },
    m: { re: '(\\d{1,2})', field: 'm' },
    d: { re: '(\\d{1,2})', field: 'd' },
    e: { re: ' ?(\\d{1,2})', field: 'd' },
    H: { re: '(\\d{1,2})', field: 'H' },
    I: { re: '(\\d{1,2})', field: 'I' },
    p: { re: '([AaPp][Mm])', field: 'p' },
    M: { re: '(\\d{2})', field: 'M' },
    S: { re: '(\\d{2})', field: 'S' },
    L: { re: '(\\d{3})', field: 'L' },
    f: { re: '(\\d{1,9})', field: 'f' },
    s: { re: '(\\d+)', field: 's' },
    z: { re: '(Z|z|[+-]\\d{2}:?\\d{2})', field: 'z' },
    Z: { re: '([A-Za-z]{1,5})', field: 'Z' },
    b: { re: '([A-Za-z]{3})', field: 'b' },
    h: { re: '([A-Za-z]{3})', field: 'b' },
    B: { re: '([A-Za-z]{3,9})', field: 'B' },
    a: { re: '(?:[A-Za-z]{3})' },
    A: { re: '(?:[A-Za-z]{6,9})' },
    j: { re: '(\\d{3})', field: 'j' },
    T: { expand: '%H:%M:%S' },
    F: { expand: '%Y-%m-%d' },
    D: { expand: '%m/%d/%y' },
    '%': { re: '%' },
};
function compileStrftime(layout) {
    let src = '';
    const fields = [];
    const expand = (l, depth) => {
        for (let i = 0; i < l.length; i++) {
            const c = l[i];
            if (c !== '%') {
                src += /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c === ' ' ? '\\s+' : c;
                continue;
            }
            const d = l[++i];
            const spec = d === undefined ? undefined : DIRECTIVES[d];
            if (!spec)
                throw new AgentError('CONFIG_INVALID', `timestamp layout "${layout}": unknown directive %${d ?? ''}; see docs/FILELOG.md for the supported ones`);
            if ('expand' in spec) {
                if (depth > 2)
                    throw new AgentError('CONFIG_INVALID', `timestamp layout "${layout}": nested too deep`);
                expand(spec.expand, depth + 1);
            }
            else {
                src += spec.re;
                if (spec.field)
                    fields.push(spec.field);
            }
        }
    };
    expand(layout, 0);
    const re = new RegExp('^\\s*' + src + '\\s*$');
    return (value) => {
        const m = re.exec(value);
        if (!m)
            return undefined;
        let y = 1970;
        let mo = 1;
        let d = 1;
        let h = 0;
        let mi = 0;
        let s = 0;
        let frac = 0n;
        let off = 0;
        let pm;
        let yday;
        for (let k = 0; k < fields.length; k++) {
            const v = m[k + 1];
            switch (fields[k]) {
                case 'Y':
                    y = Number(v);
                    break;
                case 'y': {
                    const n = Number(v);
                    y = n < 69 ? 2000 + n : 1900 + n;
                    break;
                }
                case 'm':
                    mo = Number(v);
                    break;
                case 'd':
                    d = Number(v);
                    break;
                case 'H':
                case 'I':
                    h = Number(v);
                    break;
                case 'p':
                    pm = v.toLowerCase() === 'pm';
                    break;
                case 'M':
                    mi = Number(v);
                    break;
                case 'S':
                    s = Number(v);
                    break;
                case 'L':
                    frac = BigInt(v) * 1000000n;
                    break;
                case 'f':
                    frac = fractionNs(v);
                    break;
                case 's': return BigInt(v) * 1000000000n;
                case 'z':
                case 'Z': {
                    const o = zoneOffsetMinutes(v);
                    if (o === undefined)
                        return undefined;
                    off = o;
                    break;
                }
                case 'b': {
                    const i = MONTHS.indexOf(v.toLowerCase());
                    if (i < 0)
                        return undefined;
                    mo = i + 1;
                    break;
                }
                case 'B': {
                    const i = MONTHS_LONG.indexOf(v.toLowerCase());
                    if (i < 0)
                        return undefined;
                    mo = i + 1;
                    break;
                }
                case 'j':
                    yday = Number(v);
                    break;
            }
        }
        if (pm !== undefined) {
            if (h < 1 || h > 12)
                return undefined;
            h = (h % 12) + (pm ? 12 : 0);
        }
        if (yday !== undefined) {
            const base = civilToNs(y, 1, 1, h, mi, s, frac, off);
            return base === undefined ? undefined : base + BigInt(yday - 1) * 86400000000000n;
        }
        return civilToNs(y, mo, d, h, mi, s, frac, off);
    };
}
/** Compiles a layout once; the returned function parses one value. */
export function compileTimestampLayout(layout) {
    switch (layout) {
        case 'rfc3339':
            return parseRfc3339;
        case 'unix':
            return (v) => parseUnix(v, 9);
        case 'unix_ms':
            return (v) => parseUnix(v, 6);
        case 'unix_ns':
            return (v) => parseUnix(v, 0);
        default:
            if (!layout.includes('%')) {
                throw new AgentError('CONFIG_INVALID', `timestamp layout "${layout}": use rfc3339, unix, unix_ms, unix_ns or a strftime layout such as "%Y-%m-%d %H:%M:%S"`);
            }
            return compileStrftime(layout);
    }
}
//# sourceMappingURL=timestamp.js.map