import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { insertAssessment } from '../store/assessment.repository.js';
import type { PersonRow } from '../store/schema.js';
import {
  assessmentHistory,
  currentRatings,
  noteTooLongMessage,
  recordAssessment,
  type RecordAssessmentInput,
} from './assessment.service.js';
import { logEvidence } from './evidence.service.js';
import { buildHistory, listAssessmentsOf } from './history.service.js';
import { LadderCache } from './ladder-version.service.js';
import { getGap, getProgress, selectTarget } from './progress.service.js';
import { ALL_POLICY, openSmallWorkspace, RENAMED_OPS, smallLadder } from './small-workspace.fixtures.js';
import { activateLadder, type Workspace } from './workspace.service.js';

/*
 * Ratings as an assessor gives them and as history and progress read them,
 * on the small ladder under the all policy (one rating is enough to
 * demonstrate a level): what is refused and in which words, what carries
 * forward, and what the evidence rule counted on the day of each assessment.
 */

let workspace: Workspace | undefined;

afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

async function setUp(edit: (text: string) => string = ALL_POLICY): Promise<{ ladder: Ladder; me: PersonRow }> {
  const opened = await openSmallWorkspace(edit);
  workspace = opened.workspace;
  return { ladder: opened.source.ladder, me: opened.me };
}

function db() {
  if (workspace === undefined) throw new Error('no workspace');
  return workspace.db;
}

function rate(ladder: Ladder, me: PersonRow, input: Partial<RecordAssessmentInput>) {
  return recordAssessment(db(), ladder, { personId: me.id, assessorId: me.id, kind: 'self', ratings: {}, ...input });
}

async function refusal(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  expect(error.code).toBe('rating_invalid');
  return (error.problems ?? []).map((p) => `${p.path.join('.')}: ${p.message}`);
}

