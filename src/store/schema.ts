import type { ColumnType, Insertable, Selectable } from 'kysely';

/*
 * The tables as TypeScript sees them. Property names are camelCase; the SQL
 * columns are their snake_case twins (`personId` is `person_id`), translated by
 * Kysely's CamelCasePlugin in database.ts. Every value is text so SQLite and
 * PostgreSQL store and return exactly the same thing: ids are UUIDs, instants
 * are ISO-8601 UTC (`2025-03-01T09:30:00.000Z`), dates are `YYYY-MM-DD`, flags
 * are text enums and lists are JSON text.
 */

/** The kinds of evidence a person can record; the database rejects any other value. */
export const EVIDENCE_KINDS = ['incident', 'design', 'review', 'mentoring', 'delivery', 'other'] as const;
/** What a piece of evidence is: an incident handled, a design written, and so on. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Who may see a piece of evidence; the database rejects any other value. */
export const EVIDENCE_VISIBILITIES = ['private', 'managers', 'people'] as const;
/**
 * `private` is for the author only; `managers` also for their manager chain (migration 0008 made every
 * `shared` row this); `people` also for the people named in `evidence_audience`.
 */
export type EvidenceVisibility = (typeof EVIDENCE_VISIBILITIES)[number];

/** Whose view of a person an assessment records; the database rejects any other value. */
export const ASSESSMENT_KINDS = ['self', 'manager'] as const;
/** A self-assessment, or an assessment by the person's manager. */
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** Table `ladder_versions`: every ladder version ever used, so old evidence and ratings keep their meaning. */
export interface LadderVersionsTable {
  /** Column `ladder_id`: the ladder's own id from its YAML file. Part of the primary key. */
  ladderId: string;
  /** Column `hash`: sha256 of the ladder's canonical JSON. Part of the primary key. */
  hash: string;
  /** Column `title`: the ladder's title at this version. */
  title: string;
  /** Column `source_yaml`: the YAML text exactly as loaded, to rebuild this version later. */
  sourceYaml: string;
  /** Column `loaded_at`: ISO-8601 instant this version was first saved. */
  loadedAt: string;
}

/** Table `settings`: small key/value facts about this installation. */
export interface SettingsTable {
  /** Column `key`: the setting's name, e.g. `active_ladder_id`. Primary key. */
  key: string;
  /** Column `value`: the setting's value as text. */
  value: string;
}

/** Table `people`: everyone who records evidence, is assessed or assesses. */
export interface PeopleTable {
  /** Column `id`: UUID, primary key. */
  id: string;
  /** Column `name`: display name. */
  name: string;
  /** Column `email`: unique when present, compared exactly as stored; null for people known only by name. */
  email: string | null;
  /**
   * Column `team`: the name of the person's team, or null. Free text before migration 0004; since then a copy
   * of `teams.name` for `team_id`, written only by the people repository, so reads and filters by name work.
   */
  team: string | null;
  /** Column `title`: job title as the organisation writes it, or null. */
  title: string | null;
  /** Column `manager_id`: the person's manager (people.id), or null; set to null if the manager is deleted. */
  managerId: string | null;
  /** Column `created_at`: ISO-8601 instant the person was added. */
  createdAt: string;
  /**
   * Column `time_zone` (migration 0003): IANA time zone (`Europe/Berlin`) in which the person's "today" is
   * taken, or null until they choose one.
   */
  timeZone: string | null;
  /**
   * Column `name_key` (migration 0006): the key the directory is listed by, the name folded for accents and
   * case and hex-encoded (`nameSortKey`), so both databases page people in the same order. Written with the name.
   */
  nameKey: string | null;
  /** Column `team_id` (migration 0004): the person's team (teams.id), or null; set to null if the team is deleted. */
  teamId: string | null;
  /** Column `track_id` (migration 0004): the person's official track, a track id of the active ladder, or null. */
  trackId: string | null;
  /** Column `level_id` (migration 0004): the person's official level, a level id of `track_id`, or null. */
  levelId: string | null;
  /**
   * Column `is_admin` (migration 0004): 1 for an admin, who may change the organisation (import people, move,
   * deactivate), else 0, the default. An integer with a check constraint, not a boolean, so both databases agree.
   * The manager role is not stored: it is having reports.
   */
  isAdmin: ColumnType<AdminFlag, AdminFlag | undefined, AdminFlag>;
  /** Column `deactivated_at` (migration 0004): ISO-8601 instant the person left or was deactivated, or null. */
  deactivatedAt: string | null;
}

/** `people.is_admin`: 1 for an admin, 0 otherwise; the database rejects any other value. */
export type AdminFlag = 0 | 1;

