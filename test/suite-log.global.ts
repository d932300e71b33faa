import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Global setup of the suite: a folder for the log of every test server
 * (src/server/suite-log.fixtures.ts), and at the end a search of everything
 * logged for what must never be there. A find fails the run, naming the file
 * and the kind of secret, never the secret itself.
 */

/** What no log line may hold, each with the name the failure gives it. */
export const SECRET_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'a personal API token', pattern: /lh_[A-Za-z0-9_-]{43}/ },
  { name: 'an Authorization header', pattern: /"authorization"|Bearer\s/i },
  { name: 'a session cookie', pattern: /longhaul_session=/ },
  { name: 'a CSRF token header', pattern: /x-csrf-token/i },
  {
    name: "the test suites' passwords",
    pattern: /test suite passphrase|browser suite passphrase|a long and private passphrase/,
  },
  { name: 'a password field', pattern: /"password"\s*:/ },
  { name: 'a single sign-on code or state', pattern: /\/auth\/oidc\/callback\?(?!:redacted)/ },
  { name: 'a password-reset token in a path', pattern: /\/api\/password-resets\/(?!:token)[A-Za-z0-9_-]{20,}/ },
];

/** Every (file, secret kind) found in the logs in `dir`. */
export function scanLogs(dir: string): string[] {
  const found: string[] = [];
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const { name, pattern } of SECRET_PATTERNS) {
      if (pattern.test(text)) found.push(`${file}: ${name}`);
    }
  }
  return found;
}

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-suite-log-'));
  process.env['LONGHAUL_TEST_LOG_DIR'] = dir;
  return () => {
    const found = scanLogs(dir);
    if (found.length > 0) {
      // The folder stays for whoever looks into it. Vitest reports an error thrown here but still exits 0,
      // so the exit code is set as well.
      process.exitCode = 1;
      throw new Error(`the servers of the suite logged what they must never log (folder ${dir}):\n${found.join('\n')}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
