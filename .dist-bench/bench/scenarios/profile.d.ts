export interface SelfTime {
    name: string;
    where: string;
    ms: number;
    /** Share of the busy (non-idle) time, 0..100. */
    pct: number;
}
export interface ProfileSummary {
    totalMs: number;
    busyMs: number;
    functions: SelfTime[];
    files: SelfTime[];
    /** Each sample charged to the nearest sealog component on its stack (node:crypto under src/integrity counts as src/integrity). */
    components: SelfTime[];
}
export declare function summarizeProfile(path: string, top?: number): ProfileSummary;
