import { describe, expect, it } from 'vitest';
import type { Evidence } from '../server/api-contract.js';
import {
  emptyEvidenceForm,
  kindLabel,
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
    expect(emptyEvidenceForm('2025-05-01')).toMatchObject({ date: '2025-05-01', competencies: [], shared: false });
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
