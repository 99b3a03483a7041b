/**
 * Typed, strict access to one YAML map of the config tree. Every accessor
 * records the key as known, so `finish()` can report unknown keys with a
 * "did you mean" hint without a separate list of valid keys. A wrong value is
 * reported and the default is returned, so reading goes on and every problem
 * is found in one pass.
 */
import { didYouMean } from './hint.js';
import { tryParseDuration, tryParseSize } from './units.js';
function describe(n) {
    if (n.kind === 'map')
        return 'a map';
    if (n.kind === 'seq')
        return 'a list';
    const v = n.value;
    if (v === null)
        return 'nothing (null)';
    if (typeof v === 'string')
        return `the string "${v.length > 60 ? v.slice(0, 57) + '...' : v}"`;
    return `${typeof v === 'number' ? 'the number' : 'the boolean'} ${String(v)}`;
}
export class Section {
    issues;
    path;
    pos;
    hints;
    #known = new Set();
    #map;
    /** True when the YAML had no value here at all (missing key or null). */
    absent;
    /**
     * @param node the map (undefined or null: an empty section)
     * @param path dotted path of this map, '' for the root
     * @param pos where to report problems about the map as a whole (its key's line)
     * @param hints extra hints for well-known keys this section does not have
     */
    constructor(issues, node, path, pos, hints = {}) {
        this.issues = issues;
        this.path = path;
        this.pos = pos;
        this.hints = hints;
        if (node === undefined || (node.kind === 'scalar' && node.value === null)) {
            this.absent = true;
            this.#map = undefined;
        }
        else if (node.kind !== 'map') {
            this.absent = false;
            issues.add(node.pos, path, `expected a map of settings, got ${describe(node)}`);
            this.#map = undefined;
        }
        else {
            this.absent = false;
            this.#map = node;
        }
    }
    /** Whether the YAML had this map at all (even empty). */
    get present() {
        return this.#map !== undefined;
    }
    keyPath(key) {
        return this.path === '' ? key : `${this.path}.${key}`;
    }
    /** Keys in YAML order (not marked as known). */
    keys() {
        return this.#map ? [...this.#map.entries.keys()] : [];
    }
    /** The raw node of a key, marking the key as known. */
    node(key) {
        this.#known.add(key);
        return this.#map?.entries.get(key)?.value;
    }
    /** Line of a key (or of the section when absent). */
    keyPos(key) {
        return this.#map?.entries.get(key)?.keyPos ?? this.pos;
    }
    has(key) {
        this.#known.add(key);
        const n = this.#map?.entries.get(key)?.value;
        return n !== undefined && !(n.kind === 'scalar' && n.value === null);
    }
    issue(key, message, hint) {
        const n = this.#map?.entries.get(key)?.value;
        this.issues.add(n?.pos ?? this.keyPos(key), this.keyPath(key), message, hint);
    }
    /** A sub-section; absent or null gives an empty section (present=false). */
    section(key, hints) {
        return new Section(this.issues, this.node(key), this.keyPath(key), this.keyPos(key), hints);
    }
    /** Reports a missing required key. */
    missing(key, hint) {
        this.issues.add(this.pos, this.keyPath(key), 'is required', hint);
    }
    #scalar(key) {
        const n = this.node(key);
        if (n === undefined || (n.kind === 'scalar' && n.invalid))
            return undefined;
        if (n.kind !== 'scalar') {
            this.issues.add(n.pos, this.keyPath(key), `expected a single value, got ${describe(n)}`);
            return undefined;
        }
        return n.value;
    }
    str(key, def) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'string') {
            this.issue(key, `expected a string, got ${describe(this.node(key))}`, 'quote it');
            return def;
        }
        return v;
    }
    /** A required non-empty string. */
    reqStr(key, hint) {
        const v = this.str(key);
        if (v === undefined) {
            // A present but wrong value was reported already.
            if (!this.has(key))
                this.missing(key, hint);
        }
        else if (v.trim() === '') {
            this.issue(key, 'must not be empty', hint);
            return undefined;
        }
        return v;
    }
    /** A string, number or boolean, as text (header values, match values). */
    text(key) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return undefined;
        return String(v);
    }
    bool(key, def) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'boolean') {
            const yamlOld = typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v);
            this.issue(key, `expected true or false, got ${describe(this.node(key))}`, yamlOld ? 'YAML 1.2 booleans are only true and false' : undefined);
            return def;
        }
        return v;
    }
    num(key, def, bounds = {}) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
            this.issue(key, `expected a number, got ${describe(this.node(key))}`);
            return def;
        }
        return this.#bounded(key, v, def, bounds);
    }
    int(key, def, bounds = {}) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
            this.issue(key, `expected an integer, got ${describe(this.node(key))}`);
            return def;
        }
        return this.#bounded(key, v, def, bounds);
    }
    #bounded(key, v, def, b) {
        if (b.min !== undefined && v < b.min) {
            this.issue(key, `must be at least ${b.min}, got ${v}`);
            return def;
        }
        if (b.max !== undefined && v > b.max) {
            this.issue(key, `must be at most ${b.max}, got ${v}`);
            return def;
        }
        return v;
    }
    #unit(key, def, parse, min, minText, max, maxText) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        if (typeof v === 'boolean') {
            this.issue(key, `expected a value with a unit, got ${describe(this.node(key))}`);
            return def;
        }
        const r = parse(v);
        if (!r.ok) {
            this.issue(key, r.message, r.hint);
            return def;
        }
        if (r.value < min) {
            this.issue(key, `must be at least ${minText}, got ${String(v)}`);
            return def;
        }
        if (max !== undefined && r.value > max) {
            this.issue(key, `must be at most ${maxText}, got ${String(v)}`);
            return def;
        }
        return r.value;
    }
    /** Milliseconds. `min` (ms) defaults to 1, i.e. zero is refused unless min is 0. */
    duration(key, defMs, opts = {}) {
        const min = opts.min ?? 1;
        return this.#unit(key, defMs, tryParseDuration, min, opts.minText ?? (min === 0 ? '0' : `${min}ms`));
    }
    /** Bytes. `min` defaults to 1. */
    size(key, def, opts = {}) {
        const min = opts.min ?? 1;
        return this.#unit(key, def, tryParseSize, min, opts.minText ?? `${min} byte${min === 1 ? '' : 's'}`, opts.max, opts.maxText);
    }
    oneOf(key, values, def) {
        const v = this.#scalar(key);
        if (v === undefined || v === null)
            return def;
        const s = String(v);
        if (values.includes(s))
            return s;
        const dym = didYouMean(s, values);
        this.issue(key, `must be one of ${values.join(', ')}, got "${s}"`, dym);
        return def;
    }
    /** A list of non-empty strings; a single string is refused with a hint. */
    strList(key, def = []) {
        const n = this.node(key);
        if (n === undefined || (n.kind === 'scalar' && n.value === null))
            return def;
        if (n.kind !== 'seq') {
            const hint = n.kind === 'scalar' && typeof n.value === 'string' ? `write a list: ${key}: [${n.value}]` : undefined;
            this.issues.add(n.pos, this.keyPath(key), `expected a list of strings, got ${describe(n)}`, hint);
            return def;
        }
        const out = [];
        n.items.forEach((it, i) => {
            if (it.kind === 'scalar' && it.invalid)
                return;
            if (it.kind !== 'scalar' || typeof it.value !== 'string') {
                this.issues.add(it.pos, `${this.keyPath(key)}[${i}]`, `expected a string, got ${describe(it)}`);
            }
            else if (it.value.trim() === '') {
                this.issues.add(it.pos, `${this.keyPath(key)}[${i}]`, 'must not be empty');
            }
            else
                out.push(it.value);
        });
        return out;
    }
    /** Positions of the items of a list key (for later cross-checks). */
    itemPos(key, i) {
        const n = this.#map?.entries.get(key)?.value;
        if (n?.kind === 'seq' && n.items[i])
            return n.items[i].pos;
        return n?.pos ?? this.keyPos(key);
    }
    /** The items of a list of maps, as sections. */
    list(key, hints) {
        const n = this.node(key);
        if (n === undefined || (n.kind === 'scalar' && n.value === null))
            return [];
        if (n.kind !== 'seq') {
            this.issues.add(n.pos, this.keyPath(key), `expected a list, got ${describe(n)}`);
            return [];
        }
        return n.items.map((it, i) => new Section(this.issues, it, `${this.keyPath(key)}[${i}]`, it.pos, hints));
    }
    /** Every key not read by any accessor is an error, with a hint. */
    finish() {
        if (!this.#map)
            return;
        for (const [key, e] of this.#map.entries) {
            if (this.#known.has(key))
                continue;
            const hint = this.hints[key] ?? didYouMean(key, this.#known) ?? (this.#known.size > 0 ? `known keys: ${[...this.#known].join(', ')}` : undefined);
            this.issues.add(e.keyPos, this.keyPath(key), 'unknown key', hint);
        }
    }
}
//# sourceMappingURL=reader.js.map