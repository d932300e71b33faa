// @ts-check
/**
 * Mutation testing of the code that holds rules: `npm run mutate`.
 * docs/TESTING.md says what it is for and keeps the summary of the last run.
 * Everything it writes goes under reports/, which git ignores.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/core/**/*.ts',
    'src/services/**/*.ts',
    'src/shared/**/*.ts',
    '!src/**/*.test.ts',
    '!src/**/*.fixtures.ts',
  ],
  coverageAnalysis: 'perTest',
  // A static mutant (one in code that runs when a module loads, such as the zod
  // schemas) can only be tested by every test at once: a third of the mutants
  // and four fifths of the time. They are left out; docs/TESTING.md says so.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
