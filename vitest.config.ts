import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests need chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // Property tests: one fixed seed unless FC_SEED says otherwise (test/setup/fast-check-seed.ts).
    setupFiles: ['test/setup/fast-check-seed.ts'],
    // Generous on purpose: many tests run real processes, servers and fsync, and CI runs on a busy 2-core
    // machine where such a test can take ten times as long as on an idle one. A passing test costs the same;
    // only a hang waits longer before it is reported. Tests wait for conditions, never for fixed sleeps.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
