/**
 * "Did you mean" suggestions: the closest known word by edit distance.
 */
/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a, b) {
    if (a === b)
        return 0;
    if (a.length === 0)
        return b.length;
    if (b.length === 0)
        return a.length;
    let prev = new Array(b.length + 1);
    let cur = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        cur[0] = i;
        const ca = a.charCodeAt(i - 1);
        for (let j = 1; j <= b.length; j++) {
            const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        [prev, cur] = [cur, prev];
    }
    return prev[b.length];
}
/**
 * The known word closest to `word`, if it is close enough to be a plausible
 * typo: at most a third of the longer word's length (minimum 2) edits away,
 * comparing case-insensitively and treating `-` like `_`.
 */
export function closest(word, known) {
    const norm = (s) => s.toLowerCase().replace(/-/g, '_');
    const w = norm(word);
    let best;
    let bestD = Infinity;
    for (const k of known) {
        const nk = norm(k);
        // A shortened or lengthened key (max_nesting for max_nesting_depth) is a likely slip too.
        const prefix = Math.min(w.length, nk.length) >= 4 && (nk.startsWith(w) || w.startsWith(nk));
        const d = prefix ? 1 : editDistance(w, nk);
        const limit = Math.max(2, Math.floor(Math.max(w.length, k.length) / 3));
        if (d <= limit && d < bestD) {
            best = k;
            bestD = d;
        }
    }
    return best;
}
/** `did you mean "x"?` or undefined. */
export function didYouMean(word, known) {
    const c = closest(word, known);
    return c === undefined ? undefined : `did you mean "${c}"?`;
}
//# sourceMappingURL=hint.js.map