import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { SITE_MARKER } from '../site/ladder-site.js';
import { runLonghaul, type CliRun } from './cli.fixtures.js';

let dir: string;

/** Runs the CLI in-process in a fresh directory, as a user would type it. */
function longhaul(args: string[]): Promise<CliRun> {
  return runLonghaul(args, { cwd: dir });
}

const snowflakeFile = fileURLToPath(new URL('../../ladders/examples/snowflake.yaml', import.meta.url));

function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(prefix, entry.name)) : [join(prefix, entry.name).split('\\').join('/')],
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-site-'));
});

describe('longhaul ladder site', () => {
  it('writes the site of the built-in ladder into a new folder and says where to open it', async () => {
    const run = await longhaul(['ladder', 'site', '--out', 'public/ladder']);
    const out = join(dir, 'public', 'ladder');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Wrote 23 files to ${out}; open ${join(out, 'index.html')}\n`);
    const files = filesUnder(out);
    expect(files).toHaveLength(23);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'style.css',
        'levels/senior.html',
        'competencies/reliability.html',
        'compare/mid-level-to-senior.html',
      ]),
    );
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain(SITE_MARKER);
    expect(index).toContain('Longhaul engineering ladder');
    expect(index).toMatch(/<code>longhaul<\/code> \(<code>[0-9a-f]{12}<\/code>\) on 2026-11-28\./);
    expect(readFileSync(join(out, 'levels', 'senior.html'), 'utf8')).toContain('href="../style.css"');
  });

  it('publishes the ladder file it is given', async () => {
    const run = await longhaul(['ladder', 'site', snowflakeFile, '--out', 'snowflake']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote 48 files to');
    expect(existsSync(join(dir, 'snowflake', 'milestones', '3.html'))).toBe(true);
    expect(readFileSync(join(dir, 'snowflake', 'levels', '2.1.html'), 'utf8')).toContain('17 points');
  });

  it('publishes the ladder of the database when there is one', async () => {
    expect((await longhaul(['init', '--ladder', snowflakeFile])).code).toBe(0);
    const run = await longhaul(['ladder', 'site', '--out', 'site']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'site', 'index.html'), 'utf8')).toContain('<h1>Snowflake</h1>');
  });

  it('replaces an earlier site, removing the pages the ladder no longer has and keeping other files', async () => {
    expect((await longhaul(['ladder', 'site', snowflakeFile, '--out', 'site'])).code).toBe(0);
    writeFileSync(join(dir, 'site', 'CNAME'), 'ladder.example.org\n');
    const run = await longhaul(['ladder', 'site', '--out', 'site']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote 23 files to');
    expect(run.stderr).toBe(
      'removed 42 pages the ladder no longer has: compare/0-to-1.html, compare/1-to-2.html, compare/2-to-3.html, compare/3-to-4.html, compare/4-to-5.html and 37 more\n',
    );
    expect(existsSync(join(dir, 'site', 'milestones'))).toBe(false);
    expect(existsSync(join(dir, 'site', 'levels', '2.1.html'))).toBe(false);
    expect(filesUnder(join(dir, 'site'))).toHaveLength(24);
    expect(readFileSync(join(dir, 'site', 'CNAME'), 'utf8')).toBe('ladder.example.org\n');
  });

  it('refuses a non-empty folder that holds something else, and writes into it with --force', async () => {
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'notes.md'), '# Notes\n');
    const refused = await longhaul(['ladder', 'site', '--out', 'docs']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `error: ${join(dir, 'docs')} is not empty and does not hold a site written by Longhaul (no generated index.html); choose a new or empty folder, or pass --force to write into it anyway\n`,
    );
    expect(readdirSync(join(dir, 'docs'))).toEqual(['notes.md']);

    const forced = await longhaul(['ladder', 'site', '--out', 'docs', '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(join(dir, 'docs', 'index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'docs', 'notes.md'), 'utf8')).toBe('# Notes\n');
  });

  it('refuses an index.html that Longhaul did not write', async () => {
    mkdirSync(join(dir, 'www'));
    writeFileSync(join(dir, 'www', 'index.html'), '<!doctype html><title>Our homepage</title>');
    const run = await longhaul(['ladder', 'site', '--out', 'www']);
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'www', 'index.html'), 'utf8')).toContain('Our homepage');
  });

  it('writes into an empty folder and rejects a file, a missing --out and a broken ladder', async () => {
    mkdirSync(join(dir, 'empty'));
    expect((await longhaul(['ladder', 'site', '--out', 'empty'])).code).toBe(0);

    writeFileSync(join(dir, 'a-file'), 'x');
    const file = await longhaul(['ladder', 'site', '--out', 'a-file']);
    expect(file.code).toBe(2);
    expect(file.stderr).toBe(`error: ${join(dir, 'a-file')} is a file, not a folder\n`);

    const missing = await longhaul(['ladder', 'site']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");

    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\n');
    const broken = await longhaul(['ladder', 'site', 'broken.yaml', '--out', 'out']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.yaml:1:1: missing required key "title"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
