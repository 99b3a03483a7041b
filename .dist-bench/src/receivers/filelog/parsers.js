import { EMPTY_VALUE } from '../../otlp/types.js';
import { AgentError } from '../../errors.js';
import { SeverityMapper } from './severity.js';
import { compileTimestampLayout } from './timestamp.js';
/** A JSON value as an OTLP AnyValue (integers as int, other numbers as double, null as empty). */
export function jsonToAnyValue(v, depth = 0) {
    if (v === null || v === undefined)
        return EMPTY_VALUE;
    switch (typeof v) {
        case 'string':
            return { type: 'string', value: v };
        case 'boolean':
            return { type: 'bool', value: v };
        case 'number':
            return Number.isSafeInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
        case 'object':
            if (depth > 64)
                return { type: 'string', value: JSON.stringify(v) };
            if (Array.isArray(v))
                return { type: 'array', value: v.map((x) => jsonToAnyValue(x, depth + 1)) };
            return { type: 'kvlist', value: objectToKeyValues(v, depth + 1) };
        default:
            return { type: 'string', value: String(v) };
    }
}
function objectToKeyValues(o, depth) {
    const out = [];
    for (const k of Object.keys(o))
        out.push({ key: k, value: jsonToAnyValue(o[k], depth) });
    return out;
}
/** Upserts into a record's attributes. */
function putAttr(attrs, key, value) {
    for (let i = 0; i < attrs.length; i++) {
        if (attrs[i].key === key) {
            attrs[i] = { key, value };
            return;
        }
    }
    attrs.push({ key, value });
}
/** Reads `body`, `attributes.<key>` or `<key>` from a record as text. */
function readField(rec, field) {
    let v;
    if (field === 'body')
        v = rec.body;
    else {
        const key = field.startsWith('attributes.') ? field.slice('attributes.'.length) : field;
        for (const a of rec.attributes)
            if (a.key === key)
                v = a.value;
        if (v === undefined && rec.body.type === 'kvlist') {
            for (const a of rec.body.value)
                if (a.key === key)
                    v = a.value;
        }
    }
    if (v === undefined)
        return undefined;
    switch (v.type) {
        case 'string':
            return v.value;
        case 'int':
            return v.value.toString();
        case 'double':
            return String(v.value);
        case 'bool':
            return String(v.value);
        default:
            return undefined;
    }
}
function jsonStep(target, bodyField) {
    return (rec) => {
        if (rec.body.type !== 'string')
            return false;
        const text = rec.body.value;
        if (text.length === 0 || text.charCodeAt(0) !== 0x7b /* { */) {
            const t = text.trimStart();
            if (!t.startsWith('{'))
                return false;
        }
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            return false;
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
            return false;
        const obj = parsed;
        if (target === 'body') {
            rec.body = { type: 'kvlist', value: objectToKeyValues(obj, 1) };
            return true;
        }
        let body;
        for (const k of Object.keys(obj)) {
            const value = jsonToAnyValue(obj[k], 1);
            if (bodyField !== undefined && k === bodyField)
                body = value;
            else
                putAttr(rec.attributes, k, value);
        }
        if (body !== undefined)
            rec.body = body;
        return true;
    };
}
function regexStep(source) {
    let re;
    try {
        re = new RegExp(source);
    }
    catch (err) {
        throw new AgentError('CONFIG_INVALID', `regex parser: invalid regex ${JSON.stringify(source)}: ${err.message}`);
    }
    const names = Object.keys(new RegExp(source + '|').exec('')?.groups ?? {});
    if (names.length === 0)
        throw new AgentError('CONFIG_INVALID', `regex parser: ${JSON.stringify(source)} has no named groups like (?<name>...)`);
    return (rec) => {
        if (rec.body.type !== 'string')
            return false;
        const m = re.exec(rec.body.value);
        if (!m || !m.groups)
            return false;
        for (const name of names) {
            const v = m.groups[name];
            if (v !== undefined)
                putAttr(rec.attributes, name, { type: 'string', value: v });
        }
        return true;
    };
}
function timestampStep(parseFrom, layout) {
    const parse = compileTimestampLayout(layout);
    return (rec) => {
        const text = readField(rec, parseFrom);
        if (text === undefined)
            return false;
        const ns = parse(text);
        if (ns === undefined)
            return false;
        rec.timeUnixNano = ns;
        return true;
    };
}
function severityStep(parseFrom, mapping) {
    const mapper = new SeverityMapper(mapping);
    return (rec) => {
        const text = readField(rec, parseFrom);
        if (text === undefined)
            return false;
        rec.severityText = text;
        rec.severityNumber = mapper.map(text);
        return true;
    };
}
export function compileParsers(parsers) {
    if (parsers.length === 0)
        return null;
    const steps = [];
    const names = [];
    for (const p of parsers) {
        switch (p.type) {
            case 'json':
                steps.push(jsonStep(p.target ?? 'attributes', p.bodyField));
                break;
            case 'regex':
                steps.push(regexStep(p.regex));
                break;
            case 'timestamp':
                steps.push(timestampStep(p.parseFrom, p.layout));
                break;
            case 'severity':
                steps.push(severityStep(p.parseFrom, p.mapping));
                break;
            default:
                throw new AgentError('CONFIG_INVALID', `filelog parser type "${p.type}" is unknown; use json, regex, timestamp or severity`);
        }
        names.push(p.type);
    }
    return {
        names,
        apply(rec, onError) {
            for (let i = 0; i < steps.length; i++)
                if (!steps[i](rec))
                    onError(i);
        },
    };
}
//# sourceMappingURL=parsers.js.map