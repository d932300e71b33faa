/**
 * The store's public API: open a database, then read and write through the
 * repositories. Everything else under src/store is an implementation detail.
 */
export { openDatabase, closeDatabase, runInTransaction, describeDatabase } from './database.js';
export type { DatabaseConfig } from './database.js';
export { MIGRATIONS } from './migrations/migration-provider.js';
export { EVIDENCE_KINDS, EVIDENCE_VISIBILITIES, ASSESSMENT_KINDS } from './schema.js';
export type {
  Database,
  EvidenceKind,
  EvidenceVisibility,
  AssessmentKind,
  LadderVersionRow,
  NewLadderVersionRow,
  SettingRow,
  NewSettingRow,
  PersonRow,
  NewPersonRow,
  AdminFlag,
  TeamRow,
  NewTeamRow,
  EvidenceRow,
  NewEvidenceRow,
  EvidenceCompetencyRow,
  NewEvidenceCompetencyRow,
  AssessmentRow,
  NewAssessmentRow,
  RatingRow,
  NewRatingRow,
  OidcSignInRow,
  NewOidcSignInRow,
} from './schema.js';
export { saveLadderVersion, findLadderVersion, listLadderVersions } from './ladder.repository.js';
export type { SaveLadderVersionInput } from './ladder.repository.js';
export { SETTING_KEYS, getSetting, setSetting } from './settings.repository.js';
export {
  insertPerson,
  findPersonById,
  findPersonByEmail,
  findPeopleByEmailIgnoringCase,
  listPeople,
  updatePerson,
} from './people.repository.js';
export type { InsertPersonInput, ListPeopleFilter, PersonPatch } from './people.repository.js';
export {
  MAX_MANAGEMENT_DEPTH,
  ensureTeam,
  insertPeopleBatch,
  listTeams,
  listTeamsWithCounts,
  listEveryone,
  findManagementChain,
  findReportTree,
  findReportTreePage,
  countDirectReports,
} from './organisation.repository.js';
export type { PersonAtDepth, TeamWithCount } from './organisation.repository.js';
export {
  insertEvidence,
  updateEvidence,
  deleteEvidence,
  softDeleteEvidence,
  restoreEvidence,
  findEvidenceById,
  findEvidenceIncludingDeleted,
  listEvidence,
  listEvidenceByIdPrefix,
  findPeopleForAudience,
  countEvidenceByCompetency,
  countEvidenceByCompetencyAndDate,
} from './evidence.repository.js';
export type {
  EvidenceRecord,
  InsertEvidenceInput,
  EvidencePatch,
  ListEvidenceFilter,
  CountEvidenceOptions,
  EvidenceViewer,
  EvidenceAudienceMember,
} from './evidence.repository.js';
export { insertAssessment, findLatestAssessment, listAssessments } from './assessment.repository.js';
export type {
  AssessmentRecord,
  AssessmentRating,
  InsertAssessmentInput,
  AssessmentFilter,
} from './assessment.repository.js';
export { saveOidcSignIn, takeOidcSignIn, purgeExpiredOidcSignIns, hashOidcState } from './oidc-sign-in.repository.js';
export type { SaveOidcSignInInput } from './oidc-sign-in.repository.js';
export { insertAuditEvent, listAuditEvents } from './audit.repository.js';
export type { AuditFilter, AuditEventWithNames } from './audit.repository.js';
export { AUDIT_OUTCOMES, AUDIT_VIAS } from './schema.js';
export type { AuditEventRow, NewAuditEventRow, AuditOutcome, AuditVia } from './schema.js';
export {
  listAllEvidenceOf,
  countAssessmentsRecordedOfOthers,
  countOtherActiveAdmins,
  deletePersonAndData,
} from './personal-data.repository.js';
export type { StoredEvidence } from './personal-data.repository.js';
