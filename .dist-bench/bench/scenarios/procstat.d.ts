/** Clock ticks per second (`getconf CLK_TCK`), 100 when it cannot be read. */
export declare function clockTicks(): number;
/** User + system CPU seconds used so far, or undefined when the process is gone. */
export declare function cpuSeconds(pid: number): number | undefined;
/** Peak resident set size (VmHWM) in bytes, or undefined when the process is gone. */
export declare function peakRssBytes(pid: number): number | undefined;
/**
 * Samples a process every `everyMs` so that its last known peak RSS and CPU
 * time survive its exit. Call sample() right before stopping it for exact
 * figures.
 */
export declare class ProcSampler {
    private readonly pid;
    peakRss: number;
    cpu: number;
    private readonly timer;
    constructor(pid: number, everyMs?: number);
    sample(): void;
    stop(): void;
}
