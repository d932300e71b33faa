import type { Ladder } from '../server/api-contract.js';

/**
 * A small ladder for the web app's unit tests: two tracks, three levels, one
 * competency that starts at the second level and one from another track.
 */
export const SMALL_LADDER: Ladder = {
  id: 'small',
  title: 'Small ladder',
  hash: 'abc123',
  policy: { kind: 'coverage', share: 0.8, minObserved: 1 },
  categories: [
    { id: 'craft', title: 'Craft' },
    { id: 'people', title: 'People' },
  ],
  tracks: [
    {
      id: 'ic',
      title: 'Individual contributor',
      levels: [
        {
          id: 'one',
          title: 'One',
          summary: 'The first level.',
          readiness: ['Ready for two.'],
          rule: 'At least 80% of the rated competencies that apply at One rated One or above.',
        },
        {
          id: 'two',
          title: 'Two',
          summary: 'The second level.',
          rule: 'At least 80% of the rated competencies that apply at Two rated Two or above.',
        },
        {
          id: 'three',
          title: 'Three',
          rule: 'At least 80% of the rated competencies that apply at Three rated Three or above.',
        },
      ],
    },
    {
      id: 'mgr',
      title: 'Manager',
      levels: [
        {
          id: 'lead',
          title: 'Lead',
          rule: 'At least 80% of the rated competencies that apply at Lead rated Lead or above.',
        },
      ],
    },
  ],
  competencies: [
    {
      id: 'mentoring',
      title: 'Mentoring',
      category: 'people',
      levels: {
        two: { expectation: 'Mentors one person.' },
        three: { expectation: 'Mentors a team.' },
      },
    },
    {
      id: 'code',
      title: 'Code',
      category: 'craft',
      formerly: ['coding'],
      levels: {
        one: { expectation: 'Writes code.', signals: ['Fixed a bug.'], notYet: ['Copies code.'] },
        two: { expectation: 'Writes good code.' },
        three: { expectation: 'Writes great code.' },
      },
    },
    {
      id: 'hiring',
      title: 'Hiring',
      category: 'people',
      track: 'mgr',
      levels: { lead: { expectation: 'Hires.' } },
    },
  ],
};
