import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLonghaul } from '../src/cli/cli.fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The `sh` block of a README section, as a reader would copy it. */
function shellBlock(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no section "${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error(`the section "${heading}" has no sh block`);
  return block;
}

/** Splits a shell line into words as sh would: quotes group, a backslash escapes, `#` starts a comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i] as string;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + (line[++i] as string);
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote !== null) throw new Error(`unclosed quote in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

/** The commands of the tour, each as the words after `npx longhaul`. */
function tourCommands(): string[][] {
  const joined = shellBlock(readme, 'A tour of the CLI').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map(shellWords)
    .filter((words) => words.length > 0)
    .map((words) => {
      if (words[0] !== 'npx' || words[1] !== 'longhaul') throw new Error(`not a longhaul command: ${words.join(' ')}`);
      return words.slice(2);
    });
}

/** What a person types at the questions of `assess`: a rating, keep one, not observed, then save and stop. */
const ANSWERS = ['3', '', 'n', 'q'];

describe('shellWords', () => {
  it.each([
    ['npx longhaul init --name "Ada Lovelace"  # a comment', ['npx', 'longhaul', 'init', '--name', 'Ada Lovelace']],
    ["log 'it''s' a\\ b", ['log', 'its', 'a b']],
    ['   # only a comment', []],
  ])('%s', (line, words) => expect(shellWords(line)).toEqual(words));
});

describe('README: the tour of the CLI', () => {
  it('runs every command as written, in order, in a fresh directory of a clean checkout', async () => {
    const commands = tourCommands();
    expect(commands.map((c) => c.slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['init --name', 'log Led the review of the checkout timeout incident', 'status']),
    );
    expect(commands.length).toBeGreaterThanOrEqual(12);

    // A checkout as `git clone` leaves it, seen from a working directory of its own: the shipped files, no database.
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-readme-'));
    for (const shipped of ['ladders', 'schema', 'examples']) symlinkSync(join(root, shipped), join(dir, shipped));

    for (const args of commands) {
      const interactive = args[0] === 'assess' && !args.includes('--set');
      const { code, stdout, stderr } = await runLonghaul(args, {
        cwd: dir,
        env: { NO_COLOR: '1' },
        ...(interactive ? { input: ANSWERS } : {}),
      });
      expect({ command: `longhaul ${args.join(' ')}`, code, stderr }).toEqual({
        command: `longhaul ${args.join(' ')}`,
        code: 0,
        stderr: '',
      });
      expect(stdout).not.toBe('');
    }
  }, 120_000);
});
