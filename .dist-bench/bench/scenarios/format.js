/** Plain-text tables and number formatting for the bench's output. */
export function fmtInt(x) {
    return x === undefined || !Number.isFinite(x) ? '-' : Math.round(x).toLocaleString('en-US');
}
export function fmt(x, digits = 1) {
    return x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits);
}
/** Whole numbers from 100 up, three significant digits below (3.41, 0.052). */
export function fmtValue(x) {
    if (!Number.isFinite(x))
        return '-';
    return Math.abs(x) >= 100 ? fmtInt(x) : Number(x.toPrecision(3)).toString();
}
/** 1234567 -> "1.23M", 153000 -> "153k". */
export function fmtShort(x) {
    if (x === undefined || !Number.isFinite(x))
        return '-';
    if (x >= 1e6)
        return `${(x / 1e6).toFixed(2)}M`;
    if (x >= 1e4)
        return `${Math.round(x / 1e3)}k`;
    return Math.round(x).toString();
}
/** Left-aligns the first column and right-aligns the rest. */
export function table(headers, rows) {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
//# sourceMappingURL=format.js.map