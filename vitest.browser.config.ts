import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the verifier page (dist/verifier/index.html, built
 * by `npm run build`) in a real browser, Debian's chromium driven by
 * playwright-core. Kept apart from `npm test`, which needs no browser. One
 * file at a time: each test starts a browser and often an agent.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
