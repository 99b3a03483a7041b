import { AgentError } from '../errors.js';
import { isReserved } from './actions.js';
import { NAMED_PATTERNS } from './redact-patterns.js';
export const REDACTION_COUNT_ATTRIBUTE = 'redaction.count';
export class RedactProcessor {
    id;
    #patterns;
    #counts;
    #series;
    #replacement;
    #allow;
    #summary;
    /** Masks made in the record being processed. */
    #recordMasks = 0;
    /** Index of the pattern being applied (read by the replace callback). */
    #current = 0;
    #replace;
    constructor(cfg, metrics) {
        this.id = cfg.id;
        this.#replacement = cfg.replacement;
        this.#allow = new Set(cfg.allowKeys);
        this.#summary = cfg.summary;
        this.#patterns = [
            ...cfg.named.map((name) => {
                const make = NAMED_PATTERNS[name];
                if (!make)
                    throw new AgentError('CONFIG_INVALID', `${cfg.id}: unknown named redaction pattern "${name}"`);
                return make();
            }),
            ...cfg.patterns.map((src, i) => ({ label: `patterns[${i}]`, re: new RegExp(src, 'g') })),
        ];
        this.#counts = this.#patterns.map(() => 0);
        const m = metrics?.counter('sealog_processor_redactions_total', 'Matches masked by a redact processor, per pattern.');
        this.#series = this.#patterns.map((p) => m?.labels({ processor: cfg.id, pattern: p.label }));
        this.#replace = (match, ...rest) => {
            const p = this.#patterns[this.#current];
            if (p.accept && !p.accept(match))
                return match;
            this.#counts[this.#current]++;
            this.#recordMasks++;
            return p.keepGroup1 ? String(rest[0]) + this.#replacement : this.#replacement;
        };
    }
    /** The string with every pattern masked; the same string when nothing matched. */
    redactString(s) {
        let out = s;
        const ps = this.#patterns;
        for (let i = 0; i < ps.length; i++) {
            const p = ps[i];
            if (p.requires !== undefined && !out.includes(p.requires))
                continue;
            const re = p.re;
            re.lastIndex = 0;
            if (!re.test(out))
                continue;
            this.#current = i;
            out = out.replace(re, this.#replace);
        }
        return out;
    }
    #value(v) {
        switch (v.type) {
            case 'string': {
                const r = this.redactString(v.value);
                return r === v.value ? v : { type: 'string', value: r };
            }
            case 'array': {
                let copy;
                for (let i = 0; i < v.value.length; i++) {
                    const item = v.value[i];
                    const n = this.#value(item);
                    if (n !== item) {
                        copy ??= v.value.slice();
                        copy[i] = n;
                    }
                }
                return copy ? { type: 'array', value: copy } : v;
            }
            case 'kvlist': {
                const copy = this.#kvs(v.value);
                return copy ? { type: 'kvlist', value: copy } : v;
            }
            default:
                return v;
        }
    }
    /** A changed copy of the list, or undefined when nothing changed. */
    #kvs(list) {
        let copy;
        for (let i = 0; i < list.length; i++) {
            const kv = list[i];
            if (isReserved(kv.key) || this.#allow.has(kv.key))
                continue;
            const n = this.#value(kv.value);
            if (n !== kv.value) {
                copy ??= list.slice();
                copy[i] = { key: kv.key, value: n };
            }
        }
        return copy;
    }
    #record(rec) {
        this.#recordMasks = 0;
        const body = this.#value(rec.body);
        if (body !== rec.body)
            rec.body = body;
        const attrs = rec.attributes;
        for (let i = 0; i < attrs.length; i++) {
            const kv = attrs[i];
            if (isReserved(kv.key) || this.#allow.has(kv.key))
                continue;
            const n = this.#value(kv.value);
            if (n !== kv.value)
                attrs[i] = { key: kv.key, value: n };
        }
        if (this.#summary && this.#recordMasks > 0) {
            const value = { type: 'int', value: BigInt(this.#recordMasks) };
            let set = false;
            for (let i = 0; i < attrs.length; i++) {
                if (attrs[i].key === REDACTION_COUNT_ATTRIBUTE) {
                    attrs[i] = { key: REDACTION_COUNT_ATTRIBUTE, value };
                    set = true;
                    break;
                }
            }
            if (!set)
                attrs.push({ key: REDACTION_COUNT_ATTRIBUTE, value });
        }
    }
    process(data) {
        if (this.#patterns.length === 0)
            return;
        for (const rl of data.resourceLogs) {
            for (const sl of rl.scopeLogs) {
                const recs = sl.logRecords;
                for (let i = 0; i < recs.length; i++)
                    this.#record(recs[i]);
            }
        }
        const counts = this.#counts;
        for (let i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                this.#series[i]?.inc(counts[i]);
                counts[i] = 0;
            }
        }
    }
}
//# sourceMappingURL=redact.js.map