// @ts-check
// Writes the summary of the last mutation run (`npm run mutate` calls it
// last) into docs/TESTING.md, between its mutation-summary markers: one row
// per mutated file with its score and counts, the date and the command. It
// reads the JSON reports Stryker left in reports/mutation/. With --survivors
// it prints every mutant that survived or had no coverage instead, to work on;
// --command names the command the figures came from when it was not npm run mutate.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The layers, their reports and the score each file must reach. */
const LAYERS = [
  { name: 'core', report: 'reports/mutation/core.json', target: 90 },
  { name: 'services', report: 'reports/mutation/services.json', target: 80 },
  { name: 'services (demo)', report: 'reports/mutation/demo.json', target: 80 },
];
const DOC = 'docs/TESTING.md';
const START = '<!-- mutation-summary:start -->';
const END = '<!-- mutation-summary:end -->';

/**
 * @typedef {{ id: string, mutatorName: string, replacement?: string, status: string,
 *   location: { start: { line: number, column: number } } }} Mutant
 * @typedef {{ files: Record<string, { source: string, mutants: Mutant[] }> }} Report
 */

/** @param {string} path @returns {Report | null} */
function readReport(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

/** @param {Mutant[]} mutants */
function count(mutants) {
  const by = (/** @type {string} */ status) => mutants.filter((m) => m.status === status).length;
  const killed = by('Killed');
  const timeout = by('Timeout');
  const survived = by('Survived');
  const noCoverage = by('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  const score = valid === 0 ? 100 : ((killed + timeout) / valid) * 100;
  return { killed, timeout, survived, noCoverage, ignored: by('Ignored'), score };
}

if (process.argv.includes('--survivors')) {
  for (const layer of LAYERS) {
    const report = readReport(layer.report);
    if (report === null) continue;
    for (const [file, { source, mutants }] of Object.entries(report.files)) {
      const lines = source.split('\n');
      for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
        const { line, column } = m.location.start;
        const code = (lines[line - 1] ?? '').trim().slice(0, 100);
        console.log(
          `${file}:${line}:${column} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '')} | ${code}`,
        );
      }
    }
  }
  process.exit(0);
}

const rows = [];
const below = [];
/** Layers whose report is missing: a run stopped before it reached them. */
const missing = [];
for (const layer of LAYERS) {
  const report = readReport(layer.report);
  if (report === null) {
    missing.push(`${layer.name} (${layer.report})`);
    continue;
  }
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const c = count(mutants);
    if (c.killed + c.timeout + c.survived + c.noCoverage === 0) continue;
    if (c.score < layer.target) below.push(file);
    rows.push(
      `| ${file} | ${c.score.toFixed(1)}% | ${c.killed} | ${c.survived} | ${c.noCoverage} | ${c.timeout} | ${c.ignored} |`,
    );
  }
}
const today = new Date().toISOString().slice(0, 10);
const commandAt = process.argv.indexOf('--command');
const command = commandAt === -1 ? 'npm run mutate' : (process.argv[commandAt + 1] ?? 'npm run mutate');
const block = [
  START,
  `Last run: ${today}, \`${command}\` (Stryker ${strykerVersion()}, incremental).`,
  `Targets: core ${LAYERS[0]?.target}%, services ${LAYERS[1]?.target}%. ${below.length === 0 ? 'Every file listed reaches its target.' : `Below target: ${below.join(', ')}.`}`,
  ...(missing.length === 0 ? [] : ['', `Not in this summary, no report: ${missing.join(', ')}.`]),
  '',
  '| file | score | killed | survived | no coverage | timeout | ignored (static) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  END,
].join('\n');
const doc = readFileSync(DOC, 'utf8');
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from === -1 || to === -1) throw new Error(`${DOC} has no ${START} ... ${END} section`);
writeFileSync(DOC, doc.slice(0, from) + block + doc.slice(to + END.length));
console.log(
  `${DOC}: summary of ${rows.length} files written${below.length > 0 ? `; below target: ${below.join(', ')}` : ''}`,
);

function strykerVersion() {
  const pkg = JSON.parse(readFileSync('node_modules/@stryker-mutator/core/package.json', 'utf8'));
  return String(pkg.version);
}
