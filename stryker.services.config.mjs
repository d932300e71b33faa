// @ts-check
import core from './stryker.config.mjs';

/**
 * Mutation testing of the services (src/services) by the services' own
 * tests, which run on SQLite: see stryker.config.mjs.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutate-services.config.ts', related: false },
  mutate: ['src/services/**/*.ts', '!src/**/*.test.ts', '!src/**/*.fixtures.ts'],
  incrementalFile: 'reports/mutation/services.incremental.json',
  htmlReporter: { fileName: 'reports/mutation/services.html' },
  jsonReporter: { fileName: 'reports/mutation/services.json' },
};
