import type { Kysely } from 'kysely';
import {
  competenciesOf,
  findStep,
  findTrack,
  NOT_OBSERVED,
  ratingScale,
  resolveCompetency,
  type Ladder,
  type ScaleStep,
} from '../core/ladder.js';
import type { Level } from '../core/ladder.schema.js';
import { evaluateProgress } from '../core/progression.js';
import { listAssessments, type AssessmentRecord } from '../store/assessment.repository.js';
import { countEvidenceByCompetencyAndDate, type EvidenceViewer } from '../store/evidence.repository.js';
import type { AssessmentKind, Database } from '../store/schema.js';
import type { LadderCache } from './ladder-version.service.js';
import { readPage, type Page, type PageRequest } from './paging.js';

/** One competency's rating in a past assessment, in the words of the ladder version it was made with. */
export interface HistoricRating {
  competencyId: string;
  title: string;
  /** The rated step; null when not observed. */
  step: ScaleStep | null;
  /** Why the assessor gave this rating; null when they wrote nothing. */
  note: string | null;
}

/** One assessment as it was seen when it was made. */
export interface HistoryEntry {
  assessment: AssessmentRecord;
  /** The level the ratings demonstrate under that version's policy; null when none. */
  demonstrated: Level | null;
  ratings: HistoricRating[];
}

/** The kind tag of the cursors of assessment lists and of history, which page the same rows in the same order. */
const ASSESSMENT_PAGES = 'assessments';

/**
 * One page of a person's assessments of every kind (or one), newest first:
 * what an assessments list shows.
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listAssessmentsOf(
  db: Kysely<Database>,
  personId: string,
  options: { kind?: AssessmentKind } & PageRequest = {},
): Promise<Page<AssessmentRecord>> {
  return readPage(
    ASSESSMENT_PAGES,
    options,
    2,
    (after, limit) => listAssessments(db, personId, { kind: options.kind, order: 'newest', after, limit }),
    (row) => [row.createdAt, row.id] as const,
  );
}

/**
 * One page of a person's assessments, newest first, each evaluated against
 * the ladder version it was made with rather than today's. That is what keeps
 * history true: editing the ladder (a stricter policy, a renamed level) does
 * not change what an old assessment showed.
 *
 * @throws DomainError `ladder_not_found` when a version an assessment names is missing;
 *   `input_invalid` naming `limit` or `cursor`.
 */
export async function buildHistory(
  db: Kysely<Database>,
  ladders: LadderCache,
  personId: string,
  options: { kind?: AssessmentKind; evidenceViewer?: EvidenceViewer } & PageRequest = {},
): Promise<Page<HistoryEntry>> {
  const [page, dated] = await Promise.all([
    listAssessmentsOf(db, personId, options),
    countEvidenceByCompetencyAndDate(db, personId, { viewer: options.evidenceViewer }),
  ]);
  const entries: HistoryEntry[] = [];
  // The evidence rule reads the evidence dated up to each assessment's day, as it stood then:
  // walked oldest first, the running totals only ever move forward.
  const counts: Record<string, number> = {};
  let next = 0;
  for (const assessment of [...page.items].reverse()) {
    const day = assessment.createdAt.slice(0, 10);
    for (let row = dated[next]; row !== undefined && row.date <= day; row = dated[++next]) {
      counts[row.competencyId] = (counts[row.competencyId] ?? 0) + row.count;
    }
    const ladder = await ladders.version(db, assessment.ladderId, assessment.ladderHash);
    entries.push(evaluateAssessment(ladder, assessment, { ...counts }));
  }
  return { items: entries.reverse(), nextCursor: page.nextCursor };
}

/**
 * Reads one assessment against its own ladder version. Ratings were checked
 * against that version when they were recorded; anything that still does not
 * fit (a hand-edited database) is shown but left out of the evaluation
 * rather than failing the whole history.
 */
function evaluateAssessment(
  ladder: Ladder,
  assessment: AssessmentRecord,
  evidenceCounts: Record<string, number>,
): HistoryEntry {
  const track = findTrack(
    ladder,
    ladder.tracks.some((t) => t.id === assessment.trackId) ? assessment.trackId : undefined,
  );
  const scale = ratingScale(ladder, track);
  const onTrack = competenciesOf(ladder, track);
  const usable: Record<string, string> = {};
  const ratings = assessment.ratings.map((rating): HistoricRating => {
    const competency = resolveCompetency(ladder, rating.competencyId);
    const step = rating.rating === NOT_OBSERVED ? null : (findStep(scale, rating.rating) ?? null);
    if (
      competency !== undefined &&
      onTrack.includes(competency) &&
      (step !== null || rating.rating === NOT_OBSERVED) &&
      usable[competency.id] === undefined
    ) {
      usable[competency.id] = step?.id ?? NOT_OBSERVED;
    }
    return {
      competencyId: rating.competencyId,
      title: competency?.title ?? rating.competencyId,
      step,
      note: rating.note,
    };
  });
  const evaluation = evaluateProgress({ ladder, track: track.id, ratings: usable, evidenceCounts });
  return { assessment, demonstrated: evaluation.demonstrated, ratings };
}
