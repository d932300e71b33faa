import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    allowOnly: false,
    // Every test server logs to a folder the teardown then searches for passwords, tokens and cookies.
    globalSetup: ['test/suite-log.global.ts'],
  },
});
