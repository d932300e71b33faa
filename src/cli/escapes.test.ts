import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul, type CliRun } from './cli.fixtures.js';
import { shown } from './format.js';

/*
 * Text a person or a ladder author wrote reaches the terminal escaped: an ESC
 * in an evidence title cannot turn the terminal red, a BEL in a ladder title
 * cannot ring it. And a competency id that names a property of every
 * JavaScript object is an unknown competency like any other.
 */

let dir: string;

function longhaul(args: string[]): Promise<CliRun> {
  return runLonghaul(args, { cwd: dir });
}

/** Any control character a terminal would act on, newline and tab aside. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-escapes-'));
});

describe('shown', () => {
  it('escapes ESC, BEL, NUL, DEL, C1 and bidi overrides, and leaves other text alone', () => {
    expect(shown('a\u001b[31mb\u0007c\u0000d\u007fe\u009bf\u202eg')).toBe(
      'a\\x1b[31mb\\x07c\\x00d\\x7fe\\x9bf\\u202eg',
    );
    expect(shown('Café — 東京 🚀\nnext\tcol')).toBe('Café — 東京 🚀\nnext\tcol');
  });
});

describe('terminal escapes', () => {
  it('shows an evidence title with ESC escaped in log and evidence list', async () => {
    expect((await longhaul(['init'])).code).toBe(0);
    const logged = await longhaul(['log', 'Fixed \u001b[31mred\u001b[0m alert', '-k', 'incident', '-c', 'reliability']);
    expect(logged.code).toBe(0);
    expect(logged.stdout).not.toMatch(RAW_CONTROL);
    expect(logged.stdout).toContain('Fixed \\x1b[31mred\\x1b[0m alert');
    const list = await longhaul(['evidence', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain('Fixed \\x1b[31mred\\x1b[0m alert');
  });

  it('shows ladder text with a BEL escaped in ladder show', async () => {
    const source = readFileSync(join(__dirname, '../../ladders/longhaul.yaml'), 'utf8');
    const file = join(dir, 'bell.yaml');
    writeFileSync(file, source.replace(/^title: .*$/m, 'title: "Ring\\a ladder"'));
    const show = await longhaul(['ladder', 'show', file]);
    expect(show.code).toBe(0);
    expect(show.stdout).not.toMatch(RAW_CONTROL);
    expect(show.stdout).toContain('Ring\\x07 ladder');
    const level = await longhaul(['ladder', 'show', file, '--level', 'senior']);
    expect(level.code).toBe(0);
    expect(level.stdout).toContain('Ring\\x07 ladder');
  });
});

describe('terminal escapes in status, gap and brag', () => {
  it('escapes ladder and evidence text in every text report', async () => {
    const source = readFileSync(join(__dirname, '../../ladders/longhaul.yaml'), 'utf8');
    const file = join(dir, 'bell.yaml');
    // Every level title on the default ladder gets a BEL, so status and gap both print one.
    writeFileSync(file, source.replace(/^(\s+)title: (Senior|Mid-level|Junior|Staff)$/gm, '$1title: "$2\\a"'));
    expect((await longhaul(['init', '--ladder', file])).code).toBe(0);
    expect(
      (await longhaul(['log', 'Paged \u001b]0;owned\u0007 at 3am', '-k', 'incident', '-c', 'reliability'])).code,
    ).toBe(0);
    expect((await longhaul(['assess', '--set', 'scope=junior'])).code).toBe(0);
    for (const args of [['status'], ['gap'], ['brag']]) {
      const run = await longhaul(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
    }
    expect((await longhaul(['status'])).stdout).toContain('\\x07');
    const brag = (await longhaul(['brag'])).stdout;
    expect(brag, brag).toContain('owned\\x07 at 3am');
  });
});

describe('competency ids that name object properties', () => {
  it.each(['constructor', '__proto__', 'toString'])('says --set %s=senior names an unknown competency', async (id) => {
    expect((await longhaul(['init'])).code).toBe(0);
    const run = await longhaul(['assess', '--set', `${id}=senior`]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('rated twice');
    expect(run.stderr).toContain(`--set ${id}: "${id}" is not a competency`);
  });

  it.each(['constructor', 'toString'])('says --why %s=... names an unknown competency', async (id) => {
    expect((await longhaul(['init'])).code).toBe(0);
    const run = await longhaul(['assess', '--set', 'scope=senior', '--why', `${id}=because`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--why ${id}: "${id}" is not a competency`);
  });
});
