import type { Kysely } from 'kysely';
import { DomainError } from '../core/domain-error.js';
import { findAccount, listApiTokens, listSessions } from '../store/account.repository.js';
import { listAssessments, type AssessmentRecord } from '../store/assessment.repository.js';
import { listAuditEvents, type AuditEventWithNames } from '../store/audit.repository.js';
import {
  countAssessmentsRecordedOfOthers,
  countOtherActiveAdmins,
  deletePersonAndData,
  listAllEvidenceOf,
  type StoredEvidence,
} from '../store/personal-data.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { getSetting, SETTING_KEYS } from '../store/settings.repository.js';
import { normaliseEmail } from './account.service.js';

/*
 * "What Longhaul holds about me", and "delete my account and my data". Both
 * work from the store's rows directly, so nothing stored is left out of the
 * one and left behind by the other.
 */

/** The most audit events about a person an export of their data holds; the newest are kept. */
export const MAX_PERSONAL_AUDIT_EVENTS = 10_000;

/** Everything stored about one person, without a secret: no password hash, no session id, no token hash. */
export interface PersonalData {
  exportedAt: string;
  person: PersonRow;
  account: { createdAt: string; passwordChangedAt: string | null; hasPassword: boolean; isDemo: boolean } | null;
  sessions: {
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    userAgent: string | null;
    address: string | null;
  }[];
  apiTokens: {
    name: string;
    prefix: string;
    createdAt: string;
    expiresAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
  evidence: StoredEvidence[];
  assessments: AssessmentRecord[];
  auditEvents: AuditEventWithNames[];
  /** Whether there were more audit events than MAX_PERSONAL_AUDIT_EVENTS; the newest are kept. */
  auditEventsTruncated: boolean;
}

/** Collects everything stored about `person`, for their download. */
export async function collectPersonalData(db: Kysely<Database>, person: PersonRow, now: Date): Promise<PersonalData> {
  const account = await findAccount(db, person.id);
  const sessions = await listSessions(db, person.id);
  const tokens = await listApiTokens(db, person.id);
  const events = await listAuditEvents(db, { subjectId: person.id }, { limit: MAX_PERSONAL_AUDIT_EVENTS + 1 });
  return {
    exportedAt: now.toISOString(),
    person,
    account:
      account === undefined
        ? null
        : {
            createdAt: account.createdAt,
            passwordChangedAt: account.passwordChangedAt,
            hasPassword: account.passwordHash !== null,
            isDemo: account.isDemo === 1,
          },
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      address: s.address,
    })),
    apiTokens: tokens.map((t) => ({
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    })),
    evidence: await listAllEvidenceOf(db, person.id),
    assessments: await listAssessments(db, person.id),
    auditEvents: events.slice(0, MAX_PERSONAL_AUDIT_EVENTS),
    auditEventsTruncated: events.length > MAX_PERSONAL_AUDIT_EVENTS,
  };
}

/**
 * Deletes `person`'s account and data after checking that `confirmEmail` is
 * their email (their name, for a person without one), so a slip of the
 * mouse cannot do it. Refused, with a sentence, for the last admin (nobody
 * could run the organisation), for the database's own person (local mode
 * acts as them) and for a person who recorded assessments of others (those
 * are the others' data).
 *
 * @throws DomainError `input_invalid` naming `confirmEmail`, or `conflict`.
 */
export async function deletePerson(db: Kysely<Database>, person: PersonRow, confirmEmail: string): Promise<void> {
  const expected = person.email === null ? person.name.trim() : normaliseEmail(person.email);
  const given = person.email === null ? confirmEmail.trim() : normaliseEmail(confirmEmail);
  if (given !== expected) {
    const message =
      person.email === null
        ? `type the name of ${person.name} to confirm; they have no email`
        : `type the email of ${person.name} (${person.email}) to confirm`;
    throw new DomainError('input_invalid', message, [{ path: ['confirmEmail'], message }]);
  }
  if ((await getSetting(db, SETTING_KEYS.localPersonId)) === person.id) {
    throw new DomainError(
      'conflict',
      `${person.name} is the database's own person, whom the command line acts as, and cannot be deleted`,
    );
  }
  if (person.isAdmin === 1 && person.deactivatedAt === null && (await countOtherActiveAdmins(db, person.id)) === 0) {
    throw new DomainError(
      'conflict',
      `${person.name} is the last admin; make someone else an admin first, so someone can still run the organisation`,
    );
  }
  const recorded = await countAssessmentsRecordedOfOthers(db, person.id);
  if (recorded > 0) {
    throw new DomainError(
      'conflict',
      `${person.name} recorded ${recorded === 1 ? 'an assessment' : `${recorded} assessments`} of other people, which are theirs to keep; those cannot be deleted with this account`,
    );
  }
  await deletePersonAndData(db, person.id);
}
