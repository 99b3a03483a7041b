export function median(values) {
    if (values.length === 0)
        return NaN;
    const s = [...values].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
export function spread(values) {
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
const KEYS = ['recordsPerSec', 'mbPerSec', 'cpuSecPerMRecords', 'peakRssMb', 'p50Ms', 'p99Ms', 'maxMs', 'seconds'];
export function summarize(runs) {
    const out = {};
    for (const k of KEYS) {
        const vals = runs.map((r) => r[k]).filter((v) => typeof v === 'number' && Number.isFinite(v));
        if (vals.length)
            out[k] = spread(vals);
    }
    return out;
}
//# sourceMappingURL=stats.js.map