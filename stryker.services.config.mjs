// @ts-check
import core from './stryker.config.mjs';

/**
 * Mutation testing of the services (src/services) by the services' own
 * tests, which run on SQLite: see stryker.config.mjs. The demo seeder has a
 * run of its own (stryker.demo.config.mjs): its tests seed whole
 * organisations, and run against every mutant of the services they pass
 * through, they would take most of the time and stand in for the tests each
 * service has.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutate-services.config.ts', related: false },
  mutate: [
    'src/services/**/*.ts',
    '!src/services/demo.service.ts',
    '!src/services/demo-data/**',
    '!src/**/*.test.ts',
    '!src/**/*.fixtures.ts',
  ],
  incrementalFile: 'reports/mutation/services.incremental.json',
  htmlReporter: { fileName: 'reports/mutation/services.html' },
  jsonReporter: { fileName: 'reports/mutation/services.json' },
};
