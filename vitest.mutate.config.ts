import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of the core (stryker.config.mjs):
 * the core's and src/shared's own suites, which need no database or browser,
 * with property tests trying a tenth of their cases.
 * `npm test` uses vitest.config.ts, not this file.
 */
export default defineConfig({
  test: {
    include: ['src/core/**/*.test.ts', 'src/shared/**/*.test.ts'],
    testTimeout: 20_000,
    allowOnly: false,
    // A tenth of each property test's cases: see src/shared/property-runs.fixtures.ts.
    env: { LONGHAUL_PROPERTY_RUNS_SCALE: '0.1' },
  },
});
