/** What one `npm audit --json` report means for the build: pass, fail on high or critical, or not run at all. */
export declare function judgeAudit(stdout: string): { verdict: 'pass' | 'fail' | 'not-run'; message: string };
