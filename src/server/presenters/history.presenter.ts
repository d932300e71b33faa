import type { HistoryEntry as CoreHistoryEntry } from '../../services/history.service.js';
import type { Page } from '../../services/paging.js';
import type { History, HistoryEntry } from '../api-contract.js';
import { presentPage } from './page.presenter.js';

/** A page of assessments, newest first, each in the words of the ladder version it was made with. */
export function presentHistory(page: Page<CoreHistoryEntry>): History {
  return presentPage(page, presentHistoryEntry);
}

function presentHistoryEntry(entry: CoreHistoryEntry): HistoryEntry {
  const { assessment } = entry;
  return {
    assessmentId: assessment.id,
    kind: assessment.kind,
    createdAt: assessment.createdAt,
    ladderHash: assessment.ladderHash,
    trackId: assessment.trackId,
    demonstrated: entry.demonstrated === null ? null : { id: entry.demonstrated.id, title: entry.demonstrated.title },
    ratings: entry.ratings.map((r) => ({
      competencyId: r.competencyId,
      title: r.title,
      level: r.step === null ? null : { id: r.step.id, title: r.step.title },
      index: r.step === null ? null : r.step.index,
      note: r.note,
    })),
  };
}
