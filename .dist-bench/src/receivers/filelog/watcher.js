/**
 * chokidar 5 over the glob base directories. Events are only hints: a change
 * to a known file queues it for reading, anything else asks for a discovery
 * pass soon. Correctness never depends on an event arriving (polling runs too).
 */
import { FSWatcher } from 'chokidar';
import { dirCouldMatch, matchesAny } from './glob.js';
/** Directory depth chokidar must watch under each base (undefined = unlimited, for `**`). */
function baseDepths(include) {
    const out = new Map();
    for (const g of include) {
        const d = g.segments.some((s) => s.kind === 'globstar') ? undefined : g.segments.length - 1;
        if (!out.has(g.base))
            out.set(g.base, d);
        else {
            const cur = out.get(g.base);
            out.set(g.base, cur === undefined || d === undefined ? undefined : Math.max(cur, d));
        }
    }
    return out;
}
export async function startWatcher(include, exclude, h) {
    const depths = baseDepths(include);
    let depth = 0;
    for (const d of depths.values())
        depth = d === undefined || depth === undefined ? undefined : Math.max(depth, d);
    const ignored = (p, stats) => {
        if (stats?.isDirectory())
            return !dirCouldMatch(include, p);
        const file = matchesAny(include, p) && !matchesAny(exclude, p);
        if (stats)
            return !file;
        return !file && !dirCouldMatch(include, p);
    };
    const watcher = new FSWatcher({
        ignoreInitial: true,
        persistent: true,
        followSymlinks: true,
        atomic: false,
        ignored,
        ...(depth === undefined ? {} : { depth }),
    });
    watcher.on('change', (p) => h.changed(p));
    watcher.on('add', (p) => h.structure(p));
    watcher.on('unlink', (p) => h.structure(p));
    watcher.on('addDir', (p) => h.structure(p));
    watcher.on('unlinkDir', (p) => h.structure(p));
    watcher.on('error', (err) => h.error(err));
    const ready = new Promise((resolve) => watcher.once('ready', () => resolve()));
    watcher.add([...depths.keys()]);
    await ready;
    return watcher;
}
//# sourceMappingURL=watcher.js.map