/** Table `teams` (migration 0004): the organisation's teams; people point at one with `people.team_id`. */
export interface TeamsTable {
  /** Column `id`: UUID, primary key. */
  id: string;
  /** Column `name`: the team's name as people write it, unique (exactly as stored; the services match it case-insensitively). */
  name: string;
  /** Column `created_at`: ISO-8601 instant the team was created. */
  createdAt: string;
  /** Column `name_key` (migration 0006): the key teams are listed by, made like `people.name_key`. */
  nameKey: string | null;
}

/** Table `evidence`: one thing a person did that shows one or more competencies. */
export interface EvidenceTable {
  /** Column `id`: UUID, primary key. */
  id: string;
  /** Column `person_id`: whose evidence this is (people.id). */
  personId: string;
  /** Column `date`: `YYYY-MM-DD` the work happened, not when it was recorded. */
  date: string;
  /** Column `title`: one-line summary. */
  title: string;
  /** Column `body`: Markdown detail; empty string when there is none. */
  body: string;
  /** Column `kind`: one of EVIDENCE_KINDS. */
  kind: EvidenceKind;
  /** Column `links`: JSON text array of URLs; repositories parse it to `string[]`. */
  links: string;
  /** Column `visibility`: one of EVIDENCE_VISIBILITIES; `private` by default. */
  visibility: EvidenceVisibility;
  /** Column `ladder_id`: ladder the evidence was recorded against (with `ladder_hash`, a ladder_versions key). */
  ladderId: string;
  /** Column `ladder_hash`: version of that ladder (with `ladder_id`, a ladder_versions key). */
  ladderHash: string;
  /** Column `created_at`: ISO-8601 instant the evidence was recorded. */
  createdAt: string;
  /** Column `updated_at`: ISO-8601 instant of the last change; equals `created_at` until edited. */
  updatedAt: string;
  /**
   * Column `deleted_at` (migration 0002): ISO-8601 instant the evidence was deleted, or null while it is live.
   * Deleted evidence is kept so a delete can be undone; reads leave it out.
   */
  deletedAt: string | null;
}

/** Table `evidence_competencies`: which competencies a piece of evidence supports (many per evidence). */
export interface EvidenceCompetenciesTable {
  /** Column `evidence_id`: the evidence (evidence.id); rows go when the evidence is deleted. Part of the primary key. */
  evidenceId: string;
  /** Column `competency_id`: a competency id of the evidence's ladder version. Part of the primary key. */
  competencyId: string;
}

/** Table `evidence_audience` (migration 0008): the people a piece of evidence with visibility `people` is shared with. */
export interface EvidenceAudienceTable {
  /** Column `evidence_id`: the evidence (evidence.id); rows go when the evidence is deleted. Part of the primary key. */
  evidenceId: string;
  /** Column `person_id`: a person who may read it (people.id); rows go when the person is deleted. Part of the primary key. */
  personId: string;
}

/** Table `assessments`: one person's view of another's (or their own) level, at one moment. */
export interface AssessmentsTable {
  /** Column `id`: UUID, primary key. */
  id: string;
  /** Column `person_id`: the person assessed (people.id). */
  personId: string;
  /** Column `assessor_id`: the person who assessed (people.id); the subject for a self-assessment. */
  assessorId: string;
  /** Column `kind`: one of ASSESSMENT_KINDS. */
  kind: AssessmentKind;
  /** Column `ladder_id`: ladder the ratings refer to (with `ladder_hash`, a ladder_versions key). */
  ladderId: string;
  /** Column `ladder_hash`: version of that ladder (with `ladder_id`, a ladder_versions key). */
  ladderHash: string;
  /** Column `track_id`: the track of that ladder the person was assessed on. */
  trackId: string;
  /** Column `created_at`: ISO-8601 instant the assessment was recorded. */
  createdAt: string;
  /** Column `note`: the assessor's overall comment, or null. */
  note: string | null;
}

/** Table `ratings`: the rating of one competency within one assessment. */
export interface RatingsTable {
  /** Column `assessment_id`: the assessment (assessments.id); rows go when it is deleted. Part of the primary key. */
  assessmentId: string;
  /** Column `competency_id`: the competency rated. Part of the primary key. */
  competencyId: string;
  /** Column `rating`: a scale step id of the assessment's ladder version, or `not-observed`. */
  rating: string;
  /** Column `note`: why this rating, or null. */
  note: string | null;
}

/**
 * Table `accounts` (migration 0005): a person who may sign in. The login is the person's email
 * (people.email). The admin role is the person's (`people.is_admin`), not the account's.
 */
export interface AccountsTable {
  /** Column `person_id`: the person (people.id); primary key, so one account per person. */
  personId: string;
  /** Column `password_hash`: argon2id PHC string, or null for an account that cannot sign in with a password. */
  passwordHash: string | null;
  /** Column `is_demo`: 1 for an account the demo created, which signs in with one click while the demo runs. */
  isDemo: number;
  /** Column `created_at`: ISO-8601 instant the account was made. */
  createdAt: string;
  /** Column `password_changed_at`: ISO-8601 instant the password was last set, or null when it never was. */
  passwordChangedAt: string | null;
}

