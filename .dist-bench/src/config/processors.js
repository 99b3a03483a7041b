import { DEFAULTS } from './defaults.js';
import { matchesEmpty, regexError } from './regex.js';
import { SEVERITY_NAMES, severityNumberOf } from './receivers.js';
export const PROCESSOR_TYPES = ['attributes', 'resource', 'filter', 'redact'];
/** Ready-made redact patterns (implemented in src/processors/redact-patterns.ts). */
export const NAMED_REDACTIONS = ['credit_card', 'email', 'bearer_token', 'ipv4', 'us_ssn', 'iban'];
const ACTIONS = ['insert', 'update', 'upsert', 'delete', 'hash'];
function readActions(s, required) {
    const out = [];
    if (required && !s.has('actions'))
        s.missing('actions', 'e.g. actions: [{ key: env, value: prod, action: upsert }]');
    const items = s.list('actions');
    if (required && items.length === 0 && s.has('actions'))
        s.issue('actions', 'must list at least one action');
    for (const a of items) {
        if (!a.present) {
            if (a.absent)
                a.issues.add(a.pos, a.path, 'expected an action map with key and action');
            continue;
        }
        const key = a.reqStr('key');
        const actionText = a.text('action');
        const action = actionText === undefined ? undefined : a.oneOf('action', ACTIONS, 'upsert');
        if (!a.has('action'))
            a.missing('action', ACTIONS.join(', '));
        const valueNode = a.node('value');
        const from = a.str('from_attribute');
        let value;
        if (valueNode !== undefined) {
            if (valueNode.kind !== 'scalar' || valueNode.value === null)
                a.issue('value', 'expected a string, number or boolean');
            else
                value = valueNode.value;
        }
        a.finish();
        if (key === undefined || action === undefined || action !== actionText)
            continue;
        if (key.startsWith('sealog.')) {
            a.issue('key', `"${key}" is reserved: sealog.* attributes belong to the integrity chain`, 'choose a key without the sealog. prefix');
            continue;
        }
        const needsValue = action === 'insert' || action === 'update' || action === 'upsert';
        if (needsValue) {
            if (value === undefined && from === undefined) {
                a.missing('value', `${action} needs value or from_attribute`);
                continue;
            }
            if (value !== undefined && from !== undefined) {
                a.issue('from_attribute', 'value and from_attribute cannot both be set', 'keep one of them');
                continue;
            }
        }
        else if (value !== undefined || from !== undefined) {
            a.issue(value !== undefined ? 'value' : 'from_attribute', `${action} takes no value`, 'remove it');
            continue;
        }
        const act = { key, action };
        if (value !== undefined)
            act.value = value;
        if (from !== undefined)
            act.fromAttribute = from;
        out.push(act);
    }
    return out;
}
function readFilterRules(s) {
    const rules = [];
    if (!s.has('rules'))
        s.missing('rules', 'e.g. rules: [{ name: debug, min_severity: info }]');
    const items = s.list('rules');
    if (items.length === 0 && s.has('rules'))
        s.issue('rules', 'must list at least one rule');
    const names = new Map();
    items.forEach((r, i) => {
        if (!r.present) {
            if (r.absent)
                r.issues.add(r.pos, r.path, 'expected a rule map');
            return;
        }
        const name = r.str('name') ?? `rule${i}`;
        const rule = { name };
        if (names.has(name))
            r.issue('name', `rule name "${name}" is already used by rules[${names.get(name)}]`, 'names label the filtered-records metric and must be unique');
        names.set(name, i);
        const sevNode = r.node('min_severity');
        if (sevNode !== undefined) {
            if (sevNode.kind === 'scalar' && typeof sevNode.value === 'string') {
                const n = severityNumberOf(sevNode.value);
                if (n === undefined)
                    r.issue('min_severity', `unknown severity "${sevNode.value}"`, `use 1..24 or a name: ${SEVERITY_NAMES.filter((x) => !/\d/.test(x)).join(', ')} or those with 2-4 appended, e.g. error2`);
                else
                    rule.minSeverity = n;
            }
            else {
                const n = r.int('min_severity', 0, { min: 1, max: 24 });
                if (n > 0)
                    rule.minSeverity = n;
            }
        }
        const body = r.str('body_regex');
        if (body !== undefined) {
            const err = regexError(body);
            if (err)
                r.issue('body_regex', err);
            else
                rule.bodyRegex = body;
        }
        const attr = r.section('attribute');
        if (attr.present) {
            const key = attr.reqStr('key');
            const value = attr.text('value');
            const regex = attr.str('regex');
            if (value !== undefined && regex !== undefined)
                attr.issue('regex', 'value and regex cannot both be set', 'keep one of them');
            else if (value === undefined && regex === undefined) {
                if (!attr.has('value') && !attr.has('regex'))
                    attr.missing('value', 'set value for an exact match, or regex');
            }
            else if (regex !== undefined && regexError(regex))
                attr.issue('regex', regexError(regex));
            else if (key !== undefined)
                rule.attribute = regex !== undefined ? { key, regex } : { key, value: value };
        }
        attr.finish();
        r.finish();
        if (!r.has('min_severity') && !r.has('body_regex') && !attr.present) {
            r.issues.add(r.pos, r.path, 'rule has no condition', 'set min_severity, body_regex and/or attribute');
            return;
        }
        rules.push(rule);
    });
    return rules;
}
function readRedact(s) {
    const patterns = s.strList('patterns');
    patterns.forEach((p, i) => {
        const err = regexError(p, 'g');
        if (err)
            s.issues.add(s.itemPos('patterns', i), `${s.keyPath('patterns')}[${i}]`, err);
        else if (matchesEmpty(p))
            s.issues.add(s.itemPos('patterns', i), `${s.keyPath('patterns')}[${i}]`, 'matches the empty string, so it would mask between every character', 'make it match at least one character, e.g. use + instead of *');
    });
    const named = s.strList('named');
    named.forEach((n, i) => {
        if (!NAMED_REDACTIONS.includes(n)) {
            const known = NAMED_REDACTIONS;
            const close = known.find((k) => k.replace(/_/g, '') === n.toLowerCase().replace(/[-_]/g, ''));
            s.issues.add(s.itemPos('named', i), `${s.keyPath('named')}[${i}]`, `unknown named pattern "${n}"`, close ? `did you mean "${close}"?` : `known: ${known.join(', ')}`);
        }
    });
    if (patterns.length === 0 && named.length === 0 && !s.has('patterns') && !s.has('named')) {
        s.missing('patterns', `set patterns (regexes) and/or named (${NAMED_REDACTIONS.join(', ')})`);
    }
    return { patterns, named };
}
export function readProcessor(id, type, s) {
    let cfg;
    switch (type) {
        case 'attributes':
            cfg = { type, id, actions: readActions(s, true) };
            break;
        case 'resource':
            cfg = { type, id, actions: readActions(s, false), detect: s.bool('detect', DEFAULTS.resource.detect) };
            break;
        case 'filter':
            cfg = { type, id, rules: readFilterRules(s) };
            break;
        case 'redact': {
            const { patterns, named } = readRedact(s);
            cfg = {
                type,
                id,
                patterns,
                named,
                replacement: s.str('replacement', DEFAULTS.redact.replacement),
                allowKeys: s.strList('allow_keys'),
                summary: s.bool('summary', DEFAULTS.redact.summary),
            };
            break;
        }
        default:
            return undefined;
    }
    s.finish();
    return cfg;
}
/** Hints for keys other Collector processors have. */
export const PROCESSOR_HINTS = {
    resource: { attributes: 'the resource processor takes its list under actions:' },
    filter: { logs: 'sealog filters with rules: [{ min_severity, body_regex, attribute }]' },
};
//# sourceMappingURL=processors.js.map