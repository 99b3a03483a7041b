/** A one-line progress bar on stderr, redrawn at most every 200 ms; only for large inputs. */
const MIN_BYTES = 64 * 1024 * 1024;
export function progressBar(label) {
    let last = 0;
    let drawn = false;
    const start = Date.now();
    return {
        update(done, total) {
            if (total < MIN_BYTES)
                return;
            const now = Date.now();
            if (now - last < 200)
                return;
            last = now;
            const frac = Math.min(1, done / total);
            const width = 30;
            const fill = Math.round(frac * width);
            const mbs = done / 1e6 / Math.max(0.001, (now - start) / 1000);
            process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% ${mbs.toFixed(0)} MB/s `);
            drawn = true;
        },
        done() {
            if (drawn)
                process.stderr.write('\r\x1b[K');
        },
    };
}
//# sourceMappingURL=progress.js.map