import type { Kysely } from 'kysely';
import type { Ladder } from '../core/ladder.js';
import { countDirectReports, findReportTreePage } from '../store/organisation.repository.js';
import type { EvidenceViewer } from '../store/evidence.repository.js';
import type { Database, PersonRow } from '../store/schema.js';
import { readPage, type Page, type PageRequest } from './paging.js';
import { getProgress, type ProgressReport } from './progress.service.js';

/** The kind tag of team-page cursors. */
const REPORT_PAGES = 'reports';

/** Whose reports a team page lists: the manager's own, or everyone beneath them. */
export type ReportScope = 'direct' | 'all';

/** One report on a manager's team page: who, how far down, and where they stand. */
export interface ReportSummary {
  person: PersonRow;
  /** 1 for a direct report, 2 for a report's report, and so on. */
  depth: number;
  /** Their progress as the reader sees it: evidence counted only where it is shared with the reader. */
  progress: ProgressReport;
}

/**
 * A page of the people who report to a manager, directly or (scope `all`) at
 * any depth, nearest first and by name: each with their demonstrated level,
 * the readiness for the next one and when they were last assessed. The tree
 * is one recursive query; deactivated people are left out. Progress is
 * worked out for the page only, so a page costs its own size whatever the
 * size of the tree; `viewer` says which of the reports' evidence the
 * reader may count (the policy's reportEvidenceViewer).
 *
 * @throws DomainError `input_invalid` naming `limit` or `cursor`.
 */
export async function listReports(
  db: Kysely<Database>,
  ladder: Ladder,
  managerId: string,
  viewer: EvidenceViewer,
  request: PageRequest & { scope?: ReportScope } = {},
): Promise<Page<ReportSummary>> {
  const keyOf = (row: { depth: number; nameKey: string | null; id: string }) =>
    [String(row.depth).padStart(3, '0'), row.nameKey ?? '', row.id] as const;
  const page = await readPage(
    REPORT_PAGES,
    request,
    3,
    (after, limit) =>
      findReportTreePage(db, managerId, {
        ...(request.scope === 'all' ? {} : { maxDepth: 1 }),
        ...(after === undefined ? {} : { after: [Number(after[0]), after[1], after[2]] as const }),
        limit,
      }),
    keyOf,
  );
  const items = await Promise.all(
    page.items.map(async ({ depth, ...person }) => ({
      person,
      depth,
      progress: await getProgress(db, ladder, person.id, { evidenceViewer: viewer }),
    })),
  );
  return { ...page, items };
}

/** How many active people report to this person directly: whether they have a team page to open. */
export async function countReports(db: Kysely<Database>, managerId: string): Promise<number> {
  return (await countDirectReports(db, [managerId])).get(managerId) ?? 0;
}
