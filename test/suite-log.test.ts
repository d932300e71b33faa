import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLogs } from './suite-log.global.js';

/* The search the suite's teardown runs over every test server's log: it must find each kind of secret. */

function logOf(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-scan-'));
  writeFileSync(join(dir, 'server.log'), lines.join('\n'));
  return dir;
}

describe("the search of the suite's logs", () => {
  it('passes a log of ordinary request lines, redacted ones included', () => {
    const dir = logOf([
      '{"level":30,"method":"GET","route":"/api/people/:personId","url":"/api/people/4f1c","status":200}',
      '{"level":30,"method":"GET","url":"/auth/oidc/callback?:redacted","status":303}',
      '{"level":30,"method":"POST","url":"/api/password-resets/:token","status":204}',
    ]);
    expect(scanLogs(dir)).toEqual([]);
  });

  it.each([
    ['a personal API token', `{"msg":"lh_${'a'.repeat(43)}"}`],
    ['an Authorization header', '{"req":{"headers":{"authorization":"x"}}}'],
    ['a session cookie', '{"cookie":"longhaul_session=abc"}'],
    ['a CSRF token header', '{"x-csrf-token":"abc"}'],
    ["the test suites' passwords", '{"msg":"test suite passphrase, long enough"}'],
    ['a password field', '{"body":{"password": "x"}}'],
    ['a single sign-on code or state', '{"url":"/auth/oidc/callback?code=abc&state=def"}'],
    ['a password-reset token in a path', `{"url":"/api/password-resets/${'Z'.repeat(43)}"}`],
  ])('finds %s', (name, line) => {
    expect(scanLogs(logOf([line]))).toEqual([`server.log: ${name}`]);
  });
});
