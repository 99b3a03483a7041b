/**
 * Finding the files the include/exclude globs select: a directory walk that
 * follows the glob segments (so only relevant directories are read), then one
 * stat per candidate. Used at start and on every poll; watcher events only
 * make the next poll come sooner.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { matchesAny } from './glob.js';
async function listDir(dir, errors) {
    try {
        return await readdir(dir, { withFileTypes: true });
    }
    catch (err) {
        const code = err.code ?? 'EIO';
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            errors.push({ path: dir, code });
        return [];
    }
}
async function walk(g, dir, si, out, errors, depthGuard) {
    const seg = g.segments[si];
    const last = si === g.segments.length - 1;
    if (seg.kind === 'literal') {
        const p = join(dir, seg.name);
        if (last)
            out.add(p);
        else
            await walk(g, p, si + 1, out, errors, depthGuard);
        return;
    }
    if (seg.kind === 'globstar') {
        if (depthGuard > 64)
            return;
        const entries = await listDir(dir, errors);
        if (last) {
            for (const e of entries) {
                const p = join(dir, e.name);
                if (e.isDirectory())
                    await walk(g, p, si, out, errors, depthGuard + 1);
                else
                    out.add(p);
            }
            return;
        }
        await walk(g, dir, si + 1, out, errors, depthGuard);
        // Real directories only: following directory symlinks under ** could loop.
        for (const e of entries)
            if (e.isDirectory())
                await walk(g, join(dir, e.name), si, out, errors, depthGuard + 1);
        return;
    }
    const entries = await listDir(dir, errors);
    for (const e of entries) {
        if (!seg.re.test(e.name))
            continue;
        const p = join(dir, e.name);
        if (last) {
            if (!e.isDirectory())
                out.add(p);
        }
        else if (e.isDirectory() || e.isSymbolicLink()) {
            await walk(g, p, si + 1, out, errors, depthGuard);
        }
    }
}
/** Paths (not yet stat'ed) that the include globs select and the exclude globs do not. */
export async function candidatePaths(include, exclude, errors) {
    const found = new Set();
    for (const g of include)
        await walk(g, g.base, 0, found, errors, 0);
    const out = [];
    for (const p of found)
        if (matchesAny(include, p) && !matchesAny(exclude, p))
            out.push(p);
    out.sort();
    return out;
}
const STAT_CONCURRENCY = 16;
/** Stats every candidate (following symlinks) and keeps regular files. */
export async function discover(include, exclude) {
    const errors = [];
    const paths = await candidatePaths(include, exclude, errors);
    const files = new Array(paths.length);
    let next = 0;
    const worker = async () => {
        while (next < paths.length) {
            const i = next++;
            const p = paths[i];
            try {
                const st = await stat(p, { bigint: true });
                if (!st.isFile())
                    continue;
                const dev = st.dev.toString();
                const ino = st.ino.toString();
                files[i] = { path: p, id: `${dev}:${ino}`, dev, ino, size: Number(st.size), mtimeMs: Number(st.mtimeMs) };
            }
            catch (err) {
                const code = err.code ?? 'EIO';
                if (code !== 'ENOENT' && code !== 'ENOTDIR')
                    errors.push({ path: p, code });
            }
        }
    };
    const workers = [];
    for (let w = 0; w < Math.min(STAT_CONCURRENCY, paths.length); w++)
        workers.push(worker());
    await Promise.all(workers);
    return { files: files.filter((f) => f !== undefined), errors };
}
//# sourceMappingURL=discovery.js.map