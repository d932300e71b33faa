import { describe, expect, it } from 'vitest';
import {
  changedCompetencies,
  currentStep,
  describeAssessmentProblems,
  describeChoice,
  initialChoices,
  initialNotes,
  neighbourHrefs,
  stepHref,
  toAssessment,
  windowCentre,
} from './assess-wizard.js';

const ids = ['scope', 'design', 'quality'];
const scale = [
  { id: 'junior', title: 'Junior', index: 0 },
  { id: 'mid-level', title: 'Mid-level', index: 1 },
  { id: 'senior', title: 'Senior', index: 2 },
];

describe('currentStep', () => {
  it.each([
    [null, null, { kind: 'competency', competencyId: 'scope', index: 0 }],
    ['design', null, { kind: 'competency', competencyId: 'design', index: 1 }],
    ['unknown', null, { kind: 'competency', competencyId: 'scope', index: 0 }],
    [null, 'review', { kind: 'review' }],
    ['design', 'review', { kind: 'review' }],
  ])('competency %s, step %s', (competency, step, expected) => {
    expect(currentStep(ids, competency, step)).toEqual(expected);
  });

  it('goes straight to the review when there is nothing to rate', () => {
    expect(currentStep([], null, null)).toEqual({ kind: 'review' });
  });
});

describe('neighbourHrefs', () => {
  it('has no Back on the first step and leads from the last to the review', () => {
    expect(neighbourHrefs(ids, { kind: 'competency', competencyId: 'scope', index: 0 })).toEqual({
      back: null,
      next: '/assess/design',
    });
    expect(neighbourHrefs(ids, { kind: 'competency', competencyId: 'quality', index: 2 })).toEqual({
      back: '/assess/design',
      next: '/assess?step=review',
    });
    expect(neighbourHrefs(ids, { kind: 'review' })).toEqual({ back: '/assess/quality', next: null });
  });

  it('builds step URLs the router understands', () => {
    expect(stepHref({ kind: 'competency', competencyId: 'time-horizon' })).toBe('/assess/time-horizon');
  });
});

describe('choices', () => {
  it('start from the ratings in force, reading an unrated competency as not observed once assessed', () => {
    const ratings = [
      { id: 'scope', rating: { id: 'senior' }, status: 'meets' },
      { id: 'design', rating: null, status: 'not-observed' },
    ];
    expect(initialChoices(ratings, true)).toEqual({ scope: 'senior', design: 'not-observed' });
    expect(initialChoices(ratings, false)).toEqual({ scope: 'senior' });
  });

  it('read as level titles, Not observed, or not rated yet', () => {
    expect(describeChoice('senior', scale)).toBe('Senior');
    expect(describeChoice('not-observed', scale)).toBe('Not observed');
    expect(describeChoice(undefined, scale)).toBe('Not rated yet');
    expect(describeChoice('gone', scale)).toBe('gone');
  });

  it('centre the level window on the choice, else the rating in force, else the first level', () => {
    expect(windowCentre('senior', 'junior', scale)).toBe(2);
    expect(windowCentre('not-observed', 'mid-level', scale)).toBe(1);
    expect(windowCentre(undefined, undefined, scale)).toBe(0);
  });

  it('list what changed against the ratings in force', () => {
    expect(
      changedCompetencies(
        { scope: 'senior', design: 'junior', quality: 'not-observed' },
        { scope: 'senior', design: 'mid-level' },
      ),
    ).toEqual(['design', 'quality']);
  });
});

describe('toAssessment', () => {
  it('names every competency with a choice, in step order, as a self-assessment', () => {
    const body = toAssessment({ quality: 'not-observed', scope: 'junior' }, ids);
    expect(body).toEqual({ kind: 'self', ratings: { scope: 'junior', quality: 'not-observed' } });
    expect(Object.keys(body.ratings)).toEqual(['scope', 'quality']);
  });

  it('leaves out choices for competencies the ladder no longer has', () => {
    expect(toAssessment({ gone: 'senior' }, ids).ratings).toEqual({});
  });
});

describe('notes', () => {
  it('start from the notes in force, leaving out empty ones', () => {
    expect(
      initialNotes([
        { id: 'scope', note: 'Owned the billing service.' },
        { id: 'design', note: null },
        { id: 'quality', note: '  ' },
      ]),
    ).toEqual({ scope: 'Owned the billing service.' });
  });

  it('go with their ratings, trimmed, so saving again keeps them', () => {
    const body = toAssessment({ scope: 'senior', design: 'junior' }, ids, {
      scope: '  Owned the billing service. ',
      design: '   ',
      quality: 'No rating, so no note.',
    });
    expect(body).toEqual({
      kind: 'self',
      ratings: { scope: 'senior', design: 'junior' },
      notes: { scope: 'Owned the billing service.' },
    });
  });

  it('count as a change in the review when only the note differs', () => {
    expect(changedCompetencies({ scope: 'senior' }, { scope: 'senior' }, { scope: 'New.' }, { scope: 'Old.' })).toEqual(
      ['scope'],
    );
    expect(
      changedCompetencies({ scope: 'senior' }, { scope: 'senior' }, { scope: 'Same. ' }, { scope: 'Same.' }),
    ).toEqual([]);
  });
});

describe('describeAssessmentProblems', () => {
  const competencies = [
    { id: 'reliability', title: 'Reliability and blast radius' },
    { id: 'design', title: 'Design and trade-offs' },
  ];

  it('names the competency by its title, for a rating and for a note', () => {
    expect(
      describeAssessmentProblems(
        [
          { path: 'body.notes.reliability', message: 'the note is 2100 characters; keep it under 2,000' },
          { path: 'body.ratings.design', message: '"principal" is not a level of track "ic" (levels: junior, senior)' },
        ],
        competencies,
      ),
    ).toEqual([
      {
        competencyId: 'reliability',
        text: 'Your note on Reliability and blast radius: the note is 2100 characters; keep it under 2,000',
      },
      {
        competencyId: 'design',
        text: 'Your rating for Design and trade-offs: "principal" is not a level of track "ic" (levels: junior, senior)',
      },
    ]);
  });

  it('puts titles in place of the ids a message quotes or lists', () => {
    const [problem] = describeAssessmentProblems(
      [
        {
          path: 'body.ratings.gone',
          message: '"gone" is not a competency of track "ic" (competencies: reliability, design)',
        },
      ],
      competencies,
    );
    expect(problem).toEqual({
      competencyId: null,
      text: 'Your rating for "gone": "gone" is not a competency of track "ic" (competencies: Reliability and blast radius, Design and trade-offs)',
    });
  });

  it('keeps a problem about the whole assessment as the server worded it', () => {
    expect(
      describeAssessmentProblems([{ path: 'body.ratings', message: 'give at least one rating' }], competencies),
    ).toEqual([{ competencyId: null, text: 'give at least one rating' }]);
  });
});
