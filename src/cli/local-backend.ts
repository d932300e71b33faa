import { DomainError, notFound } from '../core/domain-error.js';
import {
  deleteEvidence,
  editEvidence,
  findEvidence,
  findEvidenceByIdPrefix,
  getEvidenceIncludingDeleted,
  logEvidence,
  undeleteEvidence,
  type Evidence as EvidenceRecord,
} from '../services/evidence.service.js';
import { currentRatings, recordAssessment } from '../services/assessment.service.js';
import { buildBragDocument } from '../services/brag.service.js';
import { countEvidence } from '../services/evidence.service.js';
import { importOrganisation, listTeams } from '../services/org.service.js';
import { readAllPages } from '../services/paging.js';
import { changePersonSettings } from '../services/person.service.js';
import { presentAssessment } from '../server/presenters/assessment.presenter.js';
import { presentImportPlan, presentTeam } from '../server/presenters/org.presenter.js';
import { getProgress, selectTarget } from '../services/progress.service.js';
import { presentEvidence } from '../server/presenters/evidence.presenter.js';
import { presentProgress } from '../server/presenters/progress.presenter.js';
import { presentPage } from '../server/presenters/page.presenter.js';
import { findPeopleByEmailIgnoringCase } from '../store/people.repository.js';
import { recordAuditEvent } from '../services/audit.service.js';
import { runInTransaction } from '../store/database.js';
import type { Backend } from './backend.js';
import type { CliContext } from './context.js';
import { today, withSession, type Session } from './workspace.js';

/** The word that names the newest piece of evidence, the first line of `evidence list`; ids are hex, so it never clashes. */
export const LATEST = 'latest';

/** The shortest start of an id that may name a piece of evidence. */
export const MIN_ID_PREFIX = 4;

/** Runs work against the local database: one session, opened for the command and always closed. */
export function withLocalBackend<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  work: (backend: Backend) => Promise<T>,
): Promise<T> {
  return withSession(ctx, dbFlag, (session) => work(localBackend(ctx, session)));
}

/**
 * The local database through the services, presented as the API presents it,
 * so a command prints the same whichever backend answered. The local person
 * acts; no account is needed (docs/security.md).
 */