/** Table `sessions` (migration 0005): a signed-in browser. */
export interface SessionsTable {
  /** Column `id`: sha256 (hex) of the random cookie value; the value itself is never stored. */
  id: string;
  /** Column `person_id`: whose session (accounts.person_id); removed with the account. */
  personId: string;
  /** Column `created_at`: ISO-8601 instant of the sign-in; the absolute expiry counts from it. */
  createdAt: string;
  /** Column `last_seen_at`: ISO-8601 instant of the last request (written at most once a minute). */
  lastSeenAt: string;
  /** Column `expires_at`: ISO-8601 instant after which the session is void whatever its use (absolute expiry). */
  expiresAt: string;
  /** Column `user_agent`: the browser's User-Agent at sign-in, cut to 200 characters, for the sessions list. */
  userAgent: string | null;
  /** Column `address`: the client address at sign-in, for the sessions list. */
  address: string | null;
}

/** Table `api_tokens` (migration 0005): a personal token for scripts, sent as `Authorization: Bearer lh_…`. */
export interface ApiTokensTable {
  /** Column `id`: UUID, primary key; names the token in lists and in DELETE /api/tokens/{tokenId}. */
  id: string;
  /** Column `person_id`: whose token (accounts.person_id). */
  personId: string;
  /** Column `name`: what the person called it ("backup script"). */
  name: string;
  /** Column `hash`: sha256 (hex) of the whole token; unique. The token itself is shown once and never stored. */
  hash: string;
  /** Column `prefix`: the first characters of the token (`lh_AbCd1234`), so a person can tell tokens apart. */
  prefix: string;
  /** Column `created_at`: ISO-8601 instant it was made. */
  createdAt: string;
  /** Column `expires_at`: ISO-8601 instant after which it no longer works; every token has one. */
  expiresAt: string;
  /** Column `last_used_at`: ISO-8601 instant of its last use (written at most once a minute), or null. */
  lastUsedAt: string | null;
  /** Column `revoked_at`: ISO-8601 instant it was revoked, or null while it is live. */
  revokedAt: string | null;
}

/** Table `password_resets` (migration 0005): a one-time link an admin made for a person to set a password. */
export interface PasswordResetsTable {
  /** Column `hash`: sha256 (hex) of the token in the link; primary key. */
  hash: string;
  /** Column `person_id`: whose password the link sets (accounts.person_id). */
  personId: string;
  /** Column `created_by`: the admin who made it (people.id), or null. */
  createdBy: string | null;
  /** Column `created_at`: ISO-8601 instant it was made. */
  createdAt: string;
  /** Column `expires_at`: ISO-8601 instant after which it no longer works. */
  expiresAt: string;
  /** Column `used_at`: ISO-8601 instant it was used, or null; a link works once. */
  usedAt: string | null;
}

/** Table `sign_in_limits` (migration 0005): failed sign-ins per account or address in the current window. */
export interface SignInLimitsTable {
  /** Column `key`: `account:<email>` or `address:<ip>`; primary key. */
  key: string;
  /** Column `window_start`: ISO-8601 instant the current counting window began. */
  windowStart: string;
  /** Column `failures`: failed sign-ins since then; never negative. */
  failures: number;
}

/**
 * Table `oidc_sign_ins` (migration 0007): single sign-ons begun and not yet finished. Kept in the database, not
 * in memory, so the callback may reach any server that shares it; each row is used once, then deleted.
 */
export interface OidcSignInsTable {
  /** Column `state_hash`: hex sha256 of the `state` sent to the identity provider; primary key. The state itself is not stored. */
  stateHash: string;
  /** Column `nonce`: the nonce sent with the request, which the ID token must carry back. */
  nonce: string;
  /** Column `code_verifier`: the PKCE code verifier whose S256 challenge was sent; proves the callback is ours. */
  codeVerifier: string;
  /** Column `return_to`: the path within Longhaul to show once signed in (`/` by default). */
  returnTo: string;
  /** Column `created_at`: ISO-8601 instant the sign-in began. */
  createdAt: string;
  /** Column `expires_at`: ISO-8601 instant after which the row is refused and may be purged. */
  expiresAt: string;
}

/** Whether the policy let an audited request through; the database rejects any other value. */
export const AUDIT_OUTCOMES = ['allowed', 'refused'] as const;
/** `allowed` or `refused`. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Which edge an audited request came through; the database rejects any other value. */
export const AUDIT_VIAS = ['web', 'api', 'cli'] as const;
/** The web app (a session cookie), the API (a token) or the command line. */
export type AuditVia = (typeof AUDIT_VIAS)[number];