describe('recording ratings', () => {
  it('accepts a level by id or title and "not observed" in any spelling', async () => {
    const { ladder, me } = await setUp();
    const recorded = await rate(ladder, me, { ratings: { scope: ' Senior ', ops: ' Not  Observed ' } });
    expect(recorded.ratings.map((r) => [r.competencyId, r.rating])).toEqual([
      ['ops', 'not-observed'],
      ['scope', 'senior'],
    ]);
  });

  const refused: { name: string; input: Partial<RecordAssessmentInput>; problems: string[] }[] = [
    { name: 'no rating at all', input: {}, problems: ['ratings: give at least one rating'] },
    {
      name: 'unknown competencies, the known ones named once',
      input: { ratings: { speed: 'junior', charm: 'junior', scope: 'junior' } },
      problems: [
        'ratings.speed: "speed" is not a competency of track "ic" (competencies: scope, ops)',
        'ratings.charm: "charm" is not a competency of track "ic"',
      ],
    },
    {
      name: 'a level the track does not have',
      input: { ratings: { scope: 'principal' } },
      problems: ['ratings.scope: "principal" is not a level of track "ic" (levels: junior, senior, or not-observed)'],
    },
    {
      name: 'a note on a competency the track does not have',
      input: { ratings: { scope: 'junior' }, notes: { speed: 'fast' } },
      problems: ['notes.speed: "speed" is not a competency of track "ic"'],
    },
    {
      name: 'a rating note over its limit',
      input: { ratings: { scope: 'junior' }, notes: { scope: 'x'.repeat(2_001) } },
      problems: ['notes.scope: the note is 2,001 characters; keep it under 2,000'],
    },
    {
      name: 'an assessment note over its limit',
      input: { ratings: { scope: 'junior' }, note: ` ${'x'.repeat(10_001)} ` },
      problems: ['note: the note is 10,001 characters; keep it under 10,000'],
    },
  ];

  it.each(refused)('refuses $name, and records nothing', async ({ input, problems }) => {
    const { ladder, me } = await setUp();
    expect(await refusal(() => rate(ladder, me, input))).toEqual(problems);
    expect(await assessmentHistory(db(), me.id)).toEqual([]);
  });

  it('accepts notes at their limits', async () => {
    const { ladder, me } = await setUp();
    const recorded = await rate(ladder, me, {
      ratings: { scope: 'junior' },
      notes: { scope: ` ${'x'.repeat(2_000)} ` },
      note: ` ${'y'.repeat(10_000)} `,
    });
    expect(recorded.ratings[0]?.note).toBe('x'.repeat(2_000));
    expect((await assessmentHistory(db(), me.id)).map((a) => a.id)).toEqual([recorded.id]);
    expect(noteTooLongMessage(12_345, 10_000)).toBe('the note is 12,345 characters; keep it under 10,000');
  });

  it('names milestones, not levels, under the points policy', async () => {
    const { ladder, me } = await setUp((t) =>
      t
        .replace(
          'title: Small test ladder\n',
          'title: Small test ladder\npolicy:\n  kind: points\n  milestones:\n    - id: m1\n      points: 1\n    - id: m2\n      points: 2\n  thresholds:\n    - level: junior\n      points: 0\n    - level: senior\n      points: 3\n',
        )
        .replaceAll('      junior:\n', '      m1:\n')
        .replaceAll('      senior:\n', '      m2:\n'),
    );
    expect(await refusal(() => rate(ladder, me, { ratings: { scope: 'senior' } }))).toEqual([
      'ratings.scope: "senior" is not a milestone of track "ic" (milestones: m1, m2, or not-observed)',
    ]);
  });

  it('carries a note forward with its rating, and drops it when the rating is given anew without one', async () => {
    const { ladder, me } = await setUp();
    await rate(ladder, me, {
      ratings: { scope: 'junior', ops: 'senior' },
      notes: { scope: '  Fixed the parser.  ', ops: '   ' },
    });
    expect((await currentRatings(db(), ladder, me.id)).notes).toEqual({ scope: 'Fixed the parser.' });
    await rate(ladder, me, { ratings: { ops: 'not-observed' } });
    const carried = await currentRatings(db(), ladder, me.id);
    expect(carried.ratings).toEqual({ scope: 'junior', ops: 'not-observed' });
    expect(carried.notes).toEqual({ scope: 'Fixed the parser.' });
    await rate(ladder, me, { ratings: { scope: 'senior' } });
    expect((await currentRatings(db(), ladder, me.id)).notes).toEqual({});
  });

  it('keeps self and manager assessments apart', async () => {
    const { ladder, me } = await setUp();
    await rate(ladder, me, { ratings: { scope: 'senior' } });
    await rate(ladder, me, { kind: 'manager', ratings: { ops: 'senior' } });
    expect((await currentRatings(db(), ladder, me.id)).ratings).toEqual({ scope: 'senior' });
    expect((await currentRatings(db(), ladder, me.id, { kind: 'manager' })).ratings).toEqual({ ops: 'senior' });
    expect((await assessmentHistory(db(), me.id, 'manager')).map((a) => a.kind)).toEqual(['manager']);
  });

  it('reads ratings of an older version through renames, and leaves out what today no longer has', async () => {
    const { ladder, me } = await setUp((t) => t);
    await rate(ladder, me, { ratings: { scope: 'senior', ops: 'senior' }, notes: { ops: 'On call twice.' } });
    const renamed = smallLadder(RENAMED_OPS);
    await activateLadder(db(), renamed);
    const current = await currentRatings(db(), renamed.ladder, me.id);
    expect(current.ratings).toEqual({ scope: 'senior', operations: 'senior' });
    expect(current.notes).toEqual({ operations: 'On call twice.' });
    const withoutSenior = smallLadder((t) =>
      t
        .replace('      - id: senior\n        title: Senior\n', '      - id: staff\n        title: Staff\n')
        .replaceAll('      senior:\n', '      staff:\n'),
    );
    expect((await currentRatings(db(), withoutSenior.ladder, me.id)).ratings).toEqual({});
  });
});

