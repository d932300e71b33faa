// @ts-check
import core from './stryker.config.mjs';

/**
 * Mutation testing of the demo seeder (src/services/demo.service.ts and its
 * data module) by the demo's own tests: see stryker.services.config.mjs.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...core,
  vitest: { configFile: 'vitest.mutate-demo.config.ts', related: false },
  mutate: ['src/services/demo.service.ts', 'src/services/demo-data/**/*.ts', '!src/**/*.test.ts'],
  incrementalFile: 'reports/mutation/demo.incremental.json',
  htmlReporter: { fileName: 'reports/mutation/demo.html' },
  jsonReporter: { fileName: 'reports/mutation/demo.json' },
};
