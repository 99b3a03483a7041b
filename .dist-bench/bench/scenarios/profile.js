/**
 * Reads a V8 .cpuprofile (written by `node --cpu-prof`) and sums self time
 * per function and per file: what docs/PERFORMANCE.md quotes as "where the
 * agent's CPU goes".
 */
import { readFileSync } from 'node:fs';
/** `.../dist/src/receivers/filelog/x.js` -> `src/receivers/filelog`; `.../dist/src/otlp/x.js` -> `src/otlp`. */
function component(url) {
    const m = /\/dist\/(src\/[^/]+)\/(?:([^/]+)\/)?[^/]+$/.exec(url);
    if (!m)
        return undefined;
    const nested = m[1] === 'src/receivers' || m[1] === 'src/exporters' || m[1] === 'src/integrity';
    return nested && m[2] ? `${m[1]}/${m[2]}` : m[1];
}
function shortUrl(url) {
    if (!url)
        return '';
    const s = url.replace(/^file:\/\//, '');
    const i = s.lastIndexOf('/node_modules/');
    if (i >= 0)
        return s.slice(i + 1);
    const d = s.indexOf('/dist/');
    if (d >= 0)
        return s.slice(d + 6);
    return s.startsWith('node:') ? s : s.split('/').slice(-2).join('/');
}
export function summarizeProfile(path, top = 25) {
    const p = JSON.parse(readFileSync(path, 'utf8'));
    const byId = new Map();
    const parent = new Map();
    for (const n of p.nodes) {
        byId.set(n.id, n);
        for (const c of n.children ?? [])
            parent.set(c, n.id);
    }
    const selfUs = new Map();
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
        // timeDeltas[i] is the time before sample i; charge it to that sample's node.
        const id = samples[i];
        selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, deltas[i] ?? 0));
    }
    const comps = new Map();
    const charge = (m, key, name, where, us) => {
        const e = m.get(key) ?? { name, where, ms: 0, pct: 0 };
        e.ms += us / 1000;
        m.set(key, e);
    };
    for (let i = 0; i < samples.length; i++) {
        const id = samples[i];
        const fn = byId.get(id).callFrame.functionName;
        if (fn === '(idle)')
            continue;
        let key = fn === '(garbage collector)' || fn === '(program)' ? fn : undefined;
        for (let cur = id; key === undefined && cur !== undefined; cur = parent.get(cur))
            key = component(byId.get(cur).callFrame.url);
        key ??= '(node internals, no sealog caller: I/O and zlib callbacks)';
        charge(comps, key, key, '', Math.max(0, deltas[i] ?? 0));
    }
    const fns = new Map();
    const files = new Map();
    let total = 0;
    let idle = 0;
    for (const [id, us] of selfUs) {
        const cf = byId.get(id).callFrame;
        total += us;
        if (cf.functionName === '(idle)') {
            idle += us;
            continue;
        }
        const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : '';
        const name = cf.functionName || '(anonymous)';
        charge(fns, `${name}@${where}`, name, where, us);
        const file = cf.url ? shortUrl(cf.url) : name;
        charge(files, file, file, '', us);
    }
    const busyMs = (total - idle) / 1000;
    const rank = (m) => [...m.values()]
        .map((x) => ({ ...x, pct: busyMs > 0 ? (x.ms / busyMs) * 100 : 0 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, top);
    return { totalMs: total / 1000, busyMs, functions: rank(fns), files: rank(files), components: rank(comps) };
}
//# sourceMappingURL=profile.js.map