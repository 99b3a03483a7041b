/**
 * V8 settings for the long-running agent, applied before any component
 * starts. They trade a little GC work for a smaller, steadier resident set
 * (measured in docs/PERFORMANCE.md, "Memory"). A V8 heap flag given on the
 * command line or in NODE_OPTIONS wins: the heap settings are then left
 * alone.
 *
 * `--liftoff-only`: WebAssembly is compiled by V8's baseline compiler only,
 * never optimized. The one WebAssembly module the agent runs is undici's
 * HTTP/1.1 parser (llhttp), which reads the few hundred bytes of each export
 * response. Optimizing it took a ~35 MB burst of compiler memory at the first
 * request, 40 % of an idle agent's peak RSS, and nothing measurable in CPU.
 *
 * `--heap-growing-percent`: after each full GC, V8 lets the old generation
 * grow to up to 4 times what survived before collecting again. The agent's
 * live heap is ~25 MB, but under bursts the limit went past 100 MB of mostly
 * garbage (a 60 MB swing in peak RSS from one run to the next). Capping the
 * growth at 30 % keeps the garbage bounded.
 *
 * Young generation: V8 doubles a semi-space (from 1 MB up to 16 MB, twice
 * over for the two semi-spaces) as objects keep surviving, and a busy agent
 * always ends at the maximum: 32 MB. 8 MB semi-spaces save ~16 MB for ~2 %
 * more CPU (twice the scavenges, each half the size; smaller semi-spaces
 * promote records in flight and cost far more).
 * The maximum can only be set when the process starts, so the growth factor
 * is steered instead: 2 below the target, 1 at it, checked after every GC
 * (V8 shrinks the space again when allocation drops, so this goes on for
 * the life of the process).
 *
 * WebAssembly and GC flags are read when they are used (at a compile, at a
 * GC), which is what makes setting them at run time effective; Node.js
 * documents setFlagsFromString after start-up as unsupported in general.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
const OLD_GROWTH_PERCENT = 30;
/** Target size of the young generation: two semi-spaces of 8 MB. */
const YOUNG_TARGET_BYTES = 16 * 1024 * 1024;
const USER_HEAP_FLAGS = /--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor|heap-growing-percent|max-old-space-size|max-heap-size)\b/;
/** Whether the user sized V8's heap themselves (command line or NODE_OPTIONS). */
export function userSetHeapFlags(execArgv, nodeOptions) {
    return execArgv.some((a) => USER_HEAP_FLAGS.test(a)) || USER_HEAP_FLAGS.test(nodeOptions ?? '');
}
/** The semi-space growth factor that steers the young generation towards `target` bytes. */
export function youngGrowthFactor(youngBytes, target = YOUNG_TARGET_BYTES) {
    return youngBytes * 2 <= target ? 2 : 1;
}
function youngGenerationBytes() {
    for (const s of getHeapSpaceStatistics())
        if (s.space_name === 'new_space')
            return s.space_size;
    return 0;
}
/** Applies the settings. */
export function tuneRuntimeForAgent() {
    setFlagsFromString('--liftoff-only');
    if (userSetHeapFlags(process.execArgv, process.env['NODE_OPTIONS']))
        return { heapSteered: false, stop: () => { } };
    setFlagsFromString(`--heap-growing-percent=${OLD_GROWTH_PERCENT}`);
    let factor = 0;
    const steer = () => {
        const next = youngGrowthFactor(youngGenerationBytes());
        if (next === factor)
            return;
        factor = next;
        setFlagsFromString(`--semi-space-growth-factor=${next}`);
    };
    steer();
    // After every GC: the young generation grows (or shrinks) only at a GC.
    const gcs = new PerformanceObserver(steer);
    gcs.observe({ type: 'gc' });
    return { heapSteered: true, stop: () => gcs.disconnect() };
}
//# sourceMappingURL=runtime.js.map