describe('progress', () => {
  it('has no ratings, date or version for a person never assessed, and aims at the first level', async () => {
    const { ladder, me } = await setUp();
    const report = await getProgress(db(), ladder, me.id);
    expect(report).toMatchObject({ assessedAt: null, assessedAgainst: null, notes: {} });
    expect(report.evaluation.demonstrated).toBeNull();
    expect(selectTarget(report.evaluation).level.id).toBe('junior');
  });

  it('says when and against which version the ratings in force were made, with their notes', async () => {
    const { ladder, me } = await setUp();
    await rate(ladder, me, {
      ratings: { scope: 'junior' },
      notes: { scope: 'Parser fix.' },
      createdAt: '2026-02-01T10:00:00.000Z',
    });
    const report = await getProgress(db(), ladder, me.id);
    expect(report).toMatchObject({
      assessedAt: '2026-02-01T10:00:00.000Z',
      assessedAgainst: { ladderId: 'small', ladderHash: ladder.hash },
      notes: { scope: 'Parser fix.' },
    });
    expect(report.evaluation.demonstrated?.id).toBe('junior');
    expect((await getGap(db(), ladder, me.id, undefined)).level.id).toBe('senior');
    expect((await getGap(db(), ladder, me.id, 'Junior')).level.id).toBe('junior');
  });

  it('aims at the top level once it is reached, and refuses a level the track lacks', async () => {
    const { ladder, me } = await setUp();
    await rate(ladder, me, { ratings: { scope: 'senior' } });
    const { evaluation } = await getProgress(db(), ladder, me.id);
    expect(selectTarget(evaluation).level.id).toBe('senior');
    expect(selectTarget(evaluation, 'junior').level.id).toBe('junior');
    expect(() => selectTarget(evaluation, 'wizard')).toThrow(DomainError);
    expect(() => selectTarget({ ...evaluation, levels: [] })).toThrow(
      'level not found in track "ic"; the track has no levels',
    );
  });

  it('aims at the top of a longer track once it is reached', async () => {
    const { ladder, me } = await setUp((t) =>
      ALL_POLICY(t)
        .replace('        title: Senior\n', '        title: Senior\n      - id: staff\n        title: Staff\n')
        .replace(
          '        signals: [Ran the migration of the billing service.]\n',
          '        signals: [Ran the migration of the billing service.]\n      staff:\n        expectation: Owns a product area.\n',
        )
        .replace(
          '        expectation: Keeps a service healthy in production.\n',
          '        expectation: Keeps a service healthy in production.\n      staff:\n        expectation: Sets how services run.\n',
        ),
    );
    await rate(ladder, me, { ratings: { scope: 'staff' } });
    const { evaluation } = await getProgress(db(), ladder, me.id);
    expect(evaluation.demonstrated?.id).toBe('staff');
    expect(selectTarget(evaluation).level.id).toBe('staff');
    expect((await getGap(db(), ladder, me.id, undefined)).level.id).toBe('staff');
  });

  it('counts only shared evidence when someone else is looking', async () => {
    const { ladder, me } = await setUp((t) =>
      ALL_POLICY(t).replace('        title: Senior\n', '        title: Senior\n        evidence: 1\n'),
    );
    await rate(ladder, me, { ratings: { scope: 'senior' } });
    await logEvidence(
      db(),
      ladder,
      me.id,
      { title: 'Billing migration', kind: 'delivery', competencies: ['scope'] },
      '2026-01-15',
    );
    expect((await getProgress(db(), ladder, me.id)).evaluation.demonstrated?.id).toBe('senior');
    const asOthers = await getProgress(db(), ladder, me.id, {
      evidenceViewer: { sees: 'audience', personId: 'someone-else', inManagerChain: true },
    });
    expect(asOthers.evaluation.demonstrated?.id).toBe('junior');
  });
});

