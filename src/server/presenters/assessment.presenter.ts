import type { AssessmentRecord } from '../../store/assessment.repository.js';
import type { Assessment } from '../api-contract.js';

/** An assessment with every rating as recorded, against the ladder version it names. */
export function presentAssessment(assessment: AssessmentRecord): Assessment {
  return {
    id: assessment.id,
    personId: assessment.personId,
    assessorId: assessment.assessorId,
    kind: assessment.kind,
    ladderId: assessment.ladderId,
    ladderHash: assessment.ladderHash,
    trackId: assessment.trackId,
    createdAt: assessment.createdAt,
    note: assessment.note,
    ratings: assessment.ratings.map((r) => ({ competencyId: r.competencyId, rating: r.rating, note: r.note })),
  };
}
