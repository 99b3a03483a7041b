/**
 * Attribute actions (insert, update, upsert, delete, hash) on one attribute
 * list, shared by the attributes and resource processors.
 */
import { hash } from 'node:crypto';
import { valueString } from './value-string.js';
function literalValue(v) {
    if (typeof v === 'string')
        return { type: 'string', value: v };
    if (typeof v === 'boolean')
        return { type: 'bool', value: v };
    return Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'double', value: v };
}
/** `sealog.*` attributes belong to the integrity chain and are never touched. */
export function isReserved(key) {
    return key.startsWith('sealog.');
}
export function compileActions(actions) {
    const out = [];
    for (const a of actions) {
        if (isReserved(a.key))
            continue;
        const c = { key: a.key, action: a.action };
        if (a.value !== undefined)
            c.literal = literalValue(a.value);
        if (a.fromAttribute !== undefined)
            c.from = a.fromAttribute;
        out.push(c);
    }
    return out;
}
function indexOf(attrs, key) {
    for (let i = 0; i < attrs.length; i++)
        if (attrs[i].key === key)
            return i;
    return -1;
}
/** SHA-256 (lowercase hex) of the value's string form, as a string value. */
export function hashValue(v) {
    return { type: 'string', value: hash('sha256', valueString(v), 'hex') };
}
/** Applies the actions in order to `attrs`, in place. */
export function applyActions(attrs, actions) {
    for (let a = 0; a < actions.length; a++) {
        const act = actions[a];
        const i = indexOf(attrs, act.key);
        switch (act.action) {
            case 'delete': {
                if (i < 0)
                    break;
                let w = i;
                for (let r = i; r < attrs.length; r++) {
                    const kv = attrs[r];
                    if (kv.key !== act.key)
                        attrs[w++] = kv;
                }
                attrs.length = w;
                break;
            }
            case 'hash':
                if (i >= 0)
                    attrs[i] = { key: act.key, value: hashValue(attrs[i].value) };
                break;
            default: {
                if (act.action === 'insert' && i >= 0)
                    break;
                if (act.action === 'update' && i < 0)
                    break;
                let value = act.literal;
                if (act.from !== undefined) {
                    const src = indexOf(attrs, act.from);
                    if (src < 0)
                        break;
                    value = attrs[src].value;
                }
                if (value === undefined)
                    break;
                if (i >= 0)
                    attrs[i] = { key: act.key, value };
                else
                    attrs.push({ key: act.key, value });
            }
        }
    }
}
//# sourceMappingURL=actions.js.map