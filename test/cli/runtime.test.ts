import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shouldCollectWhenQuiet, userSetHeapFlags, youngGrowthFactor } from '../../src/cli/runtime.js';

const MB = 1024 * 1024;
const RUNTIME_JS = fileURLToPath(new URL('../../dist/src/cli/runtime.js', import.meta.url));

/** Runs a child that allocates records which survive a while, and reports its largest young generation in MB. */
function largestYoungGeneration(tuned: boolean): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { tuneRuntimeForAgent } from ${JSON.stringify(RUNTIME_JS)};
    if (${tuned}) tuneRuntimeForAgent();
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    let keep = [], max = 0;
    const end = Date.now() + 2500;
    while (Date.now() < end) {
      for (let i = 0; i < 50000; i++) { keep.push({ i, s: 'line ' + i }); if (keep.length > 200000) keep = []; }
      max = Math.max(max, young());
      await new Promise((r) => setTimeout(r, 0)); // lets the steering timer run, as the agent's event loop does
    }
    console.log(max);
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(out.status, out.stderr).toBe(0);
  return Number(out.stdout.trim()) / MB;
}

describe('agent runtime tuning', () => {
  it('collects once quiet only when no GC ran in the period and a burst left enough behind', () => {
    expect(shouldCollectWhenQuiet(0, { total: 60 * MB, used: 12 * MB }, 0)).toBe(true);
    expect(shouldCollectWhenQuiet(0, { total: 20 * MB, used: 12 * MB }, 40 * MB)).toBe(true);
    expect(shouldCollectWhenQuiet(0, { total: 20 * MB, used: 12 * MB }, 1 * MB)).toBe(false); // nothing to give back
    expect(shouldCollectWhenQuiet(3, { total: 60 * MB, used: 12 * MB }, 40 * MB)).toBe(false); // busy: V8 collects anyway
  });

  it('steers the semi-space growth factor: 2 while the young generation is below 16 MB, 1 from there', () => {
    expect(youngGrowthFactor(2 * MB)).toBe(2);
    expect(youngGrowthFactor(8 * MB)).toBe(2); // doubling reaches the target exactly
    expect(youngGrowthFactor(16 * MB)).toBe(1);
    expect(youngGrowthFactor(32 * MB)).toBe(1);
  });

  it('leaves the heap alone when the user sized it on the command line or in NODE_OPTIONS', () => {
    expect(userSetHeapFlags([], undefined)).toBe(false);
    expect(userSetHeapFlags(['--enable-source-maps'], '--trace-warnings')).toBe(false);
    expect(userSetHeapFlags(['--max-semi-space-size=4'], undefined)).toBe(true);
    expect(userSetHeapFlags([], '--max-old-space-size=256')).toBe(true);
    expect(userSetHeapFlags(['--heap-growing-percent=50'], '')).toBe(true);
  });

  it('keeps a busy process young generation at 16 MB, where V8 alone grows it to 32 MB', () => {
    const untuned = largestYoungGeneration(false);
    const tuned = largestYoungGeneration(true);
    expect(untuned).toBeGreaterThan(16);
    expect(tuned).toBeLessThanOrEqual(16);
    expect(tuned).toBeGreaterThanOrEqual(8); // it still grows: a tiny one would promote records in flight
  });
});