describe('history', () => {
  const EVIDENCE_RULE = (t: string) =>
    ALL_POLICY(t).replace('        title: Senior\n', '        title: Senior\n        evidence: 1\n');

  it('reads each assessment with the evidence dated up to its day, the day itself included', async () => {
    const { ladder, me } = await setUp(EVIDENCE_RULE);
    await rate(ladder, me, { ratings: { scope: 'senior' }, createdAt: '2026-01-09T23:00:00.000Z' });
    await rate(ladder, me, { ratings: { scope: 'senior' }, createdAt: '2026-01-10T09:00:00.000Z' });
    await rate(ladder, me, { ratings: { scope: 'senior' }, createdAt: '2026-01-20T09:00:00.000Z' });
    await logEvidence(
      db(),
      ladder,
      me.id,
      { title: 'Migration', kind: 'delivery', competencies: ['scope'], date: '2026-01-10' },
      '2026-01-31',
    );
    await logEvidence(
      db(),
      ladder,
      me.id,
      { title: 'Runbook', kind: 'design', competencies: ['ops'], date: '2026-01-11' },
      '2026-01-31',
    );
    const history = oldestFirst(await buildHistory(db(), new LadderCache(), me.id));
    expect(history.map((h) => h.demonstrated?.id)).toEqual(['junior', 'senior', 'senior']);
    const shared = oldestFirst(
      await buildHistory(db(), new LadderCache(), me.id, {
        evidenceViewer: { sees: 'audience', personId: 'someone-else', inManagerChain: true },
      }),
    );
    expect(shared.map((h) => h.demonstrated?.id)).toEqual(['junior', 'junior', 'junior']);
  });

  it('counts every piece dated before an assessment, not only the first', async () => {
    const { ladder, me } = await setUp((t) =>
      ALL_POLICY(t).replace('        title: Senior\n', '        title: Senior\n        evidence: 2\n'),
    );
    const log = (title: string, date: string) =>
      logEvidence(db(), ladder, me.id, { title, kind: 'delivery', competencies: ['scope'], date }, '2026-01-31');
    await log('Migration', '2026-01-03');
    await log('Runbook', '2026-01-04');
    await rate(ladder, me, { ratings: { scope: 'senior' }, createdAt: '2026-01-20T09:00:00.000Z' });
    const history = oldestFirst(await buildHistory(db(), new LadderCache(), me.id));
    expect(history.map((h) => h.demonstrated?.id)).toEqual(['senior']);
  });

  it('lists assessments newest first, of one kind when asked', async () => {
    const { ladder, me } = await setUp();
    await rate(ladder, me, { ratings: { scope: 'junior' }, createdAt: '2026-01-01T00:00:00.000Z' });
    await rate(ladder, me, { kind: 'manager', ratings: { scope: 'senior' }, createdAt: '2026-01-02T00:00:00.000Z' });
    await rate(ladder, me, { ratings: { scope: 'senior' }, createdAt: '2026-01-03T00:00:00.000Z' });
    expect((await listAssessmentsOf(db(), me.id)).items.map((a) => a.createdAt.slice(0, 10))).toEqual([
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
    expect((await listAssessmentsOf(db(), me.id, { kind: 'self' })).items.map((a) => a.createdAt.slice(0, 10))).toEqual(
      ['2026-01-03', '2026-01-01'],
    );
    const manager = oldestFirst(await buildHistory(db(), new LadderCache(), me.id, { kind: 'manager' }));
    expect(manager.map((h) => [h.assessment.kind, h.demonstrated?.id])).toEqual([['manager', 'senior']]);
  });

  it('shows ratings a hand-edited database holds that do not fit, and leaves them out of the level', async () => {
    const { ladder, me } = await setUp();
    await insertAssessment(db(), {
      personId: me.id,
      assessorId: me.id,
      kind: 'self',
      ladderId: ladder.id,
      ladderHash: ladder.hash,
      trackId: 'gone',
      ratings: [
        { competencyId: 'scope', rating: 'wizard', note: 'made up' },
        { competencyId: 'charm', rating: 'senior' },
        { competencyId: 'ops', rating: 'junior' },
      ],
    });
    const [entry] = oldestFirst(await buildHistory(db(), new LadderCache(), me.id));
    expect(entry?.demonstrated?.id).toBe('junior');
    expect(entry?.ratings).toEqual([
      { competencyId: 'charm', title: 'charm', step: expect.objectContaining({ id: 'senior' }) as unknown, note: null },
      {
        competencyId: 'ops',
        title: 'Operations',
        step: expect.objectContaining({ id: 'junior' }) as unknown,
        note: null,
      },
      { competencyId: 'scope', title: 'Scope', step: null, note: 'made up' },
    ]);
  });

  it('reads an old assessment in the words of its own version after a rename', async () => {
    const { ladder, me } = await setUp((t) => t);
    await rate(ladder, me, { ratings: { ops: 'senior', scope: 'not-observed' } });
    await activateLadder(db(), smallLadder(RENAMED_OPS));
    const [entry] = oldestFirst(await buildHistory(db(), new LadderCache(), me.id));
    expect(entry?.ratings.map((r) => [r.competencyId, r.title, r.step?.id ?? null])).toEqual([
      ['ops', 'Operations', 'senior'],
      ['scope', 'Scope', null],
    ]);
  });
});

/** History comes a page at a time, newest first; these tests read one page oldest first, as a chart does. */
function oldestFirst<T>(page: { items: T[] }): T[] {
  return [...page.items].reverse();
}
