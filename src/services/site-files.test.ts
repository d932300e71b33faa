import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSiteFiles, type OutputFile } from './site-files.js';

/*
 * Writing a generated site into a folder: never into a folder that holds
 * something else, never outside it, and without stale pages of an earlier run.
 */

const MARKER = '<meta name="generator" content="Longhaul">';
const page = (path: string, body = path): OutputFile => ({ path, content: `<html>${MARKER}<p>${body}</p></html>` });

let dir: string;
let out: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-site-'));
  out = join(dir, 'site');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeSiteFiles', () => {
  it('creates the folder and writes every page', async () => {
    const result = await writeSiteFiles(
      out,
      [page('index.html'), page('levels/senior.html'), { path: 'style.css', content: 'p{}' }],
      {
        marker: MARKER,
      },
    );
    expect(result).toEqual({ written: 3, removed: [] });
    expect(readFileSync(join(out, 'levels/senior.html'), 'utf8')).toContain('levels/senior.html');
    expect(readFileSync(join(out, 'style.css'), 'utf8')).toBe('p{}');
  });

  it('replaces an earlier site, removing its pages the new one no longer has and the folders they leave empty', async () => {
    await writeSiteFiles(
      out,
      [page('index.html'), page('levels/old/staff.html'), page('levels/senior.html'), page('about.html')],
      { marker: MARKER },
    );
    writeFileSync(join(out, 'notes.html'), '<p>mine, not generated</p>');
    writeFileSync(join(out, 'levels', 'notes.txt'), `mine, quoting ${MARKER}`);
    const result = await writeSiteFiles(out, [page('index.html', 'new'), page('levels/senior.html')], {
      marker: MARKER,
    });
    expect(result).toEqual({ written: 2, removed: ['about.html', 'levels/old/staff.html'] });
    expect(existsSync(join(out, 'levels/old'))).toBe(false);
    expect(existsSync(join(out, 'levels/senior.html'))).toBe(true);
    expect(readFileSync(join(out, 'notes.html'), 'utf8')).toBe('<p>mine, not generated</p>');
    expect(existsSync(join(out, 'levels', 'notes.txt'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('new');
  });

  it('refuses a folder that holds something else, unless forced', async () => {
    mkdirSync(out);
    writeFileSync(join(out, 'README.md'), '# my project');
    await expect(writeSiteFiles(out, [page('index.html')], { marker: MARKER })).rejects.toMatchObject({
      code: 'conflict',
      message: `${out} is not empty and does not hold a site written by Longhaul (no generated index.html); choose a new or empty folder, or pass --force to write into it anyway`,
    });
    writeFileSync(join(out, 'index.html'), '<html>someone else</html>');
    await expect(writeSiteFiles(out, [page('index.html')], { marker: MARKER })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<html>someone else</html>');
    const forced = await writeSiteFiles(out, [page('index.html')], { marker: MARKER, force: true });
    expect(forced).toEqual({ written: 1, removed: [] });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# my project');
  });

  it('writes into an empty folder that exists', async () => {
    mkdirSync(out);
    expect(await writeSiteFiles(out, [page('index.html')], { marker: MARKER })).toEqual({ written: 1, removed: [] });
  });

  it.each(['../escape.html', '/etc/escape.html', 'levels/../../escape.html', '.', ''])(
    'refuses a page path that leaves the folder: %j',
    async (path) => {
      await expect(writeSiteFiles(out, [page('index.html'), page(path)], { marker: MARKER })).rejects.toMatchObject({
        code: 'input_invalid',
        message: `site file "${path}" would be written outside ${out}`,
      });
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'escape.html'))).toBe(false);
    },
  );

  it('refuses a path that is a file', async () => {
    writeFileSync(out, 'not a folder');
    await expect(writeSiteFiles(out, [page('index.html')], { marker: MARKER })).rejects.toMatchObject({
      code: 'input_invalid',
      message: `${out} is a file, not a folder`,
    });
  });
});
