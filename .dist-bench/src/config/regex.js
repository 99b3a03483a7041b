/**
 * Checks of regular expressions written in the config (JavaScript syntax).
 */
/** The compile error of a regex source, or undefined when it compiles. */
export function regexError(source, flags = '') {
    try {
        new RegExp(source, flags);
        return undefined;
    }
    catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        return `invalid regular expression: ${msg.replace(/^Invalid regular expression: /, '')}`;
    }
}
/** Names of the named capture groups in a regex source. */
export function namedGroups(source) {
    const out = [];
    const re = /\(\?<([A-Za-z_$][A-Za-z0-9_$]*)>/g;
    for (let m = re.exec(source); m; m = re.exec(source))
        out.push(m[1]);
    return out;
}
/** Whether a (valid) regex matches the empty string, which would make it match everywhere. */
export function matchesEmpty(source, flags = '') {
    return new RegExp(source, flags.replace('g', '')).test('');
}
//# sourceMappingURL=regex.js.map