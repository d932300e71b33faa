import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeAudit } from '../../scripts/audit.mjs';

/*
 * `npm audit` needs the registry's advisory service, which a test run cannot
 * count on (offline machines, mirrors that refuse the bulk advisory request).
 * So the audit is a CI step (scripts/audit.mjs in .ci/run): a known
 * vulnerability of high severity in the shipped dependencies fails the build,
 * and a registry that cannot answer is reported as "no audit ran".
 */

const report = (vulnerabilities: Record<string, number>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities } });

describe('the dependency audit', () => {
  it.each([
    ['no vulnerability', report({ info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }), 'pass'],
    ['low and moderate only', report({ low: 3, moderate: 2, high: 0, critical: 0, total: 5 }), 'pass'],
    ['one high', report({ low: 0, moderate: 0, high: 1, critical: 0, total: 1 }), 'fail'],
    ['one critical', report({ high: 0, critical: 1, total: 1 }), 'fail'],
    [
      'a registry that refuses the request',
      JSON.stringify({ statusCode: 405, message: '405 Method Not Allowed' }),
      'not-run',
    ],
    ['no report at all', '', 'not-run'],
  ])('%s: %s', (_name, stdout, verdict) => {
    const judged = judgeAudit(stdout);
    expect(judged.verdict).toBe(verdict);
    if (verdict === 'fail') expect(judged.message).toMatch(/high severity vulnerabilities/);
    if (verdict === 'not-run') expect(judged.message).toMatch(/no audit ran/);
  });

  it('runs in CI after installing exactly the lock file and before the tests, under set -e', () => {
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    const lines = ci.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(ci).toMatch(/^set -euo pipefail$/m);
    expect(at(/^node scripts\/audit\.mjs$/)).toBeGreaterThan(at(/^npm ci$/));
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^node scripts\/audit\.mjs$/));
  });
});
