/**
 * Path globs for `include` / `exclude` (pure; no I/O).
 *
 * Syntax, per path segment: `*` any run of characters except `/`, `?` one
 * character except `/`, `[abc]` / `[a-z]` / `[!abc]` (or `[^abc]`) one
 * character of a class, `\x` a literal x. A whole segment `**` matches zero or
 * more directories. `{a,b}` alternatives are expanded first (they may nest).
 * Patterns are absolute paths with `/` separators; relative patterns are
 * resolved against the working directory by the caller.
 */
import { AgentError } from '../../errors.js';
const GLOB_CHARS = /[*?[\]{}\\]/;
/** Expands `{a,b}` alternatives (nested allowed) into plain patterns. */
export function expandBraces(pattern) {
    let depth = 0;
    let open = -1;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            i++;
            continue;
        }
        if (c === '{') {
            if (depth === 0)
                open = i;
            depth++;
        }
        else if (c === '}' && depth > 0) {
            depth--;
            if (depth === 0) {
                const inner = pattern.slice(open + 1, i);
                const alternatives = splitTopLevelCommas(inner);
                if (alternatives.length < 2) {
                    // `{x}` is not an alternative list: keep it literal and continue after it.
                    const head = pattern.slice(0, open) + '\\{';
                    return expandBraces(inner + '\\}' + pattern.slice(i + 1)).map((rest) => head + rest);
                }
                const prefix = pattern.slice(0, open);
                const suffix = pattern.slice(i + 1);
                const out = [];
                for (const alt of alternatives)
                    for (const e of expandBraces(prefix + alt + suffix))
                        out.push(e);
                return out;
            }
        }
    }
    if (depth !== 0)
        throw new AgentError('CONFIG_INVALID', `glob "${pattern}": unbalanced "{"; close it with "}" or escape it as "\\{"`);
    return [pattern];
}
function splitTopLevelCommas(s) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === '\\') {
            i++;
        }
        else if (c === '{')
            depth++;
        else if (c === '}')
            depth--;
        else if (c === ',' && depth === 0) {
            parts.push(s.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(s.slice(start));
    return parts;
}
function escapeRe(c) {
    return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}
/** Regex source for one segment (no `/` inside). */
function segmentSource(seg, pattern) {
    let out = '';
    for (let i = 0; i < seg.length; i++) {
        const c = seg[i];
        if (c === '\\') {
            i++;
            if (i < seg.length)
                out += escapeRe(seg[i]);
        }
        else if (c === '*') {
            out += '[^/]*';
        }
        else if (c === '?') {
            out += '[^/]';
        }
        else if (c === '[') {
            const close = seg.indexOf(']', i + 2);
            if (close < 0) {
                out += '\\[';
                continue;
            }
            let body = seg.slice(i + 1, close);
            let negate = false;
            if (body[0] === '!' || body[0] === '^') {
                negate = true;
                body = body.slice(1);
            }
            if (body.length === 0)
                throw new AgentError('CONFIG_INVALID', `glob "${pattern}": empty character class`);
            out += '[' + (negate ? '^/' : '') + body.replace(/[\\\]^]/g, (m) => '\\' + m) + ']';
            i = close;
        }
        else {
            out += escapeRe(c);
        }
    }
    return out;
}
/** Compiles one pattern (no braces left) that must be an absolute path. */
export function compileGlob(pattern) {
    if (!pattern.startsWith('/'))
        throw new AgentError('CONFIG_INVALID', `glob "${pattern}": must be an absolute path`);
    const parts = pattern.split('/').filter((p, i) => i === 0 || p !== '');
    parts.shift(); // leading '' before the first '/'
    const baseParts = [];
    let i = 0;
    for (; i < parts.length - 1; i++) {
        if (GLOB_CHARS.test(parts[i]))
            break;
        baseParts.push(parts[i]);
    }
    const base = '/' + baseParts.join('/');
    const segments = [];
    for (; i < parts.length; i++) {
        const p = parts[i];
        if (p === '**') {
            if (segments.at(-1)?.kind !== 'globstar')
                segments.push({ kind: 'globstar' });
        }
        else if (!GLOB_CHARS.test(p)) {
            segments.push({ kind: 'literal', name: p });
        }
        else {
            segments.push({ kind: 'pattern', re: new RegExp('^' + segmentSource(p, pattern) + '$') });
        }
    }
    if (segments.length === 0)
        throw new AgentError('CONFIG_INVALID', `glob "${pattern}": names a directory, not files`);
    // Whole-path regex.
    let src = '^' + (base === '/' ? '' : base.split('/').map((s) => s.split('').map(escapeRe).join('')).join('/'));
    for (let k = 0; k < segments.length; k++) {
        const seg = segments[k];
        const last = k === segments.length - 1;
        if (seg.kind === 'globstar') {
            src += last ? '/.+' : '(?:/[^/]+)*';
        }
        else {
            src += '/' + (seg.kind === 'literal' ? seg.name.split('').map(escapeRe).join('') : seg.re.source.slice(1, -1));
        }
    }
    return { source: pattern, base, segments, re: new RegExp(src + '$') };
}
/** Expands braces and compiles every resulting pattern. */
export function compileGlobs(patterns) {
    const out = [];
    for (const p of patterns)
        for (const e of expandBraces(p))
            out.push(compileGlob(e));
    return out;
}
export function matchesAny(globs, path) {
    for (const g of globs)
        if (g.re.test(path))
            return true;
    return false;
}
/**
 * True when a directory at `dir` could hold a file some glob matches (so a
 * watcher must not ignore it).
 */
export function dirCouldMatch(globs, dir) {
    for (const g of globs) {
        if (g.base === dir || g.base.startsWith(dir.endsWith('/') ? dir : dir + '/'))
            return true;
        const prefix = g.base === '/' ? '/' : g.base + '/';
        if (!dir.startsWith(prefix))
            continue;
        const rel = dir.slice(prefix.length).split('/');
        if (segmentsCouldContain(g.segments, 0, rel, 0))
            return true;
    }
    return false;
}
function segmentsCouldContain(segs, si, rel, ri) {
    if (ri === rel.length)
        return si < segs.length; // a file could still follow
    if (si >= segs.length)
        return false;
    const seg = segs[si];
    if (seg.kind === 'globstar')
        return true;
    if (si === segs.length - 1)
        return false; // the last segment names files, not directories
    const name = rel[ri];
    const ok = seg.kind === 'literal' ? seg.name === name : seg.re.test(name);
    return ok && segmentsCouldContain(segs, si + 1, rel, ri + 1);
}
//# sourceMappingURL=glob.js.map