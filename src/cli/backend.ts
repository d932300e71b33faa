import type { Ladder } from '../core/ladder.js';
import type { BragDocument } from '../services/brag.service.js';
import type {
  Assessment,
  EvidenceCreate,
  EvidencePage,
  EvidenceUpdate,
  Evidence,
  ImportPlan,
  Progress,
  Team,
} from '../server/api-contract.js';

/**
 * The seam between the commands and where the data is: the local database
 * (local-backend.ts, over the services) or a server the CLI is logged in to
 * (remote-backend.ts, over the public API). Both answer in the API contract's
 * shapes, and the commands print only from those, so a command says the same
 * and exits the same either way.
 */
export interface Backend {
  /** Who the commands act as: the local person, or the person the token belongs to. */
  me(): Promise<BackendPerson>;
  logEvidence(input: EvidenceCreate): Promise<Evidence>;
  listEvidence(query: EvidenceListQuery): Promise<EvidencePage>;
  /** One of the person's own pieces of evidence by id, a unique start of it (4 characters or more), or `latest`. */
  findOwnEvidence(id: string): Promise<Evidence>;
  editEvidence(id: string, changes: EvidenceUpdate): Promise<Evidence>;
  deleteEvidence(id: string): Promise<void>;
  /** Undoes a delete; `id` is the full id. */
  restoreEvidence(id: string): Promise<Evidence>;
  /** The people of the organisation with these emails (compared without case): lower-cased email -> person id. */
  peopleByEmail(emails: readonly string[]): Promise<Map<string, string>>;
  /** Where the person stands, against `target` (id or title) or the default target. */
  progress(query: { track?: string; target?: string }): Promise<ProgressView>;
  /** Changes the person's own settings and returns them as stored now. */
  changeSettings(changes: { timeZone: string }): Promise<BackendPerson>;
  /** The active ladder: the one new evidence and assessments are recorded against. */
  activeLadder(): Promise<Ladder>;
  /** What `assess` starts from: the track, the ratings in force, and the evidence per competency. */
  assessmentStart(track: string | undefined): Promise<AssessmentStart>;
  /** Records a self-assessment and says how many competencies are rated now. */
  recordSelfAssessment(
    input: SelfAssessment,
  ): Promise<{ assessment: Assessment; observed: number; applicable: number }>;
  /** The person's brag document: their evidence since a date, grouped by competency; `today` dates it. */
  bragDocument(options: { since?: string; today: string }): Promise<BragDocument>;
  /** Every team, all pages read. */
  listTeams(): Promise<Team[]>;
  /** Imports (or, on a dry run, plans) a people file; all or nothing. */
  importOrganisation(csv: string, options: { fileName: string; dryRun: boolean }): Promise<ImportPlan>;
}

/** The ratings in force on a track and the evidence for each competency, for the questions of `assess`. */
export interface AssessmentStart {
  trackId: string;
  /** Competency id -> rating id, for the competencies rated. */
  ratings: Record<string, string>;
  evidenceCounts: Record<string, number>;
}

/** A self-assessment as `assess` builds it. */
export interface SelfAssessment {
  track?: string;
  ratings: Record<string, string>;
  notes?: Record<string, string>;
  note?: string;
}

/** The person as the commands need them: a name for headings, a time zone for today. */
export interface BackendPerson {
  id: string;
  name: string;
  timeZone: string | null;
}

/** The filters of `evidence list`, as typed: the count stays text so both paths refuse a bad one alike. */
export interface EvidenceListQuery {
  competency?: string;
  kind?: string;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
}

/** `status` and `gap` print from this: the API's progress plus what the track looks like. */
export interface ProgressView {
  name: string;
  progress: Progress;
  track: { title: string; levelCount: number };
}
