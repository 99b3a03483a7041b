import { defineConfig } from 'vitest/config';

/**
 * `npm run test:interop`: sealog against the real OpenTelemetry Collector
 * (built by `npm run peers` into .peers/otelcol). Kept apart from `npm test`,
 * which needs no Go. The files run one at a time: each starts Collectors and
 * agents, and two cores are all there is.
 */
export default defineConfig({
  test: {
    include: ['test/interop/**/*.interop.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
