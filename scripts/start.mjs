// @ts-check
// `npm start`: build only when the build is missing or stale, then serve.
// Right after `npm ci` (whose prepare script builds) it starts at once.
// Arguments after `npm start --` go to `longhaul serve`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDecision } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const decision = buildDecision(root);
if (decision.build) {
  process.stderr.write(`Building first: ${decision.reason}.\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// The CLI reads its arguments from process.argv: run `longhaul serve …` in this same process.
process.argv.splice(2, 0, 'serve');
await import('../bin/longhaul.js');
