import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../store/schema.js';
import { permit, policy, PolicyRefusal, type Actor } from './policy.js';

const person = (id: string, managerId: string | null = null): PersonRow => ({
  id,
  name: id,
  email: null,
  team: null,
  title: null,
  managerId,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const sam: Actor = { person: person('sam', 'kwame') };
const report = person('ria', 'sam');
const peer = person('pat', 'kwame');
const skipLevel = person('sol', 'ria');

describe('the access policy', () => {
  it.each([
    ['own private evidence', policy.readEvidence(sam, { personId: 'sam', visibility: 'private' }), true],
    ["a peer's shared evidence", policy.readEvidence(sam, { personId: 'pat', visibility: 'shared' }), true],
    ["a peer's private evidence", policy.readEvidence(sam, { personId: 'pat', visibility: 'private' }), false],
    ["a report's private evidence", policy.readEvidence(sam, { personId: 'ria', visibility: 'private' }), false],
    ['writing own evidence', policy.writeEvidence(sam, 'sam'), true],
    ["writing a report's evidence", policy.writeEvidence(sam, 'ria'), false],
    ['own assessments', policy.readAssessments(sam, sam.person, ['kwame']), true],
    ["a report's assessments", policy.readAssessments(sam, report, ['sam', 'kwame']), true],
    ["a skip-level report's assessments", policy.readAssessments(sam, skipLevel, ['ria', 'sam', 'kwame']), true],
    ["a peer's assessments", policy.readAssessments(sam, peer, ['kwame']), false],
    ['a self-assessment of oneself', policy.recordAssessment(sam, sam.person, 'self'), true],
    ['a self-assessment of a report', policy.recordAssessment(sam, report, 'self'), false],
    ['a manager assessment of a direct report', policy.recordAssessment(sam, report, 'manager'), true],
    ['a manager assessment of a skip-level report', policy.recordAssessment(sam, skipLevel, 'manager'), false],
    ['a manager assessment of oneself', policy.recordAssessment(sam, sam.person, 'manager'), false],
    ['a manager assessment of a peer', policy.recordAssessment(sam, peer, 'manager'), false],
    ['reading anyone’s profile', policy.readPeople(sam), true],
  ])('%s: allowed %s', (_what, decision, allowed) => {
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/\w+ .+/);
  });

  it('shows all of your own evidence and only the shared evidence of others', () => {
    expect(policy.evidenceVisibleTo(sam, 'sam')).toBe('all');
    expect(policy.evidenceVisibleTo(sam, 'ria')).toBe('shared');
  });

  it('turns a refusal into PolicyRefusal and an allowance into a Permit with what was loaded', () => {
    expect(permit(policy.writeEvidence(sam, 'sam'), 42).value).toBe(42);
    expect(() => permit(policy.writeEvidence(sam, 'pat'), 42)).toThrow(PolicyRefusal);
  });
});
