import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../server/api-contract.js';
import {
  competencySeries,
  demonstratedSeries,
  describeChange,
  entriesOfKind,
  ratingChanges,
  readHistoryKind,
  readShownLines,
  writeShownLines,
  type RatingChange,
} from './history-view.js';

const levels = ['junior', 'mid-level', 'senior'];
const level = (index: number | null) =>
  index === null ? null : { id: levels[index] ?? 'x', title: ['Junior', 'Mid-level', 'Senior'][index] ?? 'X' };

function entry(id: string, demonstrated: number | null, ratings: Record<string, number | null>): HistoryEntry {
  return {
    assessmentId: id,
    kind: 'self',
    createdAt: `2025-0${id}-01T10:00:00Z`,
    ladderHash: 'h',
    trackId: 'ic',
    demonstrated: level(demonstrated),
    ratings: Object.entries(ratings).map(([competencyId, index]) => ({
      competencyId,
      title: competencyId.toUpperCase(),
      level: level(index),
      index,
      note: null,
    })),
  };
}

const entries = [
  entry('1', null, { design: 0, scope: null }),
  entry('2', 1, { design: 1, scope: 1 }),
  entry('3', 1, { design: 1, scope: 2, quality: 0 }),
];

describe('demonstratedSeries', () => {
  it('gives each entry its level position, null where none is demonstrated', () => {
    expect(demonstratedSeries(entries, levels)).toEqual([null, 1, 1]);
  });

  it('treats a level the track no longer has as a gap', () => {
    const moved = { ...entry('2', 1, {}), demonstrated: { id: 'gone', title: 'Gone' } };
    expect(demonstratedSeries([moved], levels)).toEqual([null]);
  });
});

describe('competencySeries', () => {
  it('has one line per competency, null where it was not rated', () => {
    expect(competencySeries(entries)).toEqual([
      { id: 'design', title: 'DESIGN', values: [0, 1, 1] },
      { id: 'scope', title: 'SCOPE', values: [null, 1, 2] },
      { id: 'quality', title: 'QUALITY', values: [null, null, 0] },
    ]);
  });
});

describe('ratingChanges', () => {
  it('lists the first ratings, then only what moved', () => {
    expect(ratingChanges(entries)).toEqual([
      [{ competencyId: 'design', title: 'DESIGN', from: null, to: 'Junior', note: null }],
      [
        { competencyId: 'design', title: 'DESIGN', from: 'Junior', to: 'Mid-level', note: null },
        { competencyId: 'scope', title: 'SCOPE', from: null, to: 'Mid-level', note: null },
      ],
      [
        { competencyId: 'scope', title: 'SCOPE', from: 'Mid-level', to: 'Senior', note: null },
        { competencyId: 'quality', title: 'QUALITY', from: null, to: 'Junior', note: null },
      ],
    ]);
  });

  it('shows each note with the assessment that wrote it, and a new note on an unchanged rating', () => {
    const withNote = (e: HistoryEntry, id: string, note: string): HistoryEntry => ({
      ...e,
      ratings: e.ratings.map((r) => (r.competencyId === id ? { ...r, note } : r)),
    });
    const noted = [
      withNote(entries[0] as HistoryEntry, 'design', 'Drew the queue design.'),
      // The note carries forward with the rating: not a change, so not shown again.
      withNote(entry('2', 0, { design: 0 }), 'design', 'Drew the queue design.'),
      withNote(entry('3', 0, { design: 0 }), 'design', 'Also ran the review.'),
    ];
    const changes = ratingChanges(noted);
    expect(changes[0]).toEqual([
      { competencyId: 'design', title: 'DESIGN', from: null, to: 'Junior', note: 'Drew the queue design.' },
    ]);
    expect(changes[1]).toEqual([]);
    expect(changes[2]).toEqual([
      { competencyId: 'design', title: 'DESIGN', from: 'Junior', to: 'Junior', note: 'Also ran the review.' },
    ]);
    expect(describeChange(changes[2]?.[0] as RatingChange)).toBe('DESIGN: Junior (new note)');
  });

  it('words a change the way the table shows it', () => {
    const change = { competencyId: 'd', title: 'Design', note: null };
    expect(describeChange({ ...change, from: 'Junior', to: 'Mid-level' })).toBe('Design: Junior → Mid-level');
    expect(describeChange({ ...change, from: null, to: 'Senior' })).toBe('Design: Senior');
    expect(describeChange({ ...change, from: 'Senior', to: null })).toBe('Design: Senior → not observed');
  });
});

describe('ratingChanges across kinds', () => {
  it("compares a manager's assessment with the manager's previous one only", () => {
    const manager = { ...entry('4', 1, { design: 2 }), kind: 'manager' as const };
    const laterManager = { ...entry('5', 1, { design: 2, scope: 0 }), kind: 'manager' as const };
    const changes = ratingChanges([...entries, manager, laterManager]);
    expect(changes[3]).toEqual([{ competencyId: 'design', title: 'DESIGN', from: null, to: 'Senior', note: null }]);
    expect(changes[4]).toEqual([{ competencyId: 'scope', title: 'SCOPE', from: null, to: 'Junior', note: null }]);
  });
});

describe('history kind', () => {
  const manager = { ...entry('4', 1, {}), kind: 'manager' as const };

  it('defaults to self-assessments when there are any, else everything', () => {
    expect(readHistoryKind(null, [...entries, manager])).toBe('self');
    expect(readHistoryKind(null, [manager])).toBe('all');
    expect(readHistoryKind('manager', entries)).toBe('manager');
    expect(readHistoryKind('bogus', [manager])).toBe('all');
  });

  it('filters the entries', () => {
    expect(entriesOfKind([...entries, manager], 'manager')).toEqual([manager]);
    expect(entriesOfKind([...entries, manager], 'all')).toHaveLength(4);
  });
});

describe('shown lines in the URL', () => {
  const known = ['design', 'scope', 'quality'];

  it('round-trip, in ladder order, ignoring unknown ids', () => {
    expect(readShownLines('quality,design,nope', known)).toEqual(['design', 'quality']);
    expect(writeShownLines(['quality', 'design'], known)).toBe('design,quality');
  });

  it('say "all" for every line and nothing for none', () => {
    expect(writeShownLines(known, known)).toBe('all');
    expect(readShownLines('all', known)).toEqual(known);
    expect(writeShownLines([], known)).toBeNull();
    expect(readShownLines(null, known)).toEqual([]);
  });
});
