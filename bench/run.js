// Benchmarks for Longhaul. Run with `npm run bench` (it builds first).
// Prints a Markdown table of medians; docs/BENCHMARKS.md records the figures
// with the date. The machines are noisy: compare ratios from one run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { parseLadder } from '../dist/core/ladder-loader.js';
import { evaluateProgress } from '../dist/core/progression.js';
import { seedDemoOrganisation } from '../dist/services/demo.service.js';
import { logEvidence } from '../dist/services/evidence.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../dist/services/ladder-files.js';
import { getProgress } from '../dist/services/progress.service.js';
import { initialiseWorkspace, openWorkspace } from '../dist/services/workspace.service.js';

const rows = [];

/** Runs `fn` `iterations` times after a warm-up and records the median and p95 in milliseconds. */
async function measure(name, iterations, fn) {
  for (let i = 0; i < Math.min(5, iterations); i++) await fn(i);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  rows.push({ name, iterations, median, p95 });
  return median;
}

const ladderText = readFileSync(DEFAULT_LADDER_FILE, 'utf8');
const snowflakeText = readFileSync(new URL('../ladders/examples/snowflake.yaml', import.meta.url), 'utf8');
const ladder = parseLadder(ladderText, 'longhaul.yaml');
const snowflake = parseLadder(snowflakeText, 'snowflake.yaml');

await measure('parse + validate the default ladder (11 competencies x 4 levels)', 200, () =>
  parseLadder(ladderText, 'longhaul.yaml'),
);
await measure('parse + validate the Snowflake ladder (16 x 5 milestones)', 200, () =>
  parseLadder(snowflakeText, 'snowflake.yaml'),
);

const levels = ladder.tracks[0].levels.map((l) => l.id);
const ratingsFor = (i) =>
  Object.fromEntries(ladder.competencies.map((c, j) => [c.id, levels[(i + j) % levels.length]]));
await measure('evaluate one person, coverage policy', 5000, (i) =>
  evaluateProgress({ ladder, ratings: ratingsFor(i) }),
);
const milestones = ['0', '1', '2', '3', '4', '5'];
await measure('evaluate one person, points policy (Snowflake)', 5000, (i) =>
  evaluateProgress({
    ladder: snowflake,
    ratings: Object.fromEntries(snowflake.competencies.map((c, j) => [c.id, milestones[(i + j) % 6]])),
  }),
);

// The store: a person with a year of heavy logging.
const dir = mkdtempSync(join(tmpdir(), 'longhaul-bench-'));
const source = await readLadderFile(DEFAULT_LADDER_FILE);
const workspace = await openWorkspace(join(dir, 'bench.db'), { create: true });
const { person } = await initialiseWorkspace(workspace.db, { ladder: source, personName: 'Bench' });
const ids = ladder.competencies.map((c) => c.id);
await measure('log one piece of evidence (SQLite, WAL)', 1000, (i) =>
  logEvidence(
    workspace.db,
    source.ladder,
    person.id,
    {
      title: `Evidence ${i}`,
      kind: 'delivery',
      competencies: [ids[i % ids.length], ids[(i + 3) % ids.length]],
      date: '2026-06-01',
    },
    '2026-11-28',
  ),
);
await measure('status for a person with 1,000+ pieces of evidence', 200, () =>
  getProgress(workspace.db, source.ladder, person.id),
);
await workspace.close();

await measure('seed the demo organisation (40 people) into a new database', 10, async (i) => {
  const ws = await openWorkspace(join(dir, `demo-${i}-${Math.random()}.db`), { create: true });
  const init = await initialiseWorkspace(ws.db, { ladder: source, personName: 'Demo' });
  await seedDemoOrganisation(ws.db, source.ladder, { today: '2026-11-28', localPersonId: init.person.id });
  await ws.close();
});

// The CLI as a person runs it: a whole process, against the node start-up floor.
const cli = new URL('../bin/longhaul.js', import.meta.url).pathname;
const demoDb = join(dir, 'cli-demo.db');
execFileSync('node', [cli, 'demo', '--db', demoDb], { stdio: 'ignore' });
const nodeFloor = await measure('node -e 0 (process start-up floor)', 15, () => execFileSync('node', ['-e', '0']));
const status = await measure('longhaul status --json (whole process, the bundle bin/longhaul.js runs)', 15, () =>
  execFileSync('node', [cli, 'status', '--json', '--db', demoDb]),
);
const unbundled = new URL('../dist/cli/main.js', import.meta.url).pathname;
const plain = await measure('the same from the unbundled tsc output (dist/cli/main.js)', 15, () =>
  execFileSync('node', [unbundled, 'status', '--json', '--db', demoDb]),
);

// `npm start` on a build that is up to date, against `longhaul serve` alone: time from
// launch to the "running at" line, over an existing database (no demo to seed).
/** Starts a server command and resolves when it says where it runs; then stops it. */
function timeToListen(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not start within 60 s: ${out}`));
    }, 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!/running at http/.test(out)) return;
      clearTimeout(timer);
      child.once('exit', () => resolve());
      process.kill(-child.pid, 'SIGTERM');
    });
  });
}
const serveDb = join(dir, 'serve.db');
execFileSync('node', [cli, 'init', '--db', serveDb, '--name', 'Bench'], { stdio: 'ignore' });
const serveAlone = await measure('longhaul serve, launch to listening (bin/longhaul.js)', 7, () =>
  timeToListen('node', [cli, 'serve', '--port', '0', '--db', serveDb]),
);
const npmStart = await measure('npm start, build up to date, launch to listening', 7, () =>
  timeToListen('npm', ['start', '--silent', '--', '--port', '0', '--db', serveDb]),
);

// The web app's initial JavaScript: the scripts and module preloads index.html names.
const webRoot = new URL('../dist/web/', import.meta.url);
const indexHtml = readFileSync(new URL('index.html', webRoot), 'utf8');
const initial = [
  ...indexHtml.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
].map((m) => m[1]);
const sizes = initial.map((file) => {
  const bytes = readFileSync(new URL(file, webRoot));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const initialGzip = sizes.reduce((sum, s) => sum + s.gzip, 0);

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
console.log(`Longhaul benchmarks, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`);
console.log('| what | runs | median | p95 |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.name} | ${row.iterations} | ${fmt(row.median)} | ${fmt(row.p95)} |`);
console.log(`\nCLI status over the bare node start-up, same run: ${(status / nodeFloor).toFixed(2)}x`);
console.log(`CLI status, bundle over unbundled modules, same run: ${(status / plain).toFixed(2)}x`);
console.log(
  `npm start (up to date) over longhaul serve alone, same run: ${(npmStart / serveAlone).toFixed(2)}x (at most 2x)`,
);
if (npmStart / serveAlone > 2) process.exitCode = 1;
console.log(`\nWeb app initial JavaScript (gzip -9): ${(initialGzip / 1024).toFixed(1)} KiB of the 150 KB budget`);
for (const s of sizes)
  console.log(`- ${s.file}: ${(s.raw / 1024).toFixed(1)} KiB raw, ${(s.gzip / 1024).toFixed(1)} KiB gzipped`);
if (initialGzip > 150_000) {
  console.error('The initial JavaScript is over the 150 KB budget.');
  process.exitCode = 1;
}
