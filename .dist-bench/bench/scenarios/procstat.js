/**
 * CPU time and peak memory of another process, read from /proc (Linux):
 * utime + stime from /proc/<pid>/stat (all threads of the process, so the
 * libuv pool and zlib work count too) and VmHWM (peak resident set) from
 * /proc/<pid>/status.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
let ticks;
/** Clock ticks per second (`getconf CLK_TCK`), 100 when it cannot be read. */
export function clockTicks() {
    if (ticks === undefined) {
        try {
            ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
        }
        catch {
            ticks = 100;
        }
    }
    return ticks;
}
/** User + system CPU seconds used so far, or undefined when the process is gone. */
export function cpuSeconds(pid) {
    let stat;
    try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    }
    catch {
        return undefined;
    }
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}
/** Peak resident set size (VmHWM) in bytes, or undefined when the process is gone. */
export function peakRssBytes(pid) {
    let status;
    try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
    }
    catch {
        return undefined;
    }
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
}
/**
 * Samples a process every `everyMs` so that its last known peak RSS and CPU
 * time survive its exit. Call sample() right before stopping it for exact
 * figures.
 */
export class ProcSampler {
    pid;
    peakRss = 0;
    cpu = 0;
    timer;
    constructor(pid, everyMs = 250) {
        this.pid = pid;
        this.timer = setInterval(() => this.sample(), everyMs);
        this.timer.unref();
    }
    sample() {
        const rss = peakRssBytes(this.pid);
        if (rss !== undefined && rss > this.peakRss)
            this.peakRss = rss;
        const cpu = cpuSeconds(this.pid);
        if (cpu !== undefined)
            this.cpu = cpu;
    }
    stop() {
        clearInterval(this.timer);
    }
}
//# sourceMappingURL=procstat.js.map