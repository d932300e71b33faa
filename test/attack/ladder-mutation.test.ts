import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runLonghaul } from '../../src/cli/cli.fixtures.js';
import { checkLadderText } from '../../src/core/ladder-loader.js';

/*
 * A mutation fuzzer over the shipped ladder files: fast-check, with a fixed
 * seed, damages the text of each file (lines deleted, duplicated, swapped,
 * re-indented, scalars replaced by other types, anchors and aliases added,
 * the file cut short) and both the loader and `longhaul ladder validate` must
 * answer with located problems (exit 2) or accept the file (exit 0): never
 * "This is a bug", a stack trace or any other exit code.
 */

const SOAK = process.env.LONGHAUL_SOAK === '1';
/** Mutated copies per shipped file and run. */
const RUNS = SOAK ? 600 : 60;
const SEED = 20261201;

const laddersDir = new URL('../../ladders/', import.meta.url);
const shipped = [
  ...readdirSync(laddersDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `ladders/${name}`),
  ...readdirSync(new URL('examples/', laddersDir))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `ladders/examples/${name}`),
];

const scalars = [
  '42',
  '-1',
  '3.5',
  'true',
  'null',
  '~',
  '[]',
  '{}',
  '[a, b]',
  '{ a: 1 }',
  '""',
  '"\\u0000"',
  '"\u202Eevil"',
  '0x1F',
  '1e999',
  '99999999999999999999999',
  '!!binary aGVsbG8=',
  '*undefined_alias',
  '&anchor value',
  '|\n  block',
  "'<script>alert(1)</script>'",
  '2026-13-45',
  '"\uD800"',
];

/** One edit to the file's lines. */
type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'scalar'; at: number; value: string }
  | { kind: 'anchor'; at: number; with: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('scalar' as const), at: fc.nat(), value: fc.constantFrom(...scalars) }),
  fc.record({ kind: fc.constant('anchor' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom('<<: *a', '---', '...', '%YAML 1.1', '? complex', '- - -', 'key: [unclosed', '\t tab: 1', ': :'),
      fc.string({ maxLength: 40 }),
    ),
  }),
);

/** Applies the edits in order to the file's text. */
function mutate(text: string, edits: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const edit of edits) {
    if (lines.length === 0) break;
    const i = edit.at % lines.length;
    const line = lines[i] ?? '';
    switch (edit.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, line);
        break;
      case 'swap': {
        const j = edit.with % lines.length;
        const other = lines[j] ?? '';
        lines[j] = line;
        lines[i] = other;
        break;
      }
      case 'indent':
        lines[i] = edit.by >= 0 ? ' '.repeat(edit.by) + line : line.replace(new RegExp(`^ {0,${-edit.by}}`), '');
        break;
      case 'scalar': {
        const colon = line.indexOf(': ');
        lines[i] =
          colon >= 0 ? `${line.slice(0, colon + 2)}${edit.value}` : line.replace(/^(\s*-\s*).*$/, `$1${edit.value}`);
        break;
      }
      case 'anchor': {
        // Puts an anchor on one value and makes another value an alias of it.
        const j = edit.with % lines.length;
        const colon = line.indexOf(': ');
        const target = lines[j] ?? '';
        const targetColon = target.indexOf(': ');
        if (colon >= 0 && targetColon >= 0 && i !== j) {
          lines[i] = `${line.slice(0, colon + 2)}&a ${line.slice(colon + 2)}`;
          lines[j] = `${target.slice(0, targetColon + 2)}*a`;
        } else {
          lines[i] = `${line} &a`;
        }
        break;
      }
      case 'truncate': {
        const cut = text.length === 0 ? 0 : edit.at % Math.max(1, lines.join('\n').length);
        lines = lines.join('\n').slice(0, cut).split('\n');
        break;
      }
      case 'insert':
        lines.splice(i, 0, edit.text);
        break;
    }
  }
  return lines.join('\n');
}

const located = /^[^\n:]+:\d+:\d+: \S/;
const dir = mkdtempSync(join(tmpdir(), 'longhaul-ladder-mutation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mutated shipped ladders', () => {
  it.each(shipped)(
    '%s: every mutated copy is a valid ladder or located errors, exit 0 or 2',
    async (file) => {
      const original = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(checkLadderText(original, file).ok).toBe(true);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
          const text = mutate(original, edits);
          const check = checkLadderText(text, 'mutant.yaml');
          if (!check.ok) {
            expect(check.problems.length).toBeGreaterThan(0);
            for (const problem of check.problems) {
              expect(problem.line, problem.message).toBeGreaterThanOrEqual(1);
              expect(problem.col, problem.message).toBeGreaterThanOrEqual(1);
            }
          }
          writeFileSync(join(dir, 'mutant.yaml'), text);
          const run = await runLonghaul(['ladder', 'validate', 'mutant.yaml'], { cwd: dir });
          const said = `${run.stdout}\n${run.stderr}`;
          expect(said).not.toMatch(/this is a bug/i);
          expect(said).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
          expect([0, 2]).toContain(run.code);
          expect(run.code === 0).toBe(check.ok);
          if (run.code === 2) {
            refused += 1;
            const lines = run.stderr.trimEnd().split('\n');
            expect(lines.length).toBeGreaterThan(0);
            for (const line of lines) expect(line).toMatch(located);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The mutations must actually break files, or this suite proves nothing.
      expect(refused).toBeGreaterThan(RUNS / 4);
    },
    600_000,
  );
});
