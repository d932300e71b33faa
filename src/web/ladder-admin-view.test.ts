import { describe, expect, it } from 'vitest';
import type { LadderVersion } from '../server/api-contract.js';
import {
  activatedMessage,
  activationQuestion,
  compareHref,
  describeLadderChange,
  readCompare,
  shortHash,
  storedMessage,
} from './ladder-admin-view.js';

const version = (hash: string, title = 'Longhaul engineering ladder'): LadderVersion => ({
  id: 'longhaul',
  hash,
  title,
  loadedAt: '2026-11-28T09:00:00.000Z',
  active: false,
});
const OLD = version('a'.repeat(64), 'Old ladder');
const NEW = version('b'.repeat(64), 'New ladder');

describe('the ladder admin screen', () => {
  it('links to a comparison with the active version and reads it back', () => {
    expect(shortHash(OLD.hash)).toBe('aaaaaaaaaaaa');
    expect(compareHref(OLD)).toBe('/admin/ladder?compare=longhaul%40aaaaaaaaaaaa');
    expect(readCompare('?compare=longhaul%40aaaaaaaaaaaa')).toEqual({ id: 'longhaul', hash: 'aaaaaaaaaaaa' });
    expect(readCompare('?compare=my@ladder@abc')).toEqual({ id: 'my@ladder', hash: 'abc' });
    for (const search of ['', '?compare=', '?compare=longhaul', '?compare=@abc', '?compare=longhaul@']) {
      expect(readCompare(search)).toBeNull();
    }
  });

  it('asks before a version becomes active, saying what changes and what history keeps', () => {
    expect(activationQuestion(OLD, NEW)).toBe(
      'Make Old ladder (aaaaaaaaaaaa) the active ladder instead of New ladder (bbbbbbbbbbbb)? ' +
        'New evidence and assessments will be recorded against it, for everyone, from now on. ' +
        'Nothing already recorded changes: history keeps the version each rating was made with.',
    );
    expect(activationQuestion(OLD, null)).toMatch(/^Make Old ladder \(aaaaaaaaaaaa\) the active ladder\? New evidence/);
    expect(storedMessage(OLD)).toBe(
      'Stored Old ladder (aaaaaaaaaaaa). It is not active yet: compare it with the active one, then make it active.',
    );
    expect(storedMessage({ ...OLD, active: true })).toBe('Old ladder (aaaaaaaaaaaa) is the active version already.');
    expect(activatedMessage(OLD)).toBe(
      'Old ladder (aaaaaaaaaaaa) is now the active ladder: new evidence and assessments are recorded against it.',
    );
  });

  it.each<[Record<string, unknown> & { kind: string }, string]>([
    [
      { kind: 'competency-added', competency: 'complexity', title: 'Reducing complexity' },
      'Competency "Reducing complexity" added',
    ],
    [
      { kind: 'competency-renamed', competency: 'operations', from: 'ops', title: 'Operations' },
      'Competency ops renamed to operations ("Operations")',
    ],
    [
      { kind: 'expectation-changed', competency: 'scope', level: 'senior', field: 'expectation', from: 'a', to: 'b' },
      'Expectation for scope at senior: expectation changed',
    ],
    [{ kind: 'levels-reordered', track: 'ic', from: ['a', 'b'], to: ['b', 'a'] }, 'Levels of track ic reordered: b, a'],
    [{ kind: 'policy-changed', from: 'coverage', to: 'points' }, 'Level policy changed from coverage to points'],
    [{ kind: 'something-new' }, 'something-new'],
  ])('words %o as "%s"', (change, sentence) => {
    expect(describeLadderChange(change)).toBe(sentence);
  });
});
