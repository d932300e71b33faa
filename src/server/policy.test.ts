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
  nameKey: null,
  timeZone: null,
  teamId: null,
  trackId: null,
  levelId: null,
  isAdmin: 0,
  deactivatedAt: null,
});

const sam: Actor = { person: person('sam', 'kwame'), isAdmin: false, isDemo: false, via: 'session' };
const admin: Actor = { person: person('ada'), isAdmin: true, isDemo: false, via: 'token' };
const report = person('ria', 'sam');
const peer = person('pat', 'kwame');
const skipLevel = person('sol', 'ria');

describe('the access policy', () => {
  const notShared = 'this evidence is not shared with you; only its author decides who sees it';
  const evidence = (personId: string, visibility: 'private' | 'managers' | 'people', named: string[] = []) => ({
    personId,
    visibility,
    sharedWith: named.map((id) => ({ id })),
  });
  const ownEvidenceOnly = 'evidence can only be logged, edited or deleted by the person it belongs to';
  const selfOnly = 'a self-assessment can only be recorded by the person themself';

  // [what, decision, the reason a refusal gives (null when allowed)]
  it.each([
    ['own private evidence', policy.readEvidence(sam, evidence('sam', 'private'), ['kwame']), null],
    ["a report's evidence shared with managers", policy.readEvidence(sam, evidence('ria', 'managers'), ['sam']), null],
    [
      "a skip-level report's evidence shared with managers",
      policy.readEvidence(sam, evidence('sol', 'managers'), ['ria', 'sam', 'kwame']),
      null,
    ],
    [
      "a peer's evidence shared with managers",
      policy.readEvidence(sam, evidence('pat', 'managers'), ['kwame']),
      notShared,
    ],
    ["a peer's evidence naming sam", policy.readEvidence(sam, evidence('pat', 'people', ['sam']), ['kwame']), null],
    [
      "a peer's evidence naming others",
      policy.readEvidence(sam, evidence('pat', 'people', ['ria']), ['kwame']),
      notShared,
    ],
    [
      "a report's evidence naming others",
      policy.readEvidence(sam, evidence('ria', 'people', ['pat']), ['sam']),
      notShared,
    ],
    ["a peer's private evidence", policy.readEvidence(sam, evidence('pat', 'private'), ['kwame']), notShared],
    ["a report's private evidence", policy.readEvidence(sam, evidence('ria', 'private'), ['sam']), notShared],
    [
      "an admin outside the chain, a report's evidence shared with managers",
      policy.readEvidence(admin, evidence('ria', 'managers'), ['sam', 'kwame']),
      notShared,
    ],
    [
      'an admin outside the chain, private evidence',
      policy.readEvidence(admin, evidence('ria', 'private'), ['sam', 'kwame']),
      notShared,
    ],
    ['writing own evidence', policy.writeEvidence(sam, 'sam'), null],
    ["writing a report's evidence", policy.writeEvidence(sam, 'ria'), ownEvidenceOnly],
    ['own assessments', policy.readAssessments(sam, sam.person, ['kwame']), null],
    ["a report's assessments", policy.readAssessments(sam, report, ['sam', 'kwame']), null],
    ["a skip-level report's assessments", policy.readAssessments(sam, skipLevel, ['ria', 'sam', 'kwame']), null],
    [
      "a peer's assessments",
      policy.readAssessments(sam, peer, ['kwame']),
      'the assessments and progress of pat are visible to them and their managers only',
    ],
    ['a self-assessment of oneself', policy.recordAssessment(sam, sam.person, 'self'), null],
    ['a self-assessment of a report', policy.recordAssessment(sam, report, 'self'), selfOnly],
    ['a manager assessment of a direct report', policy.recordAssessment(sam, report, 'manager'), null],
    [
      'a manager assessment of a skip-level report',
      policy.recordAssessment(sam, skipLevel, 'manager'),
      'only the manager of sol can record a manager assessment of them',
    ],
    [
      'a manager assessment of oneself',
      policy.recordAssessment(sam, sam.person, 'manager'),
      'only the manager of sam can record a manager assessment of them',
    ],
    [
      'a manager assessment of a peer',
      policy.recordAssessment(sam, peer, 'manager'),
      'only the manager of pat can record a manager assessment of them',
    ],
    ['reading anyone’s profile', policy.readPeople(sam), null],
    ['reading the ladder', policy.readLadders(sam), null],
    ['choosing the active ladder version as an admin', policy.chooseActiveLadder({ ...sam, isAdmin: true }), null],
    [
      'choosing the active ladder version as someone who is not an admin',
      policy.chooseActiveLadder(sam),
      'only an admin can choose which ladder version is active, and sam is not one; ask an admin to make it active',
    ],
    ["listing a peer's evidence", policy.listEvidence(sam, peer), null],
    ['changing the organisation as an admin', policy.manageOrganisation({ ...sam, isAdmin: true }), null],
    [
      'changing the organisation as a manager who is not an admin',
      policy.manageOrganisation(sam),
      'only an admin can change the organisation, and sam is not one; ask an admin to make the change',
    ],
    ['reading the teams', policy.readTeams(sam), null],
    ['signing in', policy.signIn(), null],
    ['making the first admin of a new installation', policy.createFirstAdmin(false), null],
    [
      'making a first admin when one exists',
      policy.createFirstAdmin(true),
      'this installation already has an admin; sign in instead',
    ],
    ['one-click demo sign-in on a server that runs the demo', policy.demoSignIn(true), null],
    [
      'one-click demo sign-in on any other server',
      policy.demoSignIn(false),
      'one-click demo sign-in works only while the server runs the demo; sign in with a password',
    ],
    ['revoking own token', policy.revokeToken(sam, { personId: 'sam' }), null],
    [
      "revoking another's token",
      policy.revokeToken(admin, { personId: 'sam' }),
      'an API token can only be revoked by the person it belongs to',
    ],
    ['an admin making a reset link', policy.createResetLink(admin), null],
    ['anyone else making a reset link', policy.createResetLink(sam), 'only an admin can make a password-reset link'],
  ])('%s: refused with %s', (_what, decision, reason) => {
    expect(decision).toMatchObject(reason === null ? { allowed: true } : { allowed: false, reason });
  });

  it('lets the store filter evidence for the reader: all of your own, and of others what names you or your chain', () => {
    expect(policy.evidenceViewer(sam, 'sam', ['kwame'])).toEqual({ sees: 'all' });
    expect(policy.evidenceViewer(sam, 'ria', ['sam', 'kwame'])).toEqual({
      sees: 'audience',
      personId: 'sam',
      inManagerChain: true,
    });
    expect(policy.evidenceViewer(sam, 'pat', ['kwame'])).toEqual({
      sees: 'audience',
      personId: 'sam',
      inManagerChain: false,
    });
    // The admin role adds nothing.
    expect(policy.evidenceViewer(admin, 'ria', ['sam', 'kwame'])).toEqual({
      sees: 'audience',
      personId: 'ada',
      inManagerChain: false,
    });
  });

  it('turns a refusal into PolicyRefusal and an allowance into a Permit with what was loaded', () => {
    expect(permit(policy.writeEvidence(sam, 'sam'), 42).value).toBe(42);
    expect(() => permit(policy.writeEvidence(sam, 'pat'), 42)).toThrow(PolicyRefusal);
    expect(() => permit(policy.writeEvidence(sam, 'pat'), 42)).toThrow(
      'evidence can only be logged, edited or deleted by the person it belongs to',
    );
  });
});

