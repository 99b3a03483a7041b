/**
 * The YAML document as a small tree of maps, sequences and scalars, each with
 * its line and column, with `${env:...}` already expanded in scalar values.
 * Aliases are resolved; YAML syntax errors become issues.
 */
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import { expandEnv } from './env.js';
/** YAML 1.2 core schema resolution of a plain scalar that came from `${env:...}`. */
function resolvePlain(s) {
    if (s === '')
        return s;
    if (/^(true|True|TRUE)$/.test(s))
        return true;
    if (/^(false|False|FALSE)$/.test(s))
        return false;
    if (/^(null|Null|NULL|~)$/.test(s))
        return null;
    if (/^[-+]?\d+$/.test(s))
        return Number(s);
    if (/^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/.test(s))
        return Number(s);
    return s;
}
class Builder {
    doc;
    lc;
    issues;
    env;
    constructor(doc, lc, issues, env) {
        this.doc = doc;
        this.lc = lc;
        this.issues = issues;
        this.env = env;
    }
    pos(offset) {
        if (offset === undefined)
            return { line: 1, col: 1 };
        const p = this.lc.linePos(offset);
        return { line: p.line, col: p.col };
    }
    build(node, path, fallback, active) {
        let n = node;
        if (n !== null && n !== undefined && isAlias(n)) {
            const target = n.resolve(this.doc);
            if (target === undefined) {
                this.issues.add(this.pos(n.range?.[0]), path, `unknown alias *${n.source}`);
                return { kind: 'scalar', pos: this.pos(n.range?.[0]), value: null };
            }
            if (active.has(target)) {
                this.issues.add(this.pos(n.range?.[0]), path, `alias *${n.source} refers to itself`);
                return { kind: 'scalar', pos: this.pos(n.range?.[0]), value: null };
            }
            n = target;
        }
        if (n === null || n === undefined)
            return { kind: 'scalar', pos: fallback, value: null };
        const pos = n.range ? this.pos(n.range[0]) : fallback;
        if (isMap(n)) {
            active.add(n);
            const entries = new Map();
            for (const pair of n.items) {
                if (!isPair(pair))
                    continue;
                const k = pair.key;
                const keyPos = k && k.range ? this.pos(k.range[0]) : pos;
                if (!k || !isScalar(k) || (typeof k.value !== 'string' && typeof k.value !== 'number' && typeof k.value !== 'boolean')) {
                    this.issues.add(keyPos, path, 'map keys must be plain strings');
                    continue;
                }
                const key = String(k.value);
                const childPath = path === '' ? key : `${path}.${key}`;
                if (entries.has(key))
                    continue; // the YAML parser already reported the duplicate
                entries.set(key, { key, keyPos, value: this.build(pair.value, childPath, keyPos, active) });
            }
            active.delete(n);
            return { kind: 'map', pos, entries };
        }
        if (isSeq(n)) {
            active.add(n);
            const items = n.items.map((it, i) => this.build(it, `${path}[${i}]`, pos, active));
            active.delete(n);
            return { kind: 'seq', pos, items };
        }
        if (isScalar(n)) {
            const before = this.issues.items.length;
            const value = this.scalar(n, path, pos);
            return this.issues.items.length > before ? { kind: 'scalar', pos, value, invalid: true } : { kind: 'scalar', pos, value };
        }
        this.issues.add(pos, path, 'unsupported YAML node');
        return { kind: 'scalar', pos, value: null };
    }
    scalar(n, path, pos) {
        const v = n.value;
        if (typeof v === 'string') {
            const r = expandEnv(v, this.env);
            if (!r.ok) {
                this.issues.add(pos, path, r.message, r.hint);
                return v;
            }
            if (r.whole && n.type === Scalar.PLAIN)
                return resolvePlain(r.value);
            return r.value;
        }
        if (v === null || typeof v === 'number' || typeof v === 'boolean')
            return v;
        if (typeof v === 'bigint')
            return Number(v);
        if (v instanceof Date)
            return n.source ?? v.toISOString();
        return String(v);
    }
}
/**
 * Parses YAML text into a tree. Returns undefined when the text has no
 * document at all or YAML syntax errors made it unusable (the issues say why).
 */
export function buildTree(text, issues, env) {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, merge: false });
    let fatal = false;
    const lines = text.split('\n');
    for (const e of doc.errors) {
        // After the first real syntax error the parser's later complaints are
        // mostly consequences of it: report only the first one.
        if (fatal)
            break;
        const p = lc.linePos(e.pos[0]);
        const lineText = lines[p.line - 1] ?? '';
        const hint = /[{[][^}\]]*\$\{/.test(lineText) ? 'quote values containing ${...} inside { } or [ ], e.g. "${env:VAR}"' : undefined;
        issues.add({ line: p.line, col: p.col }, '', `YAML syntax error: ${e.message.split('\n')[0]}`, hint);
        if (e.code !== 'DUPLICATE_KEY')
            fatal = true;
    }
    if (fatal)
        return undefined;
    if (doc.contents === null)
        return undefined;
    const b = new Builder(doc, lc, issues, env);
    return b.build(doc.contents, '', { line: 1, col: 1 }, new Set());
}
//# sourceMappingURL=tree.js.map