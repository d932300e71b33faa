import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutate`): the suites of
 * the code that holds rules (src/core, src/services, src/shared), on SQLite
 * only, so no run needs PostgreSQL or a browser and two runners can work side
 * by side. `npm test` uses vitest.config.ts, not this file.
 */
export default defineConfig({
  test: {
    include: ['src/core/**/*.test.ts', 'src/services/**/*.test.ts', 'src/shared/**/*.test.ts'],
    testTimeout: 20_000,
    allowOnly: false,
    env: { LONGHAUL_TEST_DIALECTS: 'sqlite' },
  },
});
