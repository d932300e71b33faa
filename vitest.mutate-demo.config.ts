import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of the demo seeder
 * (stryker.demo.config.mjs): the demo's own suites, on SQLite.
 * `npm test` uses vitest.config.ts, not this file.
 */
export default defineConfig({
  test: {
    include: ['src/services/demo*.test.ts', 'src/services/demo-data/**/*.test.ts'],
    testTimeout: 20_000,
    allowOnly: false,
    env: { LONGHAUL_TEST_DIALECTS: 'sqlite' },
  },
});
