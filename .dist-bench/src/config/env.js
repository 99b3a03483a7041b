/**
 * `${env:VAR}` and `${env:VAR:-default}` expansion inside scalar values.
 * `$${` writes a literal `${`. Any other `${...}` is an error, so a typo such
 * as `${ENV:X}` or `${X}` never reaches a component unexpanded.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Expands references in `input`. An unset or empty variable takes its
 * `:-default` (as in the shell); an unset variable without a default is an
 * error, an empty one without a default expands to nothing.
 */
export function expandEnv(input, env) {
    if (!input.includes('$'))
        return { ok: true, value: input, whole: false };
    let out = '';
    let i = 0;
    let refs = 0;
    let wholeRef = false;
    while (i < input.length) {
        const d = input.indexOf('$', i);
        if (d < 0) {
            out += input.slice(i);
            break;
        }
        out += input.slice(i, d);
        if (input.startsWith('$${', d)) {
            out += '${';
            i = d + 3;
            continue;
        }
        if (input[d + 1] !== '{') {
            out += '$';
            i = d + 1;
            continue;
        }
        const end = input.indexOf('}', d + 2);
        if (end < 0) {
            return { ok: false, message: `unterminated "\${" in value`, hint: 'write ${env:VAR}, or $${ for a literal "${"' };
        }
        const inner = input.slice(d + 2, end);
        if (!inner.startsWith('env:')) {
            const name = inner.split(':-')[0];
            return {
                ok: false,
                message: `unsupported reference "\${${inner}}"`,
                hint: NAME.test(name) ? `write \${env:${inner}}; use $\${ for a literal "\${"` : 'only ${env:VAR} and ${env:VAR:-default} are supported; use $${ for a literal "${"',
            };
        }
        const spec = inner.slice(4);
        const sep = spec.indexOf(':-');
        const name = sep < 0 ? spec : spec.slice(0, sep);
        if (!NAME.test(name)) {
            return { ok: false, message: `invalid environment variable name "${name}" in "\${${inner}}"`, hint: 'names are letters, digits and _, not starting with a digit' };
        }
        const v = env[name];
        if (v !== undefined && v !== '')
            out += v;
        else if (sep >= 0)
            out += spec.slice(sep + 2);
        else if (v === undefined) {
            return { ok: false, message: `environment variable ${name} is not set`, hint: `set it, or give a default: \${env:${name}:-value}` };
        }
        refs++;
        if (d === 0 && end === input.length - 1)
            wholeRef = true;
        i = end + 1;
    }
    return { ok: true, value: out, whole: wholeRef && refs === 1 };
}
//# sourceMappingURL=env.js.map