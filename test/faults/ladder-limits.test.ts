import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './faults.fixtures.js';

/*
 * Ladder files that would take the process down: an alias bomb, and a file
 * far larger than any ladder. Both are bad input: a located message, exit 2.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-ladder-limits-'));
});

function aliasBomb(levels: number): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  let previous = 'a';
  for (let i = 0; i < levels; i++) {
    lines.push(`b${i}: &b${i} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    previous = `b${i}`;
  }
  return `${lines.join('\n')}\n`;
}

describe('ladder files that would exhaust memory, through the CLI', () => {
  it('refuses a "billion laughs" alias bomb with file:line:col and exit 2, not "This is a bug"', async () => {
    writeFileSync(join(dir, 'bomb.yaml'), aliasBomb(9));
    for (const args of [
      ['ladder', 'validate', 'bomb.yaml'],
      ['init', '--ladder', 'bomb.yaml'],
    ]) {
      const run = await runInProcess(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        /bomb\.yaml:2:10: YAML aliases: the aliases \(\*name\) in this file expand to more than 100 copies/,
      );
      expect(run.stderr).not.toMatch(/bug/i);
    }
  });

  it('refuses a 50 MB ladder before reading it, naming the file and the limit', async () => {
    const big = join(dir, 'huge.yaml');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024);
    const started = performance.now();
    for (const args of [
      ['ladder', 'validate', 'huge.yaml'],
      ['ladder', 'site', 'huge.yaml', '--out', 'site'],
    ]) {
      const run = await runInProcess(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/huge\.yaml: the file is 50\.0 MB; a ladder file may be at most 1\.0 MB/);
      expect(run.stderr).not.toMatch(/bug/i);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
