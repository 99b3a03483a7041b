/** Search in ascending arrays of numbers. Pure. */
/** The last index i in [from, sorted.length) with sorted[i] <= x, or -1 if there is none. */
export function lastAtOrBefore(sorted, from, x) {
    let lo = from;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] <= x) {
            found = mid;
            lo = mid + 1;
        }
        else {
            hi = mid - 1;
        }
    }
    return found;
}
//# sourceMappingURL=sorted.js.map