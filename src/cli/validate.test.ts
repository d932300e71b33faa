import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLonghaul } from './cli.fixtures.js';

describe('longhaul ladder validate', () => {
  it('reports schema and rule problems of a file in one pass, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-validate-'));
    const small = readFileSync(new URL('../core/fixtures/small-ladder.yaml', import.meta.url), 'utf8');
    const broken = small
      .replace('    title: Scope\n', '    title: Scope\n    weight: -2\n')
      .replace('    category: craft\n    levels:\n      senior', '    category: crafts\n    levels:\n      senior');
    expect(broken).not.toBe(small);
    writeFileSync(join(dir, 'acme.yaml'), broken);
    const { code, stdout, stderr } = await runLonghaul(['ladder', 'validate', 'acme.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'acme.yaml:17:13: "weight": must be greater than 0',
      'acme.yaml:28:15: category "crafts" does not exist (categories: craft)',
    ]);
  });
});
