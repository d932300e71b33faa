import { describe, expect, it } from 'vitest';
import type { Evidence } from '../server/api-contract.js';
import {
  audienceLabel,
  emptyEvidenceForm,
  kindLabel,
  matchPeople,
  linkLineNumbers,
  splitLinks,
  toEvidenceBody,
  toggleCompetency,
  valuesFromEvidence,
} from './evidence-form.js';

const stored: Evidence = {
  id: 'e1',
  personId: 'p1',
  date: '2025-04-02',
  title: 'Led the checkout incident review',
  body: 'We found **two** causes.',
  kind: 'incident',
  links: ['https://example.com/a', 'https://example.com/b'],
  visibility: 'managers',
  sharedWith: [],
  competencyIds: ['reliability', 'communication'],
  ladderId: 'longhaul',
  ladderHash: 'h',
  createdAt: '2025-04-02T10:00:00Z',
  updatedAt: '2025-04-02T10:00:00Z',
};

describe('evidence form values', () => {
  it('start blank, dated today, with an optional competency ticked', () => {
    expect(emptyEvidenceForm('2025-05-01')).toMatchObject({
      date: '2025-05-01',
      competencies: [],
      visibility: 'private',
      sharedWith: [],
    });
    expect(emptyEvidenceForm('2025-05-01', 'design').competencies).toEqual(['design']);
    expect(emptyEvidenceForm('2025-05-01', '').competencies).toEqual([]);
  });

  it('round-trip a stored piece of evidence into the same body', () => {
    expect(toEvidenceBody(valuesFromEvidence(stored))).toEqual({
      title: stored.title,
      kind: 'incident',
      competencies: ['reliability', 'communication'],
      date: '2025-04-02',
      body: stored.body,
      links: stored.links,
      visibility: 'managers',
    });
  });

  it('trim the title, drop blank link lines and leave an empty date to the server', () => {
    const body = toEvidenceBody({
      ...emptyEvidenceForm(''),
      title: '  Shipped search  ',
      links: '\n https://a.example \n\nhttps://b.example\n',
    });
    expect(body.title).toBe('Shipped search');
    expect(body.links).toEqual(['https://a.example', 'https://b.example']);
    expect(body).not.toHaveProperty('date');
    expect(body.visibility).toBe('private');
  });
});

describe('who sees the evidence', () => {
  const named: Evidence = {
    ...stored,
    visibility: 'people',
    sharedWith: [
      { id: 'p7', name: 'Mia Mentor' },
      { id: 'p9', name: 'Raj Reviewer' },
    ],
  };

  it('sends the named people by id with "people", and nobody with another audience', () => {
    const values = valuesFromEvidence(named);
    expect(values).toMatchObject({ visibility: 'people', sharedWith: named.sharedWith });
    expect(toEvidenceBody(values)).toMatchObject({ visibility: 'people', sharedWith: ['p7', 'p9'] });
    // Switching to managers keeps the names in the form (switching back restores them) but sends none.
    const managers = toEvidenceBody({ ...values, visibility: 'managers' });
    expect(managers.visibility).toBe('managers');
    expect(managers).not.toHaveProperty('sharedWith');
  });

  it('is shown in the list in words', () => {
    expect(audienceLabel(stored)).toBe('Shared with managers');
    expect(audienceLabel({ ...stored, visibility: 'private' })).toBe('Private');
    expect(audienceLabel(named)).toBe('Shared with 2 people');
    expect(audienceLabel({ ...named, sharedWith: [{ id: 'p7', name: 'Mia Mentor' }] })).toBe('Shared with Mia Mentor');
  });
});

describe('matchPeople', () => {
  const directory = [
    { id: 'a', name: 'Amara Nwosu', email: 'amara.nwosu@example.com' },
    { id: 'g', name: 'Grace Whitfield', email: 'grace.whitfield@example.com' },
    { id: 'j', name: 'José Álvarez', email: null },
    { id: 'k', name: 'Kwame Asante', email: 'kwame.asante@example.com' },
    { id: 's', name: 'Sam Okafor', email: 'sam.okafor@example.com' },
  ];
  const ids = (query: string, leaveOut: string[] = [], limit?: number) =>
    matchPeople(directory, query, leaveOut, limit).map((p) => p.id);

  it('finds people by the start of any name, or by email, ignoring case and accents', () => {
    expect(ids('gra')).toEqual(['g']);
    expect(ids('ASANTE')).toEqual(['k']);
    expect(ids('alvarez')).toEqual(['j']);
    expect(ids('jose al')).toEqual(['j']);
    expect(ids('grace.whit')).toEqual(['g']);
    expect(ids('a')).toEqual(['a', 'j', 'k']);
  });

  it('offers nobody for an empty search, and never the author or someone already chosen', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('a', ['k', 's'])).toEqual(['a', 'j']);
    expect(ids('example', [], 2)).toEqual(['a', 'g']);
    expect(ids('zed')).toEqual([]);
  });
});

describe('links', () => {
  it('split one per line and remember which line each came from', () => {
    const text = 'https://a.example\n\n  \nhttps://b.example\r\nhttps://c.example';
    expect(splitLinks(text)).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
    expect(linkLineNumbers(text)).toEqual([1, 4, 5]);
  });
});

describe('toggleCompetency', () => {
  const order = ['scope', 'design', 'quality'];

  it('adds in ladder order and removes', () => {
    expect(toggleCompetency(['quality'], 'scope', order)).toEqual(['scope', 'quality']);
    expect(toggleCompetency(['scope', 'quality'], 'scope', order)).toEqual(['quality']);
  });

  it('keeps competencies the ladder no longer lists, at the end', () => {
    expect(toggleCompetency(['gone'], 'design', order)).toEqual(['design', 'gone']);
  });
});

describe('kindLabel', () => {
  it('names known kinds and leaves others as they are', () => {
    expect(kindLabel('incident')).toBe('Incident');
    expect(kindLabel('pairing')).toBe('pairing');
  });
});
