import { describe, expect, it } from 'vitest';
import { wordsFor } from './subject.js';

describe('the words of a screen about me, and about someone else', () => {
  it('speaks to me on my own screens, and links to them', () => {
    const words = wordsFor({ id: 'me', name: 'Sam Okafor', isMe: true });
    expect(`${words.possessive} progress`).toBe('My progress');
    expect(`${words.subject} ${words.meet} Senior.`).toBe('You meet Senior.');
    expect(`${words.subject} ${words.are} 40% of the way`).toBe('You are 40% of the way');
    expect([words.progressHref, words.evidenceHref, words.historyHref]).toEqual(['/progress', '/evidence', '/history']);
  });

  it('names the person on theirs, with verbs that agree, and keeps them in the address', () => {
    const words = wordsFor({ id: 'a/b', name: 'Pat Doe', isMe: false });
    expect(`${words.possessive} progress`).toBe("Pat Doe's progress");
    expect(`${words.subject} ${words.meet} Senior.`).toBe('Pat Doe meets Senior.');
    expect(`${words.subject} ${words.have} reached the top`).toBe('Pat Doe has reached the top');
    expect(`based on ${words.their} self-assessment`).toBe('based on their self-assessment');
    expect([words.progressHref, words.evidenceHref, words.historyHref]).toEqual([
      '/people/a%2Fb',
      '/people/a%2Fb/evidence',
      '/people/a%2Fb/history',
    ]);
  });
});