describe('the rules of the audit log and of personal data', () => {
  it('lets only the person see their data and who looked at it, naming them in the refusal', () => {
    expect(policy.readOwnData(sam, sam.person)).toEqual({ allowed: true });
    for (const actor of [admin, { ...sam, person: person('kwame') }]) {
      expect(policy.readOwnData(actor, sam.person)).toEqual({
        allowed: false,
        reason: 'only sam can see what Longhaul holds about them and who has looked at it',
        subjectId: 'sam',
      });
    }
  });

  it('lets only an admin read the whole log', () => {
    expect(policy.readAuditLog(admin)).toEqual({ allowed: true });
    expect(policy.readAuditLog(sam)).toEqual({ allowed: false, reason: 'only an admin can read the audit log' });
  });

  it('lets the person or an admin delete an account, not their manager', () => {
    expect(policy.deletePerson(sam, sam.person)).toEqual({ allowed: true });
    expect(policy.deletePerson(admin, sam.person)).toEqual({ allowed: true });
    expect(policy.deletePerson({ ...sam, person: person('kwame') }, sam.person)).toMatchObject({
      allowed: false,
      subjectId: 'sam',
    });
  });

  it('carries the subject of a refusal into PolicyRefusal, for the audit log', () => {
    try {
      permit(policy.readAssessments(sam, peer, ['kwame']), undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyRefusal);
      expect((error as PolicyRefusal).subjectId).toBe('pat');
    }
  });
});