/**
 * Table `audit_events` (migration 0009): who did or read what, when and from where. Ids only, no content, no
 * foreign keys (an event outlives what it names); triggers refuse UPDATE, DELETE and (PostgreSQL) TRUNCATE.
 */
export interface AuditEventsTable {
  /** Column `id`: UUID, primary key. */
  id: string;
  /** Column `at`: ISO-8601 instant of the event. */
  at: string;
  /** Column `actor_id`: the person who acted, or null for an anonymous request. */
  actorId: string | null;
  /** Column `action`: the operation, the route's operationId (`updatePerson`) or a service's name for it. */
  action: string;
  /** Column `subject_id`: the person whose data it is about, or null when it is about nobody in particular. */
  subjectId: string | null;
  /** Column `target_kind`: the kind of thing acted on (`evidence`, `api_token`), or null. */
  targetKind: string | null;
  /** Column `target_id`: its id, or null. */
  targetId: string | null;
  /** Column `outcome`: whether the policy allowed it. */
  outcome: AuditOutcome;
  /** Column `via`: the edge it came through. */
  via: AuditVia;
  /** Column `address`: the client's IP address, or null (the command line). */
  address: string | null;
  /** Column `request_id`: the server's id of the request, to find it in the server log; null from the CLI. */
  requestId: string | null;
}

/** Every table Kysely may query, keyed by the camelCase form of its SQL name. */
export interface Database {
  ladderVersions: LadderVersionsTable;
  settings: SettingsTable;
  people: PeopleTable;
  teams: TeamsTable;
  evidence: EvidenceTable;
  evidenceCompetencies: EvidenceCompetenciesTable;
  evidenceAudience: EvidenceAudienceTable;
  assessments: AssessmentsTable;
  ratings: RatingsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  passwordResets: PasswordResetsTable;
  signInLimits: SignInLimitsTable;
  oidcSignIns: OidcSignInsTable;
  auditEvents: AuditEventsTable;
}

/** A ladder version as read back. */
export type LadderVersionRow = Selectable<LadderVersionsTable>;
/** A ladder version as written. */
export type NewLadderVersionRow = Insertable<LadderVersionsTable>;
/** A setting as read back. */
export type SettingRow = Selectable<SettingsTable>;
/** A setting as written. */
export type NewSettingRow = Insertable<SettingsTable>;
/** A person as read back. */
export type PersonRow = Selectable<PeopleTable>;
/** A person as written. */
export type NewPersonRow = Insertable<PeopleTable>;
/** A team as read back. */
export type TeamRow = Selectable<TeamsTable>;
/** A team as written. */
export type NewTeamRow = Insertable<TeamsTable>;
/** A piece of evidence as read back, with `links` still JSON text. */
export type EvidenceRow = Selectable<EvidenceTable>;
/** A piece of evidence as written. */
export type NewEvidenceRow = Insertable<EvidenceTable>;
/** A link between evidence and a competency as read back. */
export type EvidenceCompetencyRow = Selectable<EvidenceCompetenciesTable>;
/** A link between evidence and a competency as written. */
export type NewEvidenceCompetencyRow = Insertable<EvidenceCompetenciesTable>;
/** An assessment as read back, without its ratings. */
export type AssessmentRow = Selectable<AssessmentsTable>;
/** An assessment as written. */
export type NewAssessmentRow = Insertable<AssessmentsTable>;
/** A rating as read back. */
export type RatingRow = Selectable<RatingsTable>;
/** A rating as written. */
export type NewRatingRow = Insertable<RatingsTable>;
/** An account as read back. */
export type AccountRow = Selectable<AccountsTable>;
/** A session as read back. */
export type SessionRow = Selectable<SessionsTable>;
/** A session as written. */
export type NewSessionRow = Insertable<SessionsTable>;
/** An API token as read back (its hash, never the token). */
export type ApiTokenRow = Selectable<ApiTokensTable>;
/** An API token as written. */
export type NewApiTokenRow = Insertable<ApiTokensTable>;
/** A password-reset link as read back (its hash, never the token). */
export type PasswordResetRow = Selectable<PasswordResetsTable>;
/** A password-reset link as written. */
export type NewPasswordResetRow = Insertable<PasswordResetsTable>;
/** A sign-in limit counter as read back. */
export type SignInLimitRow = Selectable<SignInLimitsTable>;
/** A pending single sign-on as read back. */
export type OidcSignInRow = Selectable<OidcSignInsTable>;
/** A pending single sign-on as written. */
export type NewOidcSignInRow = Insertable<OidcSignInsTable>;
/** An audit event as read back. */
export type AuditEventRow = Selectable<AuditEventsTable>;
/** An audit event as written. */
export type NewAuditEventRow = Insertable<AuditEventsTable>;
