import type { Insertable, Selectable } from 'kysely';

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
export const EVIDENCE_VISIBILITIES = ['private', 'shared'] as const;
/** `private` is for the author only, `shared` also for their manager. */
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
  /** Column `team`: free-text team name, or null. */
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

/** Every table Kysely may query, keyed by the camelCase form of its SQL name. */
export interface Database {
  ladderVersions: LadderVersionsTable;
  settings: SettingsTable;
  people: PeopleTable;
  evidence: EvidenceTable;
  evidenceCompetencies: EvidenceCompetenciesTable;
  assessments: AssessmentsTable;
  ratings: RatingsTable;
  oidcSignIns: OidcSignInsTable;
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
/** A pending single sign-on as read back. */
export type OidcSignInRow = Selectable<OidcSignInsTable>;
/** A pending single sign-on as written. */
export type NewOidcSignInRow = Insertable<OidcSignInsTable>;
