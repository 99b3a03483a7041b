/**
 * Preloaded into a measured Node process (`NODE_OPTIONS=--import=<this file>`)
 * with SEALOG_BENCH_EXIT_REPORT=<path>: at exit it writes the process's own
 * CPU seconds (all threads) and peak RSS (VmHWM) to that path as JSON, so
 * the figures cover the process's whole life, to its last millisecond.
 * With SEALOG_BENCH_MEMORY_SAMPLES=1 it also samples process.memoryUsage()
 * every 100 ms and reports the peak of each part (where the RSS goes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
/** This file, compiled: what NODE_OPTIONS=--import= must name. */
export const EXIT_REPORT_JS = fileURLToPath(import.meta.url);
export const EXIT_REPORT_ENV = 'SEALOG_BENCH_EXIT_REPORT';
export const MEMORY_SAMPLES_ENV = 'SEALOG_BENCH_MEMORY_SAMPLES';
const out = process.env[EXIT_REPORT_ENV];
if (out) {
    let peaks;
    if (process.env[MEMORY_SAMPLES_ENV] === '1') {
        const p = {};
        peaks = p;
        const sample = () => {
            for (const [k, v] of Object.entries(process.memoryUsage()))
                if (v > (p[k] ?? 0))
                    p[k] = v;
        };
        setInterval(sample, 100).unref();
    }
    process.on('exit', () => {
        const u = process.cpuUsage();
        const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
        const report = { cpuSeconds: (u.user + u.system) / 1e6, peakRssBytes: m ? Number(m[1]) * 1024 : 0 };
        if (peaks)
            report.memoryPeaks = peaks;
        writeFileSync(out, JSON.stringify(report));
    });
}
//# sourceMappingURL=exit-report.js.map