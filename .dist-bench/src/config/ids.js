/**
 * Collector-shaped component ids: `type` or `type/name`.
 */
import { didYouMean } from './hint.js';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export function parseComponentId(id, kind, types) {
    const slash = id.indexOf('/');
    const type = slash < 0 ? id : id.slice(0, slash);
    const name = slash < 0 ? '' : id.slice(slash + 1);
    if (!types.includes(type)) {
        return {
            ok: false,
            message: `unknown ${kind} type "${type}"`,
            hint: didYouMean(type, types) ?? `${kind} types are ${types.join(', ')}`,
        };
    }
    if (slash >= 0 && !NAME.test(name)) {
        return {
            ok: false,
            message: `invalid ${kind} name "${name}" in "${id}"`,
            hint: 'names are letters, digits, _, . and -, starting with a letter or digit, e.g. ' + `${type}/backup`,
        };
    }
    return { ok: true, type, name };
}
//# sourceMappingURL=ids.js.map