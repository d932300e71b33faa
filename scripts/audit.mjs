// @ts-check
// CI's dependency audit: fails on a known vulnerability of high or critical
// severity in what ships (dev tools left out). When the registry refuses or
// cannot answer the advisory request (some mirrors allow only GET), no audit
// has run: say so plainly and let the build go on, rather than fail every
// build for a service this machine cannot reach.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * What one `npm audit --json` report means for the build.
 * @param {string} stdout the report as npm printed it
 * @returns {{ verdict: 'pass' | 'fail' | 'not-run', message: string }}
 */
export function judgeAudit(stdout) {
  /** @type {any} */
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: 'not-run', message: 'npm audit printed no report; no audit ran.' };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts === undefined) {
    const why = typeof report?.statusCode === 'number' ? `HTTP ${report.statusCode}` : 'no advisory data';
    return {
      verdict: 'not-run',
      message: `npm audit could not get advisories from the registry (${why}); no audit ran.`,
    };
  }
  const high = Number(counts.high ?? 0);
  const critical = Number(counts.critical ?? 0);
  if (high + critical > 0) {
    return {
      verdict: 'fail',
      message: `npm audit: ${critical} critical and ${high} high severity vulnerabilities in shipped dependencies.`,
    };
  }
  return { verdict: 'pass', message: 'npm audit: no high or critical vulnerability in shipped dependencies.' };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { verdict, message } = judgeAudit(run.stdout);
  (verdict === 'pass' ? process.stdout : process.stderr).write(`${message}\n`);
  if (verdict === 'fail') {
    spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high'], { stdio: 'inherit' });
    process.exit(1);
  }
}
