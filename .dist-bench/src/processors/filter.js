import { valueString } from './value-string.js';
function compile(rule) {
    const c = { name: rule.name, minSeverity: rule.minSeverity ?? 0 };
    if (rule.bodyRegex !== undefined)
        c.body = new RegExp(rule.bodyRegex);
    if (rule.attribute) {
        c.attrKey = rule.attribute.key;
        if (rule.attribute.regex !== undefined)
            c.attrRe = new RegExp(rule.attribute.regex);
        else if (rule.attribute.value !== undefined)
            c.attrValue = rule.attribute.value;
    }
    return c;
}
function matches(r, rec) {
    if (r.minSeverity > 0 && !(rec.severityNumber > 0 && rec.severityNumber < r.minSeverity))
        return false;
    if (r.body !== undefined && !(rec.body.type === 'string' && r.body.test(rec.body.value)))
        return false;
    if (r.attrKey !== undefined) {
        const attrs = rec.attributes;
        let hit = false;
        for (let i = 0; i < attrs.length; i++) {
            const kv = attrs[i];
            if (kv.key !== r.attrKey)
                continue;
            const s = valueString(kv.value);
            hit = r.attrRe !== undefined ? r.attrRe.test(s) : s === r.attrValue;
            break;
        }
        if (!hit)
            return false;
    }
    return true;
}
export class FilterProcessor {
    id;
    #rules;
    constructor(cfg, metrics) {
        this.id = cfg.id;
        this.#rules = cfg.rules.map(compile);
        if (metrics) {
            const m = metrics.counter('sealog_processor_filtered_records_total', 'Log records dropped by a filter processor rule.');
            for (const r of this.#rules)
                r.dropped = m.labels({ processor: cfg.id, rule: r.name });
        }
    }
    process(data) {
        const rules = this.#rules;
        const rls = data.resourceLogs;
        let rlKeep = 0;
        for (let a = 0; a < rls.length; a++) {
            const rl = rls[a];
            const sls = rl.scopeLogs;
            let slKeep = 0;
            let droppedInRl = false;
            for (let b = 0; b < sls.length; b++) {
                const sl = sls[b];
                const recs = sl.logRecords;
                let w = 0;
                for (let i = 0; i < recs.length; i++) {
                    const rec = recs[i];
                    let drop;
                    for (let k = 0; k < rules.length; k++) {
                        if (matches(rules[k], rec)) {
                            drop = rules[k];
                            break;
                        }
                    }
                    if (drop)
                        drop.dropped?.inc();
                    else
                        recs[w++] = rec;
                }
                const dropped = w < recs.length;
                recs.length = w;
                // Keep scopes that were empty on arrival; drop those this filter emptied.
                if (w > 0 || !dropped)
                    sls[slKeep++] = sl;
                else
                    droppedInRl = true;
            }
            sls.length = slKeep;
            if (slKeep > 0 || !droppedInRl)
                rls[rlKeep++] = rl;
        }
        rls.length = rlKeep;
    }
}
//# sourceMappingURL=filter.js.map