import type { ReportSummary } from '../../services/team.service.js';
import type { Report } from '../api-contract.js';
import { presentPerson } from './person.presenter.js';

/** One line of a team page: the person, and where they stand toward their next level. */
export function presentReport({ person, depth, progress }: ReportSummary): Report {
  const { demonstrated, next, levels } = progress.evaluation;
  const nextLevel = next === null ? undefined : levels.find((l) => l.level.id === next.id);
  return {
    person: presentPerson(person),
    depth,
    assessedAt: progress.assessedAt,
    demonstrated: demonstrated === null ? null : { id: demonstrated.id, title: demonstrated.title },
    next: next === null ? null : { id: next.id, title: next.title },
    readiness: nextLevel?.readiness ?? null,
  };
}
