// @ts-check
// Records what the last build was made from, so `npm start` can skip a build
// that is already up to date (right after `npm ci`, whose prepare script built
// everything) and rebuild only when a source file changed. The record is a
// hash of the content of every build input, not of times: a fresh clone or a
// `git checkout` touches every file's time without changing what it holds.
// Run as a script (`node scripts/build-stamp.mjs`), it writes the record; the
// build script calls it last, so a failed build leaves no record behind.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the record of the last build lives, inside what it describes. */
export const STAMP_FILE = 'dist/.build-stamp';

/** What the build reads: the sources (tests aside) and every file that configures the tools or the dependencies. */
export const BUILD_INPUTS = [
  'src',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'rolldown.config.js',
  'vite.config.ts',
];

/** What `serve` needs from the build: the CLI bundle, the compiled modules and the web app. */
export const BUILD_OUTPUTS = ['dist/bundle/longhaul.mjs', 'dist/cli/main.js', 'dist/web/index.html'];

const TEST_FILE = /\.test\.tsx?$/;

/**
 * The hash of every build input's path and content, in a stable order.
 * @param {string} root the checkout
 * @returns {string}
 */
export function sourceStamp(root) {
  /** @type {string[]} */
  const files = [];
  const visit = (/** @type {string} */ path) => {
    if (!existsSync(path)) return;
    const entries = readdirSync(path, { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (!entry.isFile() || TEST_FILE.test(entry.name)) continue;
      files.push(join(entry.parentPath, entry.name));
    }
  };
  for (const input of BUILD_INPUTS) {
    const path = join(root, input);
    if (input.includes('.')) {
      if (existsSync(path)) files.push(path);
    } else {
      visit(path);
    }
  }
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split(sep).join('/')).sort()) {
    hash.update(
      `${file}\0${createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest('hex')}\n`,
    );
  }
  return hash.digest('hex');
}

/**
 * Whether `npm start` has to build first, and why, in words for the terminal.
 * @param {string} root the checkout
 * @returns {{ build: boolean, reason: string }}
 */
export function buildDecision(root) {
  const missing = BUILD_OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing !== undefined) return { build: true, reason: `${missing} is missing` };
  const stampFile = join(root, STAMP_FILE);
  if (!existsSync(stampFile)) return { build: true, reason: `no record of the last build (${STAMP_FILE})` };
  const recorded = readFileSync(stampFile, 'utf8').trim();
  if (recorded !== sourceStamp(root)) return { build: true, reason: 'sources changed since the last build' };
  return { build: false, reason: 'the build is up to date' };
}

/**
 * Records that the build in dist/ was made from the sources as they are now.
 * @param {string} root the checkout
 */
export function writeStamp(root) {
  writeFileSync(join(root, STAMP_FILE), `${sourceStamp(root)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeStamp(process.cwd());
