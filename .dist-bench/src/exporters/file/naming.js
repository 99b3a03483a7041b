/**
 * Names of rotated output files (pure), Collector/lumberjack style: the
 * timestamp goes before the extension,
 *   logs.jsonl  ->  logs-2022-09-14T05-02-14.173.jsonl   (UTC)
 * with `-N` after the timestamp if that name is taken, and `.gz` appended
 * when rotated files are compressed.
 */
import { basename, dirname, extname, join } from 'node:path';
function splitBase(path) {
    const base = basename(path);
    const ext = extname(base);
    return { dir: dirname(path), stem: ext === '' ? base : base.slice(0, -ext.length), ext };
}
/** `2022-09-14T05-02-14.173` for a UTC time. */
export function rotationStamp(d) {
    return d.toISOString().replace(/:/g, '-').replace(/Z$/, '');
}
/** The path a live file is renamed to on rotation (uncompressed form); `n` > 0 disambiguates. */
export function backupPath(livePath, when, n = 0) {
    const { dir, stem, ext } = splitBase(livePath);
    return join(dir, `${stem}-${rotationStamp(when)}${n > 0 ? `-${n}` : ''}${ext}`);
}
function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** A matcher for the backups of a live file, in its directory. */
export function backupMatcher(livePath) {
    const { stem, ext } = splitBase(livePath);
    const re = new RegExp(`^${escapeRe(stem)}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3})(?:-(\\d+))?${escapeRe(ext)}(\\.gz)?$`);
    return (name) => {
        const m = re.exec(name);
        if (!m)
            return undefined;
        const n = m[2] === undefined ? 0 : Number(m[2]);
        return { name, key: `${m[1]}#${String(n).padStart(6, '0')}`, compressed: m[3] !== undefined };
    };
}
/** Which backups to delete so at most maxBackups remain (0 = keep all): the oldest first. */
export function backupsToPrune(backups, maxBackups) {
    if (maxBackups <= 0 || backups.length <= maxBackups)
        return [];
    const sorted = [...backups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return sorted.slice(0, sorted.length - maxBackups);
}
//# sourceMappingURL=naming.js.map