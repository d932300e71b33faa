import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from './domain-error.js';
import { competenciesOf, findTrack } from './ladder.js';
import { checkLadderText, parseLadder } from './ladder-loader.js';
import { evaluateProgress } from './progression.js';

/*
 * The example ladder with an individual-contributor and an engineering-manager
 * track, and the rule that lets a competency shared by both tracks hold the
 * expectations of each track's levels.
 */

const FILE = 'ladders/examples/engineering-two-track.yaml';
const text = readFileSync(new URL('../../ladders/examples/engineering-two-track.yaml', import.meta.url), 'utf8');
const ladder = parseLadder(text, FILE);
const ic = findTrack(ladder, 'ic');
const em = findTrack(ladder, 'em');

/** Replaces the first occurrence of `from`, failing loudly when it is not there. */
function edit(from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the example does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

function problemsOf(source: string): string[] {
  const result = checkLadderText(source, FILE);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('the two-track example ladder', () => {
  it('is valid, with the individual-contributor and the engineering-manager levels', () => {
    expect(problemsOf(text)).toEqual([]);
    expect(ic.levels.map((l) => l.title)).toEqual(['Junior', 'Mid-level', 'Senior', 'Architect']);
    expect(em.levels.map((l) => l.title)).toEqual([
      'Engineering Manager',
      'Senior Engineering Manager',
      'Director of Engineering',
    ]);
  });

  it('shares some competencies between the tracks and keeps others to one', () => {
    const icIds = competenciesOf(ladder, ic).map((c) => c.id);
    const emIds = competenciesOf(ladder, em).map((c) => c.id);
    const shared = icIds.filter((id) => emIds.includes(id));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    expect(icIds.filter((id) => !shared.includes(id)).length).toBeGreaterThanOrEqual(2);
    expect(emIds.filter((id) => !shared.includes(id)).length).toBeGreaterThanOrEqual(2);
  });

  it('says at every level of each track what each of its competencies expects, with examples', () => {
    for (const track of [ic, em]) {
      for (const level of track.levels) {
        expect(level.summary, `${track.id}/${level.id}`).toMatch(/\w/);
        for (const competency of competenciesOf(ladder, track)) {
          const expectation = competency.levels[level.id];
          expect(expectation?.expectation, `${competency.id}@${level.id}`).toMatch(/\w/);
          expect(expectation?.signals?.length ?? 0, `${competency.id}@${level.id}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('evaluates each track on its own levels and competencies', () => {
    const manager = evaluateProgress({
      ladder,
      track: 'em',
      ratings: { reliability: 'manager', hiring: 'manager', feedback: 'manager' },
    });
    expect(manager.demonstrated?.title).toBe('Engineering Manager');
    expect(manager.applicable).toBe(competenciesOf(ladder, em).length);
    const senior = evaluateProgress({
      ladder,
      track: 'ic',
      ratings: { reliability: 'senior', design: 'senior', quality: 'senior' },
    });
    expect(senior.demonstrated?.title).toBe('Senior');
  });
});

describe('expectations of a competency on several tracks', () => {
  it('may be keyed by the levels of any track the competency applies to', () => {
    const reliability = ladder.competencies.find((c) => c.id === 'reliability');
    expect(Object.keys(reliability?.levels ?? {})).toEqual([
      'junior',
      'mid-level',
      'senior',
      'architect',
      'manager',
      'senior-manager',
      'director',
    ]);
  });

  it('names every track a shared competency is on when a key is a level of none of them', () => {
    const broken = edit(
      '    levels:\n      junior:\n        expectation: >-\n          Checks that their change works',
      '    levels:\n      principal:\n        expectation: Leads.\n      junior:\n        expectation: >-\n          Checks that their change works',
    );
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(
        /^ladders\/examples\/engineering-two-track\.yaml:\d+:7: level "principal" does not exist on tracks "ic", "em" \(levels: junior, mid-level, senior, architect, manager, senior-manager, director\)$/,
      ),
    ]);
  });

  it('still refuses a level of the other track on a competency of one track', () => {
    const broken = edit(
      '    track: ic\n    description: Choosing how to build something',
      '    track: em\n    description: Choosing how to build something',
    );
    const problems = problemsOf(broken);
    expect(problems).toContainEqual(
      expect.stringMatching(/:\d+:\d+: competency "design" has no expectation for any level of track "em"$/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /:\d+:7: level "junior" does not exist on track "em" \(levels: manager, senior-manager, director\)$/,
      ),
    );
  });

  it('asks a shared competency for the expectations of every track it is on', () => {
    // Cut the manager, senior-manager and director expectations out of "scope".
    const from = text.indexOf("\n      manager:\n        expectation: >-\n          Answers for one team's outcomes");
    const to = text.indexOf('\n\n  - id: reliability');
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const icOnly = text.slice(0, from) + text.slice(to);
    expect(problemsOf(icOnly)).toEqual([
      expect.stringMatching(/:\d+:5: competency "scope" has no expectation for any level of track "em"$/),
    ]);
  });
});