function localBackend(ctx: CliContext, session: Session): Backend {
  const { db, ladder } = session;
  let person = session.person;
  /**
   * A change, recorded in the audit log in the same transaction as the change
   * (as the server records its own), with `via: 'cli'`: the local person acts
   * on their own data. The action names the API operation that does the same.
   */
  const audited = <T>(
    action: string,
    work: (trx: typeof db) => Promise<T>,
    target?: (result: T) => { kind: string; id: string } | undefined,
  ): Promise<T> =>
    runInTransaction(db, async (trx) => {
      const result = await work(trx);
      await recordAuditEvent(trx, new Date(), {
        actorId: person.id,
        action,
        subjectId: person.id,
        target: target?.(result),
        outcome: 'allowed',
        via: 'cli',
        address: null,
        requestId: null,
      });
      return result;
    });
  const evidenceTarget = (e: { id: string }) => ({ kind: 'evidence', id: e.id });
  return {
    me: async () => ({ id: person.id, name: person.name, timeZone: person.timeZone }),
    logEvidence: async (input) =>
      presentEvidence(
        await audited(
          'logEvidence',
          (trx) => logEvidence(trx, ladder, person.id, input, today(ctx, person)),
          evidenceTarget,
        ),
      ),
    listEvidence: async (query) =>
      presentPage(
        await findEvidence(db, ladder, person.id, {
          ...query,
          limit: query.limit === undefined ? undefined : parseCount(query.limit),
        }),
        presentEvidence,
      ),
    findOwnEvidence: async (id) => presentEvidence(await findOwnEvidence(session, id)),
    editEvidence: async (id, changes) =>
      presentEvidence(
        await audited(
          'editEvidence',
          (trx) => editEvidence(trx, ladder, id, changes, today(ctx, person)),
          evidenceTarget,
        ),
      ),
    deleteEvidence: (id) =>
      audited(
        'deleteEvidence',
        (trx) => deleteEvidence(trx, id),
        () => ({ kind: 'evidence', id }),
      ),
    restoreEvidence: async (id) => {
      const { evidence: found } = await getEvidenceIncludingDeleted(db, id);
      if (found.personId !== person.id) throw notFound('evidence_not_found', id, { in: 'your evidence' });
      return presentEvidence(
        await audited('restoreEvidence', (trx) => undeleteEvidence(trx, ladder, id), evidenceTarget),
      );
    },
    peopleByEmail: async (emails) => {
      const found = new Map<string, string>();
      for (const email of emails) {
        const [match] = await findPeopleByEmailIgnoringCase(db, email, 1);
        if (match !== undefined) found.set(email.toLowerCase(), match.id);
      }
      return found;
    },
    progress: async (query) => {
      const report = await getProgress(db, ladder, person.id, { track: query.track });
      const target = selectTarget(report.evaluation, query.target);
      const track = report.evaluation.track;
      return {
        name: person.name,
        progress: presentProgress(report, ladder, target),
        track: { title: track.title, levelCount: track.levels.length },
      };
    },
    changeSettings: async (changes) => {
      person = await audited('updatePerson', (trx) => changePersonSettings(trx, person.id, changes));
      return { id: person.id, name: person.name, timeZone: person.timeZone };
    },
    activeLadder: async () => ladder,
    assessmentStart: async (track) => {
      const [current, evidenceCounts] = await Promise.all([
        currentRatings(db, ladder, person.id, { track }),
        countEvidence(db, ladder, person.id),
      ]);
      return { trackId: current.track.id, ratings: { ...current.ratings }, evidenceCounts: { ...evidenceCounts } };
    },
    recordSelfAssessment: async (input) => {
      const stored = await audited(
        'recordAssessment',
        (trx) =>
          recordAssessment(trx, ladder, {
            personId: person.id,
            assessorId: person.id,
            kind: 'self',
            track: input.track,
            ratings: input.ratings,
            notes: input.notes,
            note: input.note,
          }),
        (a) => ({ kind: 'assessment', id: a.id }),
      );
      // The same evaluation `status` prints, so the two commands never disagree on the counts.
      const report = await getProgress(db, ladder, person.id, { track: stored.trackId });
      const { observed, applicable } = report.evaluation;
      return { assessment: presentAssessment(stored), observed, applicable };
    },
    bragDocument: async (options) => {
      const doc = await buildBragDocument(db, ladder, person, options);
      // Each piece as the API presents it, so the JSON reads the same from a server.
      return { ...doc, groups: doc.groups.map((g) => ({ ...g, evidence: g.evidence.map(presentEvidence) })) };
    },
    listTeams: async () => (await readAllPages((page) => listTeams(db, page))).map(presentTeam),
    importOrganisation: async (csv, options) => {
      const run = (trx: typeof db) =>
        importOrganisation(trx, ladder, csv, { sourceName: options.fileName, dryRun: options.dryRun });
      // A dry run changes nothing, so there is nothing to record.
      return presentImportPlan(await (options.dryRun ? run(db) : audited('importOrganisation', run)));
    },
  };
}

/**
 * Finds one of the local person's own pieces of evidence by its id, a
 * unique start of it (the eight characters lists show), or `latest`. Someone else's
 * evidence in a shared database is never matched.
 */
async function findOwnEvidence({ db, ladder, person }: Session, id: string): Promise<EvidenceRecord> {
  const wanted = id.trim().toLowerCase();
  if (wanted === LATEST) {
    const [newest] = (await findEvidence(db, ladder, person.id, { limit: 1 })).items;
    if (newest === undefined) throw noEvidenceYet();
    return newest;
  }
  checkIdPrefix(id, wanted);
  const matches = await findEvidenceByIdPrefix(db, ladder, person.id, wanted, 2);
  return onlyMatch(id, matches);
}

/** `latest` when there is no evidence: the same words locally and against a server. */
export function noEvidenceYet(): DomainError {
  return notFound('evidence_not_found', null, { in: 'your evidence', hint: 'log some first' });
}

/** Refuses an id too short to name one piece of evidence. */
export function checkIdPrefix(typed: string, wanted: string): void {
  if (wanted.length < MIN_ID_PREFIX)
    throw new DomainError(
      'input_invalid',
      `"${typed}" is too short to name evidence; give at least ${MIN_ID_PREFIX} characters of its id`,
    );
}

/** The one piece of evidence an id prefix names, or the error for none or several. */
export function onlyMatch<E>(typed: string, matches: readonly E[]): E {
  const [only, ...others] = matches;
  if (only === undefined) {
    throw notFound('evidence_not_found', typed, { in: 'your evidence', hint: 'see: longhaul evidence list' });
  }
  if (others.length > 0)
    throw new DomainError('input_invalid', `"${typed}" starts more than one evidence id; give more characters`);
  return only;
}

/**
 * A count from the command line. Anything but plain digits is left as it is
 * written, so the service refuses it with the same words as a bad count.
 */
function parseCount(value: string): number {
  return /^[0-9]{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}
