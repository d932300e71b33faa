import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runLonghaul, type CliRun } from './cli.fixtures.js';

/**
 * What the terminal says about a level that is not met: the blockers the
 * engine names (the same ones the API serves), the level's rule, and never
 * "100%" before the level is reached.
 */

interface JsonBlocker {
  code: string;
  competency: { id: string; title: string } | null;
  message: string;
}

let dir: string;

function longhaul(args: string[]): Promise<CliRun> {
  return runLonghaul(args, { cwd: dir });
}

const ALL_BUT_RELIABILITY = [
  'scope',
  'autonomy',
  'debugging',
  'design',
  'technology',
  'mentoring',
  'communication',
  'time-horizon',
  'complexity',
  'quality',
];

/** Rates every competency but Reliability at `level`, with `pieces` pieces of evidence behind each. */
async function rateAllButReliability(level: string, pieces: number): Promise<void> {
  expect((await longhaul(['init'])).code).toBe(0);
  for (let i = 0; i < pieces; i++) {
    const logged = await longhaul(['log', `Piece ${i + 1}`, '-k', 'delivery', '-c', ALL_BUT_RELIABILITY.join(',')]);
    expect(logged.code).toBe(0);
  }
  const set = ALL_BUT_RELIABILITY.map((id) => `${id}=${level}`).join(',');
  expect((await longhaul(['assess', '--set', set])).code).toBe(0);
}

const REQUIRED_NOT_RATED =
  'Senior requires "Reliability and blast radius" to be rated at Senior or above; it is not rated.';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-progress-'));
});

describe('status and gap name what blocks a level', () => {
  it('status: Senior with Reliability not rated is not met, says why, states the rule, and is not 100%', async () => {
    await rateAllButReliability('senior', 2);
    const run = await longhaul(['status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Demonstrated level: Mid-level');
    expect(run.stdout).toContain('Next: Senior, 99% of the way');
    expect(run.stdout).not.toContain('100%');
    expect(run.stdout).toContain('Not met yet, because:');
    expect(run.stdout).toContain(`  - ${REQUIRED_NOT_RATED}\n`);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'Senior asks: At least 80% of the rated competencies that apply at Senior rated Senior or above',
    );
  });

  it('status --json carries the same blockers and rule, per level and for the target', async () => {
    await rateAllButReliability('senior', 2);
    const status = (await longhaul(['status', '--json'])).json<{
      target: { id: string; met: boolean; readiness: number; blockers: JsonBlocker[]; rule: string };
      levels: { id: string; met: boolean; blockers: JsonBlocker[]; rule: string }[];
    }>();
    const blocker = {
      code: 'required-not-rated',
      competency: { id: 'reliability', title: 'Reliability and blast radius' },
      message: REQUIRED_NOT_RATED,
    };
    expect(status.target).toMatchObject({ id: 'senior', met: false, blockers: [blocker] });
    expect(status.target.readiness).toBeLessThan(1);
    expect(status.levels.find((l) => l.id === 'senior')?.blockers).toEqual([blocker]);
    expect(status.levels.find((l) => l.id === 'mid-level')).toMatchObject({ met: true, blockers: [] });
    expect(status.target.rule).toContain('"Reliability and blast radius" rated Senior or above');
  });

  it('gap --to senior prints one line per blocker and the rule; --json carries them', async () => {
    await rateAllButReliability('senior', 2);
    const gap = await longhaul(['gap', '--to', 'senior']);
    expect(gap.stdout).toMatch(/^Senior: 99% of the way\./);
    expect(gap.stdout).toContain(`  - ${REQUIRED_NOT_RATED}\n`);
    expect(gap.stdout).toContain('Senior asks: ');
    expect(gap.stdout).not.toContain('rate the ones not observed yet');

    const json = (await longhaul(['gap', '--to', 'senior', '--json'])).json<{
      met: boolean;
      blockers: JsonBlocker[];
      rule: string;
    }>();
    expect(json.met).toBe(false);
    expect(json.blockers.map((b) => [b.code, b.competency?.id])).toEqual([['required-not-rated', 'reliability']]);
    expect(json.rule).toMatch(/^At least 80% of the rated competencies that apply at Senior/);
  });

  it('gap shows ratings without the evidence they need as unsupported, in text and JSON', async () => {
    await rateAllButReliability('senior', 1);
    const gap = await longhaul(['gap', '--to', 'senior']);
    expect(gap.stdout).toContain('Unsupported');
    expect(gap.stdout).toContain('  Scope of ownership: rated Senior, 1 of 2 pieces of evidence\n');
    expect(gap.stdout).toContain(
      '  - "Scope of ownership" is rated Senior with 1 piece of evidence; it needs 2 to count at Senior, so it counts as Mid-level.\n',
    );
    const json = (await longhaul(['gap', '--to', 'senior', '--json'])).json<{
      unsupported: { id: string; supported: boolean; evidenceNeeded: number; evidenceCount: number }[];
    }>();
    expect(json.unsupported.map((c) => c.id)).toEqual(ALL_BUT_RELIABILITY);
    expect(json.unsupported[0]).toMatchObject({ supported: false, evidenceNeeded: 2, evidenceCount: 1 });
    const status = await longhaul(['status']);
    expect(status.stdout).toMatch(/Scope of ownership\s+█+░*\s+Senior\s+meets\s+1 piece of evidence, unsupported/);
  });

  it('gap without --to aims at the next level, as status and the API do', async () => {
    await rateAllButReliability('senior', 2);
    const gap = (await longhaul(['gap', '--json'])).json<{ target: { id: string } }>();
    expect(gap.target.id).toBe('senior');
  });
});

describe('ladder show states each level rule', () => {
  it('prints the rule under every level', async () => {
    const run = await longhaul(['ladder', 'show', new URL('../../ladders/longhaul.yaml', import.meta.url).pathname]);
    expect(run.code).toBe(0);
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      '3. Senior [senior] At least 80% of the rated competencies that apply at Senior rated Senior or above, none more than one level below; "Reliability and blast radius" rated Senior or above; at least 6 competencies rated; each rating needs 2 pieces of evidence to count at Senior; every lower level met.',
    );
    expect(text).toContain('each rating needs 3 pieces of evidence to count at Architect');
  });

  it('prints the rule of one level, and carries it in --json', async () => {
    const file = new URL('../../ladders/longhaul.yaml', import.meta.url).pathname;
    const run = await longhaul(['ladder', 'show', file, '--level', 'architect']);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'The rule: At least 80% of the rated competencies that apply at Architect',
    );
    const json = (await longhaul(['ladder', 'show', file, '--level', 'architect', '--json'])).json<{ rule: string }>();
    expect(json.rule).toContain('"Design and trade-offs" and "Technology judgement" rated Architect or above');
  });
});
