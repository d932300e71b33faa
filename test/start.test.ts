import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, buildDecision, writeStamp } from '../scripts/build-stamp.mjs';

let root: string;

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A checkout in miniature, as `npm ci` leaves it: sources, configuration, and the build in dist/. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'longhaul-start-'));
  put('src/cli/main.ts', 'export const a = 1;\n');
  put('src/cli/main.test.ts', 'it("works", () => {});\n');
  put('src/web/index.html', '<!doctype html>\n');
  put('package.json', '{"name":"longhaul"}\n');
  put('package-lock.json', '{}\n');
  for (const output of BUILD_OUTPUTS) put(output, '// built\n');
});

describe('npm start: build or not', () => {
  it('builds when there is no record of the last build', () => {
    expect(buildDecision(root)).toEqual({ build: true, reason: 'no record of the last build (dist/.build-stamp)' });
  });

  it('skips the build right after one, as after `npm ci`', () => {
    writeStamp(root);
    expect(buildDecision(root)).toEqual({ build: false, reason: 'the build is up to date' });
  });

  it('builds again when a source, the web app or the lock file changes', () => {
    for (const [path, text] of [
      ['src/cli/main.ts', 'export const a = 2;\n'],
      ['src/web/index.html', '<!doctype html><title>x</title>\n'],
      ['package-lock.json', '{"lockfileVersion":3}\n'],
      ['src/cli/new-command.ts', 'export {};\n'],
    ] as const) {
      writeStamp(root);
      put(path, text);
      expect(buildDecision(root), path).toEqual({ build: true, reason: 'sources changed since the last build' });
    }
  });

  it('keeps the build when only tests change, or only file times (a fresh clone, a checkout)', () => {
    writeStamp(root);
    put('src/cli/main.test.ts', 'it("works better", () => {});\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src/cli/main.ts'), later, later);
    expect(buildDecision(root).build).toBe(false);
  });

  it('builds when an output is missing, whatever the record says', () => {
    writeStamp(root);
    rmSync(join(root, 'dist/web/index.html'));
    expect(buildDecision(root)).toEqual({ build: true, reason: 'dist/web/index.html is missing' });
  });
});

describe('package.json scripts', () => {
  const scripts = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it('records the build as its last step, and starts through the check', () => {
    expect(scripts.build).toMatch(/&& node scripts\/build-stamp\.mjs$/);
    expect(scripts.start).toBe('node scripts/start.mjs');
  });
});
