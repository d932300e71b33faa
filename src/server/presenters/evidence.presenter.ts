import type { Evidence as EvidenceRecord } from '../../services/evidence.service.js';
import type { Evidence } from '../api-contract.js';

/** A piece of evidence as the API shows it; competency ids are today's (renames followed). */
export function presentEvidence(evidence: EvidenceRecord): Evidence {
  return {
    id: evidence.id,
    personId: evidence.personId,
    date: evidence.date,
    title: evidence.title,
    body: evidence.body,
    kind: evidence.kind,
    links: [...evidence.links],
    visibility: evidence.visibility,
    sharedWith: evidence.sharedWith.map((person) => ({ id: person.id, name: person.name })),
    competencyIds: [...evidence.competencyIds],
    ladderId: evidence.ladderId,
    ladderHash: evidence.ladderHash,
    createdAt: evidence.createdAt,
    updatedAt: evidence.updatedAt,
  };
}
