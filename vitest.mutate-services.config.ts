import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of the services
 * (stryker.services.config.mjs): their own suites but the demo's, on SQLite
 * only, so no run needs PostgreSQL and two runners can work side by side.
 * `npm test` uses vitest.config.ts, not this file.
 */
export default defineConfig({
  test: {
    include: ['src/services/**/*.test.ts'],
    exclude: ['src/services/demo*.test.ts', 'src/services/demo-data/**', 'node_modules/**'],
    testTimeout: 20_000,
    allowOnly: false,
    env: { LONGHAUL_TEST_DIALECTS: 'sqlite' },
  },
});
