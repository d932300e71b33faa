import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, formatProblem } from './domain-error.js';
import { checkLadderText, MAX_ALIAS_COUNT, parseLadder } from './ladder-loader.js';

/** Nested aliases: each level repeats the one before ten times, so `levels` levels expand to 10^levels nodes. */
function aliasBomb(levels: number): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  let previous = 'a';
  for (let i = 0; i < levels; i++) {
    const name = `b${i}`;
    lines.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

describe('ladder files that would exhaust memory', () => {
  it('refuses a "billion laughs" alias bomb with a located problem, not a crash', () => {
    const result = checkLadderText(aliasBomb(9), 'bomb.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      `bomb.yaml:2:10: YAML aliases: the aliases (*name) in this file expand to more than ${MAX_ALIAS_COUNT} copies; write the repeated parts out instead`,
    ]);
  });

  it('throws ladder_invalid for it, the error the CLI turns into exit 2', () => {
    let thrown: unknown;
    try {
      parseLadder(aliasBomb(9), 'bomb.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'ladder_invalid', message: expect.stringMatching(/^bomb\.yaml: 1 problem/) });
  });

  it('still reads a ladder that uses a few aliases', () => {
    const ladder = readFileSync(new URL('./fixtures/small-ladder.yaml', import.meta.url), 'utf8');
    // An alias the schema accepts: the title of the ladder, given once and referred to.
    const titled = ladder.replace(/^title: (.*)$/m, 'title: &title $1');
    expect(checkLadderText(titled, 'small.yaml').ok).toBe(true);
  });
});
