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
 * Quiet-time collection: every 10 s, if no GC ran in the last 10 s and the
 * committed heap (or ArrayBuffer memory) exceeds what is used by 16 MB, one
 * full GC (gc() exposed with --expose-gc set at run time).
 *
 * WebAssembly and GC flags are read when they are used (at a compile, at a
 * GC), which is what makes setting them at run time effective; Node.js
 * documents setFlagsFromString after start-up as unsupported in general.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const OLD_GROWTH_PERCENT = 30;
/** Target size of the young generation: two semi-spaces of 8 MB. */
const YOUNG_TARGET_BYTES = 16 * 1024 * 1024;
const USER_HEAP_FLAGS = /--(max-semi-space-size|min-semi-space-size|semi-space-growth-factor|heap-growing-percent|max-old-space-size|max-heap-size)\b/;

/** Whether the user sized V8's heap themselves (command line or NODE_OPTIONS). */
export function userSetHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => USER_HEAP_FLAGS.test(a)) || USER_HEAP_FLAGS.test(nodeOptions ?? '');
}

/** The semi-space growth factor that steers the young generation towards `target` bytes. */
export function youngGrowthFactor(youngBytes: number, target: number = YOUNG_TARGET_BYTES): 1 | 2 {
  return youngBytes * 2 <= target ? 2 : 1;
}

function youngGenerationBytes(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return s.space_size;
  return 0;
}

export interface RuntimeTuning {
  /** False when the user's own V8 heap flags are in force (the heap is then left alone). */
  heapSteered: boolean;
  /** Stops steering the young generation. */
  stop(): void;
}

/** How often the agent looks whether it went quiet with garbage left over from a burst. */
const QUIET_CHECK_MS = 10_000;
/** Garbage worth one full collection once quiet: committed V8 heap above what is used, or ArrayBuffer memory. */
const QUIET_SLACK_BYTES = 16 * 1024 * 1024;

/**
 * Whether a quiet agent should collect now: no GC ran in the last check
 * period and there is enough to give back. Measured: after a burst of 200 x
 * 1 MB requests V8 kept ~65 MB of anonymous memory for over a minute (its
 * memory reducer did not run: the agent never stops allocating entirely);
 * one full collection brought it within ~10-15 MB of idle.
 */
export function shouldCollectWhenQuiet(gcsSinceCheck: number, heap: { total: number; used: number }, arrayBuffers: number): boolean {
  return gcsSinceCheck === 0 && (heap.total - heap.used > QUIET_SLACK_BYTES || arrayBuffers > QUIET_SLACK_BYTES);
}

/** V8's gc() for this process (the flag set at run time is read when a context is made), or undefined. */
function exposedGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Applies the settings. */
export function tuneRuntimeForAgent(): RuntimeTuning {
  setFlagsFromString('--liftoff-only');
  if (userSetHeapFlags(process.execArgv, process.env['NODE_OPTIONS'])) return { heapSteered: false, stop: () => {} };
  setFlagsFromString(`--heap-growing-percent=${OLD_GROWTH_PERCENT}`);
  let factor = 0;
  const steer = (): void => {
    const next = youngGrowthFactor(youngGenerationBytes());
    if (next === factor) return;
    factor = next;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  steer();
  // After every GC: the young generation grows (or shrinks) only at a GC.
  let gcsSinceCheck = 0;
  const gcs = new PerformanceObserver(() => {
    gcsSinceCheck++;
    steer();
  });
  gcs.observe({ type: 'gc' });
  // Once quiet after a burst, one full collection: frees the burst's dead objects and the request
  // bodies they held, and lets V8 give back the pages (docs/OTLP-RECEIVER.md, "Memory after a burst").
  const gc = exposedGc();
  const quiet = gc
    ? setInterval(() => {
        const h = getHeapStatistics();
        if (shouldCollectWhenQuiet(gcsSinceCheck, { total: h.total_heap_size, used: h.used_heap_size }, process.memoryUsage().arrayBuffers)) gc();
        gcsSinceCheck = 0;
      }, QUIET_CHECK_MS)
    : undefined;
  quiet?.unref();
  return {
    heapSteered: true,
    stop: () => {
      gcs.disconnect();
      if (quiet) clearInterval(quiet);
    },
  };
}
