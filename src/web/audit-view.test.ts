import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../server/api-contract.js';
import {
  auditExportHref,
  auditQuery,
  confirmsDeletion,
  describeAccess,
  describeVia,
  NO_AUDIT_FILTERS,
  personalDataHrefs,
  readAuditFilters,
} from './audit-view.js';

const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'e1',
  at: '2026-11-28T09:00:00.000Z',
  actorId: 'maya',
  actorName: 'Maya Chen',
  action: 'getProgress',
  subjectId: 'ria',
  subjectName: 'Ria Patel',
  targetKind: null,
  targetId: null,
  outcome: 'allowed',
  via: 'web',
  address: '127.0.0.1',
  requestId: 'r1',
  ...overrides,
});

describe('describeAccess', () => {
  it.each<[Partial<AuditEvent>, string]>([
    [{}, 'Maya Chen looked at your progress'],
    [{ action: 'recordAssessment' }, 'Maya Chen recorded an assessment of you'],
    [
      { outcome: 'refused', action: 'listAssessments' },
      'Maya Chen was refused: they tried to look at your assessments',
    ],
    [{ actorId: null, actorName: null, action: 'signIn' }, 'Someone signed in to your account'],
    [{ actorName: null, action: 'getEvidence' }, 'A person since deleted looked at a piece of your evidence'],
    [{ action: 'somethingNew' }, 'Maya Chen used somethingNew on your data'],
  ])('%o reads "%s"', (overrides, sentence) => {
    expect(describeAccess(event(overrides))).toBe(sentence);
  });

  it('says how the request came in', () => {
    expect(describeVia('web')).toBe('in the web app');
    expect(describeVia('api')).toBe('with an API token');
    expect(describeVia('cli')).toBe('from the command line');
  });
});

describe('the audit log filters', () => {
  it('read from the address bar and write back the same query the API takes, leaving out empty ones', () => {
    const filters = readAuditFilters('?actor=maya&from=2026-03-01&action=');
    expect(filters).toEqual({ ...NO_AUDIT_FILTERS, actor: 'maya', from: '2026-03-01' });
    expect(auditQuery(filters)).toBe('?actor=maya&from=2026-03-01');
    expect(auditQuery(NO_AUDIT_FILTERS)).toBe('');
    expect(auditQuery({ ...NO_AUDIT_FILTERS, subject: '  ria  ' })).toBe('?subject=ria');
    expect(auditExportHref(filters)).toBe('/api/audit/export?actor=maya&from=2026-03-01');
  });
});

describe('the downloads and the delete form', () => {
  it('point at the JSON and the Markdown of the person, escaping the id', () => {
    expect(personalDataHrefs('a b')).toEqual({ json: '/api/people/a%20b/data', markdown: '/api/people/a%20b/data.md' });
  });

  it('take the email as the server does: spaces and case do not count; the name for a person without one', () => {
    expect(confirmsDeletion(' RIA@example.com ', 'ria@example.com', 'Ria')).toBe(true);
    expect(confirmsDeletion('ria@example.org', 'ria@example.com', 'Ria')).toBe(false);
    expect(confirmsDeletion('', 'ria@example.com', 'Ria')).toBe(false);
    expect(confirmsDeletion('Ria Patel', null, 'Ria Patel')).toBe(true);
  });
});
