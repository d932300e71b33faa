// @ts-check
/**
 * Mutation testing of the code that holds rules, one layer at a time and each
 * by its own tests: this file is the core (src/core, with the rules it shares
 * from src/shared), stryker.services.config.mjs the services and
 * stryker.demo.config.mjs the demo seeder.
 * `npm run mutate` runs all three; docs/TESTING.md says what the run is for and
 * keeps the summary of the last one. Everything a run writes goes under
 * reports/, which git ignores.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // src/shared/ladder.ts and time-zone.ts hold rules the engine shares with
  // the web app; the rest of src/shared (Markdown, the radar chart, routes,
  // a random generator) is presentation and plumbing, tested by its suites.
  mutate: [
    'src/core/**/*.ts',
    'src/shared/ladder.ts',
    'src/shared/time-zone.ts',
    '!src/**/*.test.ts',
    '!src/**/*.fixtures.ts',
  ],
  coverageAnalysis: 'perTest',
  // A static mutant (in code that runs when a module loads, such as the zod
  // schemas) can only be tested by every test at once: a third of the mutants
  // and four fifths of the time. They are left out; docs/TESTING.md says so.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/core.incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/core.html' },
  jsonReporter: { fileName: 'reports/mutation/core.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // Two runners at most: the machine has two cores and others share it.
  concurrency: 2,
  timeoutMS: 5_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
