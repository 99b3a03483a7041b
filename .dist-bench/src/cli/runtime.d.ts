/** Whether the user sized V8's heap themselves (command line or NODE_OPTIONS). */
export declare function userSetHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean;
/** The semi-space growth factor that steers the young generation towards `target` bytes. */
export declare function youngGrowthFactor(youngBytes: number, target?: number): 1 | 2;
export interface RuntimeTuning {
    /** False when the user's own V8 heap flags are in force (the heap is then left alone). */
    heapSteered: boolean;
    /** Stops steering the young generation. */
    stop(): void;
}
/** Applies the settings. */
export declare function tuneRuntimeForAgent(): RuntimeTuning;
